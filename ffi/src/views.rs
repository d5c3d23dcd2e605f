//! From C arguments to linmux views: every dimension, increment, leading
//! dimension and pointer is checked here first (phase one, no memory
//! touched), outputs are checked for overlap, and only then are slices and
//! views made (phase two).

use std::ptr::NonNull;

use linmux_core::{
    BandRef, Diag, EigJob, Error, MatMut, MatRef, PackedMut, PackedRef, Scalar, Side, SvdJob,
    Trans, Uplo, VecMut, VecRef,
};

use lm::fft::Norm;

use crate::boundary::{Failure, Result};

/// `CblasRowMajor` / `LINMUX_ROW_MAJOR`.
pub(crate) const ROW_MAJOR: i32 = 101;
/// `CblasColMajor` / `LINMUX_COL_MAJOR`.
pub(crate) const COL_MAJOR: i32 = 102;

/// Whether `layout` is row-major.
pub(crate) fn row_major(layout: i32) -> Result<bool> {
    match layout {
        ROW_MAJOR => Ok(true),
        COL_MAJOR => Ok(false),
        _ => Err(bad_flag("layout", layout)),
    }
}

#[cold]
fn bad_flag(arg: &'static str, v: i32) -> Failure {
    Error::invalid_owned(arg, format!("{v} is not a valid value")).into()
}

/// A flag taken from C as an integer (never as a Rust enum).
pub(crate) trait Flag: Sized {
    /// The flag for `v`, if `v` is one of its values.
    fn from_c(v: i32) -> Option<Self>;
}

/// Writes [`Flag`] for each flag type and [`FLAGS`] (the header's
/// `#define`s) from one list. The values of the CBLAS flags are CBLAS's.
macro_rules! flags {
    ($($ty:ident { $($v:literal => $cname:literal $variant:expr),* })*) => {
        $(
            impl Flag for $ty {
                fn from_c(v: i32) -> Option<Self> {
                    match v { $($v => Some($variant),)* _ => None }
                }
            }
        )*
        /// Every flag value: `LINMUX_` name suffix and value, grouped by type.
        pub(crate) const FLAGS: &[(&str, &[(&str, i32)])] = &[
            ("layout", &[("ROW_MAJOR", ROW_MAJOR), ("COL_MAJOR", COL_MAJOR)]),
            $((stringify!($ty), &[$(($cname, $v)),*]),)*
        ];
    };
}

flags! {
    Trans { 111 => "NO_TRANS" Trans::No, 112 => "TRANS" Trans::Trans, 113 => "CONJ_TRANS" Trans::ConjTrans }
    Uplo { 121 => "UPPER" Uplo::Upper, 122 => "LOWER" Uplo::Lower }
    Diag { 131 => "NON_UNIT" Diag::NonUnit, 132 => "UNIT" Diag::Unit }
    Side { 141 => "LEFT" Side::Left, 142 => "RIGHT" Side::Right }
    SvdJob { 201 => "SVD_NONE" SvdJob::ValuesOnly, 202 => "SVD_THIN" SvdJob::Thin, 203 => "SVD_FULL" SvdJob::Full }
    EigJob { 211 => "EIG_VALUES" EigJob::ValuesOnly, 212 => "EIG_VECTORS" EigJob::Vectors }
    Norm { 221 => "FFT_BACKWARD" Norm::Backward, 222 => "FFT_ORTHO" Norm::Ortho, 223 => "FFT_FORWARD" Norm::Forward }
}

/// The flag `v` names, or an `InvalidArgument` naming `arg`.
pub(crate) fn flag<F: Flag>(v: i32, arg: &'static str) -> Result<F> {
    F::from_c(v).ok_or_else(|| bad_flag(arg, v))
}

/// A dimension: non-negative.
pub(crate) fn dim(v: i64, arg: &'static str) -> Result<usize> {
    usize::try_from(v).map_err(|_| Error::invalid_owned(arg, format!("{v} is negative")).into())
}

fn overflow(arg: &'static str) -> Failure {
    Error::invalid(arg, "the extent of the array overflows the address space").into()
}

/// `len` elements of `T` at `ptr`, checked: non-NULL unless empty, and a
/// byte size that fits `isize`.
#[derive(Debug)]
pub(crate) struct Raw<T> {
    ptr: *mut T,
    len: usize,
}

impl<T> Clone for Raw<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Raw<T> {}

impl<T> Raw<T> {
    pub(crate) fn new(ptr: *const T, len: usize, arg: &'static str) -> Result<Self> {
        if len
            .checked_mul(size_of::<T>())
            .is_none_or(|b| b > isize::MAX.unsigned_abs())
        {
            return Err(overflow(arg));
        }
        if len == 0 {
            return Ok(Self {
                ptr: NonNull::dangling().as_ptr(),
                len,
            });
        }
        if ptr.is_null() {
            return Err(Failure::Null(arg));
        }
        Ok(Self {
            ptr: ptr.cast_mut(),
            len,
        })
    }

    /// The address range, or `None` when empty.
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        (self.len > 0).then(|| {
            let lo = self.ptr as usize;
            (lo, lo + self.len * size_of::<T>())
        })
    }

    /// # Safety
    /// `len` elements at `ptr` are valid for reads for `'a` and not written
    /// through another pointer meanwhile.
    pub(crate) unsafe fn slice<'a>(self) -> &'a [T] {
        // SAFETY: non-NULL and aligned (dangling for len 0); the caller
        // guarantees validity; the byte size fits isize (checked in new).
        unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
    }

    /// # Safety
    /// `len` elements at `ptr` are valid for reads and writes for `'a` and
    /// reached through no other pointer meanwhile.
    pub(crate) unsafe fn slice_mut<'a>(self) -> &'a mut [T] {
        // SAFETY: as in `slice`, plus the caller's exclusivity.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    /// The number of elements.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The pointer (dangling when empty).
    pub(crate) fn ptr(&self) -> *mut T {
        self.ptr
    }
}

/// A strided vector: `n` elements, increment `inc` (negative: BLAS's
/// convention, element `i` at `(n − 1 − i)·|inc|`).
#[derive(Debug)]
pub(crate) struct RawVec<T> {
    raw: Raw<T>,
    n: usize,
    inc: usize,
    rev: bool,
}

/// Checks a strided vector's arguments.
pub(crate) fn vector<T>(
    ptr: *const T,
    n: i64,
    inc: i64,
    arg: &'static str,
    inc_arg: &'static str,
) -> Result<RawVec<T>> {
    let n = dim(n, arg)?;
    if inc == 0 {
        return Err(Error::invalid(inc_arg, "the increment must not be zero").into());
    }
    let step = usize::try_from(inc.unsigned_abs()).map_err(|_| overflow(inc_arg))?;
    let len = match n {
        0 => 0,
        _ => (n - 1)
            .checked_mul(step)
            .and_then(|x| x.checked_add(1))
            .ok_or_else(|| overflow(arg))?,
    };
    Ok(RawVec {
        raw: Raw::new(ptr, len, arg)?,
        n,
        inc: step,
        rev: inc < 0,
    })
}

impl<T: Scalar> RawVec<T> {
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.raw.span()
    }
    /// # Safety
    /// As [`Raw::slice`].
    pub(crate) unsafe fn view<'a>(&self) -> Result<VecRef<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice() };
        let v = VecRef::from_slice_with_inc(s, self.n, self.inc)?;
        Ok(if self.rev { v.rev() } else { v })
    }
    /// # Safety
    /// As [`Raw::slice_mut`].
    pub(crate) unsafe fn view_mut<'a>(&self) -> Result<VecMut<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice_mut() };
        let v = VecMut::from_slice_with_inc(s, self.n, self.inc)?;
        Ok(if self.rev { v.rev() } else { v })
    }
}

/// A dense matrix with a leading dimension, in either layout.
#[derive(Debug)]
pub(crate) struct RawMat<T> {
    raw: Raw<T>,
    rows: usize,
    cols: usize,
    ld: usize,
    row_major: bool,
}

/// Checks a dense matrix's arguments: `rows`, `cols` ≥ 0, `ld ≥ max(1,
/// cols)` (row-major) or `max(1, rows)` (column-major).
pub(crate) fn matrix<T>(
    ptr: *const T,
    rows: i64,
    cols: i64,
    ld: i64,
    layout: i32,
    arg: &'static str,
    ld_arg: &'static str,
) -> Result<RawMat<T>> {
    let row_major = row_major(layout)?;
    let (rows, cols) = (dim(rows, arg)?, dim(cols, arg)?);
    let (inner, outer) = if row_major {
        (cols, rows)
    } else {
        (rows, cols)
    };
    let ld_u = usize::try_from(ld).unwrap_or(0);
    if ld < 1 || ld_u < inner.max(1) {
        return Err(Error::invalid_owned(
            ld_arg,
            format!("leading dimension {ld} is smaller than max(1, {inner})"),
        )
        .into());
    }
    let len = if rows == 0 || cols == 0 {
        0
    } else {
        (outer - 1)
            .checked_mul(ld_u)
            .and_then(|x| x.checked_add(inner))
            .ok_or_else(|| overflow(arg))?
    };
    Ok(RawMat {
        raw: Raw::new(ptr, len, arg)?,
        rows,
        cols,
        ld: ld_u,
        row_major,
    })
}

impl<T: Scalar> RawMat<T> {
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.raw.span()
    }
    /// # Safety
    /// As [`Raw::slice`].
    pub(crate) unsafe fn view<'a>(&self) -> Result<MatRef<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice() };
        Ok(if self.row_major {
            MatRef::from_row_major_ld(s, self.rows, self.cols, self.ld)?
        } else {
            MatRef::from_col_major_ld(s, self.rows, self.cols, self.ld)?
        })
    }
    /// # Safety
    /// As [`Raw::slice_mut`].
    pub(crate) unsafe fn view_mut<'a>(&self) -> Result<MatMut<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice_mut() };
        Ok(if self.row_major {
            MatMut::from_row_major_ld(s, self.rows, self.cols, self.ld)?
        } else {
            MatMut::from_col_major_ld(s, self.rows, self.cols, self.ld)?
        })
    }
}

/// An optional output matrix: NULL means "not wanted".
pub(crate) fn opt_matrix<T>(
    ptr: *const T,
    rows: i64,
    cols: i64,
    ld: i64,
    layout: i32,
    arg: &'static str,
    ld_arg: &'static str,
) -> Result<Option<RawMat<T>>> {
    if ptr.is_null() {
        row_major(layout)?;
        return Ok(None);
    }
    matrix(ptr, rows, cols, ld, layout, arg, ld_arg).map(Some)
}

/// A band matrix in BLAS (column-major) or CBLAS row-major band storage.
#[derive(Debug)]
pub(crate) struct RawBand<T> {
    raw: Raw<T>,
    dims: (usize, usize, usize, usize),
    ld: usize,
    row_major: bool,
}

/// Offset of the last stored element of an `m × n` band (`kl`, `ku`) in
/// column-major band storage with leading dimension `ld ≥ kl + ku + 1`.
fn last_band_offset(m: usize, n: usize, kl: usize, ku: usize, ld: usize) -> Option<usize> {
    // Column j holds rows max(0, j − ku) ..= min(m − 1, j + kl) at
    // ku + i − j + j·ld; the last column with a band element is
    // min(n − 1, m − 1 + ku), and the offsets grow with j.
    let j = (n - 1).min((m - 1).checked_add(ku)?);
    let last_row = (m - 1).min(j.checked_add(kl)?);
    j.checked_mul(ld)?
        .checked_add(ku)?
        .checked_add(last_row)?
        .checked_sub(j)
}

/// Checks a band matrix's arguments.
#[allow(clippy::too_many_arguments, reason = "a band has that many parts")]
pub(crate) fn band<T>(
    ptr: *const T,
    rows: i64,
    cols: i64,
    kl: i64,
    ku: i64,
    ld: i64,
    layout: i32,
    arg: &'static str,
) -> Result<RawBand<T>> {
    let row_major = row_major(layout)?;
    let (m, n) = (dim(rows, arg)?, dim(cols, arg)?);
    let (kl, ku) = (dim(kl, "kl")?, dim(ku, "ku")?);
    let width = kl
        .checked_add(ku)
        .and_then(|w| w.checked_add(1))
        .ok_or_else(|| overflow("ku"))?;
    let ld_u = usize::try_from(ld).unwrap_or(0);
    if ld_u < width {
        return Err(Error::invalid_owned(
            "lda",
            format!("leading dimension {ld} is smaller than kl + ku + 1 = {width}"),
        )
        .into());
    }
    let len = if m == 0 || n == 0 {
        0
    } else if row_major {
        last_band_offset(n, m, ku, kl, ld_u).ok_or_else(|| overflow(arg))? + 1
    } else {
        last_band_offset(m, n, kl, ku, ld_u).ok_or_else(|| overflow(arg))? + 1
    };
    Ok(RawBand {
        raw: Raw::new(ptr, len, arg)?,
        dims: (m, n, kl, ku),
        ld: ld_u,
        row_major,
    })
}

impl<T: Scalar> RawBand<T> {
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.raw.span()
    }
    /// # Safety
    /// As [`Raw::slice`].
    pub(crate) unsafe fn view<'a>(&self) -> Result<BandRef<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice() };
        let (m, n, kl, ku) = self.dims;
        Ok(if self.row_major {
            BandRef::from_row_major(s, m, n, kl, ku, self.ld)?
        } else {
            BandRef::from_col_major(s, m, n, kl, ku, self.ld)?
        })
    }
}

/// A packed triangle of an `n × n` matrix.
#[derive(Debug)]
pub(crate) struct RawPacked<T> {
    raw: Raw<T>,
    n: usize,
    uplo: Uplo,
    row_major: bool,
}

/// Checks a packed triangle's arguments.
pub(crate) fn packed<T>(
    ptr: *const T,
    n: i64,
    uplo: i32,
    layout: i32,
    arg: &'static str,
) -> Result<RawPacked<T>> {
    let row_major = row_major(layout)?;
    let uplo = flag::<Uplo>(uplo, "uplo")?;
    let n = dim(n, "n")?;
    let len = n
        .checked_add(1)
        .and_then(|x| x.checked_mul(n))
        .map(|x| x / 2)
        .ok_or_else(|| overflow(arg))?;
    Ok(RawPacked {
        raw: Raw::new(ptr, len, arg)?,
        n,
        uplo,
        row_major,
    })
}

impl<T: Scalar> RawPacked<T> {
    pub(crate) fn span(&self) -> Option<(usize, usize)> {
        self.raw.span()
    }
    /// # Safety
    /// As [`Raw::slice`].
    pub(crate) unsafe fn view<'a>(&self) -> Result<PackedRef<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice() };
        Ok(if self.row_major {
            PackedRef::from_row_major(s, self.n, self.uplo)?
        } else {
            PackedRef::from_col_major(s, self.n, self.uplo)?
        })
    }
    /// # Safety
    /// As [`Raw::slice_mut`].
    pub(crate) unsafe fn view_mut<'a>(&self) -> Result<PackedMut<'a, T>> {
        // SAFETY: forwarded to the caller.
        let s = unsafe { self.raw.slice_mut() };
        Ok(if self.row_major {
            PackedMut::from_row_major(s, self.n, self.uplo)?
        } else {
            PackedMut::from_col_major(s, self.n, self.uplo)?
        })
    }
}

/// Fails with [`Error::Aliasing`] if an output's range meets any other
/// argument's (inputs, and the other outputs). Conservative, as
/// `linmux_core::check::no_alias`: interleaved views are rejected too.
pub(crate) fn no_overlap(
    op: &'static str,
    outputs: &[(&'static str, Option<(usize, usize)>)],
    inputs: &[(&'static str, Option<(usize, usize)>)],
) -> Result<()> {
    let meets = |a: Option<(usize, usize)>, b: Option<(usize, usize)>| match (a, b) {
        (Some((a0, a1)), Some((b0, b1))) => a0 < b1 && b0 < a1,
        _ => false,
    };
    for (k, (out, os)) in outputs.iter().enumerate() {
        for (other, s) in outputs[k + 1..].iter().chain(inputs) {
            if meets(*os, *s) {
                return Err(Error::Aliasing {
                    op,
                    output: out,
                    input: other,
                }
                .into());
            }
        }
    }
    Ok(())
}

/// An optional raw matrix's span.
pub(crate) fn opt_span<T: Scalar>(m: &Option<RawMat<T>>) -> Option<(usize, usize)> {
    m.as_ref().and_then(RawMat::span)
}

/// Reads `len` 0-based pivots from C (`int64_t`), rejecting negatives.
///
/// # Safety
/// `raw` is valid for reads.
pub(crate) unsafe fn read_pivots(raw: Raw<i64>, arg: &'static str) -> Result<Vec<usize>> {
    // SAFETY: forwarded to the caller.
    let s = unsafe { raw.slice() };
    let mut v = linmux_core::try_vec_with_capacity("vector", s.len(), 1)?;
    for &p in s {
        v.push(dim(p, arg)?);
    }
    Ok(v)
}

/// Writes 0-based pivots to C.
///
/// # Safety
/// `raw` is valid for writes and not otherwise borrowed.
pub(crate) unsafe fn write_pivots(raw: Raw<i64>, pivots: &[usize]) -> Result<()> {
    // SAFETY: forwarded to the caller.
    let s = unsafe { raw.slice_mut() };
    for (d, &p) in s.iter_mut().zip(pivots) {
        *d = i64::try_from(p).map_err(|_| overflow("ipiv"))?;
    }
    Ok(())
}
