//! The control for `cross_vendor`: with MKL first, Netlib opened *without*
//! `RTLD_DEEPBIND` has its internal BLAS calls served by MKL's global
//! symbols. Measured with oneMKL 2026.2: `cblas_cdotc_sub` then crashes the
//! process (SIGSEGV; Netlib's `cdotcsub_` calls MKL's `cdotc_`, whose complex
//! return convention differs). The hazard runs in a child process (this
//! binary re-run on the ignored test), so the suite survives it.

use std::process::Command;
use std::sync::Arc;

use linmux_cblas::loaded_info;
use linmux_core::{Backend, Ops, VecRef, c32};
use linmux_loader::{LapackSource, LoadSpec};

#[test]
fn netlib_without_deep_bind_after_mkl_goes_wrong() {
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    if linmux_mkl::load(faer).is_err()
        || !std::path::Path::new("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3").exists()
    {
        return eprintln!("NOT TESTED: needs MKL and Debian's Netlib");
    }
    let exe = std::env::current_exe().expect("test binary");
    let out = Command::new(exe)
        .args([
            "--exact",
            "child_netlib_without_deep_bind",
            "--ignored",
            "--nocapture",
        ])
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprintln!("child: {:?}\n{stdout}", out.status);
    let clean_and_right = out.status.success() && stdout.contains("CDOTC-RIGHT");
    assert!(
        !clean_and_right,
        "the MKL symbol hijack no longer reproduces: cross_vendor no longer tests RTLD_DEEPBIND"
    );
}

#[test]
#[ignore = "run by netlib_without_deep_bind_after_mkl_goes_wrong in a child process"]
fn child_netlib_without_deep_bind() {
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    let mkl = linmux_mkl::load(faer).expect("mkl");
    linmux_testkit::vendors::self_check(&*mkl).expect("mkl computes");
    let spec = LoadSpec::new(["/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"])
        .lapack(LapackSource::Separate(vec![
            "/usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3".into(),
        ]))
        .deep_bind(false);
    // SAFETY: Netlib BLAS/LAPACK.
    let netlib = unsafe { linmux_cblas::load(&spec, loaded_info("netlib-plain", "Netlib"), None) }
        .expect("netlib");
    let xc = [c32::new(1.0, 1.0), c32::new(2.0, -1.0)];
    let yc = [c32::new(3.0, 0.5), c32::new(-1.0, 2.0)];
    let want: c32 = xc.iter().zip(&yc).map(|(a, b)| a.conj() * b).sum();
    let got = Ops::<c32>::dotc(&*netlib, VecRef::from_slice(&xc), VecRef::from_slice(&yc))
        .expect("cdotc");
    println!(
        "{} {got} (correct: {want})",
        if got == want {
            "CDOTC-RIGHT"
        } else {
            "CDOTC-WRONG"
        }
    );
}
