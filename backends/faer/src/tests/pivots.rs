//! Tiny, huge and rank-deficient pivots (issue 7, "faer pivots").
//!
//! For a complex pivot `z`, `1/z` computed as `z̄/|z|²` underflows `|z|²` to
//! zero below `|z| ≈ √min_positive` (≈ 1e-19 for `c32`, 1e-154 for `c64`) and
//! overflows it above `√max` (≈ 1e19, 1e154): the factors became NaN, or `L`
//! and the Householder vectors zero. Every case here checks that each output
//! is finite for finite input and passes the testkit's `getrf`, `geqrf` and
//! `ungqr` checkers (residual and orthogonality bounds computed in `c64`).
//! The real types never had the bug; they run the same cases as a guard.

use linmux_core::{Error, Mat, MatRef, Ops, RealScalar, Scalar, c64};
use linmux_testkit::check;

use linmux_testkit::Rng;
use linmux_testkit::data::random_scalar;

use super::{backend, for_all_types};
use crate::elem::Elem;

/// The column of the reproduction.
const REPRO_COL: [(f64, f64); 5] = [
    (0.75, -0.25),
    (0.5, 0.25),
    (0.25, 0.75),
    (0.0, 1.25),
    (-0.25, 1.75),
];

/// The 5×4 matrix, four equal columns, each element times `s`.
fn repro<T: Scalar>(s: f64) -> Mat<T> {
    Mat::from_fn(5, 4, |i, _| {
        let (re, im) = REPRO_COL[i];
        T::from_c64(c64::new(re * s, im * s))
    })
}

/// A random `m × n` matrix of rank `r` (product of random `m × r` and
/// `r × n` factors, formed in `c64`), times `s`.
fn low_rank<T: Scalar>(rng: &mut Rng, m: usize, n: usize, r: usize, s: f64) -> Mat<T> {
    let x: Vec<c64> = (0..m * r).map(|_| random_scalar::<c64>(rng)).collect();
    let y: Vec<c64> = (0..r * n).map(|_| random_scalar::<c64>(rng)).collect();
    Mat::from_fn(m, n, |i, j| {
        let v: c64 = (0..r).map(|k| x[i + k * m] * y[k + j * r]).sum();
        T::from_c64(v * s)
    })
}

/// `D_r·A·D_c` with `D_r`, `D_c` alternating `10^e`, `1`, `10^−e` on their
/// diagonals (rows and columns out of phase).
fn badly_scaled<T: Scalar>(a: &Mat<T>, e: i32) -> Mat<T> {
    let d = |k: usize| 10f64.powi([e, 0, -e][k % 3]);
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
        T::from_c64(a[(i, j)].to_c64() * (d(i) * d(j + 1)))
    })
}

/// Whether `T` is a 32-bit type.
fn single<T: Scalar>() -> bool {
    T::eps().to_f64() > 1e-10
}

/// Scales near the under- and overflow boundaries of `|z|²` for `T`.
fn extreme_scales<T: Scalar>() -> [f64; 4] {
    if single::<T>() {
        [1e-20, 1e-30, 1e20, 1e30]
    } else {
        [1e-160, 1e-250, 1e160, 1e250]
    }
}

#[track_caller]
fn assert_finite<T: Scalar>(a: MatRef<'_, T>, what: &str) {
    for j in 0..a.ncols() {
        for i in 0..a.nrows() {
            let z = a.at(i, j).to_c64();
            assert!(
                z.re.is_finite() && z.im.is_finite(),
                "{what}: element ({i}, {j}) is {z} for finite input"
            );
        }
    }
}

/// `getrf` of `a`: finite factors passing the testkit's checker.
#[track_caller]
fn lu_ok<T: Elem>(a: &Mat<T>, what: &str) -> Mat<T> {
    let (m, n) = a.shape();
    let mut f = a.clone();
    let mut ipiv = vec![usize::MAX; m.min(n)];
    if m.min(n) == 0 {
        return f;
    }
    // The trusting method: on an exactly singular matrix the checked one
    // restores `ipiv` (outputs untouched on error), and what is tested here
    // is faer's LAPACK-style factorization, which completes anyway.
    // SAFETY: non-empty, `ipiv` has min(m, n) entries, nothing overlaps.
    match unsafe { Ops::<T>::getrf_unchecked(&backend(), f.as_mut(), &mut ipiv) } {
        Ok(()) | Err(Error::Singular { .. }) => {}
        Err(e) => panic!("{what}: getrf failed: {e}"),
    }
    assert_finite(f.as_ref(), &format!("getrf {what}"));
    if let Err(e) = check::getrf(a.as_ref(), f.as_ref(), &ipiv) {
        panic!("{what}: {e}");
    }
    f
}

/// `geqrf` then `ungqr` of `a`: finite outputs passing the testkit's checkers.
#[track_caller]
fn qr_ok<T: Elem>(a: &Mat<T>, what: &str) {
    let (m, n) = a.shape();
    let k = m.min(n);
    let be = backend();
    let mut f = a.clone();
    let mut tau = vec![T::zero(); k];
    Ops::<T>::geqrf(&be, f.as_mut(), &mut tau).unwrap();
    assert_finite(f.as_ref(), &format!("geqrf {what}"));
    assert_finite(
        Mat::from_fn(k, 1, |i, _| tau[i]).as_ref(),
        &format!("geqrf tau {what}"),
    );
    if let Err(e) = check::geqrf(a.as_ref(), f.as_ref(), &tau) {
        panic!("{what}: {e}");
    }
    let mut q = Mat::from_fn(m, k, |i, j| f[(i, j)]);
    Ops::<T>::ungqr(&be, q.as_mut(), &tau).unwrap();
    assert_finite(q.as_ref(), &format!("ungqr {what}"));
    if let Err(e) = check::ungqr(f.as_ref(), &tau, q.as_ref()) {
        panic!("{what}: {e}");
    }
}

/// The reproduction: `lu().l[(4, 3)]` was NaN on `c32`.
#[test]
fn repro_c32_lu() {
    let a = repro::<linmux_core::c32>(1.0);
    let f = lu_ok(&a, "issue 7 c32 5×4");
    let l43 = f[(4, 3)];
    assert!(l43.re.is_finite() && l43.im.is_finite(), "L(4, 3) = {l43}");
}

/// The reproduction through `geqrf`/`ungqr` on `c32`.
#[test]
fn repro_c32_qr() {
    qr_ok(&repro::<linmux_core::c32>(1.0), "issue 7 c32 5×4");
}

/// The reproduction (its real parts for real types) at scale 1 and at the
/// extreme scales.
fn repro_cases<T: Elem>() -> Vec<(Mat<T>, String)> {
    [1.0]
        .into_iter()
        .chain(extreme_scales::<T>())
        .map(|s| (repro::<T>(s), format!("equal columns × {s:e}")))
        .collect()
}

/// Random low-rank matrices at the extreme scales, including sizes past the
/// unblocked LU panel width (16) and the QR block size (32).
fn low_rank_cases<T: Elem>() -> Vec<(Mat<T>, String)> {
    let mut rng = Rng::new(701);
    let shapes = [(5, 4, 1), (4, 5, 2), (17, 17, 3), (40, 23, 2), (23, 40, 5)];
    let mut cases = Vec::new();
    for s in [1.0].into_iter().chain(extreme_scales::<T>()) {
        for (m, n, r) in shapes {
            let a = low_rank::<T>(&mut rng, m, n, r, s);
            cases.push((a, format!("{m}×{n} rank {r} × {s:e}")));
        }
    }
    cases
}

/// Rows and columns scaled by `10^±15` (32-bit) or `10^±100` (64-bit), full
/// rank and rank-deficient.
fn badly_scaled_cases<T: Elem>() -> Vec<(Mat<T>, String)> {
    let mut rng = Rng::new(702);
    let e = if single::<T>() { 15 } else { 100 };
    [(5, 4, 4), (5, 4, 1), (6, 6, 6), (6, 6, 2), (20, 18, 3)]
        .into_iter()
        .map(|(m, n, r)| {
            let a = badly_scaled(&low_rank::<T>(&mut rng, m, n, r, 1.0), e);
            (a, format!("{m}×{n} rank {r} rows/cols × 10^±{e}"))
        })
        .collect()
}

fn check_lu_repro<T: Elem>() {
    for (a, what) in repro_cases::<T>() {
        lu_ok(&a, &what);
    }
}

fn check_qr_repro<T: Elem>() {
    for (a, what) in repro_cases::<T>() {
        qr_ok(&a, &what);
    }
}

fn check_lu_low_rank<T: Elem>() {
    for (a, what) in low_rank_cases::<T>() {
        lu_ok(&a, &what);
    }
}

fn check_qr_low_rank<T: Elem>() {
    for (a, what) in low_rank_cases::<T>() {
        qr_ok(&a, &what);
    }
}

fn check_lu_badly_scaled<T: Elem>() {
    for (a, what) in badly_scaled_cases::<T>() {
        lu_ok(&a, &what);
    }
}

fn check_qr_badly_scaled<T: Elem>() {
    for (a, what) in badly_scaled_cases::<T>() {
        qr_ok(&a, &what);
    }
}

for_all_types! {
    lu_repro_scaled => check_lu_repro,
    qr_repro_scaled => check_qr_repro,
    lu_low_rank_scaled => check_lu_low_rank,
    qr_low_rank_scaled => check_qr_low_rank,
    lu_badly_scaled => check_lu_badly_scaled,
    qr_badly_scaled => check_qr_badly_scaled,
}
