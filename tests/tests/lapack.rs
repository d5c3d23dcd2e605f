//! Every LAPACK operation, all four scalar types, random shapes and layouts,
//! on every required backend: residual and orthogonality bounds from the
//! testkit, numerical failures with LAPACK's index, and canonical singular
//! vectors / eigenvectors that agree across backends directly.

use linmux::{EigJob, Engine, Error, Mat, Routine, Scalar, SvdJob, Trans, Uplo, c32, c64};
use linmux_conformance::{Check, call, check, config, engines, rng};
use linmux_testkit::strategies::{layout, seed, trans, uplo};
use linmux_testkit::{Layout, TestMat, check as ck, data, tol};
use proptest::prelude::*;

macro_rules! for_all {
    ($f:ident($($arg:expr),*)) => {{
        for e in &engines() {
            $f::<f32>(e, $($arg),*)?;
            $f::<f64>(e, $($arg),*)?;
            $f::<c32>(e, $($arg),*)?;
            $f::<c64>(e, $($arg),*)?;
        }
    }};
}

fn fail(e: Error) -> TestCaseError {
    TestCaseError::fail(format!("unexpected error: {e}"))
}

/// The adjoint flag legal for `gels` on `T` when `t` asks for a transpose.
fn gels_trans<T: Scalar>(t: Trans) -> Trans {
    match t {
        Trans::No => Trans::No,
        _ if T::IS_COMPLEX => Trans::ConjTrans,
        _ => Trans::Trans,
    }
}

fn lu<T: Scalar>(
    e: &Engine,
    (m, n, la, lb): (usize, usize, Layout, Layout),
    t: Trans,
    nrhs: usize,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let a = data::random_well_conditioned::<T>(&mut rng, m, n);
    let mut f = TestMat::from_mat(&a, la);
    let mut ipiv = vec![usize::MAX; m.min(n)];
    call::<T>(e, Routine::Getrf, m > 0 && n > 0, || {
        e.getrf(f.as_mut(), &mut ipiv).map_err(fail)?;
        check::<T>(e, f.check_padding())?;
        check::<T>(e, ck::getrf(a.as_ref(), f.as_ref(), &ipiv))
    })?;
    if m != n {
        return Ok(());
    }
    let b = data::random_mat::<T>(&mut rng, n, nrhs);
    let mut x = TestMat::from_mat(&b, lb);
    call::<T>(e, Routine::Getrs, n > 0 && nrhs > 0, || {
        e.getrs(t, f.as_ref(), &ipiv, x.as_mut()).map_err(fail)?;
        check::<T>(e, x.check_padding())?;
        check::<T>(e, ck::getrs(t, a.as_ref(), x.as_ref(), b.as_ref()))
    })?;
    call::<T>(e, Routine::Getri, n > 0, || {
        e.getri(f.as_mut(), &ipiv).map_err(fail)?;
        check::<T>(e, f.check_padding())?;
        check::<T>(e, ck::getri(a.as_ref(), f.as_ref()))
    })
}

fn cholesky<T: Scalar>(
    e: &Engine,
    (n, la, lb): (usize, Layout, Layout),
    uplo: Uplo,
    nrhs: usize,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let a = data::random_hpd::<T>(&mut rng, n);
    let mut f = TestMat::from_mat(&a, la);
    call::<T>(e, Routine::Potrf, n > 0, || {
        e.potrf(uplo, f.as_mut()).map_err(fail)?;
        check::<T>(e, f.check_padding())?;
        check::<T>(e, ck::potrf(uplo, a.as_ref(), f.as_ref()))
    })?;
    let b = data::random_mat::<T>(&mut rng, n, nrhs);
    let mut x = TestMat::from_mat(&b, lb);
    call::<T>(e, Routine::Potrs, n > 0 && nrhs > 0, || {
        e.potrs(uplo, f.as_ref(), x.as_mut()).map_err(fail)?;
        check::<T>(e, ck::potrs(uplo, a.as_ref(), x.as_ref(), b.as_ref()))
    })
}

fn qr<T: Scalar>(e: &Engine, (m, n, la): (usize, usize, Layout), seed: u64) -> Check {
    let mut rng = rng(seed);
    let a = data::random_mat::<T>(&mut rng, m, n);
    let mut f = TestMat::from_mat(&a, la);
    let mut tau = vec![data::nan::<T>(); m.min(n)];
    call::<T>(e, Routine::Geqrf, m > 0 && n > 0, || {
        e.geqrf(f.as_mut(), &mut tau).map_err(fail)?;
        check::<T>(e, f.check_padding())?;
        check::<T>(e, ck::geqrf(a.as_ref(), f.as_ref(), &tau))
    })?;
    if m >= n {
        let mut q = f.clone();
        call::<T>(e, Routine::Ungqr, n > 0 && !tau.is_empty(), || {
            e.ungqr(q.as_mut(), &tau).map_err(fail)?;
            check::<T>(e, q.check_padding())?;
            check::<T>(e, ck::ungqr(f.as_ref(), &tau, q.as_ref()))
        })?;
    }
    Ok(())
}

/// Singular values 1, 0.8, 0.6, ... (distinct: vectors are unique up to phase).
fn spread(k: usize) -> Vec<f64> {
    (0..k).map(|i| 1.0 / (1.0 + 0.25 * i as f64)).collect()
}

fn svd<T: Scalar>(e: &Engine, (m, n, la): (usize, usize, Layout), job: SvdJob, seed: u64) -> Check {
    let mut rng = rng(seed);
    let k = m.min(n);
    let s_ref = spread(k);
    let a = data::random_with_singular_values::<T>(&mut rng, m, n, &s_ref);
    let mut work = TestMat::from_mat(&a, la);
    let zero = T::zero().re();
    let mut s = vec![zero; k];
    let (us, vs) = match job {
        SvdJob::Full => ((m, m), (n, n)),
        _ => ((m, k), (k, n)),
    };
    let mut u = TestMat::<T>::dirty(us.0, us.1, la);
    let mut vt = TestMat::<T>::dirty(vs.0, vs.1, la);
    let vectors = job != SvdJob::ValuesOnly;
    call::<T>(e, Routine::Gesdd, k > 0, || {
        if vectors {
            e.gesdd(
                job,
                work.as_mut(),
                &mut s,
                Some(u.as_mut()),
                Some(vt.as_mut()),
            )
            .map_err(fail)?;
            check::<T>(e, u.check_padding())?;
            check::<T>(e, vt.check_padding())?;
            check::<T>(
                e,
                ck::gesdd(
                    job,
                    a.as_ref(),
                    &s,
                    Some(u.as_ref()),
                    Some(vt.as_ref()),
                    Some(&s_ref),
                ),
            )
        } else {
            e.gesdd(job, work.as_mut(), &mut s, None, None)
                .map_err(fail)?;
            check::<T>(e, ck::gesdd(job, a.as_ref(), &s, None, None, Some(&s_ref)))
        }
    })
}

fn eigh<T: Scalar>(
    e: &Engine,
    (n, la): (usize, Layout),
    uplo: Uplo,
    vectors: bool,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let w_ref: Vec<f64> = (0..n).map(|i| -1.0 + 0.5 * i as f64).collect();
    let mut a = data::random_hermitian_with_eigenvalues::<T>(&mut rng, &w_ref);
    data::poison_unreferenced(&mut a, uplo, linmux::Diag::NonUnit, data::nan::<T>());
    let mut v = TestMat::from_mat(&a, la);
    let mut w = vec![T::zero().re(); n];
    let job = if vectors {
        EigJob::Vectors
    } else {
        EigJob::ValuesOnly
    };
    call::<T>(e, Routine::Heevd, n > 0, || {
        e.heevd(job, uplo, v.as_mut(), &mut w).map_err(fail)?;
        check::<T>(e, v.check_padding())?;
        check::<T>(
            e,
            ck::heevd(
                uplo,
                a.as_ref(),
                &w,
                vectors.then(|| v.as_ref()),
                Some(&w_ref),
            ),
        )
    })
}

fn eig<T: Scalar>(
    e: &Engine,
    (n, la): (usize, Layout),
    (left, right): (bool, bool),
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let a = data::random_mat::<T>(&mut rng, n, n);
    let mut work = TestMat::from_mat(&a, la);
    let nanc = data::nan::<T::Complex>();
    let mut w = vec![nanc; n];
    let mut vl = Mat::<T::Complex>::from_fn(n, n, |_, _| nanc);
    let mut vr = vl.clone();
    call::<T>(e, Routine::Geev, n > 0, || {
        e.geev(
            work.as_mut(),
            &mut w,
            left.then(|| vl.as_mut()),
            right.then(|| vr.as_mut()),
        )
        .map_err(fail)?;
        check::<T>(
            e,
            ck::geev(
                a.as_ref(),
                &w,
                left.then(|| vl.as_ref()),
                right.then(|| vr.as_ref()),
            ),
        )
    })
}

fn least_squares<T: Scalar>(
    e: &Engine,
    (m, n, la, lb): (usize, usize, Layout, Layout),
    t: Trans,
    nrhs: usize,
    seed: u64,
) -> Check {
    let mut rng = rng(seed);
    let t = gels_trans::<T>(t);
    let a = data::random_well_conditioned::<T>(&mut rng, m, n);
    let rows = if t == Trans::No { m } else { n };
    let b = data::random_mat::<T>(&mut rng, rows, nrhs);
    let mut work = TestMat::from_mat(&a, la);
    let mut bx = TestMat::from_mat(
        &Mat::from_fn(
            m.max(n),
            nrhs,
            |i, j| if i < rows { b[(i, j)] } else { T::zero() },
        ),
        lb,
    );
    call::<T>(e, Routine::Gels, m > 0 && n > 0 && nrhs > 0, || {
        e.gels(t, work.as_mut(), bx.as_mut()).map_err(fail)?;
        check::<T>(e, bx.check_padding())?;
        let xrows = if t == Trans::No { n } else { m };
        let x = bx.to_mat();
        let x = x.as_ref().submatrix(0, 0, xrows, nrhs);
        check::<T>(e, ck::gels(t, a.as_ref(), x, b.as_ref()))
    })
}

fn dims() -> impl Strategy<Value = (usize, usize, Layout, Layout)> {
    (
        linmux_testkit::strategies::dim(),
        linmux_testkit::strategies::dim(),
        layout(),
        layout(),
    )
}

fn square() -> impl Strategy<Value = (usize, Layout)> {
    linmux_testkit::strategies::square_dims()
}

fn svd_job() -> impl Strategy<Value = SvdJob> {
    prop::sample::select(vec![SvdJob::ValuesOnly, SvdJob::Thin, SvdJob::Full])
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn lu_family(d in dims(), t in trans(), nrhs in 0usize..=3, seed in seed()) {
        for_all!(lu(d, t, nrhs, seed));
        // Square cases exercise getrs/getri too.
        for_all!(lu((d.0, d.0, d.2, d.3), t, nrhs, seed));
    }

    #[test]
    fn cholesky_family(d in (linmux_testkit::strategies::dim(), layout(), layout()), u in uplo(), nrhs in 0usize..=3, seed in seed()) {
        for_all!(cholesky(d, u, nrhs, seed));
    }

    #[test]
    fn qr_family(d in linmux_testkit::strategies::mat_dims(), seed in seed()) {
        for_all!(qr(d, seed));
    }

    #[test]
    fn svd_all_jobs(d in linmux_testkit::strategies::mat_dims(), job in svd_job(), seed in seed()) {
        for_all!(svd(d, job, seed));
    }

    #[test]
    fn hermitian_eigen(d in square(), u in uplo(), vectors in any::<bool>(), seed in seed()) {
        for_all!(eigh(d, u, vectors, seed));
    }

    #[test]
    fn general_eigen(d in square(), lr in any::<(bool, bool)>(), seed in seed()) {
        for_all!(eig(d, lr, seed));
    }

    #[test]
    fn least_squares_full_rank(d in dims(), t in trans(), nrhs in 0usize..=3, seed in seed()) {
        for_all!(least_squares(d, t, nrhs, seed));
    }
}

/// Numerical failures carry LAPACK's (1-based) index on every backend.
#[test]
fn numerical_failures_carry_lapack_indices() {
    for e in &engines() {
        // Leading minor of order 2 is not positive definite.
        let mut a = Mat::from_rows(&[[4.0f64, 2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 1.0]]);
        assert_eq!(
            e.potrf(Uplo::Lower, a.as_mut()),
            Err(Error::NotPositiveDefinite { minor: 2 }),
            "{}",
            e.info().name
        );
        let mut a = Mat::from_rows(&[[1.0f64, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]);
        let mut ipiv = [0; 3];
        match e.getrf(a.as_mut(), &mut ipiv) {
            Err(Error::Singular { pivot }) => {
                assert!((1..=3).contains(&pivot), "{}", e.info().name)
            }
            other => panic!("{}: expected Singular, got {other:?}", e.info().name),
        }
        let mut z = Mat::<c64>::zeros(2, 2);
        let mut ipiv = [0; 2];
        assert_eq!(
            e.getrf(z.as_mut(), &mut ipiv),
            Err(Error::Singular { pivot: 1 }),
            "{}",
            e.info().name
        );
    }
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
