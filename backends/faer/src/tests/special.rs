//! What is particular to faer, beside the shared conformance suite: banded
//! cost, singular banded and packed solves, non-finite input to the
//! iterative LAPACK routines, and `rotmg`'s rescaling loop ending on an
//! infinite `d1` (reference BLAS loops forever there).

use linmux_core::{
    BandRef, Diag, EigJob, Error, Mat, Ops, PackedMut, PackedOrder, PackedRef, RealScalar, Scalar,
    SvdJob, Trans, Uplo, VecMut, VecRef, c64,
};
use linmux_testkit::layout::same_bits;
use linmux_testkit::reference_ext as rx;
use linmux_testkit::{Layout, Rng, TestMat, data};

use super::{backend, for_all_types};
use crate::elem::Elem;

fn real<T: Scalar>(x: f64) -> T::Real {
    <T::Real as RealScalar>::from_f64(x)
}

/// `tbmv` and `tbsv` read only the band: `O(n·k)`, so a long, narrow band
/// is fast (a dense loop over 200000² elements would not be).
#[test]
fn banded_cost_is_linear_in_n() {
    let be = backend();
    let mut rng = Rng::new(304);
    let n = 200_000;
    let (kl, ku) = (2, 1);
    let a = Mat::from_fn(
        kl + ku + 1,
        n,
        |i, _| {
            if i == ku { 4.0 } else { rng.sym_unit() }
        },
    );
    let data = a.as_slice().to_vec();
    let band = BandRef::from_col_major(&data, n, n, kl, ku, kl + ku + 1).unwrap();
    let mut x: Vec<f64> = data::random_vec(&mut rng, n);
    let x0 = x.clone();
    let start = std::time::Instant::now();
    Ops::<f64>::tbmv(
        &be,
        Uplo::Lower,
        Trans::No,
        Diag::NonUnit,
        band,
        VecMut::from_slice(&mut x),
    )
    .unwrap();
    Ops::<f64>::tbsv(
        &be,
        Uplo::Lower,
        Trans::No,
        Diag::NonUnit,
        band,
        VecMut::from_slice(&mut x),
    )
    .unwrap();
    let mut y = vec![0.0; n];
    Ops::<f64>::gbmv(
        &be,
        Trans::Trans,
        1.0,
        band,
        VecRef::from_slice(&x),
        0.0,
        VecMut::from_slice(&mut y),
    )
    .unwrap();
    assert!(
        start.elapsed().as_secs_f64() < 2.0,
        "banded routines look quadratic"
    );
    let err = x
        .iter()
        .zip(&x0)
        .fold(0.0f64, |m, (a, b)| m.max((a - b).abs()));
    assert!(err <= 64.0 * f64::EPSILON, "tbsv(tbmv(x)) − x = {err:e}");
}

/// `tbsv`/`tpsv` do not test for singularity: a zero pivot gives the
/// infinities and NaNs of plain substitution, not an error.
fn check_singular_solves<T: Elem>() {
    let be = backend();
    let a = Mat::from_fn(3, 3, |i, j| {
        if i == j && i == 1 {
            T::zero()
        } else {
            T::one()
        }
    });
    let d = rx::packed_storage(&a, Uplo::Upper, PackedOrder::ColMajor);
    let ap = PackedRef::from_col_major(&d, 3, Uplo::Upper).unwrap();
    // Reference BLAS skips a zero xⱼ before dividing by its pivot, so make
    // x₁ non-zero when its pivot (zero) is reached.
    let two = T::one() + T::one();
    let mut x = [T::one(), two, T::one()];
    let e = rx::tpsv(Trans::No, Diag::NonUnit, ap, VecRef::from_slice(&x));
    Ops::<T>::tpsv(
        &be,
        Trans::No,
        Diag::NonUnit,
        ap,
        VecMut::from_slice(&mut x),
    )
    .unwrap();
    if T::IS_COMPLEX {
        // 1/(0 + 0i) is NaN in complex arithmetic, here and in the reference.
        e.assert_vec(VecRef::from_slice(&x));
    } else {
        // Real substitution gives ±∞; the reference, computing in c64, has
        // NaN there: compare with plain real substitution instead.
        let inf = T::from_c64(c64::new(f64::INFINITY, 0.0));
        assert!(same_bits(x[0], -inf) && same_bits(x[1], inf) && same_bits(x[2], T::one()));
    }
    // The last pivot is fine; the singular one did not stop the solve.
    assert!(same_bits(x[2], T::one()), "{x:?}");
    let z = x[0].to_c64();
    assert!(!z.re.is_finite() || !z.im.is_finite(), "x₀ = {z}");
    let b = rx::band_storage(&a, 0, 2, 3, PackedOrder::ColMajor);
    let band = BandRef::from_col_major(&b, 3, 3, 0, 2, 3).unwrap();
    let mut y = [T::one(), two, T::one()];
    Ops::<T>::tbsv(
        &be,
        Uplo::Upper,
        Trans::No,
        Diag::NonUnit,
        band,
        VecMut::from_slice(&mut y),
    )
    .unwrap();
    assert!(y.iter().zip(&x).all(|(&p, &q)| same_bits(p, q)));
}

/// The checked surface validates before the backend runs: wrong lengths and
/// a non-square band are errors, and nothing is written.
fn check_validation<T: Elem>() {
    let be = backend();
    let a = Mat::from_fn(3, 4, |_, _| T::one());
    let d = rx::band_storage(&a, 1, 1, 3, PackedOrder::ColMajor);
    let band = BandRef::from_col_major(&d, 3, 4, 1, 1, 3).unwrap();
    let x = [T::one(); 3];
    let mut y = [T::one(); 3];
    let r = Ops::<T>::gbmv(
        &be,
        Trans::No,
        T::one(),
        band,
        VecRef::from_slice(&x),
        T::zero(),
        VecMut::from_slice(&mut y),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })), "{r:?}");
    assert_eq!(y, [T::one(); 3]);
    let r = Ops::<T>::hbmv(
        &be,
        Uplo::Upper,
        T::one(),
        band,
        VecRef::from_slice(&x),
        T::zero(),
        VecMut::from_slice(&mut y),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })), "{r:?}");
    let mut ap = [T::one(); 6];
    let r = Ops::<T>::hpr(
        &be,
        real::<T>(1.0),
        VecRef::from_slice(&x[..2]),
        PackedMut::from_col_major(&mut ap, 3, Uplo::Lower).unwrap(),
    );
    assert!(matches!(r, Err(Error::DimensionMismatch { .. })), "{r:?}");
    assert_eq!(ap, [T::one(); 6]);
}

/// `rotg` on complex zeros and imaginary inputs, and beyond the square
/// roots of the overflow and underflow thresholds (the scaled branches).
/// Not in the shared suite: OpenBLAS's `crotg(0, 0)` gives `c = 0` and its
/// `drotg` overflows at 2⁶⁰⁰.
fn check_rotg_special<T: Elem>() {
    let be = backend();
    let c = |re: f64, im: f64| T::from_c64(c64::new(re, im));
    let (big, small) = if <T as Scalar>::KIND.name().ends_with("64") {
        (2f64.powi(600), 2f64.powi(-600))
    } else {
        (2f64.powi(70), 2f64.powi(-70))
    };
    let pairs = [
        (c(0.0, 0.0), c(0.0, 0.0)),
        (c(2.0, 0.5), c(0.0, 0.0)),
        (c(-2.0, 0.0), c(0.0, 0.0)),
        (c(0.0, 0.0), c(-3.0, 0.0)),
        (c(0.0, 0.0), c(0.0, 2.0)),
        (c(0.0, 0.0), c(1.5, -2.5)),
        (c(-4.0, 0.0), c(-3.0, 0.0)),
        (c(1.0, 0.0), c(-1.0, 0.0)),
        (c(big * 0.7, big * 0.2), c(big * 0.3, -big * 0.9)),
        (c(small * 0.7, small * 0.2), c(-small * 0.3, small * 0.9)),
        // One tiny, one ordinary (the weighted scaled branch), and the reverse.
        (c(small * 0.7, -small * 0.2), c(0.3, 0.9)),
        (c(big * 0.7, big * 0.2), c(0.3, -0.9)),
        (c(0.0, 0.0), c(big * 0.3, big * 0.9)),
        (c(0.0, 0.0), c(small * 0.3, small * 0.9)),
    ];
    for (a0, b0) in pairs {
        let (mut a, mut b, mut cc, mut s) = (a0, b0, real::<T>(7.0), c(7.0, 7.0));
        Ops::<T>::rotg(&be, &mut a, &mut b, &mut cc, &mut s).unwrap();
        let got = [a, b, T::from_real(cc), s];
        if let Err(e) = rx::rotg(a0, b0).check_vec(VecRef::from_slice(&got)) {
            panic!("rotg({a0:?}, {b0:?}): {e}");
        }
    }
}

/// `rotmg` against reference BLAS's semantics over a grid of magnitudes and
/// signs (negative `d1` and `d2`, 10⁻¹⁵ to 10¹⁵). Not in the shared suite:
/// OpenBLAS's `srotmg(-1, -1e15, 0, 0)` differs from `drotmg.f`.
fn check_rotmg_grid<T: Elem + RealScalar>() {
    let be = backend();
    let mut rng = Rng::new(205);
    for d1 in [-1.0, 0.0, 1e-15, 1e-9, 0.5, 2.0, 1e9, 1e15] {
        for d2 in [-1e15, -0.7, 0.0, 1e-15, 1e-9, 0.7, 1e9, 1e15] {
            for x1 in [0.0, 0.3, 2.0, 1e-5] {
                for y1 in [0.0, 1.7, 1e-4, -3.0] {
                    let param0: [T; 5] = core::array::from_fn(|_| data::random_scalar(&mut rng));
                    let [v1, v2, vx, vy] = [d1, d2, x1, y1].map(T::from_f64);
                    let (mut a, mut b, mut c, mut p) = (v1, v2, vx, param0);
                    Ops::<T>::rotmg(&be, &mut a, &mut b, &mut c, vy, &mut p).unwrap();
                    let got = [a, b, c, p[0], p[1], p[2], p[3], p[4]];
                    if let Err(e) =
                        rx::rotmg(v1, v2, vx, vy, param0).check_vec(VecRef::from_slice(&got))
                    {
                        panic!("rotmg({d1}, {d2}, {x1}, {y1}): {e}");
                    }
                }
            }
        }
    }
}

#[test]
fn rotmg_grid_f32() {
    check_rotmg_grid::<f32>();
}

#[test]
fn rotmg_grid_f64() {
    check_rotmg_grid::<f64>();
}

/// `rscal`: an infinite imaginary part must not leak into the real part (no
/// complex product with `(α, 0)`). Not in the shared suite: BLIS's `csscal`
/// multiplies by `(α, 0)`.
fn check_rscal_infinite_imaginary<T: Elem>() {
    let be = backend();
    let mut v: Vec<T> = data::random_vec(&mut Rng::new(203), 5);
    v[1] = T::from_c64(c64::new(0.5, f64::INFINITY));
    let alpha = real::<T>(-2.0);
    let want = rx::scal_real(alpha, VecRef::from_slice(&v));
    Ops::<T>::rscal(&be, alpha, VecMut::from_slice(&mut v)).unwrap();
    want.assert_vec(VecRef::from_slice(&v));
}

/// An infinite `d1` makes the vendors' `rotmg` rescale forever: the checked
/// surface refuses it on every backend, and faer's own kernel ends anyway.
fn check_rotmg_infinite<T: Elem + RealScalar>() {
    let be = backend();
    let (mut a, mut b, mut c, mut p) = (T::infinity(), T::one(), T::one(), [T::zero(); 5]);
    assert!(matches!(
        Ops::<T>::rotmg(&be, &mut a, &mut b, &mut c, T::one(), &mut p),
        Err(Error::NonFinite { arg: "d1", .. })
    ));
    // SAFETY: real type, distinct scalars.
    unsafe { Ops::<T>::rotmg_unchecked(&be, &mut a, &mut b, &mut c, T::one(), &mut p) }.unwrap();
}

#[test]
fn rotmg_infinite_d1_ends_f32() {
    check_rotmg_infinite::<f32>();
}

#[test]
fn rotmg_infinite_d1_ends_f64() {
    check_rotmg_infinite::<f64>();
}

/// Non-finite input never panics or hangs: every LAPACK operation refuses
/// it (`NonFinite` naming `a` at the entry), and faer's own iterative
/// solvers, called directly, report `NoConvergence`.
fn check_non_finite<T: Elem>() {
    let be = backend();
    for n in [1, 4, 20] {
        let bad = |rng: &mut Rng| {
            TestMat::<T>::from_fn(n, n, Layout::ColMajor, |i, j| {
                if i == n / 2 && j == n / 3 {
                    data::nan()
                } else {
                    data::random_scalar(rng)
                }
            })
        };
        let mut rng = Rng::new(49);
        let no_conv = |op| Err(Error::NoConvergence { op, info: 0 });
        let non_finite = |op| {
            Err(Error::NonFinite {
                op,
                arg: "a",
                row: n / 2,
                col: n / 3,
            })
        };
        let mut s = vec![<T as Scalar>::Real::default(); n];
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::gesdd(&be, SvdJob::ValuesOnly, a.as_mut(), &mut s, None, None),
            non_finite("gesdd")
        );
        // SAFETY: shapes as the job needs, n ≥ 1.
        let r = unsafe {
            Ops::<T>::gesdd_unchecked(&be, SvdJob::ValuesOnly, a.as_mut(), &mut s, None, None)
        };
        assert_eq!(r, no_conv("gesdd"));
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::heevd(&be, EigJob::Vectors, Uplo::Lower, a.as_mut(), &mut s),
            non_finite("heevd")
        );
        let mut w = vec![T::Complex::default(); n];
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::geev(&be, a.as_mut(), &mut w, None, None),
            non_finite("geev")
        );
        // The factorizations refuse it too.
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::getrf(&be, a.as_mut(), &mut vec![0; n]),
            non_finite("getrf")
        );
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::geqrf(&be, a.as_mut(), &mut vec![T::zero(); n]),
            non_finite("geqrf")
        );
        let mut a = bad(&mut rng);
        let mut b = TestMat::<T>::from_mat(&data::random_mat(&mut rng, n, 1), Layout::ColMajor);
        assert_eq!(
            Ops::<T>::gels(&be, Trans::No, a.as_mut(), b.as_mut()),
            non_finite("gels")
        );
        // Only the triangle potrf reads is checked: (n/2, n/3) is below the
        // diagonal, so the upper factorization does not see it (n > 1).
        let mut a = bad(&mut rng);
        let r = Ops::<T>::potrf(&be, Uplo::Upper, a.as_mut());
        assert!(
            n == 1 || !matches!(r, Err(Error::NonFinite { .. })),
            "{r:?}"
        );
    }
}

for_all_types! {
    singular_solves => check_singular_solves,
    validation => check_validation,
    non_finite => check_non_finite,
    rotg_special => check_rotg_special,
    rscal_infinite_imaginary => check_rscal_infinite_imaginary,
}

/// The triangular solves (banded, packed, dense) divide by the diagonal without
/// forming `|d|²`, as Fortran's complex division does in reference BLAS: a
/// complex diagonal `s·(1 + i)` with `|d|²` below the underflow (or above
/// the overflow) threshold gave ±∞ or NaN. `1 / (s·(1 + i)) = (1 − i)/(2s)`.
fn check_tiny_complex_diagonal<T: Elem>() {
    let be = backend();
    let scales: [f64; 2] = if T::eps().to_f64() > 1e-10 {
        [1e-22, 1e22]
    } else {
        [1e-170, 1e170]
    };
    let n = 3;
    for s in scales {
        let d = T::from_c64(c64::new(s, s));
        let want = T::from_c64(c64::new(0.5 / s, -0.5 / s));
        let check = |x: &[T], what: &str| {
            for (i, xi) in x.iter().enumerate() {
                let (g, w) = (xi.to_c64(), want.to_c64());
                let err = (g - w).norm() / w.norm();
                assert!(
                    err <= 4.0 * T::eps().to_f64(),
                    "{what} s = {s:e}: x[{i}] = {g:e}, expected {w:e}"
                );
            }
        };
        for trans in [Trans::No, Trans::ConjTrans] {
            // With `ConjTrans` the solution is the conjugate.
            let check = |x: &[T], what: &str| {
                if trans == Trans::No {
                    check(x, what)
                } else {
                    let conj: Vec<T> = x.iter().map(|v| T::from_c64(v.to_c64().conj())).collect();
                    check(&conj, what)
                }
            };
            // A diagonal band (kl = ku = 0).
            let band = vec![d; n];
            let a = BandRef::from_col_major(&band, n, n, 0, 0, 1).unwrap();
            let mut x = vec![T::one(); n];
            Ops::<T>::tbsv(
                &be,
                Uplo::Upper,
                trans,
                Diag::NonUnit,
                a,
                VecMut::from_slice(&mut x),
            )
            .unwrap();
            check(&x, &format!("tbsv {trans:?}"));
            // A diagonal packed triangle.
            let mut ap = vec![T::zero(); n * (n + 1) / 2];
            for j in 0..n {
                ap[j + j * (j + 1) / 2] = d;
            }
            let p = PackedRef::from_col_major(&ap, n, Uplo::Upper).unwrap();
            let mut x = vec![T::one(); n];
            Ops::<T>::tpsv(&be, trans, Diag::NonUnit, p, VecMut::from_slice(&mut x)).unwrap();
            check(&x, &format!("tpsv {trans:?}"));
            // A diagonal dense triangle.
            let dense = Mat::<T>::from_fn(n, n, |i, j| if i == j { d } else { T::zero() });
            let mut x = vec![T::one(); n];
            Ops::<T>::trsv(
                &be,
                Uplo::Lower,
                trans,
                Diag::NonUnit,
                dense.as_ref(),
                VecMut::from_slice(&mut x),
            )
            .unwrap();
            check(&x, &format!("trsv {trans:?}"));
        }
    }
}

#[test]
fn tiny_complex_diagonal_c32() {
    check_tiny_complex_diagonal::<linmux_core::c32>();
}

#[test]
fn tiny_complex_diagonal_c64() {
    check_tiny_complex_diagonal::<c64>();
}
