//! The provider interface and the plan cache.

use std::collections::HashMap;
use std::fmt;
use std::hash::Hash;
use std::sync::{Mutex, PoisonError};

use linmux_core::{Error, RealScalar, Result, ScalarKind, c32, c64};
use num_complex::Complex;

/// The sign of a complex transform: `Forward` is `exp(-2πi jk/n)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Direction {
    /// `X[k] = Σ x[j]·exp(-2πi jk/n)`.
    Forward,
    /// `x[j] = Σ X[k]·exp(+2πi jk/n)` (unnormalized).
    Inverse,
}

/// What a plan computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PlanKind {
    /// Complex to complex, in place, in a direction.
    C2c(Direction),
    /// Real to half-complex (forward).
    R2c,
    /// Half-complex to real (inverse).
    C2r,
}

/// The key of a cached plan: length, kind (with direction), precision and
/// the threads the plan may use inside one transform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PlanKey {
    /// Transform length `n`.
    pub len: usize,
    /// Kind and direction.
    pub kind: PlanKind,
    /// `F32` or `F64`.
    pub precision: ScalarKind,
    /// Threads inside one transform (1 unless the provider threads a
    /// single long transform).
    pub threads: usize,
    /// Planned for 16-byte aligned rows (FFTW's SIMD codelets); `false` for
    /// plans that take any alignment, and for providers without the notion.
    pub aligned: bool,
    /// Rows one execution transforms (FFTW's `howmany`: a batch planned as
    /// one); 1 for a plan of one row run row after row.
    pub howmany: usize,
}

/// A thread-safe map from [`PlanKey`] to plans. Building happens under the
/// map's lock, so a plan is built once however many threads ask at once.
pub struct PlanCache<V> {
    plans: Mutex<HashMap<PlanKey, V>>,
}

impl<V> fmt::Debug for PlanCache<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PlanCache")
            .field("len", &self.len())
            .finish()
    }
}

impl<V> Default for PlanCache<V> {
    fn default() -> Self {
        Self {
            plans: Mutex::new(HashMap::new()),
        }
    }
}

impl<V: Clone> PlanCache<V> {
    /// The plan for `key`, built by `build` if it is not cached yet.
    ///
    /// # Errors
    /// `build`'s error (nothing is cached then).
    pub fn get_or_build(&self, key: PlanKey, build: impl FnOnce() -> Result<V>) -> Result<V> {
        let mut plans = self.plans.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(p) = plans.get(&key) {
            return Ok(p.clone());
        }
        let p = build()?;
        plans.insert(key, p.clone());
        Ok(p)
    }
}

impl<V> PlanCache<V> {
    /// How many plans are cached.
    pub fn len(&self) -> usize {
        self.plans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
    }
    /// Whether no plan is cached.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Whether `key` is cached.
    pub fn contains(&self, key: &PlanKey) -> bool {
        self.plans
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .contains_key(key)
    }
}

/// What a provider is, for `linmux info` and provenance.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ProviderInfo {
    /// `rustfft`, `fftw` or `mkl`.
    pub name: &'static str,
    /// Who makes it.
    pub vendor: &'static str,
    /// Version, where the library says.
    pub version: Option<String>,
    /// The files it was loaded from (empty when compiled in).
    pub paths: Vec<String>,
    /// How a batch is threaded.
    pub threading: String,
}

/// Batches of unnormalized 1-D transforms of contiguous rows.
///
/// Each method transforms `rows` rows of length `n` (`n ≥ 1`), row after
/// row with no gap: `c2c` in place on `n` complex values a row; `r2c` from
/// `n` reals to `n/2 + 1` complex values a row; `c2r` from `n/2 + 1`
/// complex values to `n` reals a row (it may overwrite its input, and
/// ignores the imaginary parts of the first value and, for even `n`, of
/// the last). `threads` is how many threads the provider may use inside
/// the call; the return value is how many it asked its library for.
///
/// Lengths are checked (an inconsistent call is an
/// [`Error::InvalidArgument`], never an out-of-bounds access), nothing else.
pub trait Provider: Send + Sync + fmt::Debug {
    /// What this provider is.
    fn info(&self) -> &ProviderInfo;
    /// Plans cached so far (all kinds and precisions).
    fn cached_plans(&self) -> usize;
    /// `c2c` in `f64`.
    ///
    /// # Errors
    /// Inconsistent lengths, or a plan the library could not make.
    fn c2c_f64(&self, n: usize, data: &mut [c64], dir: Direction, threads: usize) -> Result<usize>;
    /// `c2c` in `f32`.
    ///
    /// # Errors
    /// As [`Provider::c2c_f64`].
    fn c2c_f32(&self, n: usize, data: &mut [c32], dir: Direction, threads: usize) -> Result<usize>;
    /// `r2c` in `f64`.
    ///
    /// # Errors
    /// As [`Provider::c2c_f64`].
    fn r2c_f64(
        &self,
        n: usize,
        input: &mut [f64],
        output: &mut [c64],
        threads: usize,
    ) -> Result<usize>;
    /// `r2c` in `f32`.
    ///
    /// # Errors
    /// As [`Provider::c2c_f64`].
    fn r2c_f32(
        &self,
        n: usize,
        input: &mut [f32],
        output: &mut [c32],
        threads: usize,
    ) -> Result<usize>;
    /// `c2r` in `f64`.
    ///
    /// # Errors
    /// As [`Provider::c2c_f64`].
    fn c2r_f64(
        &self,
        n: usize,
        input: &mut [c64],
        output: &mut [f64],
        threads: usize,
    ) -> Result<usize>;
    /// `c2r` in `f32`.
    ///
    /// # Errors
    /// As [`Provider::c2c_f64`].
    fn c2r_f32(
        &self,
        n: usize,
        input: &mut [c32],
        output: &mut [f32],
        threads: usize,
    ) -> Result<usize>;
}

/// The rows of a batch, after checking that the lengths agree.
///
/// # Errors
/// [`Error::InvalidArgument`] if `n == 0` or a slice is not a whole number
/// of rows, or the two slices hold different numbers of rows.
pub(crate) fn rows(n: usize, a: usize, a_row: usize, b: Option<(usize, usize)>) -> Result<usize> {
    if n == 0 || a_row == 0 || !a.is_multiple_of(a_row) {
        return Err(Error::invalid_owned(
            "data",
            format!("{a} values are not whole rows of {a_row} (n = {n})"),
        ));
    }
    let r = a / a_row;
    if let Some((b, b_row)) = b
        && (b_row == 0 || b != r * b_row)
    {
        return Err(Error::invalid_owned(
            "output",
            format!("{b} values for {r} rows of {b_row}"),
        ));
    }
    Ok(r)
}

/// `f32` or `f64`: the real types linmux transforms, each routed to the
/// provider method of its precision.
pub trait FftFloat: RealScalar<Complex = Complex<Self>> + rustfft::FftNum {
    /// [`Provider::c2c_f64`] / [`Provider::c2c_f32`].
    ///
    /// # Errors
    /// As the provider method.
    fn c2c(
        p: &dyn Provider,
        n: usize,
        data: &mut [Complex<Self>],
        dir: Direction,
        threads: usize,
    ) -> Result<usize>;
    /// [`Provider::r2c_f64`] / [`Provider::r2c_f32`].
    ///
    /// # Errors
    /// As the provider method.
    fn r2c(
        p: &dyn Provider,
        n: usize,
        input: &mut [Self],
        output: &mut [Complex<Self>],
        threads: usize,
    ) -> Result<usize>;
    /// [`Provider::c2r_f64`] / [`Provider::c2r_f32`].
    ///
    /// # Errors
    /// As the provider method.
    fn c2r(
        p: &dyn Provider,
        n: usize,
        input: &mut [Complex<Self>],
        output: &mut [Self],
        threads: usize,
    ) -> Result<usize>;
}

macro_rules! impl_fft_float {
    ($t:ty, $c2c:ident, $r2c:ident, $c2r:ident) => {
        impl FftFloat for $t {
            fn c2c(
                p: &dyn Provider,
                n: usize,
                data: &mut [Complex<$t>],
                dir: Direction,
                threads: usize,
            ) -> Result<usize> {
                p.$c2c(n, data, dir, threads)
            }
            fn r2c(
                p: &dyn Provider,
                n: usize,
                input: &mut [$t],
                output: &mut [Complex<$t>],
                threads: usize,
            ) -> Result<usize> {
                p.$r2c(n, input, output, threads)
            }
            fn c2r(
                p: &dyn Provider,
                n: usize,
                input: &mut [Complex<$t>],
                output: &mut [$t],
                threads: usize,
            ) -> Result<usize> {
                p.$c2r(n, input, output, threads)
            }
        }
    };
}

impl_fft_float!(f64, c2c_f64, r2c_f64, c2r_f64);
impl_fft_float!(f32, c2c_f32, r2c_f32, c2r_f32);
