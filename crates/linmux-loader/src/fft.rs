//! FFTW3's C interface as symbol tables: the double- (`fftw_`) and
//! single-precision (`fftwf_`) planners and new-array executors, and the
//! thread initialisation of `libfftw3_threads`. Intel MKL's `libmkl_rt`
//! exports the same names (its FFTW3 wrappers over DFTI), so one table
//! serves both vendors.
//!
//! Only the executors are thread-safe (FFTW manual, "Thread safety"): the
//! planner, `destroy_plan`, `init_threads` and `plan_with_nthreads` must be
//! serialized by the caller (FFTW ≥ 3.3.5's `make_planner_thread_safe`, an
//! optional entry, makes the planner itself safe against other users of
//! the library in the process; it does not make `plan_with_nthreads` and
//! the planner call that follows it one step). A plan executes on other arrays than it was
//! planned with only through the new-array executors, and then only with
//! the same in-place/out-of-place shape and, unless planned with
//! [`FFTW_UNALIGNED`], the same alignment.

use core::ffi::{c_int, c_uint, c_void};
use std::sync::Arc;

use linmux_core::{c32, c64};

use crate::error::LoadError;
use crate::library::Library;
use crate::suffix::SymbolSuffix;

/// An `fftw_plan` / `fftwf_plan` (an opaque pointer; null on failure).
pub type FftwPlan = *mut c_void;

/// `FFTW_FORWARD`: the sign of the exponent of a forward transform.
pub const FFTW_FORWARD: c_int = -1;
/// `FFTW_BACKWARD`.
pub const FFTW_BACKWARD: c_int = 1;
/// `FFTW_ESTIMATE`: plan by heuristics, without running (or overwriting) the arrays.
pub const FFTW_ESTIMATE: c_uint = 1 << 6;
/// `FFTW_UNALIGNED`: the plan may be executed on arrays of any alignment.
pub const FFTW_UNALIGNED: c_uint = 1 << 1;
/// `FFTW_DESTROY_INPUT`: an out-of-place transform may overwrite its input.
pub const FFTW_DESTROY_INPUT: c_uint = 1;

/// Names with the double-precision prefix (`plan_dft_1d` → `fftw_plan_dft_1d`).
trait FftwNaming {
    fn fftw_double(self, base: &str) -> String;
    fn fftw_single(self, base: &str) -> String;
}

impl FftwNaming for SymbolSuffix {
    fn fftw_double(self, base: &str) -> String {
        format!("fftw_{base}")
    }
    fn fftw_single(self, base: &str) -> String {
        format!("fftwf_{base}")
    }
}

macro_rules! fftw_tables {
    ($(#[$m:meta])* $name:ident, $(#[$tm:meta])* $threads:ident, $naming:ident, $real:ty, $cplx:ty) => {
        symbol_table! {
            $(#[$m])*
            pub struct $name;
            naming = $naming;
            required {
                plan_dft_1d: fn(c_int, *mut $cplx, *mut $cplx, c_int, c_uint) -> FftwPlan;
                plan_dft_r2c_1d: fn(c_int, *mut $real, *mut $cplx, c_uint) -> FftwPlan;
                plan_dft_c2r_1d: fn(c_int, *mut $cplx, *mut $real, c_uint) -> FftwPlan;
                execute_dft: fn(FftwPlan, *mut $cplx, *mut $cplx);
                execute_dft_r2c: fn(FftwPlan, *mut $real, *mut $cplx);
                execute_dft_c2r: fn(FftwPlan, *mut $cplx, *mut $real);
                destroy_plan: fn(FftwPlan);
            }
            optional {
                cleanup: fn();
                plan_many_dft: fn(
                    c_int, *const c_int, c_int,
                    *mut $cplx, *const c_int, c_int, c_int,
                    *mut $cplx, *const c_int, c_int, c_int,
                    c_int, c_uint
                ) -> FftwPlan;
            }
        }

        symbol_table! {
            $(#[$tm])*
            pub struct $threads;
            naming = $naming;
            required {
                init_threads: fn() -> c_int;
                plan_with_nthreads: fn(c_int);
            }
            optional {
                planner_nthreads: fn() -> c_int;
                make_planner_thread_safe: fn();
            }
        }
    };
}

fftw_tables!(
    /// FFTW3's double-precision interface (`libfftw3.so.3`, or MKL's wrappers).
    FftwTable,
    /// FFTW3's double-precision thread setup (`libfftw3_threads.so.3`, or MKL).
    FftwThreadsTable,
    fftw_double,
    f64,
    c64
);
fftw_tables!(
    /// FFTW3's single-precision interface (`libfftw3f.so.3`, or MKL's wrappers).
    FftwfTable,
    /// FFTW3's single-precision thread setup (`libfftw3f_threads.so.3`, or MKL).
    FftwfThreadsTable,
    fftw_single,
    f32,
    c32
);
