//! The MKL profile against the PyPI wheel `scripts/install-backends.sh` puts
//! in `<repo>/.vendor/mkl`. `LINMUX_REQUIRE_BACKENDS` containing `mkl` turns
//! a load failure into a test failure; otherwise it is reported on stderr.

use std::sync::Arc;

use linmux_core::{Backend, IntWidth, Origin, ThreadCapability, ThreadScope};
use linmux_loader::{LoadSpec, LoadedVendor};
use linmux_mkl::{Layer, MklError};

fn mkl() -> Option<Arc<dyn Backend>> {
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    match linmux_mkl::load(faer) {
        Ok(b) => Some(b),
        Err(e) if linmux_testkit::vendors::required(linmux_mkl::DESCRIPTOR.name) => {
            panic!("required backend mkl: {e}")
        }
        Err(e) => {
            eprintln!("NOT TESTED: mkl is not available (not required): {e}");
            None
        }
    }
}

/// The same MKL instance through a second handle, for calling it directly.
fn reopen(b: &dyn Backend) -> LoadedVendor {
    let Origin::Loaded(paths) = &b.info().origin else {
        panic!("{:?}", b.info().origin)
    };
    // SAFETY: the MKL runtime the profile loaded.
    unsafe { linmux_loader::load(&LoadSpec::new([&paths[0]]).preload_global(["libm.so.6"])) }
        .expect("reopen")
}

#[test]
fn loads_describes_itself_and_threads() {
    let Some(b) = mkl() else { return };
    let info = b.info();
    eprintln!("mkl: {info:?}");
    assert_eq!(info.vendor, "Intel MKL");
    assert!(
        info.version.as_deref().is_some_and(|v| v.starts_with("20")),
        "{:?}",
        info.version
    );
    assert!(
        info.config
            .as_deref()
            .is_some_and(|c| c.contains("Math Kernel Library"))
    );
    assert_eq!(info.int_width, IntWidth::Lp64);
    // The layer reported is the one mapped into the process.
    let layer = Layer::from_maps();
    assert_ne!(layer, Layer::Unknown);
    assert_eq!(info.threading, layer.as_str());
    // And MKL agrees (an invalid code returns the layer in use).
    let v = reopen(&*b);
    let set_layer = v
        .extras()
        .MKL_Set_Threading_Layer
        .expect("MKL_Set_Threading_Layer");
    // SAFETY: `int MKL_Set_Threading_Layer(int)`; -1 changes nothing.
    assert_eq!(Layer::from_code(unsafe { set_layer(-1) }), layer);
    linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{e}"));

    // Threads: set both domains, read back through MKL's own getter.
    let t = b.threads();
    assert_eq!(t.capability(), ThreadCapability::Exact { max: None });
    assert_eq!(t.scope(), ThreadScope::Process);
    assert_eq!(t.local_scope(), ThreadScope::CallingThread);
    let dget = v.extras().MKL_Domain_Get_Max_Threads.expect("getter");
    // SAFETY: `int MKL_Domain_Get_Max_Threads(int domain)`.
    let domain = |d| unsafe { dget(d) };
    for n in [1usize, 2, 1] {
        t.set(n).expect("set");
        assert_eq!(t.get(), n);
        let n = i32::try_from(n).unwrap();
        assert_eq!((domain(1), domain(5)), (n, n), "BLAS and LAPACK domains");
        // Process scope: another thread sees it.
        let seen = std::thread::scope(|s| s.spawn(|| domain(1)).join().unwrap());
        assert_eq!(seen, n);
    }
    assert!(t.set(0).is_err());

    // Thread-local limit: only the calling thread sees it; None restores.
    t.set(1).expect("set");
    t.set_thread_local(Some(2)).expect("local");
    assert_eq!(t.get(), 2);
    let other = std::thread::scope(|s| s.spawn(|| domain(1)).join().unwrap());
    assert_eq!(other, 1, "the limit is thread-local");
    linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{e}"));
    t.set_thread_local(None).expect("clear");
    assert_eq!(t.get(), 1);
    assert!(t.set_thread_local(Some(0)).is_err());
}

#[test]
fn xerbla_is_recorded_and_the_process_survives() {
    let Some(b) = mkl() else { return };
    let LoadedVendor::Lp64(v) = reopen(&*b) else {
        panic!("LP64 expected")
    };
    let lapack = v.lapack.as_ref().expect("MKL has LAPACK");
    let (n, lda) = (2i32, 2i32);
    let mut a = [4.0f64, 1.0, 1.0, 3.0];
    let mut info = 0i32;
    let uplo = core::ffi::c_char::try_from(b'X').expect("ASCII");
    assert_eq!(linmux_mkl::take_last_error(), None);
    // SAFETY: valid pointers and sizes; only `uplo` is invalid, which is
    // what reaches MKL's xerbla.
    unsafe { (lapack.dpotrf)(&uplo, &n, a.as_mut_ptr(), &lda, &mut info, 1) };
    assert_eq!(info, -1);
    match linmux_mkl::take_last_error() {
        Some(MklError::InvalidArgument { routine, arg }) => {
            assert!(routine.to_ascii_uppercase().contains("POTRF"), "{routine}");
            assert_eq!(arg, 1);
        }
        other => panic!("xerbla not recorded: {other:?}"),
    }
    assert_eq!(linmux_mkl::take_last_error(), None, "taken once");
    assert_eq!(a, [4.0, 1.0, 1.0, 3.0], "nothing computed");
}

/// A call MKL rejects through the backend: the LAPACK `info` is an error,
/// and the after-call check consumes the xerbla report (nothing is left
/// over for the next call).
#[test]
fn backend_call_mkl_rejects_is_an_error_and_consumes_the_report() {
    use linmux_core::{Error, Mat, Ops, Trans, c64};
    let Some(b) = mkl() else { return };
    // zgels takes 'N' or 'C' only: `Trans` on a complex type reaches MKL as
    // 'T'. The checked surface never sends it, so the trusting method is
    // called with it on purpose, to make MKL's xerbla report.
    let mut a = Mat::<c64>::identity(3);
    let mut rhs = Mat::<c64>::zeros(3, 1);
    // SAFETY: shapes agree and nothing overlaps; the flag is one MKL checks
    // itself (it rejects it through xerbla and reads nothing).
    let r = unsafe { Ops::<c64>::gels_unchecked(&*b, Trans::Trans, a.as_mut(), rhs.as_mut()) };
    assert!(
        matches!(&r, Err(Error::Backend { backend, routine: "gels", .. }) if backend == "mkl"),
        "{r:?}"
    );
    assert_eq!(
        linmux_mkl::take_last_error(),
        None,
        "consumed by the backend"
    );
    let x = [1.0f64, 2.0];
    let v = linmux_core::VecRef::from_slice(&x);
    assert_eq!(Ops::<f64>::dot(&*b, v, v), Ok(5.0));
}

/// The flag plumbing: a report MKL made on this thread (here by a direct
/// call outside the backend, left untaken) is returned by the next backend
/// call as `Error::Backend { backend: "mkl", .. }`, once.
#[test]
fn recorded_mkl_error_surfaces_through_the_backend() {
    use linmux_core::{Error, Ops, VecRef};
    let Some(b) = mkl() else { return };
    let LoadedVendor::Lp64(v) = reopen(&*b) else {
        panic!("LP64 expected")
    };
    let lapack = v.lapack.as_ref().expect("MKL has LAPACK");
    let (n, lda) = (2i32, 2i32);
    let mut a = [4.0f64, 1.0, 1.0, 3.0];
    let mut info = 0i32;
    let uplo = core::ffi::c_char::try_from(b'X').expect("ASCII");
    // SAFETY: valid pointers and sizes; only `uplo` is invalid.
    unsafe { (lapack.dpotrf)(&uplo, &n, a.as_mut_ptr(), &lda, &mut info, 1) };
    assert_eq!(info, -1);
    let x = [1.0f64, 2.0];
    let xv = VecRef::from_slice(&x);
    match Ops::<f64>::dot(&*b, xv, xv) {
        Err(Error::Backend {
            backend,
            routine,
            detail,
        }) => {
            assert_eq!((backend.as_str(), routine), ("mkl", "dot"));
            assert!(detail.to_ascii_uppercase().contains("POTRF"), "{detail}");
        }
        other => panic!("the recorded xerbla was not surfaced: {other:?}"),
    }
    assert_eq!(Ops::<f64>::dot(&*b, xv, xv), Ok(5.0), "reported once");
}
