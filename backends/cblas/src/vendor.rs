//! One value per vendor: [`VendorDescriptor`].
//!
//! Every vendor profile (`linmux-openblas`, `linmux-mkl`, ...) exports one
//! `pub const DESCRIPTOR: VendorDescriptor`; the facade keeps the one list of
//! them (`linmux::select::VENDORS`), and everything that needs a vendor's
//! name, variables, install hint, search list, detection or loader reads it
//! from there.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use linmux_core::{Backend, BackendInfo, Origin, Result};
use linmux_loader::VendorExtras;

/// Loads a vendor from its search list; the argument serves LAPACK when the
/// vendor has none (BLIS).
pub type LoadFn = fn(lapack_fallback: Arc<dyn Backend>) -> Result<Arc<dyn Backend>>;

/// Everything linmux knows about one vendor library.
#[derive(Clone, Copy)]
pub struct VendorDescriptor {
    /// Selection name, as in `LINMUX_BACKEND` and `BackendInfo::name` (`"openblas"`).
    pub name: &'static str,
    /// Who makes it, as in `BackendInfo::vendor` (`"OpenBLAS"`).
    pub vendor: &'static str,
    /// The file override variable, `LINMUX_<NAME>_LIB` (see [`crate::profile::lib_var`]).
    pub lib_var: &'static str,
    /// The vendor's own thread-count variable (`OPENBLAS_NUM_THREADS`), if it has one.
    pub thread_var: Option<&'static str>,
    /// The last reason of a load failure: how to get the library.
    pub install_hint: &'static str,
    /// The files the loader tries, in order, for this process (the override
    /// alone when it is set).
    pub candidates: fn() -> Vec<PathBuf>,
    /// Whether a loaded library is this vendor's, from the queries it exports.
    pub detect: fn(&VendorExtras) -> bool,
    /// Loads the vendor from [`VendorDescriptor::candidates`].
    pub load: LoadFn,
}

impl VendorDescriptor {
    /// The [`BackendInfo`] a profile starts from: name and vendor set, the
    /// rest unknown. [`crate::CblasBackend::new`] fills the integer width,
    /// symbol suffix, origin and LAPACK provider.
    pub fn info(&self) -> BackendInfo {
        loaded_info(self.name, self.vendor)
    }
}

impl fmt::Debug for VendorDescriptor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VendorDescriptor")
            .field("name", &self.name)
            .field("vendor", &self.vendor)
            .field("lib_var", &self.lib_var)
            .field("thread_var", &self.thread_var)
            .finish_non_exhaustive()
    }
}

/// A [`BackendInfo`] for a loaded library named `name` by `vendor`, the rest
/// unknown; [`crate::CblasBackend::new`] fills what the loader found.
pub fn loaded_info(name: impl Into<String>, vendor: impl Into<String>) -> BackendInfo {
    BackendInfo::new(name, vendor, Origin::Loaded(Vec::new()))
}

/// The first of `vendors` whose [`VendorDescriptor::detect`] accepts `extras`.
pub fn identify<'a>(
    vendors: &[&'a VendorDescriptor],
    extras: &VendorExtras,
) -> Option<&'a VendorDescriptor> {
    vendors.iter().copied().find(|d| (d.detect)(extras))
}
