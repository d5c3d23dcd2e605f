//! `hpmv`, `tpmv`, `tpsv`, `hpr`, `hpr2` on packed storage; `her`, `her2`
//! on full storage.

use super::banded::triangular_band;
use super::*;

/// `n`, row-major packing, `trans`, `(uplo, diag)`, vector layouts, `(α, β)`
/// picks, seed.
type Params = (
    usize,
    bool,
    Trans,
    (Uplo, Diag),
    (VecLayout, VecLayout),
    (u8, u8),
    u64,
);

pub(super) fn run<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        0usize..24,
        any::<bool>(),
        st::trans(),
        (st::uplo(), st::diag()),
        (vec_layout(), vec_layout()),
        any::<(u8, u8)>(),
        seed(),
    );
    prop(strategy, |p: Params| {
        each_type!(case(s, p));
        Ok(())
    })?;
    if data::poison().is_some() || !large_and_hard() {
        // The non-finite pass, or large cases run elsewhere: the properties only.
        return Ok(());
    }
    let vl = (VecLayout::UNIT, VecLayout { inc: 2, rev: false });
    let large: Params = (
        LARGE,
        true,
        Trans::Trans,
        (Uplo::Upper, Diag::NonUnit),
        vl,
        (3, 2),
        9,
    );
    each_type!(case(s, large));
    Ok(())
}

fn order(row: bool) -> PackedOrder {
    if row {
        PackedOrder::RowMajor
    } else {
        PackedOrder::ColMajor
    }
}

fn packed<T: Scalar>(
    ap: &[T],
    n: usize,
    uplo: Uplo,
    row: bool,
) -> Result<PackedRef<'_, T>, String> {
    if row {
        PackedRef::from_row_major(ap, n, uplo)
    } else {
        PackedRef::from_col_major(ap, n, uplo)
    }
    .map_err(op_err)
}

fn packed_mut<T: Scalar>(
    ap: &mut [T],
    n: usize,
    uplo: Uplo,
    row: bool,
) -> Result<PackedMut<'_, T>, String> {
    if row {
        PackedMut::from_row_major(ap, n, uplo)
    } else {
        PackedMut::from_col_major(ap, n, uplo)
    }
    .map_err(op_err)
}

fn case<S: Subject + ?Sized, T: Scalar>(s: &S, p: Params) -> Check {
    let (n, row, t, (uplo, dg), (lx, ly), picks, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let storage = if row { "row-major" } else { "col-major" };
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    let h = data::random_hermitian::<T>(&mut rng, n);
    let hg = Guarded::new(&packed_storage(&h, uplo, order(row)));
    let h_original = hg.data().to_vec();
    let hv = packed(hg.data(), n, uplo, row)?;
    let x = Vector::<T>::random(&mut rng, n, lx);
    let y0 = if beta == T::zero() {
        Vector::dirty(n, ly)
    } else {
        Vector::random(&mut rng, n, ly)
    };
    let mut y = y0.clone();
    let c = format!("{uplo:?} n={n} {storage} x {lx} y {ly} α={alpha:?} β={beta:?}");
    cx.call(Routine::Hpmv, n > 0 && alpha != T::zero(), &c, |o| {
        o.hpmv(alpha, hv, x.view(), beta, y.view_mut())
            .map_err(op_err)?;
        rx::hpmv(alpha, hv, x.view(), beta, y0.view()).check_vec(y.view())?;
        y.check_padding()?;
        hg.check_unchanged(Some(&h_original))
    })?;

    let tri = triangular_band::<T>(&mut rng, n, uplo, n);
    let tg = Guarded::new(&packed_storage(&tri, uplo, order(row)));
    let t_original = tg.data().to_vec();
    let tv = packed(tg.data(), n, uplo, row)?;
    let x0 = Vector::<T>::random(&mut rng, n, lx);
    let c = format!("{uplo:?} {t:?} {dg:?} n={n} {storage} x {lx}");
    for routine in [Routine::Tpmv, Routine::Tpsv] {
        let mut xm = x0.clone();
        cx.call(routine, n > 0, &c, |o| {
            let expected = if routine == Routine::Tpsv {
                o.tpsv(t, dg, tv, xm.view_mut()).map_err(op_err)?;
                rx::tpsv(t, dg, tv, x0.view())
            } else {
                o.tpmv(t, dg, tv, xm.view_mut()).map_err(op_err)?;
                rx::tpmv(t, dg, tv, x0.view())
            };
            expected.check_vec(xm.view())?;
            xm.check_padding()?;
            tg.check_unchanged(Some(&t_original))
        })?;
    }

    // hpr / hpr2 (spr / spr2 on real types), on a target whose diagonal
    // has imaginary parts (dropped) and vectors with a zero (a column
    // reference BLAS skips).
    let xr = Vector::new(&update_vec::<T>(&mut rng, n), lx);
    let yr = Vector::new(&update_vec::<T>(&mut rng, n), ly);
    let target = packed_storage(&data::random_mat::<T>(&mut rng, n, n), uplo, order(row));
    let start = Guarded::new(&target);
    let sv = packed(start.data(), n, uplo, row)?;
    let ar = alpha.re();
    let c = format!("{uplo:?} n={n} {storage} x {lx} y {ly} α={alpha:?}");
    let mut ap = start.clone();
    cx.call(Routine::Hpr, n > 0 && ar != T::zero().re(), &c, |o| {
        o.hpr(ar, xr.view(), packed_mut(ap.data_mut(), n, uplo, row)?)
            .map_err(op_err)?;
        let got = rx::packed_to_mat(packed(ap.data(), n, uplo, row)?);
        rx::hpr(ar, xr.view(), sv).check_mat(got.as_ref())?;
        ap.check_unchanged(None)
    })?;
    let mut ap = start.clone();
    cx.call(Routine::Hpr2, n > 0 && alpha != T::zero(), &c, |o| {
        let apm = packed_mut(ap.data_mut(), n, uplo, row)?;
        o.hpr2(alpha, xr.view(), yr.view(), apm).map_err(op_err)?;
        let got = rx::packed_to_mat(packed(ap.data(), n, uplo, row)?);
        rx::hpr2(alpha, xr.view(), yr.view(), sv).check_mat(got.as_ref())?;
        ap.check_unchanged(None)
    })
}

/// Random vectors with a zero at 1 (a column reference BLAS skips).
fn update_vec<T: Scalar>(rng: &mut Rng, n: usize) -> Vec<T> {
    let mut v = data::random_vec(rng, n);
    // A zero element exercises reference BLAS's skip of its column. In the
    // non-finite pass it is left out: the skip means 0·NaN is never formed,
    // which the exact references cannot express.
    if n > 2 && data::poison().is_none() {
        v[1] = T::zero();
    }
    v
}

// ---- rank updates on full storage ---------------------------------------------

type RankParams = (usize, Layout, Uplo, (VecLayout, VecLayout), u8, u64);

pub(super) fn run_rank_updates<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        0usize..24,
        st::layout(),
        st::uplo(),
        (vec_layout(), vec_layout()),
        any::<u8>(),
        seed(),
    );
    prop(strategy, |p: RankParams| {
        each_type!(rank_updates(s, p));
        Ok(())
    })?;
    if data::poison().is_some() || !large_and_hard() {
        // The non-finite pass, or large cases run elsewhere: the properties only.
        return Ok(());
    }
    let vl = (VecLayout::UNIT, VecLayout { inc: 3, rev: true });
    let large = (LARGE, Layout::Padded { extra: 2 }, Uplo::Lower, vl, 2, 10);
    each_type!(rank_updates(s, large));
    Ok(())
}

fn rank_updates<S: Subject + ?Sized, T: Scalar>(s: &S, p: RankParams) -> Check {
    let (n, layout, uplo, (lx, ly), pick, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let alpha = coef::<T>(&mut rng, pick);
    // The other triangle NaN (never read or written), the diagonal's
    // imaginary parts non-zero (ignored, and dropped by the updates).
    let mut a0 = data::random_mat::<T>(&mut rng, n, n);
    data::poison_unreferenced(&mut a0, uplo, Diag::NonUnit, data::nan::<T>());
    let x = Vector::new(&update_vec::<T>(&mut rng, n), lx);
    let y = Vector::new(&update_vec::<T>(&mut rng, n), ly);
    let start = TestMat::from_mat(&a0, layout);
    let ar = alpha.re();
    let c = format!("{uplo:?} n={n} A {layout} x {lx} y {ly} α={alpha:?}");
    let mut a = start.clone();
    cx.call(Routine::Her, n > 0 && ar != T::zero().re(), &c, |o| {
        o.her(uplo, ar, x.view(), a.as_mut()).map_err(op_err)?;
        rx::her(uplo, ar, x.view(), start.as_ref()).check_mat(a.as_ref())?;
        a.check_padding()
    })?;
    let mut a = start.clone();
    cx.call(Routine::Her2, n > 0 && alpha != T::zero(), &c, |o| {
        o.her2(uplo, alpha, x.view(), y.view(), a.as_mut())
            .map_err(op_err)?;
        rx::her2(uplo, alpha, x.view(), y.view(), start.as_ref()).check_mat(a.as_ref())?;
        a.check_padding()
    })
}
