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

/// Per-call overhead of the backend over a direct faer call (run with
/// `--ignored --nocapture`; timing, not a correctness check).
#[test]
#[ignore = "timing report, not a check"]
fn overhead_report() {
    use linmux_core::{MatMut, MatRef, Ops, Trans};
    use std::time::Instant;
    let be = FaerBackend::with_threads(2);
    for n in [4usize, 64, 256] {
        let a = vec![1.0f64; n * n];
        let b = vec![0.5f64; n * n];
        let mut c = vec![0.0f64; n * n];
        let reps = (40_000_000 / (n * n * n)).clamp(20, 500_000);
        let mut time = |name: &str, f: &mut dyn FnMut(&mut [f64])| {
            for _ in 0..reps / 10 + 1 {
                f(&mut c);
            }
            let t = Instant::now();
            for _ in 0..reps {
                f(&mut c);
            }
            let ns = t.elapsed().as_secs_f64() / reps as f64 * 1e9;
            println!("dgemm n={n} {name}: {ns:.1} ns");
        };
        // Views are built once: linmux-core's non-generic constructors are
        // not optimized in the dev profile (only dependencies are).
        let (av, bv) = (
            MatRef::from_col_major(&a, n, n).unwrap(),
            MatRef::from_col_major(&b, n, n).unwrap(),
        );
        let mut c2 = vec![0.0f64; n * n];
        let mut cv = MatMut::from_col_major(&mut c2, n, n).unwrap();
        time("backend", &mut |_| {
            Ops::<f64>::gemm(&be, Trans::No, Trans::No, 1.0, av, bv, 0.0, cv.rb_mut()).unwrap();
        });
        let fa = faer::MatRef::from_column_major_slice(&a, n, n);
        let fb = faer::MatRef::from_column_major_slice(&b, n, n);
        time("faer matmul_with_conj Seq", &mut |c| {
            let fc = faer::MatMut::from_column_major_slice_mut(c, n, n);
            faer::linalg::matmul::matmul_with_conj(
                fc,
                faer::Accum::Replace,
                fa,
                faer::Conj::No,
                fb,
                faer::Conj::No,
                1.0,
                Par::Seq,
            );
        });
        time("faer matmul Seq", &mut |c| {
            let fc = faer::MatMut::from_column_major_slice_mut(c, n, n);
            faer::linalg::matmul::matmul(fc, faer::Accum::Replace, fa, fb, 1.0, Par::Seq);
        });
        time("faer matmul rayon(2)", &mut |c| {
            let fc = faer::MatMut::from_column_major_slice_mut(c, n, n);
            faer::linalg::matmul::matmul(fc, faer::Accum::Replace, fa, fb, 1.0, Par::rayon(2));
        });
    }
}
