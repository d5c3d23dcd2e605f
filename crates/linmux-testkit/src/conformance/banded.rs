//! `gbmv`, `hbmv`, `tbmv`, `tbsv` on column- and row-major band storage.

use super::*;

/// `(m, n, kl, ku)`, `(row-major, ld padding)`, `trans`, `(uplo, diag)`,
/// vector layouts, `(α, β)` picks, seed.
type Params = (
    (usize, usize, usize, usize),
    (bool, usize),
    Trans,
    (Uplo, Diag),
    (VecLayout, VecLayout),
    (u8, u8),
    u64,
);

pub(super) fn run<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        (0usize..24, 0usize..24, 0usize..6, 0usize..6),
        (any::<bool>(), 0usize..3),
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
    // Sizes past the vendors' small-problem paths. The reference triangular
    // solves are O(n³), which bounds n here.
    let v = VecLayout::UNIT;
    let large: [Params; 2] = [
        (
            (150, 140, 7, 11),
            (false, 1),
            Trans::No,
            (Uplo::Lower, Diag::NonUnit),
            (v, v),
            (2, 3),
            7,
        ),
        (
            (129, 129, 3, 0),
            (true, 0),
            Trans::ConjTrans,
            (Uplo::Upper, Diag::Unit),
            (VecLayout { inc: 2, rev: true }, v),
            (2, 2),
            8,
        ),
    ];
    for p in large {
        each_type!(case(s, p));
    }
    Ok(())
}

fn order(row: bool) -> PackedOrder {
    if row {
        PackedOrder::RowMajor
    } else {
        PackedOrder::ColMajor
    }
}

fn band<T: Scalar>(
    data: &[T],
    (m, n, kl, ku, ld): (usize, usize, usize, usize, usize),
    row: bool,
) -> Result<BandRef<'_, T>, String> {
    if row {
        BandRef::from_row_major(data, m, n, kl, ku, ld)
    } else {
        BandRef::from_col_major(data, m, n, kl, ku, ld)
    }
    .map_err(op_err)
}

/// A well-conditioned triangular (band) matrix: off-diagonal entries scaled
/// down by the band width, a dominant diagonal, so solves stay accurate.
pub(super) fn triangular_band<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo, k: usize) -> Mat<T> {
    let scale = T::from_real(real::<T>(0.5 / (k as f64 + 1.0)));
    Mat::from_fn(n, n, |i, j| {
        let inside = match uplo {
            Uplo::Upper => i <= j && j - i <= k,
            Uplo::Lower => i >= j && i - j <= k,
        };
        if !inside {
            T::zero()
        } else if i == j {
            data::random_scalar::<T>(rng) + T::from_real(real::<T>(2.0))
        } else {
            scale * data::random_scalar::<T>(rng)
        }
    })
}

fn case<S: Subject + ?Sized, T: Scalar>(s: &S, p: Params) -> Check {
    let ((m, n, kl, ku), (row, pad), t, (uplo, dg), (lx, ly), picks, seed) = p;
    let cx = Cx::<S, T>::new(s);
    let mut rng = Rng::new(seed);
    let ld = kl + ku + 1 + pad;
    let storage = if row { "row-major" } else { "col-major" };
    // gbmv on an m × n band.
    let a = data::random_mat::<T>(&mut rng, m, n);
    let g = Guarded::new(&band_storage(&a, kl, ku, ld, order(row)));
    let original = g.data().to_vec();
    let av = band(g.data(), (m, n, kl, ku, ld), row)?;
    let (rows, cols) = t.apply_shape(m, n);
    let x = Vector::<T>::random(&mut rng, cols, lx);
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    let y0 = if beta == T::zero() {
        Vector::dirty(rows, ly)
    } else {
        Vector::random(&mut rng, rows, ly)
    };
    let mut y = y0.clone();
    let c = format!(
        "{t:?} m={m} n={n} kl={kl} ku={ku} ld={ld} {storage} x {lx} y {ly} α={alpha:?} β={beta:?}"
    );
    let reaches = rows > 0 && cols > 0 && alpha != T::zero();
    cx.call(Routine::Gbmv, reaches, &c, |o| {
        o.gbmv(t, alpha, av, x.view(), beta, y.view_mut())
            .map_err(op_err)?;
        rx::gbmv(t, alpha, av, x.view(), beta, y0.view()).check_vec(y.view())?;
        y.check_padding()?;
        g.check_unchanged(Some(&original))
    })?;

    // hbmv / tbmv / tbsv on a square band of order m, band k = kl or ku.
    let k = match uplo {
        Uplo::Upper => ku,
        Uplo::Lower => kl,
    };
    let h = data::random_hermitian::<T>(&mut rng, m);
    let hg = Guarded::new(&band_storage(&h, kl, ku, ld, order(row)));
    let h_original = hg.data().to_vec();
    let hv = band(hg.data(), (m, m, kl, ku, ld), row)?;
    let xh = Vector::<T>::random(&mut rng, m, lx);
    let y0 = if beta == T::zero() {
        Vector::dirty(m, ly)
    } else {
        Vector::random(&mut rng, m, ly)
    };
    let mut y = y0.clone();
    let c = format!(
        "{uplo:?} n={m} kl={kl} ku={ku} ld={ld} {storage} x {lx} y {ly} α={alpha:?} β={beta:?}"
    );
    cx.call(Routine::Hbmv, m > 0 && alpha != T::zero(), &c, |o| {
        o.hbmv(uplo, alpha, hv, xh.view(), beta, y.view_mut())
            .map_err(op_err)?;
        rx::hbmv(uplo, alpha, hv, xh.view(), beta, y0.view()).check_vec(y.view())?;
        y.check_padding()?;
        hg.check_unchanged(Some(&h_original))
    })?;

    let tri = triangular_band::<T>(&mut rng, m, uplo, k);
    let tg = Guarded::new(&band_storage(&tri, kl, ku, ld, order(row)));
    let t_original = tg.data().to_vec();
    let tv = band(tg.data(), (m, m, kl, ku, ld), row)?;
    let x0 = Vector::<T>::random(&mut rng, m, lx);
    let c = format!("{uplo:?} {t:?} {dg:?} n={m} kl={kl} ku={ku} ld={ld} {storage} x {lx}");
    for routine in [Routine::Tbmv, Routine::Tbsv] {
        let mut xm = x0.clone();
        cx.call(routine, m > 0, &c, |o| {
            let expected = if routine == Routine::Tbsv {
                o.tbsv(uplo, t, dg, tv, xm.view_mut()).map_err(op_err)?;
                rx::tbsv(uplo, t, dg, tv, x0.view())
            } else {
                o.tbmv(uplo, t, dg, tv, xm.view_mut()).map_err(op_err)?;
                rx::tbmv(uplo, t, dg, tv, x0.view())
            };
            expected.check_vec(xm.view())?;
            xm.check_padding()?;
            tg.check_unchanged(Some(&t_original))
        })?;
    }
    Ok(())
}
