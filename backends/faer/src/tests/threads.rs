//! Backend description, thread control and the per-call parallelism choice.

use faer::Par;
use linmux_core::{Backend, IntWidth, Origin, ThreadCapability, ThreadScope};

use crate::elem::{Ctx, PAR_MIN_FLOPS};
use crate::{FAER_VERSION, FaerBackend};

#[test]
fn info() {
    let be = FaerBackend::new();
    let info = be.info();
    assert_eq!(info.name, "faer");
    assert_eq!(info.vendor, "faer");
    assert_eq!(info.version.as_deref(), Some(FAER_VERSION));
    assert_eq!(info.int_width, IntWidth::Native);
    assert_eq!(info.threading, "rayon");
    assert_eq!(info.origin, Origin::Embedded);
    assert_eq!(info.lapack_provider, None);
}

#[test]
fn thread_control() {
    let be = FaerBackend::with_threads(3);
    let t = be.threads();
    assert_eq!(t.capability(), ThreadCapability::Exact { max: None });
    assert_eq!(t.scope(), ThreadScope::Process);
    assert_eq!(t.local_scope(), ThreadScope::CallingThread);
    assert_eq!(t.get(), 3);
    assert!(t.set(0).is_err());
    assert_eq!(t.get(), 3);
    t.set(5).unwrap();
    assert_eq!(t.get(), 5);

    // A thread-local limit applies to the calling thread only, and to this
    // backend instance only.
    let other = FaerBackend::with_threads(4);
    t.set_thread_local(Some(1)).unwrap();
    assert_eq!(t.get(), 1);
    assert_eq!(other.threads().get(), 4);
    std::thread::scope(|s| {
        s.spawn(|| assert_eq!(be.threads().get(), 5));
    });
    assert!(t.set_thread_local(Some(0)).is_err());
    t.set_thread_local(Some(2)).unwrap();
    assert_eq!(t.get(), 2);
    t.set_thread_local(None).unwrap();
    assert_eq!(t.get(), 5);

    let default = FaerBackend::default();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(default.threads().get(), cores);
    assert_eq!(FaerBackend::with_threads(0).threads().get(), 1);
}

#[test]
fn parallelism_choice() {
    let small = Ctx::mnk(64, 64, 64);
    let large = Ctx::mnk(256, 256, 256);
    assert!(small < PAR_MIN_FLOPS && large >= PAR_MIN_FLOPS);
    assert_eq!(Ctx { threads: 4 }.par(small), Par::Seq);
    assert_eq!(Ctx { threads: 4 }.par(large), Par::rayon(4));
    assert_eq!(Ctx { threads: 1 }.par(large), Par::Seq);
    // The test size LARGE crosses the threshold, so the parallel path runs.
    let n = super::LARGE;
    assert!(Ctx::mnk(n, n, n) >= PAR_MIN_FLOPS);
}

#[test]
fn send_sync_debug() {
    fn check<B: Send + Sync + core::fmt::Debug>(_: &B) {}
    let be = FaerBackend::new();
    check(&be);
    assert!(format!("{be:?}").contains("faer"));
}
