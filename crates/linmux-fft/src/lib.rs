//! FFT providers for linmux.
//!
//! A [`Provider`] computes batches of unnormalized 1-D transforms of
//! contiguous rows: complex-to-complex in place, real-to-complex (the half
//! spectrum, `n/2 + 1` values per row) and complex-to-real, in `f32` and
//! `f64`. Three providers exist, listed once in [`PROVIDERS`]:
//!
//! | name | library | real transforms | plans |
//! |---|---|---|---|
//! | `rustfft` | RustFFT + RealFFT, compiled in | RealFFT | RustFFT's planners |
//! | `fftw` | `libfftw3.so.3`, `libfftw3f.so.3` (+ `_threads`), loaded at run time | `fftw_plan_dft_r2c_1d` | `FFTW_ESTIMATE`, aligned or `FFTW_UNALIGNED`, new-array execute |
//! | `mkl` | `libmkl_rt` (MKL's FFTW3 wrappers over DFTI), loaded at run time | as FFTW | as FFTW |
//!
//! Plans are cached per (length, kind, precision, threads, alignment) in each provider
//! ([`PlanKey`]) and shared across threads; FFTW's planner is not
//! thread-safe, so every planner call (for FFTW and MKL alike) holds one
//! process-wide lock. Executing a cached plan takes no lock.
//!
//! [`lanes`] is the driver the `linmux::fft` facade uses: it moves the
//! lanes of strided matrices through the providers in cache-sized blocks,
//! split across up to `threads` scoped threads, and reports how many it
//! used; [`run`] splits batches of contiguous rows. Normalization and
//! argument checking live in the facade.

#![deny(clippy::undocumented_unsafe_blocks)]

mod fftw;
pub mod lanes;
mod provider;
mod registry;
pub mod run;
mod rust;

pub use provider::{Direction, FftFloat, PlanCache, PlanKey, PlanKind, Provider, ProviderInfo};
pub use registry::{PROVIDERS, load, loaded};
