//! Level 1: dots, norms, updates, rotations and the mixed-precision dots,
//! each one CBLAS call over a vector view mapped by [`crate::layout`].

#![allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]

use linmux_core::{Error, Result, Routine, Scalar, ScalarKind, VecMut, VecRef};
use linmux_loader::{BlasInt, CblasTable};

use crate::backend::Blas;
use crate::convert::int;
use crate::ffi::Ffi;
use crate::layout::{VecArg, VecOut};

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

impl<I: BlasInt> Blas<I> {
    // ---- BLAS 1 ----
    fn dot_or_dotc<T: Ffi>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>, conj: bool) -> Result<T> {
        let n: I = int(x.len(), "n")?;
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        // SAFETY: both vectors have `n` elements at the given increments.
        Ok(unsafe {
            if conj {
                T::dotc(&self.cb, n, xa.ptr, incx, ya.ptr, incy)
            } else {
                T::dotu(&self.cb, n, xa.ptr, incx, ya.ptr, incy)
            }
        })
    }
    pub(crate) fn axpy<T: Ffi>(&self, alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, true, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: both vectors have `n` elements; y is writable.
        unsafe { T::axpy(&self.cb, n, alpha, xa.ptr, incx, yo.ptr, incy) };
        yo.finish();
        Ok(())
    }
    pub(crate) fn scal<T: Ffi>(&self, alpha: T, x: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        // SAFETY: `n` writable elements.
        unsafe { T::scal(&self.cb, n, alpha, xo.ptr, incx) };
        xo.finish();
        Ok(())
    }
    fn nrm2_or_asum<T: Ffi>(&self, x: VecRef<'_, T>, asum: bool) -> Result<T::Real> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let incx = int(xa.inc, "incx")?;
        // SAFETY: `n` readable elements.
        Ok(unsafe {
            if asum {
                T::asum(&self.cb, n, xa.ptr, incx)
            } else {
                T::nrm2(&self.cb, n, xa.ptr, incx)
            }
        })
    }
    pub(crate) fn iamax<T: Ffi>(&self, x: VecRef<'_, T>) -> Result<usize> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let incx = int(xa.inc, "incx")?;
        // SAFETY: `n` readable elements.
        let r = unsafe { T::iamax(&self.cb, n, xa.ptr, incx) };
        // CBLAS_INDEX may be a 32-bit int in LP64 builds: keep the low half.
        let r = if I::MAX_USIZE <= i32::MAX as usize {
            r & 0xFFFF_FFFF
        } else {
            r
        };
        if r >= x.len() {
            return Err(Error::Backend {
                backend: self.name.clone(),
                routine: "iamax",
                detail: format!("returned index {r} for a vector of length {}", x.len()),
            });
        }
        Ok(r)
    }
    pub(crate) fn copy<T: Ffi>(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xa = VecArg::new(x, "x")?;
        let yo = VecOut::new(y, false, "y")?;
        let (incx, incy) = (int(xa.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `n` elements each; y writable.
        unsafe { T::copy(&self.cb, n, xa.ptr, incx, yo.ptr, incy) };
        yo.finish();
        Ok(())
    }
    pub(crate) fn swap<T: Ffi>(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let (xo, yo) = (VecOut::new(x, true, "x")?, VecOut::new(y, true, "y")?);
        let (incx, incy) = (int(xo.inc, "incx")?, int(yo.inc, "incy")?);
        // SAFETY: `n` writable elements each, disjoint (engine contract).
        unsafe { T::swap(&self.cb, n, xo.ptr, incx, yo.ptr, incy) };
        xo.finish();
        yo.finish();
        Ok(())
    }

    fn unsupported_here<T: Scalar>(&self, op: &'static str, routine: Routine, why: &str) -> Error {
        Error::Unsupported {
            op,
            backend: format!("{} ({}: {why})", self.name, routine.blas_name(T::KIND)),
        }
    }

    // ---- BLAS 1: rotations, mixed precision, real scaling ----
    pub(crate) fn rotg<T: Ffi>(
        &self,
        a: &mut T,
        b: &mut T,
        c: &mut T::Real,
        s: &mut T,
    ) -> Result<()> {
        // Through locals: the vendor never sees the caller's references.
        let (mut a1, mut b1, mut c1, mut s1) = (*a, *b, *c, *s);
        // SAFETY: four distinct valid scalars.
        let found = unsafe { T::rotg(&self.cb, &self.fb, &mut a1, &mut b1, &mut c1, &mut s1) };
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
    pub(crate) fn rot<T: Ffi>(
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
        let found = unsafe { T::rot(&self.cb, &self.fb, n, xo.ptr, incx, yo.ptr, incy, c, s) };
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
    pub(crate) fn rotm<T: Ffi>(
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
        unsafe { T::rotm(&self.cb, n, xo.ptr, incx, yo.ptr, incy, param.as_ptr()) };
        xo.finish();
        yo.finish();
        Ok(())
    }
    pub(crate) fn rotmg<T: Ffi>(
        &self,
        d1: &mut T,
        d2: &mut T,
        x1: &mut T,
        y1: T,
        param: &mut [T; 5],
    ) -> Result<()> {
        let (mut a, mut b, mut c, mut p) = (*d1, *d2, *x1, *param);
        // SAFETY: three distinct valid scalars and 5 values.
        if !unsafe { T::rotmg(&self.cb, &mut a, &mut b, &mut c, y1, p.as_mut_ptr()) } {
            return Err(self.unsupported_here::<T>("rotmg", Routine::Rotmg, "real types only"));
        }
        (*d1, *d2, *x1, *param) = (a, b, c, p);
        Ok(())
    }
    pub(crate) fn sdsdot<T: Ffi>(&self, sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
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
        unsafe { T::sdsdot(&self.cb, n, sb, xa.ptr, incx, ya.ptr, incy) }
            .ok_or_else(|| self.unsupported_here::<T>("sdsdot", Routine::Sdsdot, "real types only"))
    }
    pub(crate) fn dsdot<T: Ffi>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<f64> {
        if !self.mixed_dot_exact && T::KIND == ScalarKind::F32 {
            return Ok(dot_in_f64(x, y));
        }
        let n: I = int(x.len(), "n")?;
        let (xa, ya) = (VecArg::new(x, "x")?, VecArg::new(y, "y")?);
        let (incx, incy) = (int(xa.inc, "incx")?, int(ya.inc, "incy")?);
        // SAFETY: both vectors have `n` elements at the given increments.
        unsafe { T::dsdot(&self.cb, n, xa.ptr, incx, ya.ptr, incy) }
            .ok_or_else(|| self.unsupported_here::<T>("dsdot", Routine::Dsdot, "real types only"))
    }
    pub(crate) fn rscal<T: Ffi>(&self, alpha: T::Real, x: VecMut<'_, T>) -> Result<()> {
        let n: I = int(x.len(), "n")?;
        let xo = VecOut::new(x, true, "x")?;
        let incx = int(xo.inc, "incx")?;
        // SAFETY: `n` writable elements.
        unsafe { T::rscal(&self.cb, n, alpha, xo.ptr, incx) };
        xo.finish();
        Ok(())
    }
}

/// The operations that share a body above, each under its own name.
impl<I: BlasInt> Blas<I> {
    pub(crate) fn dot<T: Ffi>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        self.dot_or_dotc(x, y, false)
    }
    pub(crate) fn dotc<T: Ffi>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        self.dot_or_dotc(x, y, true)
    }
    pub(crate) fn nrm2<T: Ffi>(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        self.nrm2_or_asum(x, false)
    }
    pub(crate) fn asum<T: Ffi>(&self, x: VecRef<'_, T>) -> Result<T::Real> {
        self.nrm2_or_asum(x, true)
    }
}
