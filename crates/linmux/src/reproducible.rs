//! Reproducible mode: the same bits run to run.
//!
//! Switched on by `LINMUX_REPRODUCIBLE=1` (also `true`, `yes`, `on`) in the
//! environment, or by [`enable`] in the program; either must come before the
//! engines it should govern are created (MKL accepts its setting only before
//! it first computes). What it pins, per backend:
//!
//! | backend | what reproducible mode does | bitwise identical run to run |
//! |---|---|---|
//! | mkl | strict CNR, `MKL_CBWR_AUTO \| MKL_CBWR_STRICT`, set before MKL's first computation | every operation, same machine and thread count |
//! | faer | nothing to pin: its parallel splits depend only on the problem size and the thread count | every operation, same thread count |
//! | openblas, blis, reference | no switch exists; their kernels split work statically | every operation, same thread count (measured, not promised by the vendors) |
//!
//! An MKL loaded by path (`LINMUX_BACKEND=/path/libmkl_rt.so.3`) is not
//! switched: set `MKL_CBWR=AUTO,STRICT` in its environment.
//!
//! "Every operation" is what `tests/tests/reproducible.rs` checks: a battery
//! over the operation families at sizes where the vendors thread, run in two
//! separate processes on every required backend and compared bit for bit.
//! Results with different thread counts are not bitwise equal in general;
//! they agree within the numerical contract (docs/contract.md).

use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

/// The environment variable that switches reproducible mode on.
pub const ENV: &str = "LINMUX_REPRODUCIBLE";

static ENABLED: AtomicBool = AtomicBool::new(false);

/// Switches reproducible mode on for the engines created from now on.
pub fn enable() {
    ENABLED.store(true, Ordering::Relaxed);
}

/// Whether reproducible mode is on ([`enable`] or [`ENV`]).
pub fn is_enabled() -> bool {
    static FROM_ENV: OnceLock<bool> = OnceLock::new();
    ENABLED.load(Ordering::Relaxed)
        || *FROM_ENV.get_or_init(|| {
            std::env::var(ENV).is_ok_and(|v| {
                matches!(
                    v.trim().to_ascii_lowercase().as_str(),
                    "1" | "true" | "yes" | "on"
                )
            })
        })
}

/// Applies the mode before a vendor library is loaded.
pub(crate) fn before_load() {
    if is_enabled() {
        linmux_mkl::request_reproducible();
    }
}
