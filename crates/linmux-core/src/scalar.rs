//! The four element types linmux computes with.

use core::fmt::Debug;
use core::iter::Sum;
use core::ops::Neg;

use num_complex::Complex;
use num_traits::{Float, NumAssign};

use crate::backend::{Backend, Ops};

/// Single-precision complex number (BLAS `c`).
#[allow(
    non_camel_case_types,
    reason = "BLAS names its types s, d, c, z; c32/c64 mirror f32/f64"
)]
pub type c32 = Complex<f32>;
/// Double-precision complex number (BLAS `z`).
#[allow(
    non_camel_case_types,
    reason = "BLAS names its types s, d, c, z; c32/c64 mirror f32/f64"
)]
pub type c64 = Complex<f64>;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for super::c32 {}
    impl Sealed for super::c64 {}
}

/// Which of the four scalar types a value is; also its BLAS prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ScalarKind {
    /// `f32` (BLAS `s`).
    F32,
    /// `f64` (BLAS `d`).
    F64,
    /// [`c32`] (BLAS `c`).
    C32,
    /// [`c64`] (BLAS `z`).
    C64,
}

impl ScalarKind {
    /// The BLAS/LAPACK routine prefix: `'s'`, `'d'`, `'c'` or `'z'`.
    pub const fn blas_prefix(self) -> char {
        match self {
            ScalarKind::F32 => 's',
            ScalarKind::F64 => 'd',
            ScalarKind::C32 => 'c',
            ScalarKind::C64 => 'z',
        }
    }
    /// The Rust name of the type: `"f32"`, `"f64"`, `"c32"` or `"c64"`.
    pub const fn name(self) -> &'static str {
        match self {
            ScalarKind::F32 => "f32",
            ScalarKind::F64 => "f64",
            ScalarKind::C32 => "c32",
            ScalarKind::C64 => "c64",
        }
    }
    /// Whether the type is complex.
    pub const fn is_complex(self) -> bool {
        matches!(self, ScalarKind::C32 | ScalarKind::C64)
    }
}

/// An element type of linmux: `f32`, `f64`, [`c32`] or [`c64`]. Sealed.
///
/// The trait gives generic code the few operations numerical kernels need
/// (conjugate, modulus, conversion through `c64`) and routes a call to the
/// backend's implementation for this type ([`Scalar::ops`]).
pub trait Scalar:
    sealed::Sealed
    + Copy
    + Send
    + Sync
    + Debug
    + Default
    + PartialEq
    + NumAssign
    + Neg<Output = Self>
    + Sum
    + 'static
{
    /// The real type of the same precision (`f64` for `c64` and `f64`).
    type Real: RealScalar;
    /// The complex type of the same precision (`c64` for `c64` and `f64`).
    type Complex: Scalar<Real = Self::Real, Complex = Self::Complex>;
    /// Which type this is.
    const KIND: ScalarKind;
    /// Whether the type is complex.
    const IS_COMPLEX: bool = Self::KIND.is_complex();

    /// The real number `re` as this type.
    fn from_real(re: Self::Real) -> Self;
    /// `re + i·im`; for real types `im` is dropped.
    fn from_parts(re: Self::Real, im: Self::Real) -> Self;
    /// Real part.
    fn re(self) -> Self::Real;
    /// Imaginary part (zero for real types).
    fn im(self) -> Self::Real;
    /// Complex conjugate (identity for real types).
    #[must_use]
    fn conj(self) -> Self;
    /// Modulus `|z|`, computed without overflow.
    fn modulus(self) -> Self::Real {
        let (re, im) = (self.re(), self.im());
        re.hypot(im)
    }
    /// `|re| + |im|`: the magnitude BLAS `asum` and `iamax` use.
    fn abs1(self) -> Self::Real {
        Float::abs(self.re()) + Float::abs(self.im())
    }
    /// `re² + im²`.
    fn abs2(self) -> Self::Real {
        let (re, im) = (self.re(), self.im());
        re * re + im * im
    }
    /// This value as the complex type of the same precision.
    fn to_complex(self) -> Self::Complex {
        <Self::Complex as Scalar>::from_parts(self.re(), self.im())
    }
    /// This value widened to `c64` (exact).
    fn to_c64(self) -> c64 {
        c64::new(self.re().to_f64(), self.im().to_f64())
    }
    /// `z` rounded to this type; for real types the imaginary part is dropped.
    fn from_c64(z: c64) -> Self {
        Self::from_parts(Self::Real::from_f64(z.re), Self::Real::from_f64(z.im))
    }
    /// Machine epsilon of the real type.
    fn eps() -> Self::Real {
        <Self::Real as Float>::epsilon()
    }
    /// This type's view of a backend: the operations typed for `Self`.
    fn ops(backend: &dyn Backend) -> &dyn Ops<Self>;
}

/// `f32` or `f64`.
pub trait RealScalar: Scalar<Real = Self> + Float + PartialOrd {
    /// Widen to `f64` (exact).
    fn to_f64(self) -> f64;
    /// Round from `f64`.
    fn from_f64(x: f64) -> Self;
}

macro_rules! impl_real {
    ($t:ty, $kind:ident, $c:ty) => {
        impl Scalar for $t {
            type Real = $t;
            type Complex = $c;
            const KIND: ScalarKind = ScalarKind::$kind;
            #[inline]
            fn from_real(re: $t) -> Self {
                re
            }
            #[inline]
            fn from_parts(re: $t, _im: $t) -> Self {
                re
            }
            #[inline]
            fn re(self) -> $t {
                self
            }
            #[inline]
            fn im(self) -> $t {
                0.0
            }
            #[inline]
            fn conj(self) -> Self {
                self
            }
            #[inline]
            fn modulus(self) -> $t {
                <$t>::abs(self)
            }
            #[inline]
            fn ops(backend: &dyn Backend) -> &dyn Ops<Self> {
                backend
            }
        }
    };
}

macro_rules! impl_complex {
    ($t:ty, $r:ty, $kind:ident) => {
        impl Scalar for $t {
            type Real = $r;
            type Complex = $t;
            const KIND: ScalarKind = ScalarKind::$kind;
            #[inline]
            fn from_real(re: $r) -> Self {
                Complex::new(re, 0.0)
            }
            #[inline]
            fn from_parts(re: $r, im: $r) -> Self {
                Complex::new(re, im)
            }
            #[inline]
            fn re(self) -> $r {
                self.re
            }
            #[inline]
            fn im(self) -> $r {
                self.im
            }
            #[inline]
            fn conj(self) -> Self {
                Complex::conj(&self)
            }
            #[inline]
            fn ops(backend: &dyn Backend) -> &dyn Ops<Self> {
                backend
            }
        }
    };
}

impl_real!(f32, F32, c32);
impl_real!(f64, F64, c64);
impl_complex!(c32, f32, C32);
impl_complex!(c64, f64, C64);

impl RealScalar for f32 {
    #[inline]
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    #[inline]
    #[allow(
        clippy::cast_possible_truncation,
        reason = "rounding to f32 is the point"
    )]
    fn from_f64(x: f64) -> Self {
        x as f32
    }
}

impl RealScalar for f64 {
    #[inline]
    fn to_f64(self) -> f64 {
        self
    }
    #[inline]
    fn from_f64(x: f64) -> Self {
        x
    }
}
