//! The conformance suite (`linmux_testkit::conformance`: every operation,
//! all four scalar types, random shapes and layouts, against the testkit's
//! references) on every required backend through the engine, with
//! provenance checked: each call reached the backend exactly when it
//! should. Then what only the engine does: `iamax` of an empty vector, and
//! canonical vectors that agree across backends.

use linmux::{EigJob, Mat, Scalar, SvdJob, Uplo, VecRef, c32, c64};
use linmux_conformance::{EngineSubject, engines};
use linmux_testkit::conformance::{self, Family};
use linmux_testkit::{Rng, data, ledger, tol};

/// Runs `family` on every required engine, then compares every pair of
/// backends on every comparison the family made (the same cases, in the same
/// order: the seeds are fixed) within twice the bound, and writes the
/// family's error table (largest error / bound per operation and backend,
/// and the most different pair) to `$CARGO_TARGET_TMPDIR/contract/`.
fn run(family: Family) {
    let runs: Vec<(String, Vec<ledger::Entry>)> = engines()
        .iter()
        .map(|e| {
            let ((), entries) =
                ledger::record(|| conformance::assert(&EngineSubject::new(e), family));
            (e.info().name.clone(), entries)
        })
        .collect();
    let table = ledger::compare(&runs)
        .unwrap_or_else(|e| panic!("conformance {family}, backends compared pairwise:\n{e}"));
    // The LAPACK families check residuals, which are compared per backend
    // only (tests/pairwise.rs compares their results); every BLAS family
    // compares results.
    let compares_results = runs.iter().any(|(_, entries)| {
        entries
            .iter()
            .any(|e| matches!(e.observed, ledger::Observed::Elementwise { .. }))
    });
    if runs.len() > 1 && compares_results {
        assert!(
            table.compared > 0,
            "conformance {family}: no comparison was made between backends"
        );
    }
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract");
    let text = format!(
        "{family}: {} comparisons between pairs of backends\n\n{}",
        table.compared,
        table.markdown()
    );
    println!("{text}");
    let _ = std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join(format!("{family}.md")), text));
}

linmux_testkit::conformance_tests!(run);

/// NaN and ±∞ inputs on every BLAS family (docs/contract.md, "NaN and
/// infinity"): the suite again, with one element of every generated vector
/// and matrix replaced by the non-finite value; every result element that
/// depends on it must be NaN (for NaN) or non-finite (for ±∞), every other
/// element must meet its usual bound, and nothing else may change. The
/// rotations (`rotmg` refuses non-finite input) and the LAPACK families
/// (which return `NonFinite`: tests/hostile.rs) are not in this pass.
fn non_finite(family: Family) {
    for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        for e in &engines() {
            data::with_poison(value, || {
                conformance::with_cases(4, || {
                    if let Err(err) = conformance::check(&EngineSubject::new(e), family) {
                        panic!("with a {value} input: {err}");
                    }
                });
            });
        }
    }
}

#[test]
fn non_finite_blas1() {
    non_finite(Family::Blas1);
}
#[test]
fn non_finite_blas2() {
    non_finite(Family::Blas2);
}
#[test]
fn non_finite_banded() {
    non_finite(Family::Banded);
}
#[test]
fn non_finite_packed() {
    non_finite(Family::Packed);
}
#[test]
fn non_finite_rank_updates() {
    non_finite(Family::RankUpdates);
}
#[test]
fn non_finite_gemm() {
    non_finite(Family::Gemm);
}
#[test]
fn non_finite_symmetric3() {
    non_finite(Family::Symmetric3);
}
#[test]
fn non_finite_triangular3() {
    non_finite(Family::Triangular3);
}

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

/// The engine's canonical QR (real non-negative diagonal of `R`) and `geev`
/// order (real part ascending, then imaginary part descending) make the
/// factors and eigenvalues of every backend directly comparable.
#[test]
fn canonical_qr_and_eigenvalue_order_agree_across_backends() {
    use linmux::linalg::QrMode;
    type Seen<T> = (String, Mat<T>, Mat<T>, Vec<<T as Scalar>::Complex>);
    fn run<T: Scalar>(seed: u64) {
        let mut rng = rng(seed);
        let (m, n) = (9, 5);
        let a = data::random_with_singular_values::<T>(&mut rng, m, n, &spread(n));
        // A = Q·T·Qᴴ with T upper triangular: eigenvalues known, distinct;
        // a real type gets the conjugate pair 1 ± 0.5i from a 2×2 block.
        let k = 5;
        let mut t = Mat::<T>::from_fn(k, k, |i, j| {
            if i < j {
                T::from_c64(data::random_scalar::<linmux::c64>(&mut rng) * 0.3)
            } else {
                T::zero()
            }
        });
        // Distinct real parts (the order of equal ones is decided by
        // rounding), except the real type's exact conjugate pair.
        let diag = if T::IS_COMPLEX {
            [-1.0, 0.5, 1.0, 1.5, 2.0]
        } else {
            [-1.0, 0.5, 1.0, 1.0, 2.0]
        };
        for (i, d) in diag.iter().enumerate() {
            t[(i, i)] = T::from_c64(linmux::c64::new(
                *d,
                if T::IS_COMPLEX { 0.1 * i as f64 } else { 0.0 },
            ));
        }
        if !T::IS_COMPLEX {
            t[(2, 3)] = T::from_c64(linmux::c64::new(0.5, 0.0));
            t[(3, 2)] = T::from_c64(linmux::c64::new(-0.5, 0.0));
        }
        let q = data::random_unitary::<T>(&mut rng, k);
        let qt = linmux::linalg::matmul(q.as_ref(), t.as_ref()).unwrap();
        let g = linmux::linalg::matmul(qt.as_ref(), q.as_ref().adjoint()).unwrap();
        let mut first: Option<Seen<T>> = None;
        for e in &engines() {
            let name = e.info().name.clone();
            let f = e.qr(a.as_ref(), QrMode::Reduced).unwrap();
            let (qf, r) = (f.q.unwrap(), f.r);
            for i in 0..n {
                let d = r[(i, i)].to_c64();
                assert!(
                    d.im == 0.0 && d.re >= 0.0,
                    "[{name} {}] R({i}, {i}) = {d}",
                    T::KIND.name()
                );
            }
            let w = e.eigvals(g.as_ref()).unwrap();
            for p in w.windows(2) {
                let (x, y) = (p[0].to_c64(), p[1].to_c64());
                assert!(
                    x.re < y.re || (x.re == y.re && x.im >= y.im),
                    "[{name} {}] eigenvalues out of order: {x} before {y}",
                    T::KIND.name()
                );
            }
            match &first {
                None => first = Some((name, qf, r, w)),
                Some((name0, q0, r0, w0)) => {
                    // σ gaps ≥ 0.2: Q and R agree to c·n·ε/gap.
                    let bound = tol::factor_factor::<T>(m) / 0.2;
                    let worst = |x: &[T], y: &[T]| {
                        x.iter()
                            .zip(y)
                            .map(|(p, q)| (p.to_c64() - q.to_c64()).norm())
                            .fold(0.0, f64::max)
                    };
                    for (what, d) in [
                        ("Q", worst(qf.as_slice(), q0.as_slice())),
                        ("R", worst(r.as_slice(), r0.as_slice())),
                    ] {
                        assert!(
                            d <= bound,
                            "{name} vs {name0} ({}): {what} differ by {d:e} > {bound:e}",
                            T::KIND.name()
                        );
                    }
                    // Eigenvalues of a mildly non-normal T (‖offdiag‖ ≤ 0.3·k).
                    let wb = 100.0 * tol::factor_factor::<T>(k);
                    let dw = w
                        .iter()
                        .zip(w0)
                        .map(|(x, y)| (x.to_c64() - y.to_c64()).norm())
                        .fold(0.0, f64::max);
                    assert!(
                        dw <= wb,
                        "{name} vs {name0} ({}): eigenvalues differ by {dw:e} > {wb:e}",
                        T::KIND.name()
                    );
                }
            }
        }
    }
    for seed in 0..3 {
        run::<f32>(seed);
        run::<f64>(seed);
        run::<c32>(seed);
        run::<c64>(seed);
    }
}
