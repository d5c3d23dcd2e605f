//! CblasBackend over fixture libraries (no vendor needed): arguments that do
//! not fit an LP64 integer are rejected before any library call, the generic
//! thread control drives a spy, and BackendInfo records what probing found.

use std::path::Path;

use std::sync::Arc;

use linmux_cblas::loaded_info;
use linmux_core::{Backend, Error, IntWidth, MatMut, MatRef, Ops, Trans, VecRef};
use linmux_loader::LoadSpec;
use linmux_loader::fixtures::{Fixture, THREAD_SPY_C};

fn fixture(f: &Fixture) -> Arc<dyn Backend> {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("linmux-cblas-fixtures");
    let lib = f.build(&dir).unwrap_or_else(|e| panic!("{e}"));
    // SAFETY: the fixture's probe routines behave as BLAS's; its stubs are
    // never called by these tests.
    unsafe {
        linmux_cblas::load(
            &LoadSpec::new([lib]),
            loaded_info("fixture", "fixture"),
            None,
        )
    }
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn info_records_the_probe() {
    let mut f = Fixture::new("cb_ilp64");
    f.int64 = true;
    let b = fixture(&f);
    assert_eq!(b.info().int_width, IntWidth::Ilp64);
    assert_eq!(b.info().symbol_suffix.as_deref(), Some(""));
    assert_eq!(b.info().lapack_provider, None);
}

#[test]
fn dimensions_beyond_lp64_are_rejected_before_any_call() {
    // The stubs would "succeed" silently if called: an error proves the
    // call never happened, and with a real vendor a truncated n would have
    // been an out-of-bounds access.
    let b = fixture(&Fixture::new("cb_overflow"));
    let one = [1.0f64];
    let huge = 3_000_000_000usize;
    // SAFETY: stride 0: every element is `one[0]`.
    let x = unsafe { VecRef::from_raw_parts(one.as_ptr(), huge, 0) };
    assert!(matches!(
        Ops::<f64>::dot(&*b, x, x),
        Err(Error::InvalidArgument { arg: "n", .. })
    ));
    assert!(matches!(
        Ops::<f64>::nrm2(&*b, x),
        Err(Error::InvalidArgument { arg: "n", .. })
    ));
    let a = MatRef::from_slice_with_strides(&one, huge, 1, 0, 0).expect("broadcast view");
    let xv = VecRef::from_slice(&one);
    let mut yv = vec![0.0f64; 1];
    let r = Ops::<f64>::gemv(
        &*b,
        Trans::Trans,
        1.0,
        a,
        x,
        0.0,
        linmux_core::VecMut::from_slice(&mut yv),
    );
    assert!(
        matches!(r, Err(Error::InvalidArgument { arg: "m", .. })),
        "{r:?}"
    );
    let mut c = vec![0.0f64; 1];
    let r = Ops::<f64>::gemm(
        &*b,
        Trans::Trans,
        Trans::No,
        1.0,
        a,
        a,
        0.0,
        MatMut::from_col_major(&mut c, 1, 1).expect("c"),
    );
    assert!(
        matches!(r, Err(Error::InvalidArgument { arg: "k", .. })),
        "{r:?}"
    );
    let _ = xv;
    // The process is still here.
}

#[test]
fn pivots_beyond_lp64_are_rejected() {
    let b = fixture(&Fixture::new("cb_pivots"));
    let lu = [1.0f64];
    let mut rhs = [1.0f64];
    let r = Ops::<f64>::getrs(
        &*b,
        Trans::No,
        MatRef::from_col_major(&lu, 1, 1).expect("lu"),
        &[usize::MAX],
        MatMut::from_col_major(&mut rhs, 1, 1).expect("b"),
    );
    assert!(
        matches!(r, Err(Error::InvalidArgument { arg: "ipiv", .. })),
        "{r:?}"
    );
}

#[test]
fn generic_thread_control_drives_the_spy() {
    let mut f = Fixture::new("cb_spy");
    f.extra_c = THREAD_SPY_C.into();
    let b = fixture(&f);
    let t = b.threads();
    assert_eq!(t.get(), 1);
    t.set(3).expect("set");
    assert_eq!(t.get(), 3);
    assert!(matches!(t.set(0), Err(Error::InvalidArgument { .. })));
    assert_eq!(t.get(), 3, "a rejected count does not reach the library");
    assert!(matches!(
        t.capability(),
        linmux_core::ThreadCapability::Exact { .. }
    ));
}

#[test]
fn library_without_setters_reports_no_capability() {
    let b = fixture(&Fixture::new("cb_nosetter"));
    assert_eq!(
        b.threads().capability(),
        linmux_core::ThreadCapability::None
    );
    assert_eq!(b.threads().get(), 1);
    assert!(b.threads().set(2).is_err());
}
