//! Level 2: matrix–vector products, triangular solves and rank updates,
//! dense, banded and packed.

#![allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]

use linmux_core::{
    BandRef, Diag, Error, MatMut, MatRef, PackedMut, PackedOrder, PackedRef, Result, Scalar, Trans,
    Uplo, VecMut, VecRef,
};
use linmux_loader::BlasInt;

use crate::backend::Blas;
use crate::convert::int;
use crate::ffi::{Ffi, diag_e, trans_e, uplo_e};
use crate::layout::{MatArg, MatOut, Order, VecArg, VecOut, norm_trans};

/// `order` of packed storage as CBLAS names it.
fn packed_order(o: PackedOrder) -> Order {
    match o {
        PackedOrder::ColMajor => Order::Col,
        PackedOrder::RowMajor => Order::Row,
    }
}

/// A band operand as CBLAS takes it: the array's start, its leading
/// dimension and its order.
///
/// A [`BandRef`] is always column-major band storage (`ldab`, diagonal in
/// array row `ku`, array start `as_ptr() − ku`) or CBLAS row-major band
/// storage (`lda`, diagonal in array column `kl`, start `as_ptr() − kl`).
/// With `side = None` (`gbmv`) the whole band is passed from the array's
/// start. With `Some(uplo)` (`hbmv`, `tbmv`, `tbsv`) only the `uplo` side of
/// `k` diagonals is read, and the routine wants the diagonal in array row
/// (column) `k` for column-major upper (row-major lower) storage and in row
/// (column) 0 otherwise:
///
/// | storage | `uplo` | `k` | start |
/// |---|---|---|---|
/// | column-major | `Upper` | `ku` | `as_ptr() − ku` |
/// | column-major | `Lower` | `kl` | `as_ptr()` |
/// | row-major | `Upper` | `ku` | `as_ptr()` |
/// | row-major | `Lower` | `kl` | `as_ptr() − kl` |
///
/// The same leading dimension serves (it is at least `kl + ku + 1 ≥ k + 1`),
/// and every element the routine reads is a band element of the view: the
/// other side's diagonals, whatever they hold, are never read.
struct BandArg<T> {
    ptr: *const T,
    ld: usize,
    order: Order,
}

fn band_arg<T: Scalar>(a: BandRef<'_, T>, side: Option<Uplo>) -> Result<BandArg<T>> {
    let (ld, order, back) = if let Some(ld) = a.col_major_ldab() {
        let back = match side {
            None | Some(Uplo::Upper) => a.ku(),
            Some(Uplo::Lower) => 0,
        };
        (ld, Order::Col, back)
    } else if let Some(ld) = a.row_major_lda() {
        let back = match side {
            None | Some(Uplo::Lower) => a.kl(),
            Some(Uplo::Upper) => 0,
        };
        (ld, Order::Row, back)
    } else {
        return Err(Error::invalid(
            "a",
            "band view is neither column- nor row-major band storage",
        ));
    };
    Ok(BandArg {
        // Inside the borrowed band array (BandRef's docs); wrapping_sub keeps
        // the arithmetic defined regardless.
        ptr: a.as_ptr().wrapping_sub(back),
        ld,
        order,
    })
}

/// The `k` of a square band's `uplo` side.
fn band_k<T: Scalar>(a: &BandRef<'_, T>, uplo: Uplo) -> usize {
    match uplo {
        Uplo::Upper => a.ku(),
        Uplo::Lower => a.kl(),
    }
}

impl<I: BlasInt> Blas<I> {
    // ---- BLAS 2 ----
    pub(crate) fn gemv<T: Ffi>(
        &self,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let aa = MatArg::new(a, Order::Col, true, "a")?;
        let lda = int(aa.ld, "lda")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: A is m×n with `lda` in `aa.order`; x and y match op(A).
        unsafe {
            T::gemv(
                &self.cb,
                aa.order.cblas(),
                trans_e(trans),
                m,
                n,
                alpha,
                aa.ptr,
                lda,
                xa.ptr,
                incx,
                beta,
                yo.ptr,
                incy,
            )
        };
        yo.finish();
        Ok(())
    }
    fn ger<T: Ffi>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
        conj: bool,
    ) -> Result<()> {
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        let ao = MatOut::new(a, None, true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is m×n writable in `ao.order`; x has m, y has n elements.
        unsafe {
            if conj {
                T::gerc(
                    &self.cb,
                    ao.order.cblas(),
                    m,
                    n,
                    alpha,
                    xa.ptr,
                    incx,
                    ya.ptr,
                    incy,
                    ao.ptr,
                    lda,
                );
            } else {
                T::geru(
                    &self.cb,
                    ao.order.cblas(),
                    m,
                    n,
                    alpha,
                    xa.ptr,
                    incx,
                    ya.ptr,
                    incy,
                    ao.ptr,
                    lda,
                );
            }
        }
        ao.finish();
        Ok(())
    }
    pub(crate) fn hemv<T: Ffi>(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let aa = MatArg::new(a, Order::Col, true, "a")?;
        let lda = int(aa.ld, "lda")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: A is n×n in `aa.order`; x, y have n elements.
        unsafe {
            T::hemv(
                &self.cb,
                aa.order.cblas(),
                uplo_e(uplo),
                n,
                alpha,
                aa.ptr,
                lda,
                xa.ptr,
                incx,
                beta,
                yo.ptr,
                incy,
            )
        };
        yo.finish();
        Ok(())
    }
    fn trxv<T: Ffi>(
        &self,
        solve: bool,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let n: I = int(a.nrows(), "n")?;
        let aa = MatArg::new(a, Order::Col, true, "a")?;
        let lda = int(aa.ld, "lda")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        let (o, u, t, d) = (aa.order.cblas(), uplo_e(uplo), trans_e(trans), diag_e(diag));
        // SAFETY: A is n×n in `aa.order`; x has n writable elements.
        unsafe {
            if solve {
                T::trsv(&self.cb, o, u, t, d, n, aa.ptr, lda, xo.ptr, incx);
            } else {
                T::trmv(&self.cb, o, u, t, d, n, aa.ptr, lda, xo.ptr, incx);
            }
        }
        xo.finish();
        Ok(())
    }

    // ---- BLAS 2: banded and packed ----
    pub(crate) fn gbmv<T: Ffi>(
        &self,
        trans: Trans,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let (kl, ku): (I, I) = (int(a.kl(), "kl")?, int(a.ku(), "ku")?);
        let ba = band_arg(a, None)?;
        let lda = int(ba.ld, "lda")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: the band array of an m×n matrix with kl, ku and `lda` in
        // `ba.order` (band_arg); x and y match op(A).
        unsafe {
            T::gbmv(
                &self.cb,
                ba.order.cblas(),
                trans_e(trans),
                m,
                n,
                kl,
                ku,
                alpha,
                ba.ptr,
                lda,
                xa.ptr,
                incx,
                beta,
                yo.ptr,
                incy,
            )
        };
        yo.finish();
        Ok(())
    }
    pub(crate) fn hbmv<T: Ffi>(
        &self,
        uplo: Uplo,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let k: I = int(band_k(&a, uplo), "k")?;
        let ba = band_arg(a, Some(uplo))?;
        let lda = int(ba.ld, "lda")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: the `uplo` side (k diagonals) of an n×n band array with
        // `lda` in `ba.order` (band_arg); x, y have n elements.
        unsafe {
            T::hbmv(
                &self.cb,
                ba.order.cblas(),
                uplo_e(uplo),
                n,
                k,
                alpha,
                ba.ptr,
                lda,
                xa.ptr,
                incx,
                beta,
                yo.ptr,
                incy,
            )
        };
        yo.finish();
        Ok(())
    }
    pub(crate) fn hpmv<T: Ffi>(
        &self,
        alpha: T,
        ap: PackedRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(ap.n(), "n")?;
        let o = packed_order(ap.order()).cblas();
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `ap` holds the n(n+1)/2 elements of its triangle in its
        // order; x, y have n elements.
        unsafe {
            T::hpmv(
                &self.cb,
                o,
                uplo_e(ap.uplo()),
                n,
                alpha,
                ap.as_ptr(),
                xa.ptr,
                incx,
                beta,
                yo.ptr,
                incy,
            )
        };
        yo.finish();
        Ok(())
    }
    fn tbxv<T: Ffi>(
        &self,
        solve: bool,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let n: I = int(a.nrows(), "n")?;
        let k: I = int(band_k(&a, uplo), "k")?;
        let ba = band_arg(a, Some(uplo))?;
        let lda = int(ba.ld, "lda")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        let (o, u, t, d) = (ba.order.cblas(), uplo_e(uplo), trans_e(trans), diag_e(diag));
        // SAFETY: the `uplo` side (k diagonals) of an n×n band array with
        // `lda` in `ba.order` (band_arg); x has n writable elements.
        unsafe {
            if solve {
                T::tbsv(&self.cb, o, u, t, d, n, k, ba.ptr, lda, xo.ptr, incx);
            } else {
                T::tbmv(&self.cb, o, u, t, d, n, k, ba.ptr, lda, xo.ptr, incx);
            }
        }
        xo.finish();
        Ok(())
    }
    fn tpxv<T: Ffi>(
        &self,
        solve: bool,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let n: I = int(ap.n(), "n")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        let (o, u, t, d) = (
            packed_order(ap.order()).cblas(),
            uplo_e(ap.uplo()),
            trans_e(trans),
            diag_e(diag),
        );
        // SAFETY: `ap` holds its triangle's n(n+1)/2 elements in its order;
        // x has n writable elements.
        unsafe {
            if solve {
                T::tpsv(&self.cb, o, u, t, d, n, ap.as_ptr(), xo.ptr, incx);
            } else {
                T::tpmv(&self.cb, o, u, t, d, n, ap.as_ptr(), xo.ptr, incx);
            }
        }
        xo.finish();
        Ok(())
    }
    pub(crate) fn her<T: Ffi>(
        &self,
        uplo: Uplo,
        alpha: T::Real,
        x: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let incx = int(xa.inc, "incx")?;
        let ao = MatOut::new(a, None, true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is n×n writable in `ao.order`; x has n elements.
        unsafe {
            T::her(
                &self.cb,
                ao.order.cblas(),
                uplo_e(uplo),
                n,
                alpha,
                xa.ptr,
                incx,
                ao.ptr,
                lda,
            )
        };
        ao.finish();
        Ok(())
    }
    pub(crate) fn her2<T: Ffi>(
        &self,
        uplo: Uplo,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        let ao = MatOut::new(a, None, true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is n×n writable in `ao.order`; x, y have n elements.
        unsafe {
            T::her2(
                &self.cb,
                ao.order.cblas(),
                uplo_e(uplo),
                n,
                alpha,
                xa.ptr,
                incx,
                ya.ptr,
                incy,
                ao.ptr,
                lda,
            )
        };
        ao.finish();
        Ok(())
    }
    pub(crate) fn hpr<T: Ffi>(
        &self,
        alpha: T::Real,
        x: VecRef<'_, T>,
        mut ap: PackedMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(ap.n(), "n")?;
        let (o, u) = (packed_order(ap.order()).cblas(), uplo_e(ap.uplo()));
        let xa = VecArg::new(x, "x")?;
        let incx = int(xa.inc, "incx")?;
        // SAFETY: `ap` holds its triangle's n(n+1)/2 writable elements in its
        // order; x has n elements.
        unsafe { T::hpr(&self.cb, o, u, n, alpha, xa.ptr, incx, ap.as_mut_ptr()) };
        Ok(())
    }
    pub(crate) fn hpr2<T: Ffi>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        mut ap: PackedMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(ap.n(), "n")?;
        let (o, u) = (packed_order(ap.order()).cblas(), uplo_e(ap.uplo()));
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        // SAFETY: `ap` holds its triangle's n(n+1)/2 writable elements in its
        // order; x, y have n elements.
        unsafe {
            T::hpr2(
                &self.cb,
                o,
                u,
                n,
                alpha,
                xa.ptr,
                incx,
                ya.ptr,
                incy,
                ap.as_mut_ptr(),
            )
        };
        Ok(())
    }
}

/// The operations that share a body above, each under its own name.
impl<I: BlasInt> Blas<I> {
    pub(crate) fn geru<T: Ffi>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        self.ger(alpha, x, y, a, false)
    }
    pub(crate) fn gerc<T: Ffi>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        self.ger(alpha, x, y, a, true)
    }
    pub(crate) fn trmv<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.trxv(false, uplo, trans, diag, a, x)
    }
    pub(crate) fn trsv<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.trxv(true, uplo, trans, diag, a, x)
    }
    pub(crate) fn tbmv<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.tbxv(false, uplo, trans, diag, a, x)
    }
    pub(crate) fn tbsv<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.tbxv(true, uplo, trans, diag, a, x)
    }
    pub(crate) fn tpmv<T: Ffi>(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.tpxv(false, trans, diag, ap, x)
    }
    pub(crate) fn tpsv<T: Ffi>(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        self.tpxv(true, trans, diag, ap, x)
    }
}
