//! Hostile input, each reproduction of the hostile-input report as a test on
//! every required backend: non-finite input to LAPACK-backed operations is
//! `Error::NonFinite` (never a vendor's crash, hang, `xerbla` exit or
//! "rejected argument"), outputs are untouched on every error, and sizes that
//! cannot be allocated are `Error::OutOfMemory` (never a panic or an abort).

use linmux::linalg::{QrMode, SvdJob};
use linmux::{Engine, Error, Mat, MatRef, Trans, VecMut, VecRef, c64};
use linmux_conformance::required_engines;

fn non_finite(r: Result<(), Error>, arg: &str, what: &str, e: &Engine) {
    assert!(
        matches!(&r, Err(Error::NonFinite { arg: a, .. }) if *a == arg),
        "[{}] {what}: {r:?}",
        e.info().name
    );
}

fn out_of_memory(r: Result<(), Error>, what: &str, e: &Engine) {
    assert!(
        matches!(r, Err(Error::OutOfMemory { .. })),
        "[{}] {what}: {r:?}",
        e.info().name
    );
}

/// `eig` of this 3×3 c64 matrix crashed OpenBLAS (exit 134), MKL (SIGSEGV)
/// and exited the process with status 0 after Netlib's `xerbla`.
#[test]
fn eig_with_infinities_is_non_finite_everywhere() {
    let inf = f64::INFINITY;
    let data = [
        c64::new(inf, 0.57),
        c64::new(-inf, -0.61),
        c64::new(0.0045, -0.54),
        c64::new(0.46, inf),
        c64::new(-0.017, -0.63),
        c64::new(0.62, 0.77),
        c64::new(0.86, -0.17),
        c64::new(0.47, -0.31),
        c64::new(0.13, inf),
    ];
    let a = MatRef::from_col_major(&data, 3, 3).expect("3×3");
    for e in required_engines() {
        e.reset_provenance();
        non_finite(e.eig(a).map(drop), "a", "eig", &e);
        non_finite(e.eigvals(a).map(drop), "a", "eigvals", &e);
        // Nothing reached the backend.
        assert_eq!(e.provenance().entries, vec![], "[{}]", e.info().name);
    }
}

/// A 3×5 identity with `a[(0, 4)] = ∞`: `svd(.., Thin)` never returned on
/// OpenBLAS and Netlib.
#[test]
fn thin_svd_with_an_infinity_returns() {
    let mut a = Mat::<f64>::zeros(3, 5);
    for i in 0..3 {
        a[(i, i)] = 1.0;
    }
    a[(0, 4)] = f64::INFINITY;
    for e in required_engines() {
        non_finite(e.svd(a.as_ref(), SvdJob::Thin).map(drop), "a", "svd", &e);
        non_finite(e.pinv(a.as_ref(), None).map(drop), "a", "pinv", &e);
        let b = Mat::<f64>::identity(3);
        non_finite(
            e.lstsq(a.as_ref(), b.as_ref(), None).map(drop),
            "a",
            "lstsq",
            &e,
        );
    }
}

/// `gesdd` with NaN input returned "dgesdd rejected argument 4" and wrote
/// `s` before failing.
#[test]
fn gesdd_with_nan_is_non_finite_and_touches_nothing() {
    for e in required_engines() {
        let mut a = [f64::NAN, 1.0, 2.0, 3.0];
        let mut s = [9.0f64; 2];
        let am = linmux::MatMut::from_col_major(&mut a, 2, 2).expect("2×2");
        non_finite(
            e.gesdd(linmux::SvdJob::ValuesOnly, am, &mut s, None, None),
            "a",
            "gesdd",
            &e,
        );
        assert_eq!(s, [9.0, 9.0], "[{}] s touched", e.info().name);
        assert!(a[0].is_nan() && a[1..] == [1.0, 2.0, 3.0]);
    }
}

/// MKL's `gels` answered NaN with "rejected argument 5".
#[test]
fn gels_with_nan_is_non_finite_and_leaves_b() {
    for e in required_engines() {
        let mut a = Mat::<f64>::from_rows(&[[1.0, 2.0], [3.0, f64::NAN], [5.0, 6.0]]);
        let mut b = Mat::<f64>::from_rows(&[[1.0], [2.0], [3.0]]);
        non_finite(e.gels(Trans::No, a.as_mut(), b.as_mut()), "a", "gels a", &e);
        assert_eq!(b, Mat::from_rows(&[[1.0], [2.0], [3.0]]));
        let mut a = Mat::<f64>::from_rows(&[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]);
        b[(2, 0)] = f64::INFINITY;
        non_finite(e.gels(Trans::No, a.as_mut(), b.as_mut()), "b", "gels b", &e);
    }
}

/// A numerical failure leaves the separate outputs as they were: `ipiv` of
/// a singular `getrf`, `b` of a rank-deficient `gels`.
#[test]
fn outputs_untouched_after_numerical_failures() {
    for e in required_engines() {
        let name = &e.info().name;
        // A zero column: U(2, 2) is exactly zero on every backend.
        let mut a = Mat::<f64>::from_rows(&[[1.0, 0.0, 2.0], [3.0, 0.0, 4.0], [5.0, 0.0, 6.0]]);
        let mut ipiv = [77usize; 3];
        let r = e.getrf(a.as_mut(), &mut ipiv);
        assert!(matches!(r, Err(Error::Singular { .. })), "[{name}] {r:?}");
        assert_eq!(ipiv, [77; 3], "[{name}] ipiv touched");

        let mut a = Mat::<f64>::from_rows(&[[1.0, 0.0], [2.0, 0.0], [3.0, 0.0]]);
        let mut b = Mat::<f64>::from_rows(&[[1.0], [2.0], [3.0]]);
        let r = e.gels(Trans::No, a.as_mut(), b.as_mut());
        assert!(matches!(r, Err(Error::Singular { .. })), "[{name}] {r:?}");
        assert_eq!(b, Mat::from_rows(&[[1.0], [2.0], [3.0]]), "[{name}] b");
    }
}

/// BLAS operations propagate NaN and ∞ (reference BLAS semantics), on every
/// backend.
#[test]
fn blas_propagates_non_finite_values() {
    for e in required_engines() {
        let a = Mat::<f64>::from_rows(&[[1.0, 2.0], [3.0, 4.0]]);
        let x = [f64::NAN, 1.0];
        let mut y = [0.0f64; 2];
        e.gemv(
            Trans::No,
            1.0,
            a.as_ref(),
            VecRef::from_slice(&x),
            0.0,
            VecMut::from_slice(&mut y),
        )
        .expect("gemv");
        assert!(y.iter().all(|v| v.is_nan()), "[{}] {y:?}", e.info().name);
        let x = [f64::INFINITY, 1.0];
        let d = e
            .dot(VecRef::from_slice(&x), VecRef::from_slice(&[1.0, 1.0]))
            .expect("dot");
        assert_eq!(d, f64::INFINITY, "[{}]", e.info().name);
    }
}

/// Owned results of empty inputs whose size cannot be allocated: these
/// panicked with `capacity overflow` (2³¹ + 1 rows) or aborted the process
/// (an 8 TiB product of a 2²⁰×0 and a 0×2²⁰ matrix).
#[test]
fn unallocatable_results_are_errors() {
    for e in required_engines() {
        // Just past LP64's range, and near 2⁶³ (the largest stride a view
        // can have).
        for rows in [(1usize << 31) + 1, 1 << 62] {
            let a = MatRef::<f64>::from_col_major(&[], rows, 0).expect("empty");
            out_of_memory(e.matmul(a, a.transpose()).map(drop), "matmul", &e);
            out_of_memory(e.svd(a, SvdJob::Full).map(drop), "svd", &e);
            out_of_memory(e.qr(a, QrMode::Complete).map(drop), "qr", &e);
        }
        let a = MatRef::<f64>::from_col_major(&[], 1 << 20, 0).expect("empty");
        let b = MatRef::<f64>::from_col_major(&[], 0, 1 << 20).expect("empty");
        out_of_memory(e.matmul(a, b).map(drop), "8 TiB matmul", &e);
        // m·n overflows usize itself.
        let a = MatRef::<f64>::from_col_major(&[], 1 << 33, 0).expect("empty");
        let b = MatRef::<f64>::from_col_major(&[], 0, 1 << 33).expect("empty");
        out_of_memory(e.matmul(a, b).map(drop), "2⁶⁶-element matmul", &e);
    }
}

/// OpenBLAS 0.3.21's threaded `getrf` keeps about 2 MiB (`dgetrf`) to
/// 4.2 MiB (`zgetrf`) of job arrays on the caller's stack, and crashed with
/// SIGSEGV from n ≈ 100 on a thread with Rust's default 2 MiB stack. Every
/// vendor LAPACK call now gets enough stack on any thread: here a 256 KiB
/// thread factors and inverts n = 160 on every backend.
#[test]
fn lapack_runs_on_a_small_thread_stack() {
    fn run<T: linmux::Scalar>(e: &Engine) {
        let n = 160;
        let a = Mat::<T>::from_fn(n, n, |i, j| {
            let v = ((i * 7 + j * 13) % 17) as f64 / 17.0 - 0.5;
            let v = if i == j { v + n as f64 } else { v };
            T::from_real(<T::Real as linmux::RealScalar>::from_f64(v))
        });
        let mut lu = a.clone();
        let mut ipiv = vec![0usize; n];
        e.getrf(lu.as_mut(), &mut ipiv).expect("getrf");
        linmux_testkit::check::getrf(a.as_ref(), lu.as_ref(), &ipiv)
            .unwrap_or_else(|m| panic!("[{}] getrf: {m}", e.info().name));
        let inv = e.inv(a.as_ref()).expect("inv");
        linmux_testkit::check::getri(a.as_ref(), inv.as_ref())
            .unwrap_or_else(|m| panic!("[{}] inv: {m}", e.info().name));
        let mut c = a.clone();
        e.potrf(linmux::Uplo::Lower, c.as_mut()).expect("potrf");
    }
    for e in required_engines() {
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || {
                run::<f64>(&e);
                run::<c64>(&e);
            })
            .expect("spawn")
            .join()
            .expect("a LAPACK call on a 256 KiB thread");
    }
}
