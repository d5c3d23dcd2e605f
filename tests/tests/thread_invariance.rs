//! Thread invariance: on every required backend, results computed with one
//! thread and with every core agree within the contract's bounds, at sizes
//! past the vendors' threading thresholds (OpenBLAS threads `gemm` from
//! about 64³, its `getrf`/`potrf` and MKL's LAPACK from a few hundred).
//! Each run also passes the testkit's own checks, so a thread count that
//! gave wrong results on its own would be caught too.
//!
//! Its own test binary: the thread count is process-wide on most vendors.

use linmux::threads;
use linmux::{EigJob, Engine, Mat, RealScalar, Scalar, SvdJob, Trans, Uplo, c32, c64};
use linmux_conformance::required_engines;
use linmux_testkit::{Rng, check, data, tol};

/// Sizes past the vendors' threading thresholds (OpenBLAS's threaded
/// `getrf` starts near n = 100, as its stack use showed).
const GEMM: usize = 256;
const FACTOR: usize = 200;
const SPECTRAL: usize = 120;

struct Results<T: Scalar> {
    gemm: Mat<T>,
    lu: Mat<T>,
    chol: Mat<T>,
    s: Vec<f64>,
    w: Vec<f64>,
}

fn frob<T: Scalar>(a: &Mat<T>) -> f64 {
    a.as_slice()
        .iter()
        .map(|x| x.to_c64().norm_sqr())
        .sum::<f64>()
        .sqrt()
}

fn compute<T: Scalar>(e: &Engine, a: &Mat<T>, b: &Mat<T>, h: &Mat<T>) -> Results<T> {
    let name = &e.info().name;
    let mut gemm = Mat::<T>::zeros(GEMM, GEMM);
    e.gemm(
        Trans::No,
        Trans::No,
        T::one(),
        a.as_ref(),
        b.as_ref(),
        T::zero(),
        gemm.as_mut(),
    )
    .unwrap();

    let f = Mat::from_fn(FACTOR, FACTOR, |i, j| a[(i, j)]);
    let mut lu = f.clone();
    let mut ipiv = vec![0; FACTOR];
    e.getrf(lu.as_mut(), &mut ipiv).unwrap();
    check::getrf(f.as_ref(), lu.as_ref(), &ipiv).unwrap_or_else(|m| panic!("[{name}] {m}"));

    let mut chol = h.clone();
    e.potrf(Uplo::Lower, chol.as_mut()).unwrap();
    check::potrf(Uplo::Lower, h.as_ref(), chol.as_ref()).unwrap_or_else(|m| panic!("[{name}] {m}"));

    let g = Mat::from_fn(SPECTRAL, SPECTRAL, |i, j| a[(i, j)]);
    let mut work = g.clone();
    let mut s = vec![T::zero().re(); SPECTRAL];
    e.gesdd(SvdJob::ValuesOnly, work.as_mut(), &mut s, None, None)
        .unwrap();
    check::gesdd(SvdJob::ValuesOnly, g.as_ref(), &s, None, None, None)
        .unwrap_or_else(|m| panic!("[{name}] {m}"));

    let hs = Mat::from_fn(SPECTRAL, SPECTRAL, |i, j| h[(i, j)]);
    let mut work = hs.clone();
    let mut w = vec![T::zero().re(); SPECTRAL];
    e.heevd(EigJob::ValuesOnly, Uplo::Lower, work.as_mut(), &mut w)
        .unwrap();
    check::heevd(Uplo::Lower, hs.as_ref(), &w, None, None)
        .unwrap_or_else(|m| panic!("[{name}] {m}"));

    let reals = |v: &[T::Real]| v.iter().map(|x| T::from_real(*x).to_c64().re).collect();
    Results {
        gemm,
        lu,
        chol,
        s: reals(&s),
        w: reals(&w),
    }
}

#[track_caller]
fn within(what: &str, name: &str, diff: f64, bound: f64) {
    assert!(
        diff <= bound,
        "[{name}] {what}: 1 thread vs all cores differ by {diff:e} > {bound:e}"
    );
}

fn run<T: Scalar>(e: &Engine, seed: u64) {
    let name = format!("{} {}", e.info().name, T::KIND.name());
    let mut rng = Rng::new(seed);
    let a = data::random_mat::<T>(&mut rng, GEMM, GEMM);
    let b = data::random_mat::<T>(&mut rng, GEMM, GEMM);
    // Hermitian, diagonally dominant: positive definite, cheap to make.
    let off = data::random_mat::<T>(&mut rng, FACTOR, FACTOR);
    let h = Mat::<T>::from_fn(FACTOR, FACTOR, |i, j| match i.cmp(&j) {
        std::cmp::Ordering::Greater => off[(i, j)],
        std::cmp::Ordering::Less => off[(j, i)].conj(),
        std::cmp::Ordering::Equal => {
            T::from_real(<T::Real as RealScalar>::from_f64(2.0 * FACTOR as f64))
        }
    });
    let many = compute(e, &a, &b, &h);
    let one = {
        let _one = threads::limit(1).unwrap();
        compute(e, &a, &b, &h)
    };
    // gemm: each result is within blas_factor(k)·(|A|·|B|)ᵢⱼ of the exact
    // one, so two within twice that; |A|·|B| ≤ k·max|a|·max|b| = k·2 here
    // (entries of modulus ≤ √2).
    let bound = 2.0 * tol::blas_factor::<T>(GEMM) * (GEMM as f64) * 2.0;
    let d = one
        .gemm
        .as_slice()
        .iter()
        .zip(many.gemm.as_slice())
        .map(|(x, y)| (x.to_c64() - y.to_c64()).norm())
        .fold(0.0, f64::max);
    within("gemm", &name, d, bound);
    // Factors: the same pivots on random data; factors within twice the
    // residual scale (κ of the data is modest).
    for (what, x, y, scale) in [
        ("getrf", &one.lu, &many.lu, frob(&a)),
        ("potrf", &one.chol, &many.chol, frob(&h)),
    ] {
        let d = x
            .as_slice()
            .iter()
            .zip(y.as_slice())
            .map(|(p, q)| (p.to_c64() - q.to_c64()).norm())
            .fold(0.0, f64::max);
        within(
            what,
            &name,
            d,
            2.0 * 1e3 * tol::factor_factor::<T>(FACTOR) * scale,
        );
    }
    // Values: each within 30·n·ε·‖A‖_F of the exact ones (Weyl), so twice.
    let g = Mat::from_fn(SPECTRAL, SPECTRAL, |i, j| a[(i, j)]);
    let hs = Mat::from_fn(SPECTRAL, SPECTRAL, |i, j| h[(i, j)]);
    for (what, x, y, scale) in [
        ("gesdd", &one.s, &many.s, frob(&g)),
        ("heevd", &one.w, &many.w, frob(&hs)),
    ] {
        let d = x
            .iter()
            .zip(y)
            .map(|(p, q)| (p - q).abs())
            .fold(0.0, f64::max);
        within(
            what,
            &name,
            d,
            2.0 * 30.0 * SPECTRAL as f64 * T::eps().to_f64() * scale,
        );
    }
}

#[test]
fn one_thread_and_all_cores_agree() {
    let cores = std::thread::available_parallelism()
        .map_or(2, usize::from)
        .max(2);
    threads::set(cores).unwrap();
    for e in required_engines() {
        run::<f32>(&e, 1);
        run::<f64>(&e, 2);
        run::<c32>(&e, 3);
        run::<c64>(&e, 4);
    }
}
