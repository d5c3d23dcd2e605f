//! Matrices near the overflow and underflow thresholds in the iterative
//! LAPACK routines (`gesdd`, `heevd`, `geev`). faer's solvers do not scale
//! their input; before `eig.rs` scaled it as LAPACK does, such matrices were
//! `NoConvergence` (107 of the random-call driver's 20 000 calls on faer)
//! where every vendor converged. Each case decomposes `s·A` for a
//! well-scaled `A` with known values and checks that the values are `s`
//! times `A`'s, to `50·n·ε` relative to the largest (plus the rounding of
//! subnormal entries).

use linmux_core::{EigJob, Mat, Ops, RealScalar, Scalar, SvdJob, Uplo, c64};
use linmux_testkit::{Rng, data};

use super::{backend, for_all_types};
use crate::elem::Elem;

/// Scales near either threshold of `T`, where squares under- or overflow,
/// and one that makes the entries subnormal (as the driver's "tiny" data).
fn scales<T: Scalar>() -> [f64; 5] {
    if single::<T>() {
        [5e37, 1e25, 1e-25, 3e-35, 1e-41]
    } else {
        [1e300, 1e200, 1e-200, 3e-300, 1e-310]
    }
}

fn single<T: Scalar>() -> bool {
    T::eps().to_f64() > 1e-10
}

/// The spacing of `T`'s subnormals: entries of `s·A` are rounded to it.
fn quantum<T: Scalar>() -> f64 {
    if single::<T>() {
        f64::from(f32::from_bits(1))
    } else {
        f64::from_bits(1)
    }
}

fn scaled<T: Scalar>(a: &Mat<T>, s: f64) -> Mat<T> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
        T::from_c64(a[(i, j)].to_c64() * s)
    })
}

/// `got / s` matches `want` to `50·n·(ε·max|want| + q/s)`, where `q` is
/// the subnormal spacing (the rounding of subnormal entries).
#[track_caller]
fn assert_values<T: Scalar>(got: &[f64], want: &[f64], s: f64, what: &str) {
    let n = want.len() as f64;
    let top = want.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    let tol = 50.0 * n * (T::eps().to_f64() * top + quantum::<T>() / s);
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        let err = (g / s - w).abs();
        assert!(
            err <= tol,
            "{what}: value {i} is {g:e}, expected {:e} (error {err:e})",
            w * s
        );
    }
}

fn svd_of_scaled<T: Elem>() {
    let be = backend();
    let (m, n) = (9, 6);
    let sv = [4.0, 3.0, 2.0, 1.5, 1.0, 0.5];
    let a: Mat<T> = data::random_with_singular_values(&mut Rng::new(71), m, n, &sv);
    for s in scales::<T>() {
        for job in [SvdJob::ValuesOnly, SvdJob::Thin] {
            let mut x = scaled(&a, s);
            let mut got = vec![<T as Scalar>::Real::default(); n];
            let mut u = Mat::<T>::zeros(m, n);
            let mut vt = Mat::<T>::zeros(n, n);
            let (u, vt) = match job {
                SvdJob::ValuesOnly => (None, None),
                _ => (Some(u.as_mut()), Some(vt.as_mut())),
            };
            Ops::<T>::gesdd(&be, job, x.as_mut(), &mut got, u, vt)
                .unwrap_or_else(|e| panic!("gesdd {job:?} of {s:e}·A: {e}"));
            let got: Vec<f64> = got.iter().map(|x| x.to_f64()).collect();
            assert_values::<T>(&got, &sv, s, &format!("gesdd {s:e}·A"));
        }
    }
}

fn eigh_of_scaled<T: Elem>() {
    let be = backend();
    let w = [-3.0, -1.0, 0.5, 1.0, 2.0, 3.5, 4.0];
    let n = w.len();
    let a: Mat<T> = data::random_hermitian_with_eigenvalues(&mut Rng::new(72), &w);
    for s in scales::<T>() {
        for job in [EigJob::ValuesOnly, EigJob::Vectors] {
            let mut x = scaled(&a, s);
            let mut got = vec![<T as Scalar>::Real::default(); n];
            Ops::<T>::heevd(&be, job, Uplo::Lower, x.as_mut(), &mut got)
                .unwrap_or_else(|e| panic!("heevd {job:?} of {s:e}·A: {e}"));
            let got: Vec<f64> = got.iter().map(|x| x.to_f64()).collect();
            assert_values::<T>(&got, &w, s, &format!("heevd {s:e}·A"));
        }
    }
}

fn eig_of_scaled<T: Elem>() {
    let be = backend();
    // Upper triangular: the eigenvalues are the diagonal, 1/n … 1.
    let n = 7;
    let mut rng = Rng::new(73);
    let a = Mat::<T>::from_fn(n, n, |i, j| match i.cmp(&j) {
        std::cmp::Ordering::Equal => T::from_c64(c64::new((i + 1) as f64 / n as f64, 0.0)),
        std::cmp::Ordering::Less => data::random_scalar(&mut rng),
        std::cmp::Ordering::Greater => T::zero(),
    });
    let want: Vec<f64> = (1..=n).map(|k| k as f64 / n as f64).collect();
    for s in scales::<T>() {
        let mut x = scaled(&a, s);
        let mut w = vec![<T as Scalar>::Complex::default(); n];
        Ops::<T>::geev(&be, x.as_mut(), &mut w, None, None)
            .unwrap_or_else(|e| panic!("geev of {s:e}·A: {e}"));
        let mut got: Vec<f64> = w.iter().map(|z| z.to_c64().re).collect();
        got.sort_by(f64::total_cmp);
        assert_values::<T>(&got, &want, s, &format!("geev {s:e}·A"));
    }
}

for_all_types! {
    svd_scaled => svd_of_scaled,
    eigh_scaled => eigh_of_scaled,
    eig_scaled => eig_of_scaled,
}
