//! `gbmv`, `hbmv`, `tbmv`, `tbsv` on column-major, row-major and transposed
//! band storage.

use super::*;

/// How band storage is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Storage {
    /// BLAS column-major band storage.
    Col,
    /// CBLAS row-major band storage.
    Row,
    /// Column-major storage of `Aᵀ` (bands swapped), viewed through
    /// `.transpose()`.
    TransposedCol,
}

impl Display for Storage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Storage::Col => "col-major band",
            Storage::Row => "row-major band",
            Storage::TransposedCol => "transposed col-major band",
        })
    }
}

/// `(m, n, kl, ku)`, `(storage, ld padding)`, `trans`, `(uplo, diag)`,
/// vector layouts, `(α, β)` picks, seed.
type Params = (
    (usize, usize, usize, usize),
    (Storage, usize),
    Trans,
    (Uplo, Diag),
    (VecLayout, VecLayout),
    (u8, u8),
    u64,
);

pub(super) fn run<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        (0usize..24, 0usize..24, 0usize..6, 0usize..6),
        (
            prop::sample::select(vec![Storage::Col, Storage::Row, Storage::TransposedCol]),
            0usize..3,
        ),
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
    // Sizes past the vendors' small-problem paths. The reference triangular
    // solves are O(n³), which bounds n here.
    let v = VecLayout::UNIT;
    let large: [Params; 2] = [
        (
            (150, 140, 7, 11),
            (Storage::Col, 1),
            Trans::No,
            (Uplo::Lower, Diag::NonUnit),
            (v, v),
            (2, 3),
            7,
        ),
        (
            (129, 129, 3, 0),
            (Storage::Row, 0),
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

/// The band of `a` in `storage`.
fn store<T: Scalar>(a: &Mat<T>, kl: usize, ku: usize, ld: usize, storage: Storage) -> Vec<T> {
    match storage {
        Storage::Col => band_storage(a, kl, ku, ld, PackedOrder::ColMajor),
        Storage::Row => band_storage(a, kl, ku, ld, PackedOrder::RowMajor),
        Storage::TransposedCol => band_storage(&a.transpose(), ku, kl, ld, PackedOrder::ColMajor),
    }
}

fn band<T: Scalar>(
    data: &[T],
    (m, n, kl, ku, ld): (usize, usize, usize, usize, usize),
    storage: Storage,
) -> Result<BandRef<'_, T>, String> {
    match storage {
        Storage::Col => BandRef::from_col_major(data, m, n, kl, ku, ld),
        Storage::Row => BandRef::from_row_major(data, m, n, kl, ku, ld),
        Storage::TransposedCol => {
            BandRef::from_col_major(data, n, m, ku, kl, ld).map(BandRef::transpose)
        }
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
    let ((m, n, kl, ku), (storage, pad), t, (uplo, dg), (lx, ly), picks, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let ld = kl + ku + 1 + pad;
    // gbmv on an m × n band.
    let a = data::random_mat::<T>(&mut rng, m, n);
    let g = Guarded::new(&store(&a, kl, ku, ld, storage));
    let original = g.data().to_vec();
    let av = band(g.data(), (m, n, kl, ku, ld), storage)?;
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
    let hg = Guarded::new(&store(&h, kl, ku, ld, storage));
    let h_original = hg.data().to_vec();
    let hv = band(hg.data(), (m, m, kl, ku, ld), storage)?;
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
    let tg = Guarded::new(&store(&tri, kl, ku, ld, storage));
    let t_original = tg.data().to_vec();
    let tv = band(tg.data(), (m, m, kl, ku, ld), storage)?;
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
