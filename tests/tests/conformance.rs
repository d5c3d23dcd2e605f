//! The conformance suite (`linmux_testkit::conformance`: every operation,
//! all four scalar types, random shapes and layouts, against the testkit's
//! references) on every required backend through the engine, with
//! provenance checked: each call reached the backend exactly when it
//! should. Then what only the engine does: `iamax` of an empty vector, and
//! canonical vectors that agree across backends.

use linmux::{EigJob, Mat, Scalar, SvdJob, Uplo, VecRef, c32, c64};
use linmux_conformance::{EngineSubject, engines};
use linmux_testkit::conformance::{self, Family};
use linmux_testkit::{Rng, data, tol};

fn run(family: Family) {
    for e in &engines() {
        conformance::assert(&EngineSubject::new(e), family);
    }
}

linmux_testkit::conformance_tests!(run);

/// The engine answers `None` where the `Ops` surface has no index to give.
#[test]
fn iamax_of_an_empty_vector_is_none() {
    for e in &engines() {
        let x: [c32; 0] = [];
        assert_eq!(
            e.iamax(VecRef::from_slice(&x)),
            Ok(None),
            "{}",
            e.info().name
        );
    }
}

/// Singular values 1, 0.8, 0.6, ... (distinct: vectors are unique up to phase).
fn spread(k: usize) -> Vec<f64> {
    (0..k).map(|i| 1.0 / (1.0 + 0.25 * i as f64)).collect()
}

fn rng(seed: u64) -> Rng {
    Rng::new(seed)
}

/// A backend's name with its U, Vᴴ and eigenvectors.
type Factors<T> = (String, Mat<T>, Mat<T>, Mat<T>);

/// Canonical forms make vectors from different backends directly comparable.
#[test]
fn canonical_vectors_agree_across_backends() {
    fn run<T: Scalar>(seed: u64) {
        let mut rng = rng(seed);
        let (m, n) = (7, 5);
        let a = data::random_with_singular_values::<T>(&mut rng, m, n, &spread(n));
        let w_ref: Vec<f64> = (0..n).map(|i| -1.0 + 0.5 * i as f64).collect();
        let h = data::random_hermitian_with_eigenvalues::<T>(&mut rng, &w_ref);
        let mut first: Option<Factors<T>> = None;
        for e in &engines() {
            let mut work = a.clone();
            let mut s = vec![T::zero().re(); n];
            let (mut u, mut vt) = (Mat::<T>::zeros(m, n), Mat::<T>::zeros(n, n));
            e.gesdd(
                SvdJob::Thin,
                work.as_mut(),
                &mut s,
                Some(u.as_mut()),
                Some(vt.as_mut()),
            )
            .unwrap();
            let mut v = h.clone();
            let mut w = vec![T::zero().re(); n];
            e.heevd(EigJob::Vectors, Uplo::Lower, v.as_mut(), &mut w)
                .unwrap();
            match &first {
                None => first = Some((e.info().name.clone(), u, vt, v)),
                Some((name, u0, vt0, v0)) => {
                    // Gaps are ≥ 0.2 (σ) and 0.5 (λ): vectors agree to c·n·ε/gap.
                    let bound = tol::factor_factor::<T>(n) / 0.2;
                    for (what, x, y) in [("U", &u, u0), ("Vᴴ", &vt, vt0), ("eigenvectors", &v, v0)]
                    {
                        let worst = x
                            .as_slice()
                            .iter()
                            .zip(y.as_slice())
                            .map(|(p, q)| (p.to_c64() - q.to_c64()).norm())
                            .fold(0.0, f64::max);
                        assert!(
                            worst <= bound,
                            "{} vs {name} ({}): {what} differ by {worst:e} > {bound:e}",
                            e.info().name,
                            T::KIND.name()
                        );
                    }
                }
            }
        }
    }
    for seed in 0..4 {
        run::<f32>(seed);
        run::<f64>(seed);
        run::<c32>(seed);
        run::<c64>(seed);
    }
}
