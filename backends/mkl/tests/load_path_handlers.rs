//! `linmux_cblas::load_path` on an MKL runtime installs the MKL profile's
//! handlers and after-call check: its own process, so that nothing else has
//! installed them first.

use std::path::PathBuf;
use std::sync::Arc;

use linmux_core::{Backend, Error, Ops, Origin, VecRef};
use linmux_loader::{LoadSpec, LoadedVendor};
use linmux_mkl::MklError;

#[test]
fn load_path_on_mkl_installs_the_handlers() {
    let lib = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.vendor/mkl/lib");
    let Some(path) = ["libmkl_rt.so.3", "libmkl_rt.so.2"]
        .iter()
        .map(|f| lib.join(f))
        .find(|p| p.is_file())
    else {
        assert!(
            !linmux_testkit::vendors::required("mkl"),
            "mkl required but not in {}",
            lib.display()
        );
        eprintln!("NOT TESTED: no MKL runtime in {}", lib.display());
        return;
    };
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let b =
        linmux_cblas::load_path(&path, faer, &[&linmux_mkl::DESCRIPTOR]).expect("load_path on MKL");
    assert_eq!(b.info().vendor, "Intel MKL");
    let Origin::Loaded(paths) = &b.info().origin else {
        panic!("{:?}", b.info().origin)
    };
    // SAFETY: the MKL runtime just loaded.
    let vendor =
        unsafe { linmux_loader::load(&LoadSpec::new([&paths[0]]).preload_global(["libm.so.6"])) }
            .expect("reopen");
    let LoadedVendor::Lp64(v) = vendor else {
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
    // Recorded by linmux's xerbla (not MKL's, which prints): the handler is in.
    let x = [3.0f64];
    let xv = VecRef::from_slice(&x);
    match Ops::<f64>::dot(&*b, xv, xv) {
        Err(Error::Backend { detail, .. }) => {
            assert!(detail.to_ascii_uppercase().contains("POTRF"), "{detail}");
        }
        other => panic!("xerbla report not surfaced: {other:?}"),
    }
    // SAFETY: as above.
    unsafe { (lapack.dpotrf)(&uplo, &n, a.as_mut_ptr(), &lda, &mut info, 1) };
    assert!(matches!(
        linmux_mkl::take_last_error(),
        Some(MklError::InvalidArgument { arg: 1, .. })
    ));
    assert_eq!(Ops::<f64>::dot(&*b, xv, xv), Ok(9.0));
}
