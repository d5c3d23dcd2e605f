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

/// An infinite `d1` makes reference BLAS rescale forever; here it ends.
fn check_rotmg_infinite<T: Elem + RealScalar>() {
    let be = backend();
    let (mut a, mut b, mut c, mut p) = (T::infinity(), T::one(), T::one(), [T::zero(); 5]);
    Ops::<T>::rotmg(&be, &mut a, &mut b, &mut c, T::one(), &mut p).unwrap();
}

#[test]
fn rotmg_infinite_d1_ends_f32() {
    check_rotmg_infinite::<f32>();
}

#[test]
fn rotmg_infinite_d1_ends_f64() {
    check_rotmg_infinite::<f64>();
}

/// Non-finite input never panics or hangs; the iterative solvers report it.
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
        let mut s = vec![<T as Scalar>::Real::default(); n];
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::gesdd(&be, SvdJob::ValuesOnly, a.as_mut(), &mut s, None, None),
            no_conv("gesdd")
        );
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::heevd(&be, EigJob::Vectors, Uplo::Lower, a.as_mut(), &mut s),
            no_conv("heevd")
        );
        let mut w = vec![T::Complex::default(); n];
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::geev(&be, a.as_mut(), &mut w, None, None),
            no_conv("geev")
        );
        // The direct factorizations complete (NaN propagates) or report.
        let mut a = bad(&mut rng);
        let _ = Ops::<T>::getrf(&be, a.as_mut(), &mut vec![0; n]);
        let mut a = bad(&mut rng);
        let _ = Ops::<T>::potrf(&be, Uplo::Upper, a.as_mut());
        let mut a = bad(&mut rng);
        let _ = Ops::<T>::geqrf(&be, a.as_mut(), &mut vec![T::zero(); n]);
        let mut a = bad(&mut rng);
        let mut b = TestMat::<T>::from_mat(&data::random_mat(&mut rng, n, 1), Layout::ColMajor);
        let _ = Ops::<T>::gels(&be, Trans::No, a.as_mut(), b.as_mut());
    }
}

for_all_types! {
    singular_solves => check_singular_solves,
    validation => check_validation,
    non_finite => check_non_finite,
}
