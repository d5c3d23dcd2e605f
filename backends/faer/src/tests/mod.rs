//! The faer backend's tests: the shared conformance suite
//! (`linmux_testkit::conformance`: every operation, the four scalar types,
//! every layout, against the testkit's references) on a two-thread backend,
//! plus what is particular to faer — the triangle-output reproduction, the
//! thread policy, banded cost, non-finite input and singular banded solves.

use linmux_core::Backend;
use linmux_testkit::conformance::{self, Family};

use crate::FaerBackend;

mod pivots;
mod scaling;
mod special;
mod threads;
mod triangle;

/// Runs a generic check for each of the four scalar types.
macro_rules! for_all_types {
    ($($name:ident => $check:ident),* $(,)?) => {
        $(
            mod $name {
                #[test]
                fn f32() {
                    super::$check::<f32>();
                }
                #[test]
                fn f64() {
                    super::$check::<f64>();
                }
                #[test]
                fn c32() {
                    super::$check::<linmux_core::c32>();
                }
                #[test]
                fn c64() {
                    super::$check::<linmux_core::c64>();
                }
            }
        )*
    };
}
pub(crate) use for_all_types;

/// A size large enough for the parallel path (2·260³ flops > the threshold).
pub(super) const LARGE: usize = 260;

/// The backend under test: two threads, so large problems go parallel.
pub(super) fn backend() -> FaerBackend {
    FaerBackend::with_threads(2)
}

fn conformance(family: Family) {
    conformance::assert(&backend() as &dyn Backend, family);
}

linmux_testkit::conformance_tests!(conformance);
