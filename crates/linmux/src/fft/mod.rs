//! Fast Fourier transforms with NumPy's semantics (`numpy.fft`), served by
//! a provider chosen like a BLAS backend.
//!
//! | NumPy | here | input → output |
//! |---|---|---|
//! | `fft(x)`, `ifft(x)` | [`fft`], [`ifft`] (vectors), [`fft_axis`] / [`ifft_axis`] (each row or column of a matrix) | complex → complex, same shape |
//! | `rfft(x)` | [`rfft`], [`rfft_axis`] | real, length `n` → complex, `n/2 + 1` |
//! | `irfft(x, n)` | [`irfft`], [`irfft_axis`] | complex, `m` → real, `n` (default `2(m − 1)`) |
//! | `fft2`, `ifft2` | [`fft2`], [`ifft2`] | complex `m × n` → complex `m × n` |
//! | `rfft2`, `irfft2(x, s)` | [`rfft2`], [`irfft2`] | real `m × n` ↔ complex `m × (n/2 + 1)` |
//!
//! `axis` is NumPy's: `1` transforms each row (NumPy's default, `axis=-1`),
//! `0` each column. A matrix of rows or columns is a batch. Every function
//! takes strided views (any strides, transposed, conjugated), returns an
//! owned result, and has an `_into` twin writing a caller-provided output;
//! `f32` and `f64` both work.
//!
//! The forward transform is `X[k] = Σⱼ x[j]·exp(−2πi·jk/n)`. [`Norm`] scales
//! as NumPy's `norm`: `Backward` (default) divides the inverse by `n`,
//! `Ortho` both directions by `√n`, `Forward` the forward by `n`.
//!
//! # Providers
//! `LINMUX_FFT` (or [`Fft::with_provider`]) takes a name (`rustfft`,
//! `fftw`, `mkl`: strict, no fallback), a comma list (first that loads), or
//! `auto` (the default): the BLAS backend's vendor FFT where it has one
//! (MKL), else the embedded rustfft. FFTW and MKL are loaded at run time
//! (see [`linmux_fft`]). [`Fft::provenance`] counts which provider ran what,
//! and with how many threads.
//!
//! # Threads
//! A transform uses the current engine's thread budget
//! ([`crate::threads::get`], so [`crate::threads::limit`] bounds it): the
//! lanes of a batch (and each of the two passes of a 2-D transform) are
//! split across that many threads, a single long transform is threaded
//! inside FFTW or MKL, and passes below
//! [`linmux_fft::run::PARALLEL_MIN_WORK`] values run on the calling thread.
//!
//! # Data movement
//! Strided lanes go through the provider in cache-sized blocks
//! ([`linmux_fft::lanes`]): every value is read and written once per axis,
//! with no full-size intermediate buffer. `fft2` is the rows of the input
//! transformed into the output, then the columns of the output in place;
//! `irfft2` needs one `m × (n/2 + 1)` complex intermediate.
//!
//! # Errors
//! A transform axis of length 0 is [`Error::InvalidArgument`] (as NumPy);
//! a batch of 0 rows is an empty result. Outputs of the wrong shape are
//! [`Error::DimensionMismatch`] naming `out`. Outputs are untouched when a
//! call fails.
//!
//! # Accuracy
//! Every provider is tested against a naive DFT accumulated in
//! double-double: the norm-wise relative error `‖ŷ − y‖₂ / ‖y‖₂` stays
//! below `c·ε·max(1, log₂ n)` with `c = 5` (`tests/fft.rs`), for prime, odd,
//! power-of-two lengths and length 1.
//!
//! ```
//! use linmux::{c64, fft};
//! let x = [c64::new(1.0, 0.0), c64::new(2.0, 0.0), c64::new(0.0, 1.0)];
//! let y = fft::fft(linmux::VecRef::from_slice(&x), fft::Norm::Backward)?;
//! let back = fft::ifft(linmux::VecRef::from_slice(&y), fft::Norm::Backward)?;
//! assert!(back.iter().zip(&x).all(|(a, b)| (a - b).norm() < 1e-15));
//! # Ok::<(), linmux::Error>(())
//! ```

mod select;
mod transform;

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use linmux_core::{Error, Result, ScalarKind};
pub use linmux_fft::{FftFloat, Provider, ProviderInfo};

pub use select::{FFT_ENV, FFT_OF_BACKEND, FFT_PROVIDERS, FftSelection, RUSTFFT};
pub use transform::Norm;

/// The transforms, as counted by provenance.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Transform {
    /// `fft` (1-D, vector or along an axis).
    Fft,
    /// `ifft`.
    Ifft,
    /// `rfft`.
    Rfft,
    /// `irfft`.
    Irfft,
    /// `fft2`.
    Fft2,
    /// `ifft2`.
    Ifft2,
    /// `rfft2`.
    Rfft2,
    /// `irfft2`.
    Irfft2,
}

impl Transform {
    /// NumPy's name.
    pub const fn name(self) -> &'static str {
        match self {
            Transform::Fft => "fft",
            Transform::Ifft => "ifft",
            Transform::Rfft => "rfft",
            Transform::Irfft => "irfft",
            Transform::Fft2 => "fft2",
            Transform::Ifft2 => "ifft2",
            Transform::Rfft2 => "rfft2",
            Transform::Irfft2 => "irfft2",
        }
    }
}

/// One line of an [`FftProvenance`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FftProvenanceEntry {
    /// The provider that ran the calls.
    pub provider: String,
    /// The transform.
    pub transform: Transform,
    /// `F32` or `F64` (the precision).
    pub kind: ScalarKind,
    /// Calls that reached the provider.
    pub calls: u64,
    /// Threads the last call ran with (workers × threads per provider call).
    pub last_threads: usize,
    /// The most threads any call ran with.
    pub max_threads: usize,
}

/// Which FFT provider ran what, with how many threads.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FftProvenance {
    /// One entry per (transform, precision) that ran.
    pub entries: Vec<FftProvenanceEntry>,
}

impl FftProvenance {
    /// Calls of `transform` in precision `kind` served by `provider`.
    pub fn count(&self, provider: &str, transform: Transform, kind: ScalarKind) -> u64 {
        self.entries
            .iter()
            .filter(|e| e.provider == provider && e.transform == transform && e.kind == kind)
            .map(|e| e.calls)
            .sum()
    }
    /// Every call served by `provider`.
    pub fn total(&self, provider: &str) -> u64 {
        self.entries
            .iter()
            .filter(|e| e.provider == provider)
            .map(|e| e.calls)
            .sum()
    }
    /// The entry for (`transform`, `kind`), if it ran.
    pub fn entry(&self, transform: Transform, kind: ScalarKind) -> Option<&FftProvenanceEntry> {
        self.entries
            .iter()
            .find(|e| e.transform == transform && e.kind == kind)
    }
}

struct Inner {
    provider: Arc<dyn Provider>,
    why: String,
    skipped: Vec<(String, Vec<String>)>,
    counts: Mutex<Vec<FftProvenanceEntry>>,
}

/// A handle to one FFT provider, with its provenance. Cheap to clone.
///
/// The free functions of [`crate::fft`] run on the current handle: the
/// innermost [`Fft::scoped`] override of the calling thread, else the
/// process default ([`default_fft`], [`set_default_fft`]).
///
/// ```
/// use linmux::fft::{Fft, Norm};
/// let f = Fft::with_provider("rustfft")?;
/// let y = f.rfft(linmux::VecRef::from_slice(&[1.0f64, 0.0, 0.0, 0.0]), Norm::Backward)?;
/// assert_eq!(y.len(), 3);
/// assert_eq!(f.provenance().total("rustfft"), 1);
/// # Ok::<(), linmux::Error>(())
/// ```
#[derive(Clone)]
pub struct Fft {
    inner: Arc<Inner>,
}

impl fmt::Debug for Fft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fft")
            .field("provider", &self.inner.provider.info().name)
            .field("why", &self.inner.why)
            .finish()
    }
}

impl Fft {
    /// The provider `LINMUX_FFT` asks for (`auto` when unset), `auto`
    /// following the current engine's BLAS backend.
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] for an unknown name, or when no choice
    /// loads (every reason listed).
    pub fn new() -> Result<Self> {
        Self::resolve(&FftSelection::from_env()?)
    }

    /// The provider for `selection`, written as `LINMUX_FFT` would be.
    ///
    /// # Errors
    /// As [`Fft::new`].
    pub fn with_provider(selection: &str) -> Result<Self> {
        Self::resolve(&FftSelection::parse(selection)?)
    }

    /// Resolves a parsed selection.
    ///
    /// # Errors
    /// As [`Fft::new`].
    pub fn resolve(selection: &FftSelection) -> Result<Self> {
        let backend = crate::engine::with_current(|e| e.info().name.clone()).ok();
        Self::resolve_for(selection, backend)
    }

    /// Resolves a parsed selection, `auto` following `backend`.
    fn resolve_for(selection: &FftSelection, backend: Option<String>) -> Result<Self> {
        let mut skipped = Vec::new();
        for name in selection.candidates(backend.as_deref()) {
            match linmux_fft::load(&name) {
                Ok(provider) => {
                    let why = match selection {
                        FftSelection::Auto => format!(
                            "auto: BLAS backend {}; first available of [{}]",
                            backend.as_deref().unwrap_or("(none)"),
                            selection.candidates(backend.as_deref()).join(", ")
                        ),
                        FftSelection::Strict(_) => format!("requested by name ({name})"),
                        FftSelection::FirstOf(_) => {
                            format!("first loadable entry of the list ({name})")
                        }
                    };
                    if !skipped.is_empty() {
                        log::info!("FFT provider {name} chosen; skipped: {skipped:?}");
                    }
                    return Ok(Self {
                        inner: Arc::new(Inner {
                            provider,
                            why,
                            skipped,
                            counts: Mutex::new(Vec::new()),
                        }),
                    });
                }
                Err(reasons) => skipped.push((name, reasons)),
            }
        }
        let name = match selection {
            FftSelection::Auto => String::from("auto"),
            FftSelection::Strict(n) => n.clone(),
            FftSelection::FirstOf(ns) => ns.join(","),
        };
        Err(Error::BackendUnavailable {
            name,
            reasons: skipped
                .into_iter()
                .flat_map(|(n, rs)| rs.into_iter().map(move |r| format!("{n}: {r}")))
                .collect(),
        })
    }

    /// What the provider is.
    pub fn info(&self) -> &ProviderInfo {
        self.inner.provider.info()
    }
    /// The provider itself (for its plan cache size).
    pub fn provider(&self) -> &Arc<dyn Provider> {
        &self.inner.provider
    }
    /// Why this provider was chosen.
    pub fn selection_reason(&self) -> &str {
        &self.inner.why
    }
    /// Choices tried first, with the reasons they were skipped.
    pub fn skipped(&self) -> &[(String, Vec<String>)] {
        &self.inner.skipped
    }
    /// Which provider served which transform, and with how many threads.
    pub fn provenance(&self) -> FftProvenance {
        FftProvenance {
            entries: self
                .inner
                .counts
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .clone(),
        }
    }
    /// Zeroes the provenance.
    pub fn reset_provenance(&self) {
        self.inner
            .counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }
    /// Whether two handles share one state.
    pub fn same_as(&self, other: &Fft) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    fn record(&self, transform: Transform, kind: ScalarKind, threads: usize) {
        let mut counts = self
            .inner
            .counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(e) = counts
            .iter_mut()
            .find(|e| e.transform == transform && e.kind == kind)
        {
            e.calls += 1;
            e.last_threads = threads;
            e.max_threads = e.max_threads.max(threads);
        } else {
            counts.push(FftProvenanceEntry {
                provider: self.inner.provider.info().name.to_owned(),
                transform,
                kind,
                calls: 1,
                last_threads: threads,
                max_threads: threads,
            });
        }
    }

    /// Makes this handle the current one for the calling thread until the
    /// guard is dropped.
    #[must_use = "the override ends when the guard is dropped"]
    pub fn scoped(&self) -> FftScope {
        let id = NEXT_SCOPE.fetch_add(1, Ordering::Relaxed);
        OVERRIDES.with(|o| o.borrow_mut().push((id, self.clone())));
        FftScope {
            id,
            _not_send: std::marker::PhantomData,
        }
    }
}

/// Guard of [`Fft::scoped`]. Not `Send`.
#[derive(Debug)]
pub struct FftScope {
    id: u64,
    _not_send: std::marker::PhantomData<*const ()>,
}

impl Drop for FftScope {
    fn drop(&mut self) {
        OVERRIDES.with(|o| o.borrow_mut().retain(|(id, _)| *id != self.id));
    }
}

static NEXT_SCOPE: AtomicU64 = AtomicU64::new(1);
static DEFAULT: Mutex<Option<Fft>> = Mutex::new(None);

thread_local! {
    static OVERRIDES: RefCell<Vec<(u64, Fft)>> = const { RefCell::new(Vec::new()) };
}

/// The process-wide default FFT handle, made from `LINMUX_FFT` on first use;
/// `auto` follows the default engine's backend at that moment (a thread's
/// [`Engine::scoped`](crate::Engine::scoped) engine does not decide it for
/// the whole process). A later [`set_default_engine`](crate::set_default_engine)
/// does not change it: call [`set_default_fft`].
///
/// # Errors
/// As [`Fft::new`].
pub fn default_fft() -> Result<Fft> {
    let mut slot = DEFAULT.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(f) = &*slot {
        return Ok(f.clone());
    }
    // `auto` follows the process's default engine, not an engine a thread
    // has scoped: the default handle is shared by every thread.
    let backend = crate::engine::default_engine()
        .ok()
        .map(|e| e.info().name.clone());
    let f = Fft::resolve_for(&FftSelection::from_env()?, backend)?;
    *slot = Some(f.clone());
    Ok(f)
}

/// Replaces the process-wide default FFT handle.
pub fn set_default_fft(fft: Fft) {
    *DEFAULT.lock().unwrap_or_else(PoisonError::into_inner) = Some(fft);
}

/// The handle the free functions use on this thread.
///
/// # Errors
/// As [`default_fft`].
pub fn current_fft() -> Result<Fft> {
    if let Some((_, f)) = OVERRIDES.with(|o| o.borrow().last().cloned()) {
        return Ok(f);
    }
    default_fft()
}

/// The thread budget of the current engine on this thread (1 if there is
/// no engine).
fn budget() -> usize {
    crate::engine::with_current(|e| e.thread_control().get())
        .unwrap_or(1)
        .max(1)
}

pub use transform::free::*;
