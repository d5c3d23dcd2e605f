//! Level 3: matrix–matrix products and triangular solves, each operand
//! read in the output's storage order (flipping `op` where the algebra
//! allows, copying where it would need a conjugation).

#![allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]

use linmux_core::{Diag, MatMut, MatRef, Result, Side, Trans, Uplo};
use linmux_loader::BlasInt;

use crate::backend::Blas;
use crate::convert::int;
use crate::ffi::{Ffi, diag_e, flip_trans, side_e, trans_e, uplo_e};
use crate::layout::{MatArg, MatOut, Order, col_ld, norm_trans};

impl<I: BlasInt> Blas<I> {
    // ---- BLAS 3 ----
    /// An operand `A` with `op(A)` wanted, read in `order`: flips `op` when
    /// the storage holds `Aᵀ`, copies when that would need a conjugation.
    #[inline(always)]
    fn operand<'v, T: Ffi>(
        a: MatRef<'v, T>,
        trans: Trans,
        order: Order,
        name: &'static str,
    ) -> Result<(MatArg<'v, T>, Trans)> {
        let can_flip = flip_trans(trans).is_some();
        let arg = MatArg::new(a, order, can_flip, name)?;
        Ok(if arg.flipped(order) {
            (arg, flip_trans(trans).unwrap_or(trans))
        } else {
            (arg, trans)
        })
    }

    pub(crate) fn gemm<T: Ffi>(
        &self,
        ta: Trans,
        tb: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let (ta, tb) = (norm_trans::<T>(ta), norm_trans::<T>(tb));
        let k = ta.apply_shape(a.nrows(), a.ncols()).1;
        let (m, n, k): (I, I, I) = (int(c.nrows(), "m")?, int(c.ncols(), "n")?, int(k, "k")?);
        // The common case, every operand already column-major: no layout
        // mapping, no scratch (measured: about a third of this layer's
        // instructions per small call).
        if let (Some(lda), Some(ldb), Some(ldc)) = (col_ld(&a), col_ld(&b), col_ld(&c.rb())) {
            let (lda, ldb, ldc): (I, I, I) = (int(lda, "lda")?, int(ldb, "ldb")?, int(ldc, "ldc")?);
            let mut c = c;
            // SAFETY: all three are column-major with these leading dimensions,
            // shapes as checked by the caller.
            unsafe {
                T::gemm(
                    &self.cb,
                    Order::Col.cblas(),
                    trans_e(ta),
                    trans_e(tb),
                    m,
                    n,
                    k,
                    alpha,
                    a.as_ptr(),
                    lda,
                    b.as_ptr(),
                    ldb,
                    beta,
                    c.as_mut_ptr(),
                    ldc,
                )
            };
            return Ok(());
        }
        let co = MatOut::new(c, None, true, "c")?;
        let (aa, ta) = Self::operand(a, ta, co.order, "a")?;
        let (ba, tb) = Self::operand(b, tb, co.order, "b")?;
        let (lda, ldb, ldc) = (int(aa.ld, "lda")?, int(ba.ld, "ldb")?, int(co.ld, "ldc")?);
        // SAFETY: operands described in `co.order` with their leading dimensions.
        unsafe {
            T::gemm(
                &self.cb,
                co.order.cblas(),
                trans_e(ta),
                trans_e(tb),
                m,
                n,
                k,
                alpha,
                aa.ptr,
                lda,
                ba.ptr,
                ldb,
                beta,
                co.ptr,
                ldc,
            )
        };
        co.finish();
        Ok(())
    }
    fn symm_or_hemm<T: Ffi>(
        &self,
        herm: bool,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let (m, n): (I, I) = (int(c.nrows(), "m")?, int(c.ncols(), "n")?);
        let co = MatOut::new(c, None, true, "c")?;
        // Aᵀ = A for symmetric A; for Hermitian complex A, Aᵀ = conj(A): copy.
        let aa = MatArg::new(a, co.order, !herm || !T::IS_COMPLEX, "a")?;
        let uplo = if aa.flipped(co.order) {
            uplo.flip()
        } else {
            uplo
        };
        let ba = MatArg::new(b, co.order, false, "b")?;
        let (lda, ldb, ldc) = (int(aa.ld, "lda")?, int(ba.ld, "ldb")?, int(co.ld, "ldc")?);
        let (o, s, u) = (co.order.cblas(), side_e(side), uplo_e(uplo));
        // SAFETY: operands described in `co.order` with their leading dimensions.
        unsafe {
            if herm {
                T::hemm(
                    &self.cb, o, s, u, m, n, alpha, aa.ptr, lda, ba.ptr, ldb, beta, co.ptr, ldc,
                );
            } else {
                T::symm(
                    &self.cb, o, s, u, m, n, alpha, aa.ptr, lda, ba.ptr, ldb, beta, co.ptr, ldc,
                );
            }
        }
        co.finish();
        Ok(())
    }
    /// `syrk` (`herm == None`) or `herk` (`Some((alpha, beta))`).
    fn rank_k<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        herm: Option<(T::Real, T::Real)>,
        a: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let k = trans.apply_shape(a.nrows(), a.ncols()).1;
        let (n, k): (I, I) = (int(c.nrows(), "n")?, int(k, "k")?);
        let co = MatOut::new(c, None, true, "c")?;
        // A·Aᵀ = Mᵀ·M for M = Aᵀ; A·Aᴴ of complex A is not expressible so.
        let can_flip = herm.is_none() || !T::IS_COMPLEX;
        let aa = MatArg::new(a, co.order, can_flip, "a")?;
        let trans = if aa.flipped(co.order) {
            if trans == Trans::No {
                Trans::Trans
            } else {
                Trans::No
            }
        } else {
            trans
        };
        let (lda, ldc) = (int(aa.ld, "lda")?, int(co.ld, "ldc")?);
        let (o, u, t) = (co.order.cblas(), uplo_e(uplo), trans_e(trans));
        // SAFETY: operands described in `co.order` with their leading dimensions.
        unsafe {
            match herm {
                Some((ra, rb)) => {
                    T::herk(&self.cb, o, u, t, n, k, ra, aa.ptr, lda, rb, co.ptr, ldc)
                }
                None => T::syrk(
                    &self.cb, o, u, t, n, k, alpha, aa.ptr, lda, beta, co.ptr, ldc,
                ),
            }
        }
        co.finish();
        Ok(())
    }
    /// `syr2k` (`herm_beta == None`) or `her2k` (`Some(beta)`).
    fn rank_2k<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        herm_beta: Option<T::Real>,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let k = trans.apply_shape(a.nrows(), a.ncols()).1;
        let (n, k): (I, I) = (int(c.nrows(), "n")?, int(k, "k")?);
        let co = MatOut::new(c, None, true, "c")?;
        let can_flip = herm_beta.is_none() || !T::IS_COMPLEX;
        let aa = MatArg::new(a, co.order, can_flip, "a")?;
        // B must be read the same way as A.
        let ba = MatArg::new(b, aa.order, false, "b")?;
        let trans = if aa.flipped(co.order) {
            if trans == Trans::No {
                Trans::Trans
            } else {
                Trans::No
            }
        } else {
            trans
        };
        let (lda, ldb, ldc) = (int(aa.ld, "lda")?, int(ba.ld, "ldb")?, int(co.ld, "ldc")?);
        let (o, u, t) = (co.order.cblas(), uplo_e(uplo), trans_e(trans));
        // SAFETY: operands described in `co.order` with their leading dimensions.
        unsafe {
            match herm_beta {
                Some(rb) => T::her2k(
                    &self.cb, o, u, t, n, k, alpha, aa.ptr, lda, ba.ptr, ldb, rb, co.ptr, ldc,
                ),
                None => T::syr2k(
                    &self.cb, o, u, t, n, k, alpha, aa.ptr, lda, ba.ptr, ldb, beta, co.ptr, ldc,
                ),
            }
        }
        co.finish();
        Ok(())
    }
    fn trxm<T: Ffi>(
        &self,
        solve: bool,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let trans = norm_trans::<T>(trans);
        let (m, n): (I, I) = (int(b.nrows(), "m")?, int(b.ncols(), "n")?);
        let bo = MatOut::new(b, None, true, "b")?;
        let (aa, trans2) = Self::operand(a, trans, bo.order, "a")?;
        let uplo = if aa.flipped(bo.order) {
            uplo.flip()
        } else {
            uplo
        };
        let (lda, ldb) = (int(aa.ld, "lda")?, int(bo.ld, "ldb")?);
        let (o, s, u, t, d) = (
            bo.order.cblas(),
            side_e(side),
            uplo_e(uplo),
            trans_e(trans2),
            diag_e(diag),
        );
        // SAFETY: operands described in `bo.order` with their leading dimensions.
        unsafe {
            if solve {
                T::trsm(
                    &self.cb, o, s, u, t, d, m, n, alpha, aa.ptr, lda, bo.ptr, ldb,
                );
            } else {
                T::trmm(
                    &self.cb, o, s, u, t, d, m, n, alpha, aa.ptr, lda, bo.ptr, ldb,
                );
            }
        }
        bo.finish();
        Ok(())
    }
}

/// The operations that share a body above, each under its own name.
impl<I: BlasInt> Blas<I> {
    pub(crate) fn symm<T: Ffi>(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        self.symm_or_hemm(false, side, uplo, alpha, a, b, beta, c)
    }
    pub(crate) fn hemm<T: Ffi>(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        self.symm_or_hemm(true, side, uplo, alpha, a, b, beta, c)
    }
    pub(crate) fn syrk<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        self.rank_k(uplo, trans, alpha, None, a, beta, c)
    }
    pub(crate) fn herk<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T::Real,
        a: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let (a_, b_) = (T::from_real(alpha), T::from_real(beta));
        self.rank_k(uplo, trans, a_, Some((alpha, beta)), a, b_, c)
    }
    pub(crate) fn syr2k<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        self.rank_2k(uplo, trans, alpha, a, b, beta, None, c)
    }
    pub(crate) fn her2k<T: Ffi>(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        self.rank_2k(uplo, trans, alpha, a, b, T::from_real(beta), Some(beta), c)
    }
    pub(crate) fn trmm<T: Ffi>(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        self.trxm(false, side, uplo, trans, diag, alpha, a, b)
    }
    pub(crate) fn trsm<T: Ffi>(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        self.trxm(true, side, uplo, trans, diag, alpha, a, b)
    }
}
