//! Hard inputs for the LAPACK operations: ill-conditioned and nearly
//! singular matrices, and magnitudes near the overflow and underflow
//! thresholds (docs/contract.md, "Hard inputs").
//!
//! - **Conditioning.** `κ₂ = 10¹²` in `f64`/`c64` and `10⁵` in `f32`/`c32`
//!   (where `10¹²` is past `1/ε`), and for LU a nearly singular matrix with
//!   `κ₂ = 0.1/ε`. The checks are the usual residual and orthogonality
//!   bounds: a backward-stable algorithm meets them whatever `κ`, and those
//!   are what the contract promises; forward errors would scale with `κ`.
//! - **Magnitude.** A well-conditioned matrix scaled by `2^e`, `e` within
//!   12 binades of the overflow threshold or of the smallest normal number.
//!   The backend gets the scaled data; its outputs are scaled back exactly
//!   (powers of two) and checked against the unscaled matrix, so a backend
//!   that loses accuracy, underflows to zero or overflows to `∞` fails, while
//!   the checkers themselves never leave the normal range.

use super::*;

/// One hard case.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Hard {
    /// Singular values from 1 down to `1/κ` (geometric).
    Cond(f64),
    /// A well-conditioned matrix times `2^e`.
    Scale(i32),
}

impl Display for Hard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Hard::Cond(k) => write!(f, "κ = {k:.0e}"),
            Hard::Scale(e) => write!(f, "scaled by 2^{e}"),
        }
    }
}

/// Whether `T` is single precision.
fn single<T: Scalar>() -> bool {
    tol::eps::<T>() > 1e-10
}

/// The hard cases for `T`: ill-conditioned, near overflow, near underflow.
pub(super) fn cases<T: Scalar>() -> [Hard; 3] {
    let (kappa, emax, emin) = if single::<T>() {
        (1e5, 128, -126)
    } else {
        (1e12, 1024, -1022)
    };
    [
        Hard::Cond(kappa),
        Hard::Scale(emax - 12),
        Hard::Scale(emin + 12),
    ]
}

/// `2^e` in `T`'s real type (exact).
fn pow2<T: Scalar>(e: i32) -> T {
    T::from_real(real::<T>(2f64.powi(e)))
}

fn scaled<T: Scalar>(a: &Mat<T>, e: i32) -> Mat<T> {
    let f = pow2::<T>(e);
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)] * f)
}

/// `a` and the exponent its outputs are scaled by: for `Cond`, an
/// ill-conditioned matrix and 0.
fn matrix<T: Scalar>(rng: &mut Rng, m: usize, n: usize, hard: Hard) -> (Mat<T>, i32) {
    match hard {
        Hard::Cond(k) => (data::random_with_cond::<T>(rng, m, n, k).0, 0),
        Hard::Scale(e) => (data::random_well_conditioned::<T>(rng, m, n), e),
    }
}

const N: usize = 40;

/// `getrf`, `getrs`, `getri`.
fn lu_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(60);
    let mut rng = Rng::new(60);
    let (a, e) = matrix::<T>(&mut rng, N, N, hard);
    let mut f = scaled(&a, e);
    let mut ipiv = vec![0; N];
    let c = format!("{hard} n={N}");
    cx.call(Routine::Getrf, true, &c, |o| {
        o.getrf(f.as_mut(), &mut ipiv).map_err(op_err)?;
        // P·L·(2^e·U) = 2^e·A: the checker sees U.
        let unscaled = Mat::from_fn(N, N, |i, j| {
            if i <= j {
                f[(i, j)] * pow2::<T>(-e)
            } else {
                f[(i, j)]
            }
        });
        ck::getrf(a.as_ref(), unscaled.as_ref(), &ipiv)
    })?;
    // (2^e·A)·X = 2^e·B: the same X.
    let b = data::random_mat::<T>(&mut rng, N, 2);
    let mut x = scaled(&b, e);
    cx.call(Routine::Getrs, true, &c, |o| {
        o.getrs(Trans::No, f.as_ref(), &ipiv, x.as_mut())
            .map_err(op_err)?;
        ck::getrs(Trans::No, a.as_ref(), x.as_ref(), b.as_ref())
    })?;
    cx.call(Routine::Getri, true, &c, |o| {
        o.getri(f.as_mut(), &ipiv).map_err(op_err)?;
        ck::getri(a.as_ref(), scaled(&f, e).as_ref())
    })
}

/// A nearly singular matrix (`κ₂ = 0.1/ε`): `getrf` completes and its
/// residual, and `getrs`'s, meet the usual bounds.
pub(super) fn nearly_singular<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(61);
    let mut rng = Rng::new(61);
    let kappa = 0.1 / tol::eps::<T>();
    let a = data::random_with_cond::<T>(&mut rng, N, N, kappa).0;
    let mut f = a.clone();
    let mut ipiv = vec![0; N];
    let c = format!("nearly singular κ = {kappa:.1e} n={N}");
    cx.call(Routine::Getrf, true, &c, |o| {
        o.getrf(f.as_mut(), &mut ipiv).map_err(op_err)?;
        ck::getrf(a.as_ref(), f.as_ref(), &ipiv)
    })?;
    let b = data::random_mat::<T>(&mut rng, N, 2);
    let mut x = b.clone();
    cx.call(Routine::Getrs, true, &c, |o| {
        o.getrs(Trans::No, f.as_ref(), &ipiv, x.as_mut())
            .map_err(op_err)?;
        ck::getrs(Trans::No, a.as_ref(), x.as_ref(), b.as_ref())
    })
}

/// `potrf`, `potrs` on a Hermitian positive definite matrix with
/// eigenvalues from 1 down to `1/κ` (`κ = 10⁴` in single precision, where
/// Cholesky needs `κ·n·ε < 1`), or scaled by `2^e` (`e` even: the factor
/// scales by `2^(e/2)`).
fn cholesky_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(62);
    let mut rng = Rng::new(62);
    let (a, e) = match hard {
        Hard::Cond(k) => {
            let k = if single::<T>() { k.min(1e4) } else { k };
            let w: Vec<f64> = (0..N)
                .map(|i| k.powf(-(i as f64) / (N - 1) as f64))
                .collect();
            (
                data::random_hermitian_with_eigenvalues::<T>(&mut rng, &w),
                0,
            )
        }
        Hard::Scale(e) => (data::random_hpd::<T>(&mut rng, N), e & !1),
    };
    let c = format!("{hard} n={N}");
    for uplo in [Uplo::Upper, Uplo::Lower] {
        let mut f = scaled(&a, e);
        cx.call(Routine::Potrf, true, &c, |o| {
            o.potrf(uplo, f.as_mut()).map_err(op_err)?;
            let r = scaled(&f, -e / 2);
            // The other triangle is untouched: it holds 2^e·A.
            let r = Mat::from_fn(N, N, |i, j| {
                let stored = if uplo == Uplo::Upper { i <= j } else { i >= j };
                if stored { r[(i, j)] } else { a[(i, j)] }
            });
            ck::potrf(uplo, a.as_ref(), r.as_ref())
        })?;
        let b = data::random_mat::<T>(&mut rng, N, 2);
        let mut x = scaled(&b, e);
        cx.call(Routine::Potrs, true, &c, |o| {
            o.potrs(uplo, f.as_ref(), x.as_mut()).map_err(op_err)?;
            ck::potrs(uplo, a.as_ref(), x.as_ref(), b.as_ref())
        })?;
    }
    Ok(())
}

/// `geqrf`, `ungqr` on a tall matrix: `R` scales by `2^e`, the reflectors
/// and `tau` do not.
fn qr_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let (m, n) = (N + 7, N);
    let cx = Cx::<S, T>::new(s).seeded(63);
    let mut rng = Rng::new(63);
    let (a, e) = matrix::<T>(&mut rng, m, n, hard);
    let mut f = scaled(&a, e);
    let mut tau = vec![T::zero(); n];
    let c = format!("{hard} m={m} n={n}");
    cx.call(Routine::Geqrf, true, &c, |o| {
        o.geqrf(f.as_mut(), &mut tau).map_err(op_err)?;
        let unscaled = Mat::from_fn(m, n, |i, j| {
            if i <= j {
                f[(i, j)] * pow2::<T>(-e)
            } else {
                f[(i, j)]
            }
        });
        ck::geqrf(a.as_ref(), unscaled.as_ref(), &tau)
    })?;
    let qr = f.clone();
    cx.call(Routine::Ungqr, true, &c, |o| {
        o.ungqr(f.as_mut(), &tau).map_err(op_err)?;
        ck::ungqr(qr.as_ref(), &tau, f.as_ref())
    })
}

/// `gesdd` with vectors: singular values scale by `2^e`.
fn svd_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let (m, n) = (N + 5, N);
    let cx = Cx::<S, T>::new(s).seeded(64);
    let mut rng = Rng::new(64);
    let (a, s_ref, e) = match hard {
        Hard::Cond(k) => {
            let (a, s) = data::random_with_cond::<T>(&mut rng, m, n, k);
            (a, s, 0)
        }
        Hard::Scale(e) => {
            let s: Vec<f64> = (0..n).map(|i| 1.0 / (1.0 + 0.25 * i as f64)).collect();
            (
                data::random_with_singular_values::<T>(&mut rng, m, n, &s),
                s,
                e,
            )
        }
    };
    let mut work = scaled(&a, e);
    let mut sv = vec![T::zero().re(); n];
    let mut u = Mat::<T>::zeros(m, n);
    let mut vt = Mat::<T>::zeros(n, n);
    let c = format!("{hard} m={m} n={n}");
    cx.call(Routine::Gesdd, true, &c, |o| {
        o.gesdd(
            SvdJob::Thin,
            work.as_mut(),
            &mut sv,
            Some(u.as_mut()),
            Some(vt.as_mut()),
        )
        .map_err(op_err)?;
        let f = pow2::<T>(-e);
        let sv: Vec<T::Real> = sv.iter().map(|&x| (T::from_real(x) * f).re()).collect();
        ck::gesdd(
            SvdJob::Thin,
            a.as_ref(),
            &sv,
            Some(u.as_ref()),
            Some(vt.as_ref()),
            Some(&s_ref),
        )
    })
}

/// `heevd` with vectors: eigenvalues `±` geometric from 1 to `1/κ`, or
/// scaled by `2^e`.
fn eigh_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(65);
    let mut rng = Rng::new(65);
    let (mut w_ref, e): (Vec<f64>, i32) = match hard {
        Hard::Cond(k) => (
            (0..N)
                .map(|i| {
                    let v = k.powf(-(i as f64) / (N - 1) as f64);
                    if i % 2 == 0 { v } else { -v }
                })
                .collect(),
            0,
        ),
        Hard::Scale(e) => ((0..N).map(|i| -1.0 + 0.5 * i as f64).collect(), e),
    };
    w_ref.sort_by(f64::total_cmp);
    let a = data::random_hermitian_with_eigenvalues::<T>(&mut rng, &w_ref);
    let mut v = scaled(&a, e);
    let mut w = vec![T::zero().re(); N];
    let c = format!("{hard} n={N}");
    cx.call(Routine::Heevd, true, &c, |o| {
        o.heevd(EigJob::Vectors, Uplo::Lower, v.as_mut(), &mut w)
            .map_err(op_err)?;
        let f = pow2::<T>(-e);
        let w: Vec<T::Real> = w.iter().map(|&x| (T::from_real(x) * f).re()).collect();
        ck::heevd(Uplo::Lower, a.as_ref(), &w, Some(v.as_ref()), Some(&w_ref))
    })
}

/// `geev` with both vectors: eigenvalues scale by `2^e`.
fn eig_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(66);
    let mut rng = Rng::new(66);
    let (a, e) = matrix::<T>(&mut rng, N, N, hard);
    let mut work = scaled(&a, e);
    let zero = T::Complex::from_c64(c64::new(0.0, 0.0));
    let mut w = vec![zero; N];
    let mut vl = Mat::<T::Complex>::zeros(N, N);
    let mut vr = Mat::<T::Complex>::zeros(N, N);
    let c = format!("{hard} n={N}");
    let info = s.backend().info();
    let faer_lapack = info.name == "faer" || info.lapack_provider.as_deref() == Some("faer");
    cx.call(Routine::Geev, true, &c, |o| {
        o.geev(work.as_mut(), &mut w, Some(vl.as_mut()), Some(vr.as_mut()))
            .map_err(op_err)?;
        let f = T::Complex::from_c64(c64::new(2f64.powi(-e), 0.0));
        let w: Vec<T::Complex> = w.iter().map(|&x| x * f).collect();
        match ck::geev(a.as_ref(), &w, Some(vl.as_ref()), Some(vr.as_ref())) {
            // The one known violation of the contract (docs/contract.md,
            // "Known violations"): faer's nonsymmetric eigensolver on a
            // strongly non-normal double-precision matrix. Reported on
            // every run, never silently passed.
            Err(msg) if faer_lapack && matches!(hard, Hard::Cond(_)) && !single::<T>() => {
                use std::io::Write as _;
                let _ = writeln!(
                    std::io::stderr(),
                    "KNOWN CONTRACT VIOLATION [{} {}] geev {c}: {msg}",
                    info.name,
                    T::KIND.name()
                );
                Ok(())
            }
            r => r,
        }
    })
}

/// `gels`, overdetermined and underdetermined: `(2^e·A)·X = 2^e·B` has the
/// same solution.
fn gels_case<S: Subject + ?Sized, T: Scalar>(s: &S, hard: Hard) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(67);
    let mut rng = Rng::new(67);
    for (m, n) in [(N + 9, N), (N, N + 9)] {
        let (a, e) = matrix::<T>(&mut rng, m, n, hard);
        let b = data::random_mat::<T>(&mut rng, m, 2);
        let mut work = scaled(&a, e);
        let mut bx = Mat::from_fn(m.max(n), 2, |i, j| {
            if i < m {
                b[(i, j)] * pow2::<T>(e)
            } else {
                T::zero()
            }
        });
        let c = format!("{hard} m={m} n={n}");
        cx.call(Routine::Gels, true, &c, |o| {
            o.gels(Trans::No, work.as_mut(), bx.as_mut())
                .map_err(op_err)?;
            ck::gels(
                Trans::No,
                a.as_ref(),
                bx.as_ref().submatrix(0, 0, n, 2),
                b.as_ref(),
            )
        })?;
    }
    Ok(())
}

/// `f` on every hard case for `T`.
fn each<S: Subject + ?Sized, T: Scalar>(s: &S, f: fn(&S, Hard) -> Check) -> Check {
    cases::<T>().into_iter().try_for_each(|h| f(s, h))
}

/// [`lu_case`] on every hard case for `T`.
pub(super) fn hard_lu<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, lu_case::<S, T>)
}

/// [`cholesky_case`] on every hard case for `T`.
pub(super) fn hard_cholesky<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, cholesky_case::<S, T>)
}

/// [`qr_case`] on every hard case for `T`.
pub(super) fn hard_qr<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, qr_case::<S, T>)
}

/// [`svd_case`] on every hard case for `T`.
pub(super) fn hard_svd<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, svd_case::<S, T>)
}

/// [`eigh_case`] on every hard case for `T`.
pub(super) fn hard_eigh<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, eigh_case::<S, T>)
}

/// [`eig_case`] on every hard case for `T`.
pub(super) fn hard_eig<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, eig_case::<S, T>)
}

/// [`gels_case`] on every hard case for `T`.
pub(super) fn hard_gels<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    each::<S, T>(s, gels_case::<S, T>)
}
