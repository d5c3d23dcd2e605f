//! The transforms: gather strided views into contiguous rows, run the
//! provider's batches, scale, scatter into the output.

use linmux_core::{Complex, Error, Mat, MatMut, MatRef, Result, Scalar, VecMut, VecRef, check};
use linmux_fft::{Direction, FftFloat, run};
use num_traits::{One, Zero};

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

/// Tile edge of the cache-blocked copies (32 × 32 complex f64 = 16 KiB).
const TILE: usize = 32;

/// How many threads a copy of `values` values gets.
fn copy_threads(values: usize, threads: usize) -> usize {
    if values < linmux_fft::run::PARALLEL_MIN_WORK {
        1
    } else {
        threads.max(1)
    }
}

/// Runs `f(first_lane, chunk)` on `t` contiguous chunks of `len`-long lanes.
fn par_lanes<S: Send>(buf: &mut [S], len: usize, t: usize, f: &(dyn Fn(usize, &mut [S]) + Sync)) {
    let lanes = buf.len().checked_div(len).unwrap_or(0);
    if t <= 1 || lanes <= 1 {
        f(0, buf);
        return;
    }
    let per = lanes.div_ceil(t);
    std::thread::scope(|s| {
        for (c, chunk) in buf.chunks_mut(per * len).enumerate() {
            s.spawn(move || f(c * per, chunk));
        }
    });
}

/// The lanes of `a` along `axis`, each cut or zero-padded to `len`, one
/// after another; cache-blocked, so that a strided direction costs no more
/// than a contiguous one.
fn gather<S: Scalar>(a: MatRef<'_, S>, axis: usize, len: usize, threads: usize) -> Result<Vec<S>> {
    // Lane l is column l of `a2`.
    let a2 = if axis == 0 { a } else { a.transpose() };
    let (own, nl) = a2.shape();
    let total = nl.checked_mul(len).ok_or_else(|| oom(nl, len))?;
    let mut buf = linmux_core::try_vec(S::zero(), total)?;
    if len == 0 {
        return Ok(buf);
    }
    let take = own.min(len);
    par_lanes(&mut buf, len, copy_threads(total, threads), &|l0, chunk| {
        let lanes = chunk.len() / len;
        for lt in (0..lanes).step_by(TILE) {
            for kt in (0..take).step_by(TILE) {
                for l in lt..(lt + TILE).min(lanes) {
                    let lane = &mut chunk[l * len..(l + 1) * len];
                    for (k, v) in lane
                        .iter_mut()
                        .enumerate()
                        .take((kt + TILE).min(take))
                        .skip(kt)
                    {
                        *v = a2.at(k, l0 + l);
                    }
                }
            }
        }
    });
    Ok(buf)
}

fn oom(rows: usize, cols: usize) -> Error {
    Error::OutOfMemory {
        what: "fft buffer",
        rows,
        cols,
        elem_bytes: 16,
    }
}

/// Writes `len`-long lanes of `buf` into `out` along `axis`, cache-blocked
/// and split by lanes across threads.
fn scatter<S: Scalar>(
    buf: &[S],
    len: usize,
    axis: usize,
    out: MatMut<'_, S>,
    threads: usize,
    factor: S::Real,
) {
    let scaled = factor != S::Real::one();
    // Lane l is column l of `o2`.
    let o2 = if axis == 0 { out } else { out.transpose_mut() };
    let nl = o2.ncols();
    if len == 0 || nl == 0 {
        return;
    }
    let t = copy_threads(buf.len(), threads).min(nl);
    let per = nl.div_ceil(t);
    let write = |l0: usize, mut o: MatMut<'_, S>| {
        let lanes = o.ncols();
        for lt in (0..lanes).step_by(TILE) {
            for kt in (0..len).step_by(TILE) {
                for l in lt..(lt + TILE).min(lanes) {
                    let lane = &buf[(l0 + l) * len..(l0 + l + 1) * len];
                    for (k, &v) in lane.iter().enumerate().take((kt + TILE).min(len)).skip(kt) {
                        // Real scaling part by part, as NumPy does: a full
                        // complex product would turn ±∞ in one part into
                        // NaN in the other (∞·0).
                        *o.at_mut(k, l) = if scaled {
                            S::from_parts(v.re() * factor, v.im() * factor)
                        } else {
                            v
                        };
                    }
                }
            }
        }
    };
    if t <= 1 {
        write(0, o2);
        return;
    }
    std::thread::scope(|s| {
        let mut rest = o2;
        let mut l0 = 0;
        while rest.ncols() > 0 {
            let w = per.min(rest.ncols());
            let (mine, tail) = rest.split_at_col_mut(w);
            let write = &write;
            s.spawn(move || write(l0, mine));
            l0 += w;
            rest = tail;
        }
    });
}

/// `rows × cols` row-major to `cols × rows` row-major, cache-blocked and
/// split across threads.
fn transpose<S: Copy + Zero + Send + Sync>(
    src: &[S],
    rows: usize,
    cols: usize,
    threads: usize,
) -> Result<Vec<S>> {
    let mut dst = linmux_core::try_vec(S::zero(), src.len())?;
    if rows == 0 || cols == 0 {
        return Ok(dst);
    }
    par_lanes(
        &mut dst,
        rows,
        copy_threads(src.len(), threads),
        &|j0, chunk| {
            let nj = chunk.len() / rows;
            for jt in (0..nj).step_by(TILE) {
                for it in (0..rows).step_by(TILE) {
                    for j in jt..(jt + TILE).min(nj) {
                        for i in it..(it + TILE).min(rows) {
                            chunk[j * rows + i] = src[i * cols + j0 + j];
                        }
                    }
                }
            }
        },
    );
    Ok(dst)
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
        let threads = budget();
        let mut buf = gather(a, axis, n, threads)?;
        let used = run::c2c(self.p(), n, &mut buf, dir, threads)?;
        scatter(&buf, n, axis, out, threads, norm.factor::<T>(dir, n));
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
        let threads = budget();
        let mut x = gather(a, axis, n, threads)?;
        let mut y = linmux_core::try_vec(Complex::zero(), nl * h)?;
        let used = run::r2c(self.p(), n, &mut x, &mut y, threads)?;
        scatter(
            &y,
            h,
            axis,
            out,
            threads,
            norm.factor::<T>(Direction::Forward, n),
        );
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
        let h = n / 2 + 1;
        let threads = budget();
        let mut x = gather(a, axis, h, threads)?;
        let mut y = linmux_core::try_vec(T::zero(), nl * n)?;
        let used = run::c2r(self.p(), n, &mut x, &mut y, threads)?;
        scatter(
            &y,
            n,
            axis,
            out,
            threads,
            norm.factor::<T>(Direction::Inverse, n),
        );
        self.record(Transform::Irfft, T::KIND, used);
        Ok(())
    }

    fn c2c_2d<T: FftFloat>(
        &self,
        t: Transform,
        a: MatRef<'_, Complex<T>>,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
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
        let mut rows = gather(a, 1, n, threads)?;
        let u1 = run::c2c(self.p(), n, &mut rows, dir, threads)?;
        let mut cols = transpose(&rows, m, n, threads)?;
        drop(rows);
        let u2 = run::c2c(self.p(), m, &mut cols, dir, threads)?;
        scatter(&cols, m, 0, out, threads, norm.factor::<T>(dir, m * n));
        self.record(t, T::KIND, u1.max(u2));
        Ok(())
    }

    fn rfft2_impl<T: FftFloat>(
        &self,
        a: MatRef<'_, T>,
        norm: Norm,
        out: MatMut<'_, Complex<T>>,
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
        let mut x = gather(a, 1, n, threads)?;
        let mut y = linmux_core::try_vec(Complex::zero(), m * h)?;
        let u1 = run::r2c(self.p(), n, &mut x, &mut y, threads)?;
        drop(x);
        let mut cols = transpose(&y, m, h, threads)?;
        drop(y);
        let u2 = run::c2c(self.p(), m, &mut cols, Direction::Forward, threads)?;
        scatter(
            &cols,
            m,
            0,
            out,
            threads,
            norm.factor::<T>(Direction::Forward, m * n),
        );
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
        // The first h columns (zero-padded), each inverse-transformed down
        // its length m, then every row half-complex to real.
        let used_cols = k.min(h);
        let mut cols = gather(a.submatrix(0, 0, m, used_cols), 0, m, threads)?;
        cols.resize(h * m, Complex::zero());
        let u1 = run::c2c(self.p(), m, &mut cols, Direction::Inverse, threads)?;
        let mut rows = transpose(&cols, h, m, threads)?;
        drop(cols);
        let mut y = linmux_core::try_vec(T::zero(), m * n)?;
        let u2 = run::c2r(self.p(), n, &mut rows, &mut y, threads)?;
        scatter(
            &y,
            n,
            1,
            out,
            threads,
            norm.factor::<T>(Direction::Inverse, m * n),
        );
        self.record(Transform::Irfft2, T::KIND, u1.max(u2));
        Ok(())
    }
}

fn owned<S: Scalar>(shape: (usize, usize)) -> Result<Mat<S>> {
    Mat::try_zeros(shape.0, shape.1)
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
        let mut out = owned(a.shape())?;
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
        let mut out = owned(a.shape())?;
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
        let mut out = owned(shape_of(nl, n / 2 + 1, axis))?;
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
        let mut out = owned(a.shape())?;
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
        let mut out = owned(a.shape())?;
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
        let mut out = owned((m, n / 2 + 1))?;
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
