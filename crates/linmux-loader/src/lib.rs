//! Run-time loading of BLAS/LAPACK vendor libraries: the only linmux crate
//! that calls `dlopen`/`dlsym`.
//!
//! - [`Library`]: one shared library opened `RTLD_NOW | RTLD_LOCAL` (or
//!   `RTLD_GLOBAL` for preloads such as `libm.so.6` before MKL);
//! - [`CblasTable`], [`FortranBlasTable`], [`LapackTable`], [`VendorExtras`]: structs of typed
//!   function pointers, generated from one list each, that own their library;
//! - [`probe`]: symbol suffix and LP64/ILP64 detection by calling `isamax`
//!   and `ilaver`, never a routine whose error handler may end the process;
//! - [`load`]: all of it from a [`LoadSpec`], giving a [`LoadedVendor`] or a
//!   [`LoadError`] that lists every path tried with `dlerror()`'s text.
//!
//! ```no_run
//! use linmux_loader::{load, LoadSpec, LoadedVendor};
//! let spec = LoadSpec::new(["libopenblas.so.0"]);
//! // SAFETY: libopenblas is a BLAS/LAPACK library.
//! match unsafe { load(&spec) } {
//!     Ok(v) => println!("{:?}", v.abi()),
//!     Err(e) => eprintln!("{e}"),
//! }
//! ```

#![deny(clippy::undocumented_unsafe_blocks)]

mod error;
#[cfg(feature = "fixtures")]
pub mod fixtures;
mod int;
mod library;
mod load;
pub mod probe;
mod suffix;
#[macro_use]
mod tables;
mod fft;

pub use error::{LoadError, OpenAttempt};
pub use fft::{
    FFTW_BACKWARD, FFTW_DESTROY_INPUT, FFTW_ESTIMATE, FFTW_FORWARD, FFTW_UNALIGNED, FftwPlan,
    FftwTable, FftwThreadsTable, FftwfTable, FftwfThreadsTable,
};
pub use int::BlasInt;
pub use library::{Library, Visibility, global_symbol, loaded_symbol};
pub use load::{Abi, LapackSource, LoadSpec, LoadedVendor, Vendor, load};
pub use suffix::SymbolSuffix;
pub use tables::{
    CBLAS_COL_MAJOR, CBLAS_CONJ_TRANS, CBLAS_LEFT, CBLAS_LOWER, CBLAS_NO_TRANS, CBLAS_NON_UNIT,
    CBLAS_RIGHT, CBLAS_ROW_MAJOR, CBLAS_TRANS, CBLAS_UNIT, CBLAS_UPPER, CblasEnum, CblasTable,
    FChar, FLen, FortranBlasTable, LapackTable, VendorExtras,
};
