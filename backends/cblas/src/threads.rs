//! A default thread control over whatever setters the library exports.

use core::ffi::c_int;

use linmux_core::{Error, Result, ThreadCapability, ThreadControl, ThreadScope};
use linmux_loader::VendorExtras;

/// Thread control through the first setter/getter pair a library exports:
/// `openblas_set_num_threads`, `MKL_Set_Num_Threads`, or
/// `bli_thread_set_num_threads`. Without any, the count cannot be changed and
/// reads as 1. Vendor profiles replace this with their own where they know
/// better (MKL domains, thread-local limits).
#[derive(Clone, Debug)]
pub struct GenericThreadControl {
    extras: VendorExtras,
}

impl GenericThreadControl {
    /// Over the extras of a loaded library (the table keeps it loaded).
    pub fn new(extras: &VendorExtras) -> Self {
        Self {
            extras: extras.clone(),
        }
    }

    /// Which setter family is in use: `"openblas"`, `"mkl"`, `"blis"` or `"none"`.
    pub fn setter(&self) -> &'static str {
        let x = &self.extras;
        if x.openblas_set_num_threads.is_some() {
            "openblas"
        } else if x.MKL_Set_Num_Threads.is_some() {
            "mkl"
        } else if x.bli_thread_set_num_threads.is_some() {
            "blis"
        } else {
            "none"
        }
    }
}

impl ThreadControl for GenericThreadControl {
    fn capability(&self) -> ThreadCapability {
        if self.setter() == "none" {
            ThreadCapability::None
        } else {
            ThreadCapability::Exact { max: None }
        }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn get(&self) -> usize {
        let x = &self.extras;
        // SAFETY: the getters take no arguments and return an int; the table
        // keeps the library loaded.
        let n: i64 = unsafe {
            if let (Some(_), Some(g)) = (x.openblas_set_num_threads, x.openblas_get_num_threads) {
                i64::from(g())
            } else if let (Some(_), Some(g)) = (x.MKL_Set_Num_Threads, x.MKL_Get_Max_Threads) {
                i64::from(g())
            } else if let (Some(_), Some(g)) =
                (x.bli_thread_set_num_threads, x.bli_thread_get_num_threads)
            {
                g()
            } else {
                1
            }
        };
        usize::try_from(n).unwrap_or(1).max(1)
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        let c = c_int::try_from(n).unwrap_or(c_int::MAX);
        let x = &self.extras;
        // SAFETY: the setters take one integer count; the table keeps the
        // library loaded.
        unsafe {
            if let Some(s) = x.openblas_set_num_threads {
                s(c);
            } else if let Some(s) = x.MKL_Set_Num_Threads {
                s(c);
            } else if let Some(s) = x.bli_thread_set_num_threads {
                s(i64::from(c));
            } else {
                return Err(Error::Unsupported {
                    op: "set_num_threads",
                    backend: String::from("library without a thread setter"),
                });
            }
        }
        Ok(())
    }
}
