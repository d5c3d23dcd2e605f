//! The transforms: argument checks, normalization and provenance here; the
//! data movement (strided lanes through cache-sized blocks, threads) in
//! [`linmux_fft::lanes`].

use linmux_core::{Complex, Error, Mat, MatMut, MatRef, Result, Scalar, VecMut, VecRef, check};
use linmux_fft::{Direction, FftFloat, lanes as pass};

use super::{Fft, Transform, budget};

/// NumPy's `norm`: which direction is scaled, and by what.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Norm {
    /// Forward unscaled, inverse divided by `n` (NumPy's default).
    #[default]
    Backward,
    /// Both directions divided by `√n` (the transform is unitary).
    Ortho,
    /// Forward divided by `n`, inverse unscaled.
    Forward,
}

impl Norm {
    /// Parses NumPy's names `"backward"`, `"ortho"`, `"forward"`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `norm`.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "backward" => Ok(Norm::Backward),
            "ortho" => Ok(Norm::Ortho),
            "forward" => Ok(Norm::Forward),
            _ => Err(Error::invalid_owned(
                "norm",
                format!("`{s}`: expected \"backward\", \"ortho\" or \"forward\""),
            )),
        }
    }

    /// The factor applied after an unnormalized transform of `total` points.
    fn factor<T: FftFloat>(self, dir: Direction, total: usize) -> T
    where
        Complex<T>: Scalar<Real = T>,
    {
        #[allow(
            clippy::cast_precision_loss,
            reason = "a transform size is far below 2^53"
        )]
        let n = total as f64;
        let f = match (self, dir) {
            (Norm::Ortho, _) => 1.0 / n.sqrt(),
            (Norm::Backward, Direction::Inverse) | (Norm::Forward, Direction::Forward) => 1.0 / n,
            _ => 1.0,
        };
        <T as linmux_core::RealScalar>::from_f64(f)
    }
}

/// (lanes, lane length) of a matrix of shape `shape` along `axis`.
fn lanes(op: &'static str, shape: (usize, usize), axis: usize) -> Result<(usize, usize)> {
    match axis {
        0 => Ok((shape.1, shape.0)),
        1 => Ok((shape.0, shape.1)),
        _ => Err(Error::invalid_owned(
            "axis",
            format!("{op}: axis {axis} of a matrix: expected 0 (columns) or 1 (rows)"),
        )),
    }
}

/// The matrix shape of `lanes` lanes of `len` along `axis`.
fn shape_of(lanes: usize, len: usize, axis: usize) -> (usize, usize) {
    if axis == 0 {
        (len, lanes)
    } else {
        (lanes, len)
    }
}

fn nonzero(op: &'static str, arg: &'static str, n: usize) -> Result<()> {
    if n == 0 {
        Err(Error::invalid_owned(
            arg,
            format!("{op}: invalid number of data points (0): a transform needs at least one"),
        ))
    } else {
        Ok(())
    }
}

fn dir_of(t: Transform) -> Direction {
    match t {
        Transform::Fft | Transform::Rfft | Transform::Fft2 | Transform::Rfft2 => Direction::Forward,
        _ => Direction::Inverse,
    }
}

impl Fft {
    fn p(&self) -> &dyn linmux_fft::Provider {
        &*self.inner.provider
    }

    fn c2c_axis<T: FftFloat>(
        &self,
        t: Transform,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let op = t.name();
        let (nl, n) = lanes(op, a.shape(), axis)?;
        nonzero(op, "a", n)?;
        check::shape(op, "out", out.shape(), a.shape())?;
        if nl == 0 {
            return Ok(());
        }
        let dir = dir_of(t);
        let f = norm.factor::<T>(dir, n);
        let used = pass::c2c(self.p(), Some(a), out, axis, dir, f, budget())?;
        self.record(t, T::KIND, used);
        Ok(())
    }

    fn rfft_axis_impl<T: FftFloat>(
        &self,
        a: MatRef<'_, T>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let op = "rfft";
        let (nl, n) = lanes(op, a.shape(), axis)?;
        nonzero(op, "a", n)?;
        let h = n / 2 + 1;
        check::shape(op, "out", out.shape(), shape_of(nl, h, axis))?;
        if nl == 0 {
            return Ok(());
        }
        let f = norm.factor::<T>(Direction::Forward, n);
        let used = pass::r2c(self.p(), a, out, axis, f, budget())?;
        self.record(Transform::Rfft, T::KIND, used);
        Ok(())
    }

    fn irfft_axis_impl<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, T>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let op = "irfft";
        let (nl, _) = lanes(op, a.shape(), axis)?;
        let (onl, n) = lanes(op, out.shape(), axis)?;
        nonzero(op, "n", n)?;
        check::shape(op, "out", (onl, 0), (nl, 0))?;
        if nl == 0 {
            return Ok(());
        }
        let f = norm.factor::<T>(Direction::Inverse, n);
        let used = pass::c2r(self.p(), a, out, axis, f, budget())?;
        self.record(Transform::Irfft, T::KIND, used);
        Ok(())
    }

    /// Rows from `a` into `out`, then columns in place in `out` (NumPy's
    /// order: the last axis first).
    fn c2c_2d<T: FftFloat>(
        &self,
        t: Transform,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
        mut out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let op = t.name();
        let (m, n) = a.shape();
        nonzero(op, "a", m)?;
        nonzero(op, "a", n)?;
        check::shape(op, "out", out.shape(), (m, n))?;
        let dir = dir_of(t);
        let threads = budget();
        let f = norm.factor::<T>(dir, m * n);
        let u1 = pass::c2c(self.p(), Some(a), out.rb_mut(), 1, dir, T::one(), threads)?;
        let u2 = pass::c2c(self.p(), None, out, 0, dir, f, threads)?;
        self.record(t, T::KIND, u1.max(u2));
        Ok(())
    }

    fn rfft2_impl<T: FftFloat>(
        &self,
        a: MatRef<'_, T>,
        norm: Norm,
        mut out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let op = "rfft2";
        let (m, n) = a.shape();
        nonzero(op, "a", m)?;
        nonzero(op, "a", n)?;
        let h = n / 2 + 1;
        check::shape(op, "out", out.shape(), (m, h))?;
        let threads = budget();
        let f = norm.factor::<T>(Direction::Forward, m * n);
        let u1 = pass::r2c(self.p(), a, out.rb_mut(), 1, T::one(), threads)?;
        let u2 = pass::c2c(self.p(), None, out, 0, Direction::Forward, f, threads)?;
        self.record(Transform::Rfft2, T::KIND, u1.max(u2));
        Ok(())
    }

    fn irfft2_impl<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
        out: MatMut<'_, T>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let op = "irfft2";
        let (m, k) = a.shape();
        let (om, n) = out.shape();
        nonzero(op, "a", m)?;
        nonzero(op, "n", n)?;
        check::shape(op, "out", (om, 0), (m, 0))?;
        let h = n / 2 + 1;
        let threads = budget();
        // The first h columns (missing ones zero), each inverse-transformed
        // down its length m, then every row half-complex to real.
        let mut cols = owned_complex::<T>((m, h))?;
        let src = a.submatrix(0, 0, m, k.min(h));
        let one = T::one();
        let u1 = pass::c2c(
            self.p(),
            Some(src),
            cols.as_mut(),
            0,
            Direction::Inverse,
            one,
            threads,
        )?;
        let f = norm.factor::<T>(Direction::Inverse, m * n);
        let u2 = pass::c2r(self.p(), cols.as_ref(), out, 1, f, threads)?;
        self.record(Transform::Irfft2, T::KIND, u1.max(u2));
        Ok(())
    }
}

fn owned<S: Scalar>(shape: (usize, usize)) -> Result<Mat<S>> {
    Mat::try_zeros(shape.0, shape.1)
}

/// A zeroed complex output from zeroed pages (no writing pass of its own;
/// see [`pass::zeroed`]).
fn owned_complex<T: FftFloat>(shape: (usize, usize)) -> Result<Mat<Complex<T>>>
where
    Complex<T>: Scalar<Real = T>,
{
    let len = shape.0.checked_mul(shape.1).ok_or(Error::OutOfMemory {
        what: "fft output",
        rows: shape.0,
        cols: shape.1,
        elem_bytes: size_of::<Complex<T>>(),
    })?;
    Mat::from_col_major_vec(pass::zeroed::<T>(len)?, shape.0, shape.1)
}

fn default_irfft_len(op: &'static str, m: usize, n: Option<usize>) -> Result<usize> {
    match n {
        Some(n) => Ok(n),
        None if m == 0 => Err(Error::invalid_owned(
            "a",
            format!(
                "{op}: invalid number of data points (0): an empty half spectrum needs an explicit n"
            ),
        )),
        None => Ok(2 * (m - 1)),
    }
}

/// The public transforms, as methods (the free functions call them on the
/// current handle).
impl Fft {
    /// `numpy.fft.fft` of a vector.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an empty vector; the provider's errors.
    pub fn fft<T: FftFloat>(&self, x: VecRef<'_, Complex<T>>, norm: Norm) -> Result<Vec<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        Ok(self.fft_axis(x.as_col(), 0, norm)?.into_vec())
    }
    /// `numpy.fft.ifft` of a vector.
    ///
    /// # Errors
    /// As [`Fft::fft`].
    pub fn ifft<T: FftFloat>(
        &self,
        x: VecRef<'_, Complex<T>>,
        norm: Norm,
    ) -> Result<Vec<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        Ok(self.ifft_axis(x.as_col(), 0, norm)?.into_vec())
    }
    /// `numpy.fft.rfft` of a real vector: `n/2 + 1` values.
    ///
    /// # Errors
    /// As [`Fft::fft`].
    pub fn rfft<T: FftFloat>(&self, x: VecRef<'_, T>, norm: Norm) -> Result<Vec<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        Ok(self.rfft_axis(x.as_col(), 0, norm)?.into_vec())
    }
    /// `numpy.fft.irfft(x, n)`: `n` real values (default `2(len − 1)`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if the length is 0 (or `x` is empty and `n` is `None`).
    pub fn irfft<T: FftFloat>(
        &self,
        x: VecRef<'_, Complex<T>>,
        n: Option<usize>,
        norm: Norm,
    ) -> Result<Vec<T>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        Ok(self.irfft_axis(x.as_col(), 0, n, norm)?.into_vec())
    }
    /// [`Fft::fft`] into `out` (same length as `x`).
    ///
    /// # Errors
    /// As [`Fft::fft`]; [`Error::DimensionMismatch`] naming `out`.
    pub fn fft_into<T: FftFloat>(
        &self,
        x: VecRef<'_, Complex<T>>,
        norm: Norm,
        out: VecMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.fft_axis_into(x.as_col(), 0, norm, out.as_col_mut())
    }
    /// [`Fft::ifft`] into `out`.
    ///
    /// # Errors
    /// As [`Fft::fft_into`].
    pub fn ifft_into<T: FftFloat>(
        &self,
        x: VecRef<'_, Complex<T>>,
        norm: Norm,
        out: VecMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.ifft_axis_into(x.as_col(), 0, norm, out.as_col_mut())
    }
    /// [`Fft::rfft`] into `out` (length `n/2 + 1`).
    ///
    /// # Errors
    /// As [`Fft::fft_into`].
    pub fn rfft_into<T: FftFloat>(
        &self,
        x: VecRef<'_, T>,
        norm: Norm,
        out: VecMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.rfft_axis_into(x.as_col(), 0, norm, out.as_col_mut())
    }
    /// [`Fft::irfft`] into `out`, whose length is `n`.
    ///
    /// # Errors
    /// As [`Fft::irfft`].
    pub fn irfft_into<T: FftFloat>(
        &self,
        x: VecRef<'_, Complex<T>>,
        norm: Norm,
        out: VecMut<'_, T>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.irfft_axis_into(x.as_col(), 0, norm, out.as_col_mut())
    }

    /// `numpy.fft.fft(a, axis=axis)`: every row (`axis = 1`) or column
    /// (`axis = 0`) transformed, a batch.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an axis other than 0 or 1, or a
    /// transform length of 0; the provider's errors.
    pub fn fft_axis<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
    ) -> Result<Mat<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let mut out = owned_complex(a.shape())?;
        self.fft_axis_into(a, axis, norm, out.as_mut())?;
        Ok(out)
    }
    /// `numpy.fft.ifft(a, axis=axis)`.
    ///
    /// # Errors
    /// As [`Fft::fft_axis`].
    pub fn ifft_axis<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
    ) -> Result<Mat<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let mut out = owned_complex(a.shape())?;
        self.ifft_axis_into(a, axis, norm, out.as_mut())?;
        Ok(out)
    }
    /// `numpy.fft.rfft(a, axis=axis)`: `n/2 + 1` values along the axis.
    ///
    /// # Errors
    /// As [`Fft::fft_axis`].
    pub fn rfft_axis<T: FftFloat>(
        &self,
        a: MatRef<'_, T>,
        axis: usize,
        norm: Norm,
    ) -> Result<Mat<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let (nl, n) = lanes("rfft", a.shape(), axis)?;
        let mut out = owned_complex(shape_of(nl, n / 2 + 1, axis))?;
        self.rfft_axis_into(a, axis, norm, out.as_mut())?;
        Ok(out)
    }
    /// `numpy.fft.irfft(a, n, axis=axis)`: `n` reals along the axis
    /// (default `2(m − 1)` for `m` values).
    ///
    /// # Errors
    /// As [`Fft::fft_axis`].
    pub fn irfft_axis<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        n: Option<usize>,
        norm: Norm,
    ) -> Result<Mat<T>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let (nl, m) = lanes("irfft", a.shape(), axis)?;
        let n = default_irfft_len("irfft", m, n)?;
        nonzero("irfft", "n", n)?;
        let mut out = owned(shape_of(nl, n, axis))?;
        self.irfft_axis_into(a, axis, norm, out.as_mut())?;
        Ok(out)
    }
    /// [`Fft::fft_axis`] into `out` (the shape of `a`).
    ///
    /// # Errors
    /// As [`Fft::fft_axis`]; [`Error::DimensionMismatch`] naming `out`.
    pub fn fft_axis_into<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.c2c_axis(Transform::Fft, a, axis, norm, out)
    }
    /// [`Fft::ifft_axis`] into `out`.
    ///
    /// # Errors
    /// As [`Fft::fft_axis_into`].
    pub fn ifft_axis_into<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.c2c_axis(Transform::Ifft, a, axis, norm, out)
    }
    /// [`Fft::rfft_axis`] into `out`.
    ///
    /// # Errors
    /// As [`Fft::fft_axis_into`].
    pub fn rfft_axis_into<T: FftFloat>(
        &self,
        a: MatRef<'_, T>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.rfft_axis_impl(a, axis, norm, out)
    }
    /// [`Fft::irfft_axis`] into `out`, whose length along `axis` is `n`.
    ///
    /// # Errors
    /// As [`Fft::fft_axis_into`].
    pub fn irfft_axis_into<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        axis: usize,
        norm: Norm,
        out: MatMut<'_, T>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.irfft_axis_impl(a, axis, norm, out)
    }

    /// `numpy.fft.fft2`: rows, then columns.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if either dimension is 0; the provider's errors.
    pub fn fft2<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
    ) -> Result<Mat<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let mut out = owned_complex(a.shape())?;
        self.fft2_into(a, norm, out.as_mut())?;
        Ok(out)
    }
    /// `numpy.fft.ifft2`.
    ///
    /// # Errors
    /// As [`Fft::fft2`].
    pub fn ifft2<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
    ) -> Result<Mat<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let mut out = owned_complex(a.shape())?;
        self.ifft2_into(a, norm, out.as_mut())?;
        Ok(out)
    }
    /// `numpy.fft.rfft2` of a real `m × n` matrix: `m × (n/2 + 1)`.
    ///
    /// # Errors
    /// As [`Fft::fft2`].
    pub fn rfft2<T: FftFloat>(&self, a: MatRef<'_, T>, norm: Norm) -> Result<Mat<Complex<T>>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let (m, n) = a.shape();
        let mut out = owned_complex((m, n / 2 + 1))?;
        self.rfft2_into(a, norm, out.as_mut())?;
        Ok(out)
    }
    /// `numpy.fft.irfft2(a, s=(m, n))` of an `m × k` half spectrum: `m × n`
    /// reals (default `n = 2(k − 1)`).
    ///
    /// # Errors
    /// As [`Fft::fft2`].
    pub fn irfft2<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        n: Option<usize>,
        norm: Norm,
    ) -> Result<Mat<T>>
    where
        Complex<T>: Scalar<Real = T>,
    {
        let (m, k) = a.shape();
        let n = default_irfft_len("irfft2", k, n)?;
        nonzero("irfft2", "n", n)?;
        nonzero("irfft2", "a", m)?;
        let mut out = owned((m, n))?;
        self.irfft2_into(a, norm, out.as_mut())?;
        Ok(out)
    }
    /// [`Fft::fft2`] into `out`.
    ///
    /// # Errors
    /// As [`Fft::fft2`]; [`Error::DimensionMismatch`] naming `out`.
    pub fn fft2_into<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.c2c_2d(Transform::Fft2, a, norm, out)
    }
    /// [`Fft::ifft2`] into `out`.
    ///
    /// # Errors
    /// As [`Fft::fft2_into`].
    pub fn ifft2_into<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.c2c_2d(Transform::Ifft2, a, norm, out)
    }
    /// [`Fft::rfft2`] into `out` (`m × (n/2 + 1)`).
    ///
    /// # Errors
    /// As [`Fft::fft2_into`].
    pub fn rfft2_into<T: FftFloat>(
        &self,
        a: MatRef<'_, T>,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.rfft2_impl(a, norm, out)
    }
    /// [`Fft::irfft2`] into `out`, whose shape is `m × n`.
    ///
    /// # Errors
    /// As [`Fft::fft2_into`].
    pub fn irfft2_into<T: FftFloat>(
        &self,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
        out: MatMut<'_, T>,
    ) -> Result<()>
    where
        Complex<T>: Scalar<Real = T>,
    {
        self.irfft2_impl(a, norm, out)
    }
}

/// The free functions: each runs the [`Fft`] method of the same name on the
/// current handle ([`super::current_fft`]).
pub mod free {
    use super::*;

    macro_rules! forward {
        ($(fn $name:ident<$t:ident>($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;)*) => {$(
            #[doc = concat!("Runs [`Fft::", stringify!($name), "`] on the current FFT handle ([`current_fft`](super::current_fft)).")]
            ///
            /// # Errors
            #[doc = concat!("As [`Fft::", stringify!($name), "`], or if `LINMUX_FFT` names a provider that cannot be loaded.")]
            pub fn $name<$t: FftFloat>($($arg: $ty),*) -> Result<$ret>
            where
                Complex<$t>: Scalar<Real = $t>,
            {
                super::super::current_fft()?.$name($($arg),*)
            }
        )*};
    }

    forward! {
        fn fft<T>(x: VecRef<'_, Complex<T>>, norm: Norm) -> Vec<Complex<T>>;
        fn ifft<T>(x: VecRef<'_, Complex<T>>, norm: Norm) -> Vec<Complex<T>>;
        fn rfft<T>(x: VecRef<'_, T>, norm: Norm) -> Vec<Complex<T>>;
        fn irfft<T>(x: VecRef<'_, Complex<T>>, n: Option<usize>, norm: Norm) -> Vec<T>;
        fn fft_into<T>(x: VecRef<'_, Complex<T>>, norm: Norm, out: VecMut<'_, Complex<T>>) -> ();
        fn ifft_into<T>(x: VecRef<'_, Complex<T>>, norm: Norm, out: VecMut<'_, Complex<T>>) -> ();
        fn rfft_into<T>(x: VecRef<'_, T>, norm: Norm, out: VecMut<'_, Complex<T>>) -> ();
        fn irfft_into<T>(x: VecRef<'_, Complex<T>>, norm: Norm, out: VecMut<'_, T>) -> ();
        fn fft_axis<T>(a: MatRef<'_, Complex<T>>, axis: usize, norm: Norm) -> Mat<Complex<T>>;
        fn ifft_axis<T>(a: MatRef<'_, Complex<T>>, axis: usize, norm: Norm) -> Mat<Complex<T>>;
        fn rfft_axis<T>(a: MatRef<'_, T>, axis: usize, norm: Norm) -> Mat<Complex<T>>;
        fn irfft_axis<T>(a: MatRef<'_, Complex<T>>, axis: usize, n: Option<usize>, norm: Norm) -> Mat<T>;
        fn fft_axis_into<T>(a: MatRef<'_, Complex<T>>, axis: usize, norm: Norm, out: MatMut<'_, Complex<T>>) -> ();
        fn ifft_axis_into<T>(a: MatRef<'_, Complex<T>>, axis: usize, norm: Norm, out: MatMut<'_, Complex<T>>) -> ();
        fn rfft_axis_into<T>(a: MatRef<'_, T>, axis: usize, norm: Norm, out: MatMut<'_, Complex<T>>) -> ();
        fn irfft_axis_into<T>(a: MatRef<'_, Complex<T>>, axis: usize, norm: Norm, out: MatMut<'_, T>) -> ();
        fn fft2<T>(a: MatRef<'_, Complex<T>>, norm: Norm) -> Mat<Complex<T>>;
        fn ifft2<T>(a: MatRef<'_, Complex<T>>, norm: Norm) -> Mat<Complex<T>>;
        fn rfft2<T>(a: MatRef<'_, T>, norm: Norm) -> Mat<Complex<T>>;
        fn irfft2<T>(a: MatRef<'_, Complex<T>>, n: Option<usize>, norm: Norm) -> Mat<T>;
        fn fft2_into<T>(a: MatRef<'_, Complex<T>>, norm: Norm, out: MatMut<'_, Complex<T>>) -> ();
        fn ifft2_into<T>(a: MatRef<'_, Complex<T>>, norm: Norm, out: MatMut<'_, Complex<T>>) -> ();
        fn rfft2_into<T>(a: MatRef<'_, T>, norm: Norm, out: MatMut<'_, Complex<T>>) -> ();
        fn irfft2_into<T>(a: MatRef<'_, Complex<T>>, norm: Norm, out: MatMut<'_, T>) -> ();
    }
}
