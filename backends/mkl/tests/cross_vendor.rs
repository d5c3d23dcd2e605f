//! MKL loaded first, then OpenBLAS, Netlib and BLIS in the same process: MKL
//! puts `sdot_`, `dgemm_`... in the global scope (its dispatcher loads its
//! layers `RTLD_GLOBAL`); the other profiles open their libraries
//! `RTLD_DEEPBIND`, so their internal BLAS calls stay their own. One test in
//! this binary, so MKL really is the first vendor in the process.

use std::sync::Arc;

use linmux_cblas::profile;
use linmux_core::{Backend, Mat, Ops, VecRef, c32, c64};

fn required_or_skip(
    name: &str,
    r: linmux_core::Result<Arc<dyn Backend>>,
) -> Option<Arc<dyn Backend>> {
    match r {
        Ok(b) => Some(b),
        Err(e) if linmux_testkit::vendors::required(name) => panic!("required backend {name}: {e}"),
        Err(e) => {
            eprintln!("NOT TESTED: {name} is not available (not required): {e}");
            None
        }
    }
}

/// Netlib's `cblas_ddot` calls its own `ddot_`: the call the MKL hijack broke.
fn dot_check(b: &dyn Backend) {
    let x = [1.0f64, 2.0, 3.0];
    let y = [4.0f64, 5.0, 6.0];
    let d = Ops::<f64>::dot(b, VecRef::from_slice(&x), VecRef::from_slice(&y)).expect("dot");
    assert_eq!(d, 32.0, "{}: dot", b.info().name);
    let xs = [1.0f32, 2.0, 3.0];
    let ys = [4.0f32, 5.0, 6.0];
    let s = Ops::<f32>::dot(b, VecRef::from_slice(&xs), VecRef::from_slice(&ys)).expect("sdot");
    assert_eq!(s, 32.0, "{}: sdot", b.info().name);
    // Complex dots return through Fortran's complex-return convention, which
    // differs between gfortran (Netlib, OpenBLAS) and MKL's interface.
    let xc = [c32::new(1.0, 1.0), c32::new(2.0, -1.0)];
    let yc = [c32::new(3.0, 0.5), c32::new(-1.0, 2.0)];
    let want: c32 = xc.iter().zip(&yc).map(|(a, b)| a.conj() * b).sum();
    let got = Ops::<c32>::dotc(b, VecRef::from_slice(&xc), VecRef::from_slice(&yc)).expect("cdotc");
    assert_eq!(got, want, "{}: cdotc", b.info().name);
    let xz = [c64::new(1.0, 1.0), c64::new(2.0, -1.0)];
    let yz = [c64::new(3.0, 0.5), c64::new(-1.0, 2.0)];
    let want: c64 = xz.iter().zip(&yz).map(|(a, b)| a * b).sum();
    let got = Ops::<c64>::dot(b, VecRef::from_slice(&xz), VecRef::from_slice(&yz)).expect("zdotu");
    assert_eq!(got, want, "{}: zdotu", b.info().name);
}

#[test]
fn mkl_first_then_openblas_netlib_blis() {
    let faer: Arc<dyn Backend> = Arc::new(linmux_faer::FaerBackend::new());
    assert!(
        !profile::mapped("libmkl_rt"),
        "MKL must be the first vendor loaded"
    );
    let Some(mkl) = required_or_skip("mkl", linmux_mkl::load(Arc::clone(&faer))) else {
        return;
    };
    // MKL computes first, so its layers are in the global scope.
    linmux_testkit::vendors::self_check(&*mkl).unwrap_or_else(|e| panic!("{e}"));
    dot_check(&*mkl);

    let mut others: Vec<Arc<dyn Backend>> = Vec::new();
    others.extend(required_or_skip(
        "openblas",
        linmux_openblas::load(Arc::clone(&faer)),
    ));
    let netlib = required_or_skip("reference", linmux_reference::load(Arc::clone(&faer)));
    others.extend(netlib.clone());
    let provider = netlib.unwrap_or(Arc::clone(&faer));
    others.extend(required_or_skip("blis", linmux_blis::load(provider)));
    for b in &others {
        eprintln!(
            "after MKL: {} {:?} ({:?})",
            b.info().name,
            b.info().version,
            b.info().origin
        );
        linmux_testkit::vendors::self_check(&**b).unwrap_or_else(|e| panic!("{e}"));
        dot_check(&**b);
    }
    // Alternate: both MKL and OpenBLAS still right after each other's calls.
    for _ in 0..2 {
        linmux_testkit::vendors::self_check(&*mkl).unwrap_or_else(|e| panic!("{e}"));
        for b in &others {
            linmux_testkit::vendors::self_check(&**b).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    // A larger dgemm through MKL and OpenBLAS, compared with each other.
    if let Some(ob) = others.iter().find(|b| b.info().name == "openblas") {
        let n = 96;
        let a = Mat::<f64>::from_fn(n, n, |i, j| ((i * 31 + j * 17) % 23) as f64 / 23.0 - 0.5);
        let bm = Mat::<f64>::from_fn(n, n, |i, j| ((i * 7 + j * 29) % 19) as f64 / 19.0 - 0.5);
        let mut c1 = Mat::<f64>::zeros(n, n);
        let mut c2 = Mat::<f64>::zeros(n, n);
        use linmux_core::Trans::No;
        Ops::<f64>::gemm(
            &*mkl,
            No,
            No,
            1.0,
            a.as_ref(),
            bm.as_ref(),
            0.0,
            c1.as_mut(),
        )
        .expect("mkl dgemm");
        Ops::<f64>::gemm(
            &**ob,
            No,
            No,
            1.0,
            a.as_ref(),
            bm.as_ref(),
            0.0,
            c2.as_mut(),
        )
        .expect("openblas dgemm");
        let tol = 4.0 * n as f64 * f64::EPSILON * n as f64 * 0.25;
        for (x, y) in c1.as_slice().iter().zip(c2.as_slice()) {
            assert!((x - y).abs() <= tol, "{x} vs {y}");
        }
    }
}
