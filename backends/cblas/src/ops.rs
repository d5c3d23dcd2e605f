//! The operation set over one loaded table, generic over the scalar and the
//! library's integer type. Every view is mapped to BLAS's storage conventions
//! by [`crate::layout`]; every `usize` goes through [`crate::convert::int`].

#![allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]

use linmux_core::{
    BandRef, Diag, EigJob, Error, MatMut, MatRef, PackedMut, PackedOrder, PackedRef, RealScalar,
    Result, Routine, Scalar, ScalarKind, Side, SvdJob, Trans, Uplo, VecMut, VecRef,
};
use linmux_loader::{
    BlasInt, CBLAS_CONJ_TRANS, CBLAS_LEFT, CBLAS_LOWER, CBLAS_NO_TRANS, CBLAS_NON_UNIT,
    CBLAS_RIGHT, CBLAS_TRANS, CBLAS_UNIT, CBLAS_UPPER, CblasEnum, CblasTable, FortranBlasTable,
    LapackTable,
};

use crate::convert::{Positive, check_info, int, lwork_from, to_usize};
use crate::kernels::Kernels;
use crate::layout::{MatArg, MatOut, Order, VecArg, VecOut, elements, try_vec};

/// One table pair and the backend's name (for errors).
pub(crate) struct Ctx<'a, I: BlasInt> {
    pub(crate) cb: &'a CblasTable<I>,
    /// Fortran fallbacks for CBLAS entries the library lacks.
    pub(crate) fb: &'a FortranBlasTable<I>,
    pub(crate) name: &'a str,
    /// See [`crate::CblasBackend::mixed_dot_exact`].
    pub(crate) mixed_dot_exact: bool,
}

/// Probes whether `cblas_dsdot` accumulates in double precision: 64
/// products of `f32` values are exact in `f64`, so their `f64` sum is within
/// `64·ε₆₄·Σ|xᵢyᵢ|` of the true dot product, while a single-precision
/// accumulator misses by about `ε₃₂` (measured: 7e-9 relative on OpenBLAS
/// 0.3.21 at n = 32).
pub(crate) fn mixed_dot_is_double<I: BlasInt>(cb: &CblasTable<I>) -> bool {
    const N: usize = 64;
    let (mut x, mut y) = ([0f32; N], [0f32; N]);
    let mut s = 0x2545_f491_u32;
    for k in 0..N {
        // Values in [-1, 1) with full 24-bit mantissas (a fixed LCG).
        for v in [&mut x[k], &mut y[k]] {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            *v = f32::from_bits(0x3f80_0000 | (s >> 9)) - 1.5;
        }
    }
    let (mut want, mut mag) = (0f64, 0f64);
    for k in 0..N {
        let p = f64::from(x[k]) * f64::from(y[k]);
        want += p;
        mag += p.abs();
    }
    let (Ok(n), Ok(one)) = (I::try_from(N), I::try_from(1usize)) else {
        return false;
    };
    // SAFETY: both arrays hold N = 64 elements at increment 1.
    let got = unsafe { (cb.cblas_dsdot)(n, x.as_ptr(), one, y.as_ptr(), one) };
    (got - want).abs() <= 128.0 * f64::EPSILON * mag
}

/// `Σ xᵢ·yᵢ` of real `f32` vectors accumulated in `f64`, as reference BLAS
/// `dsdot` does: for libraries whose own routine does not.
fn dot_in_f64<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> f64 {
    (0..x.len())
        .map(|i| x.at(i).to_c64().re * y.at(i).to_c64().re)
        .sum()
}

/// The leading dimension of a view that is column-major as it stands
/// (unit row stride, column stride at least `max(1, nrows)`), else `None`.
#[inline(always)]
fn col_ld<T: Scalar>(a: &MatRef<'_, T>) -> Option<usize> {
    let m = a.nrows();
    if a.row_stride() == 1 || m <= 1 {
        usize::try_from(a.col_stride())
            .ok()
            .filter(|&ld| ld >= m.max(1))
    } else {
        None
    }
}

/// For real types `ConjTrans` means `Trans`.
fn norm_trans<T: Scalar>(t: Trans) -> Trans {
    if !T::IS_COMPLEX && t == Trans::ConjTrans {
        Trans::Trans
    } else {
        t
    }
}

fn trans_e(t: Trans) -> CblasEnum {
    match t {
        Trans::No => CBLAS_NO_TRANS,
        Trans::Trans => CBLAS_TRANS,
        Trans::ConjTrans => CBLAS_CONJ_TRANS,
    }
}
fn uplo_e(u: Uplo) -> CblasEnum {
    match u {
        Uplo::Upper => CBLAS_UPPER,
        Uplo::Lower => CBLAS_LOWER,
    }
}
fn diag_e(d: Diag) -> CblasEnum {
    match d {
        Diag::NonUnit => CBLAS_NON_UNIT,
        Diag::Unit => CBLAS_UNIT,
    }
}
fn side_e(s: Side) -> CblasEnum {
    match s {
        Side::Left => CBLAS_LEFT,
        Side::Right => CBLAS_RIGHT,
    }
}
/// `op` of a matrix seen through its transpose (`op(A) = op'(Aᵀ)`); `None`
/// when that needs a conjugation CBLAS cannot express.
fn flip_trans(t: Trans) -> Option<Trans> {
    match t {
        Trans::No => Some(Trans::Trans),
        Trans::Trans => Some(Trans::No),
        Trans::ConjTrans => None,
    }
}

impl<I: BlasInt> Ctx<'_, I> {
    // ---- BLAS 1 ----
    pub(crate) fn dot<T: Kernels>(
        &self,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        conj: bool,
    ) -> Result<T> {
        let n: I = int(x.len(), "n")?;
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        // SAFETY: both vectors have `n` elements at the given increments.
        Ok(unsafe {
            if conj {
                T::dotc(self.cb, n, xa.ptr, incx, ya.ptr, incy)
            } else {
                T::dotu(self.cb, n, xa.ptr, incx, ya.ptr, incy)
            }
        })
    }
    pub(crate) fn axpy<T: Kernels>(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: both vectors have `n` elements; y is writable.
        unsafe { T::axpy(self.cb, n, alpha, xa.ptr, incx, yo.ptr, incy) };
        yo.finish();
        Ok(())
    }
    pub(crate) fn scal<T: Kernels>(&self, alpha: T, x: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        // SAFETY: `n` writable elements.
        unsafe { T::scal(self.cb, n, alpha, xo.ptr, incx) };
        xo.finish();
        Ok(())
    }
    pub(crate) fn nrm2<T: Kernels>(&self, x: VecRef<'_, T>, asum: bool) -> Result<T::Real> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let incx = int(xa.inc, "incx")?;
        // SAFETY: `n` readable elements.
        Ok(unsafe {
            if asum {
                T::asum(self.cb, n, xa.ptr, incx)
            } else {
                T::nrm2(self.cb, n, xa.ptr, incx)
            }
        })
    }
    pub(crate) fn iamax<T: Kernels>(&self, x: VecRef<'_, T>) -> Result<usize> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let incx = int(xa.inc, "incx")?;
        // SAFETY: `n` readable elements.
        let r = unsafe { T::iamax(self.cb, n, xa.ptr, incx) };
        // CBLAS_INDEX may be a 32-bit int in LP64 builds: keep the low half.
        let r = if I::MAX_USIZE <= i32::MAX as usize {
            r & 0xFFFF_FFFF
        } else {
            r
        };
        if r >= x.len() {
            return Err(Error::Backend {
                backend: self.name.to_owned(),
                routine: "iamax",
                detail: format!("returned index {r} for a vector of length {}", x.len()),
            });
        }
        Ok(r)
    }
    pub(crate) fn copy<T: Kernels>(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, false, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `n` elements each; y writable.
        unsafe { T::copy(self.cb, n, xa.ptr, incx, yo.ptr, incy) };
        yo.finish();
        Ok(())
    }
    pub(crate) fn swap<T: Kernels>(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let (xo, yo) = (VecOut::new(x, true, "x")?, VecOut::new(y, true, "y")?);
        let (incx, incy) = (int(xo.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `n` writable elements each, disjoint (engine contract).
        unsafe { T::swap(self.cb, n, xo.ptr, incx, yo.ptr, incy) };
        xo.finish();
        yo.finish();
        Ok(())
    }

    // ---- BLAS 2 ----
    pub(crate) fn gemv<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn ger<T: Kernels>(
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
                    self.cb,
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
                    self.cb,
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
    pub(crate) fn hemv<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn trxv<T: Kernels>(
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
                T::trsv(self.cb, o, u, t, d, n, aa.ptr, lda, xo.ptr, incx);
            } else {
                T::trmv(self.cb, o, u, t, d, n, aa.ptr, lda, xo.ptr, incx);
            }
        }
        xo.finish();
        Ok(())
    }

    // ---- BLAS 3 ----
    /// An operand `A` with `op(A)` wanted, read in `order`: flips `op` when
    /// the storage holds `Aᵀ`, copies when that would need a conjugation.
    #[inline(always)]
    fn operand<'v, T: Kernels>(
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

    pub(crate) fn gemm<T: Kernels>(
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
                    self.cb,
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
                self.cb,
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
    pub(crate) fn symm<T: Kernels>(
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
                    self.cb, o, s, u, m, n, alpha, aa.ptr, lda, ba.ptr, ldb, beta, co.ptr, ldc,
                );
            } else {
                T::symm(
                    self.cb, o, s, u, m, n, alpha, aa.ptr, lda, ba.ptr, ldb, beta, co.ptr, ldc,
                );
            }
        }
        co.finish();
        Ok(())
    }
    /// `syrk` (`herm == None`) or `herk` (`Some((alpha, beta))`).
    pub(crate) fn rank_k<T: Kernels>(
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
                Some((ra, rb)) => T::herk(self.cb, o, u, t, n, k, ra, aa.ptr, lda, rb, co.ptr, ldc),
                None => T::syrk(
                    self.cb, o, u, t, n, k, alpha, aa.ptr, lda, beta, co.ptr, ldc,
                ),
            }
        }
        co.finish();
        Ok(())
    }
    /// `syr2k` (`herm_beta == None`) or `her2k` (`Some(beta)`).
    pub(crate) fn rank_2k<T: Kernels>(
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
                    self.cb, o, u, t, n, k, alpha, aa.ptr, lda, ba.ptr, ldb, rb, co.ptr, ldc,
                ),
                None => T::syr2k(
                    self.cb, o, u, t, n, k, alpha, aa.ptr, lda, ba.ptr, ldb, beta, co.ptr, ldc,
                ),
            }
        }
        co.finish();
        Ok(())
    }
    pub(crate) fn trxm<T: Kernels>(
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
                    self.cb, o, s, u, t, d, m, n, alpha, aa.ptr, lda, bo.ptr, ldb,
                );
            } else {
                T::trmm(
                    self.cb, o, s, u, t, d, m, n, alpha, aa.ptr, lda, bo.ptr, ldb,
                );
            }
        }
        bo.finish();
        Ok(())
    }
}

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

impl<I: BlasInt> Ctx<'_, I> {
    fn unsupported_here<T: Scalar>(&self, op: &'static str, routine: Routine, why: &str) -> Error {
        Error::Unsupported {
            op,
            backend: format!("{} ({}: {why})", self.name, routine.blas_name(T::KIND)),
        }
    }

    // ---- BLAS 1: rotations, mixed precision, real scaling ----
    pub(crate) fn rotg<T: Kernels>(
        &self,
        a: &mut T,
        b: &mut T,
        c: &mut T::Real,
        s: &mut T,
    ) -> Result<()> {
        // Through locals: the vendor never sees the caller's references.
        let (mut a1, mut b1, mut c1, mut s1) = (*a, *b, *c, *s);
        // SAFETY: four distinct valid scalars.
        let found = unsafe { T::rotg(self.cb, self.fb, &mut a1, &mut b1, &mut c1, &mut s1) };
        if !found {
            return Err(self.unsupported_here::<T>(
                "rotg",
                Routine::Rotg,
                "neither the CBLAS nor the Fortran symbol is exported",
            ));
        }
        (*a, *b, *c, *s) = (a1, b1, c1, s1);
        Ok(())
    }
    pub(crate) fn rot<T: Kernels>(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        c: T::Real,
        s: T::Real,
    ) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let (xo, yo) = (VecOut::new(x, true, "x")?, VecOut::new(y, true, "y")?);
        let (incx, incy) = (int(xo.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `n` writable elements each, disjoint (checked surface).
        let found = unsafe { T::rot(self.cb, self.fb, n, xo.ptr, incx, yo.ptr, incy, c, s) };
        if !found {
            return Err(self.unsupported_here::<T>(
                "rot",
                Routine::Rot,
                "neither the CBLAS nor the Fortran symbol is exported",
            ));
        }
        xo.finish();
        yo.finish();
        Ok(())
    }
    pub(crate) fn rotm<T: Kernels>(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        param: &[T; 5],
    ) -> Result<()> {
        if T::IS_COMPLEX {
            return Err(self.unsupported_here::<T>("rotm", Routine::Rotm, "real types only"));
        }
        let n: I = int(x.len(), "n")?;
        let (xo, yo) = (VecOut::new(x, true, "x")?, VecOut::new(y, true, "y")?);
        let (incx, incy) = (int(xo.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `n` writable elements each, disjoint; `param` has 5 values.
        unsafe { T::rotm(self.cb, n, xo.ptr, incx, yo.ptr, incy, param.as_ptr()) };
        xo.finish();
        yo.finish();
        Ok(())
    }
    pub(crate) fn rotmg<T: Kernels>(
        &self,
        d1: &mut T,
        d2: &mut T,
        x1: &mut T,
        y1: T,
        param: &mut [T; 5],
    ) -> Result<()> {
        let (mut a, mut b, mut c, mut p) = (*d1, *d2, *x1, *param);
        // SAFETY: three distinct valid scalars and 5 values.
        if !unsafe { T::rotmg(self.cb, &mut a, &mut b, &mut c, y1, p.as_mut_ptr()) } {
            return Err(self.unsupported_here::<T>("rotmg", Routine::Rotmg, "real types only"));
        }
        (*d1, *d2, *x1, *param) = (a, b, c, p);
        Ok(())
    }
    pub(crate) fn sdsdot<T: Kernels>(
        &self,
        sb: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
    ) -> Result<T> {
        if !self.mixed_dot_exact && T::KIND == ScalarKind::F32 {
            // sb + Σ in f64, rounded once (the f32 conversion is the point).
            #[allow(
                clippy::cast_possible_truncation,
                reason = "rounding to f32 is sdsdot's result"
            )]
            let v = (sb.to_c64().re + dot_in_f64(x, y)) as f32;
            return Ok(T::from_c64(linmux_core::c64::new(f64::from(v), 0.0)));
        }
        let n: I = int(x.len(), "n")?;
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        // SAFETY: both vectors have `n` elements at the given increments.
        unsafe { T::sdsdot(self.cb, n, sb, xa.ptr, incx, ya.ptr, incy) }
            .ok_or_else(|| self.unsupported_here::<T>("sdsdot", Routine::Sdsdot, "real types only"))
    }
    pub(crate) fn dsdot<T: Kernels>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<f64> {
        if !self.mixed_dot_exact && T::KIND == ScalarKind::F32 {
            return Ok(dot_in_f64(x, y));
        }
        let n: I = int(x.len(), "n")?;
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        // SAFETY: both vectors have `n` elements at the given increments.
        unsafe { T::dsdot(self.cb, n, xa.ptr, incx, ya.ptr, incy) }
            .ok_or_else(|| self.unsupported_here::<T>("dsdot", Routine::Dsdot, "real types only"))
    }
    pub(crate) fn rscal<T: Kernels>(&self, alpha: T::Real, x: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        // SAFETY: `n` writable elements.
        unsafe { T::rscal(self.cb, n, alpha, xo.ptr, incx) };
        xo.finish();
        Ok(())
    }

    // ---- BLAS 2: banded and packed ----
    pub(crate) fn gbmv<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn hbmv<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn hpmv<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn tbxv<T: Kernels>(
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
                T::tbsv(self.cb, o, u, t, d, n, k, ba.ptr, lda, xo.ptr, incx);
            } else {
                T::tbmv(self.cb, o, u, t, d, n, k, ba.ptr, lda, xo.ptr, incx);
            }
        }
        xo.finish();
        Ok(())
    }
    pub(crate) fn tpxv<T: Kernels>(
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
                T::tpsv(self.cb, o, u, t, d, n, ap.as_ptr(), xo.ptr, incx);
            } else {
                T::tpmv(self.cb, o, u, t, d, n, ap.as_ptr(), xo.ptr, incx);
            }
        }
        xo.finish();
        Ok(())
    }
    pub(crate) fn her<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn her2<T: Kernels>(
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
                self.cb,
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
    pub(crate) fn hpr<T: Kernels>(
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
        unsafe { T::hpr(self.cb, o, u, n, alpha, xa.ptr, incx, ap.as_mut_ptr()) };
        Ok(())
    }
    pub(crate) fn hpr2<T: Kernels>(
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
                self.cb,
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

/// LAPACK over one table, column-major only.
pub(crate) struct Lapack<'a, I: BlasInt> {
    pub(crate) lp: &'a LapackTable<I>,
    pub(crate) name: &'a str,
}

fn lapack_trans<T: Scalar>(t: Trans) -> u8 {
    match (t, T::IS_COMPLEX) {
        (Trans::No, _) => b'N',
        (Trans::ConjTrans, true) => b'C',
        _ => b'T',
    }
}

impl<I: BlasInt> Lapack<'_, I> {
    fn check<T: Scalar>(&self, routine: &'static str, info: I, p: Positive) -> Result<()> {
        check_info(self.name, routine, T::KIND.blas_prefix(), info, p)
    }
    fn ipiv_in(ipiv: &[usize]) -> Result<Vec<I>> {
        ipiv.iter()
            .map(|&p| {
                p.checked_add(1)
                    .ok_or(Error::invalid("ipiv", "pivot index overflows"))
                    .and_then(|p| int(p, "ipiv"))
            })
            .collect()
    }

    pub(crate) fn getrf<T: Kernels>(&self, a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<()> {
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let mut piv = vec![I::ZERO; ipiv.len().max(1)];
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is m×n column-major with `lda`; ipiv has min(m, n) slots.
        let info = unsafe { T::getrf(self.lp, m, n, ao.ptr, lda, piv.as_mut_ptr()) };
        ao.finish();
        if Into::<i64>::into(info) >= 0 {
            for (o, &p) in ipiv.iter_mut().zip(&piv) {
                *o = to_usize(p, self.name, "getrf")?
                    .checked_sub(1)
                    .ok_or_else(|| Error::Backend {
                        backend: self.name.to_owned(),
                        routine: "getrf",
                        detail: String::from("returned a zero pivot index"),
                    })?;
            }
        }
        self.check::<T>("getrf", info, Positive::Singular)
    }
    pub(crate) fn getrs<T: Kernels>(
        &self,
        trans: Trans,
        lu: MatRef<'_, T>,
        ipiv: &[usize],
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let (n, nrhs): (I, I) = (int(lu.nrows(), "n")?, int(b.ncols(), "nrhs")?);
        let piv = Self::ipiv_in(ipiv)?;
        let aa = MatArg::new(lu, Order::Col, false, "lu")?;
        let bo = MatOut::new(b, Some(Order::Col), true, "b")?;
        let (lda, ldb) = (int(aa.ld, "lda")?, int(bo.ld, "ldb")?);
        // SAFETY: LU is n×n, B n×nrhs, column-major; ipiv has n entries.
        let info = unsafe {
            T::getrs(
                self.lp,
                lapack_trans::<T>(trans),
                n,
                nrhs,
                aa.ptr,
                lda,
                piv.as_ptr(),
                bo.ptr,
                ldb,
            )
        };
        bo.finish();
        self.check::<T>("getrs", info, Positive::Never)
    }
    pub(crate) fn getri<T: Kernels>(&self, a: MatMut<'_, T>, ipiv: &[usize]) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let piv = Self::ipiv_in(ipiv)?;
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::getri(
                self.lp,
                n,
                ao.ptr,
                lda,
                piv.as_ptr(),
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("getri", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), ipiv.len());
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A is n×n column-major, work has `lwork` elements.
        let info = unsafe {
            T::getri(
                self.lp,
                n,
                ao.ptr,
                lda,
                piv.as_ptr(),
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        self.check::<T>("getri", info, Positive::Singular)
    }
    pub(crate) fn potrf<T: Kernels>(&self, uplo: Uplo, a: MatMut<'_, T>) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is n×n column-major.
        let info = unsafe { T::potrf(self.lp, uplo.as_char(), n, ao.ptr, lda) };
        ao.finish();
        self.check::<T>("potrf", info, Positive::NotPositiveDefinite)
    }
    pub(crate) fn potrs<T: Kernels>(
        &self,
        uplo: Uplo,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let (n, nrhs): (I, I) = (int(a.nrows(), "n")?, int(b.ncols(), "nrhs")?);
        let aa = MatArg::new(a, Order::Col, false, "a")?;
        let bo = MatOut::new(b, Some(Order::Col), true, "b")?;
        let (lda, ldb) = (int(aa.ld, "lda")?, int(bo.ld, "ldb")?);
        // SAFETY: A n×n, B n×nrhs, column-major.
        let info = unsafe { T::potrs(self.lp, uplo.as_char(), n, nrhs, aa.ptr, lda, bo.ptr, ldb) };
        bo.finish();
        self.check::<T>("potrs", info, Positive::Never)
    }
    pub(crate) fn geqrf<T: Kernels>(&self, a: MatMut<'_, T>, tau: &mut [T]) -> Result<()> {
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut t = vec![T::default(); tau.len().max(1)];
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::geqrf(
                self.lp,
                m,
                n,
                ao.ptr,
                lda,
                t.as_mut_ptr(),
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("geqrf", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), 1);
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A m×n column-major; tau has min(m, n) slots; work `lwork`.
        let info = unsafe {
            T::geqrf(
                self.lp,
                m,
                n,
                ao.ptr,
                lda,
                t.as_mut_ptr(),
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        tau.copy_from_slice(&t[..tau.len()]);
        self.check::<T>("geqrf", info, Positive::Never)
    }
    pub(crate) fn ungqr<T: Kernels>(&self, a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
        let (m, n, k): (I, I, I) = (
            int(a.nrows(), "m")?,
            int(a.ncols(), "n")?,
            int(tau.len(), "k")?,
        );
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let t: Vec<T> = if tau.is_empty() {
            vec![T::default()]
        } else {
            tau.to_vec()
        };
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::ungqr(
                self.lp,
                m,
                n,
                k,
                ao.ptr,
                lda,
                t.as_ptr(),
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("ungqr", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), 1);
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A m×n column-major; tau has k entries; work `lwork`.
        let info = unsafe {
            T::ungqr(
                self.lp,
                m,
                n,
                k,
                ao.ptr,
                lda,
                t.as_ptr(),
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        self.check::<T>("ungqr", info, Positive::Never)
    }
    pub(crate) fn gesdd<T: Kernels>(
        &self,
        job: SvdJob,
        a: MatMut<'_, T>,
        s: &mut [T::Real],
        u: Option<MatMut<'_, T>>,
        vt: Option<MatMut<'_, T>>,
    ) -> Result<()> {
        let (mu, nu) = a.shape();
        let (m, n): (I, I) = (int(mu, "m")?, int(nu, "n")?);
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut dummy_u = [T::default(); 1];
        let mut dummy_vt = [T::default(); 1];
        let uo = u
            .map(|u| MatOut::new(u, Some(Order::Col), false, "u"))
            .transpose()?;
        let vo = vt
            .map(|v| MatOut::new(v, Some(Order::Col), false, "vt"))
            .transpose()?;
        let (pu, ldu) = match &uo {
            Some(o) => (o.ptr, o.ld),
            None => (dummy_u.as_mut_ptr(), 1),
        };
        let (pv, ldvt) = match &vo {
            Some(o) => (o.ptr, o.ld),
            None => (dummy_vt.as_mut_ptr(), 1),
        };
        let mut sv = vec![<T::Real as Default>::default(); s.len().max(1)];
        // SAFETY: every buffer has the shape the job asks for (engine contract).
        let info = unsafe {
            T::gesdd(
                self.lp,
                self.name,
                job.as_char(),
                m,
                n,
                mu.min(nu),
                mu.max(nu),
                ao.ptr,
                lda,
                sv.as_mut_ptr(),
                pu,
                int(ldu, "ldu")?,
                pv,
                int(ldvt, "ldvt")?,
            )?
        };
        ao.finish();
        if let Some(o) = uo {
            o.finish();
        }
        if let Some(o) = vo {
            o.finish();
        }
        s.copy_from_slice(&sv[..s.len()]);
        self.check::<T>("gesdd", info, Positive::NoConvergence)
    }
    pub(crate) fn heevd<T: Kernels>(
        &self,
        job: EigJob,
        uplo: Uplo,
        a: MatMut<'_, T>,
        w: &mut [T::Real],
    ) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut wv = vec![<T::Real as Default>::default(); w.len().max(1)];
        // SAFETY: A is n×n column-major; w has n slots.
        let info = unsafe {
            T::heevd(
                self.lp,
                self.name,
                job.as_char(),
                uplo.as_char(),
                n,
                ao.ptr,
                lda,
                wv.as_mut_ptr(),
            )?
        };
        ao.finish();
        w.copy_from_slice(&wv[..w.len()]);
        self.check::<T>("heevd", info, Positive::NoConvergence)
    }
    pub(crate) fn geev<T: Kernels>(
        &self,
        a: MatMut<'_, T>,
        w: &mut [T::Complex],
        vl: Option<MatMut<'_, T::Complex>>,
        vr: Option<MatMut<'_, T::Complex>>,
    ) -> Result<()> {
        let n = a.nrows();
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let zero = <T::Complex as Default>::default();
        let nn = elements(n, n, "vl")?;
        let mut bl = vl.as_ref().map(|_| try_vec(zero, nn, "vl")).transpose()?;
        let mut br = vr.as_ref().map(|_| try_vec(zero, nn, "vr")).transpose()?;
        let mut wv = try_vec(zero, n, "w")?;
        // SAFETY: A n×n column-major; the buffers are n and n×n.
        let info = unsafe {
            T::geev(
                self.lp,
                self.name,
                n,
                ao.ptr,
                lda,
                &mut wv,
                bl.as_deref_mut(),
                br.as_deref_mut(),
            )?
        };
        ao.finish();
        self.check::<T>("geev", info, Positive::NoConvergence)?;
        w.copy_from_slice(&wv);
        for (view, buf) in [(vl, bl), (vr, br)] {
            if let (Some(mut view), Some(buf)) = (view, buf) {
                for j in 0..n {
                    for i in 0..n {
                        *view.at_mut(i, j) = buf[i + j * n];
                    }
                }
            }
        }
        Ok(())
    }
    pub(crate) fn gels<T: Kernels>(
        &self,
        trans: Trans,
        a: MatMut<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let (m, n, nrhs): (I, I, I) = (
            int(a.nrows(), "m")?,
            int(a.ncols(), "n")?,
            int(b.ncols(), "nrhs")?,
        );
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let bo = MatOut::new(b, Some(Order::Col), true, "b")?;
        let (lda, ldb) = (int(ao.ld, "lda")?, int(bo.ld, "ldb")?);
        let tr = lapack_trans::<T>(trans);
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::gels(
                self.lp,
                tr,
                m,
                n,
                nrhs,
                ao.ptr,
                lda,
                bo.ptr,
                ldb,
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("gels", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), 1);
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A m×n, B max(m,n)×nrhs, column-major; work `lwork`.
        let info = unsafe {
            T::gels(
                self.lp,
                tr,
                m,
                n,
                nrhs,
                ao.ptr,
                lda,
                bo.ptr,
                ldb,
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        bo.finish();
        self.check::<T>("gels", info, Positive::Singular)
    }
}
