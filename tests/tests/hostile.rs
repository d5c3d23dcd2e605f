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

/// Every LAPACK-backed operation, every input it reads, NaN, +∞ and −∞ at
/// a random place of the part it reads, all four types, every backend:
/// `Error::NonFinite` naming the argument, and every argument bitwise as it
/// was (docs/contract.md, "NaN and infinity").
#[test]
fn lapack_non_finite_inputs_are_refused_on_every_operation() {
    use linmux::{EigJob, Scalar, SvdJob, Uplo, c32};
    use linmux_testkit::{Rng, data};

    type Op<'a, T> = &'a dyn Fn(&Engine, &mut [Mat<T>]) -> Result<(), Error>;

    /// Runs `op` on copies of `inputs` with element `(i, j)` of input
    /// `which` set to `v`, and checks the error and that nothing changed.
    #[allow(clippy::too_many_arguments, reason = "one case")]
    fn case<T: Scalar>(
        e: &Engine,
        what: &str,
        names: &[&str],
        inputs: &[Mat<T>],
        which: usize,
        (i, j): (usize, usize),
        v: f64,
        op: Op<'_, T>,
    ) {
        let mut given: Vec<Mat<T>> = inputs.to_vec();
        given[which][(i, j)] = T::from_c64(c64::new(v, 0.0));
        let mut work = given.clone();
        let r = op(e, &mut work);
        let tag = format!(
            "[{} {}] {what} with {v} in {} at ({i}, {j})",
            e.info().name,
            T::KIND.name(),
            names[which]
        );
        assert!(
            matches!(&r, Err(Error::NonFinite { arg, .. }) if *arg == names[which]),
            "{tag}: {r:?}"
        );
        for (k, (w, g)) in work.iter().zip(&given).enumerate() {
            let same = w
                .as_slice()
                .iter()
                .zip(g.as_slice())
                .all(|(x, y)| linmux_testkit::layout::same_bits(*x, *y));
            assert!(same, "{tag}: {} changed", names[k]);
        }
    }

    fn run<T: Scalar>(e: &Engine, rng: &mut Rng) {
        let n = 6;
        let sq = || data::random_well_conditioned::<T>(&mut Rng::new(5), n, n);
        let hpd = data::random_hpd::<T>(&mut Rng::new(6), n);
        let b = data::random_mat::<T>(&mut Rng::new(7), n, 2);
        let zero = T::from_c64(c64::new(0.0, 0.0));
        // A factored matrix for the solves: its LU (or Cholesky) as the
        // backend would leave it.
        let mut lu = sq();
        let mut ipiv = vec![0usize; n];
        e.getrf(lu.as_mut(), &mut ipiv).expect("getrf");
        let mut chol = hpd.clone();
        e.potrf(Uplo::Lower, chol.as_mut()).expect("potrf");
        let lower = |rng: &mut Rng| {
            let i = rng.below(n);
            (i, rng.below(i + 1))
        };
        let any = |rng: &mut Rng, m: &Mat<T>| (rng.below(m.nrows()), rng.below(m.ncols()));
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let p = any(rng, &sq());
            case(e, "getrf", &["a"], &[sq()], 0, p, v, &|e, m| {
                let mut ipiv = vec![0; n];
                e.getrf(m[0].as_mut(), &mut ipiv)
            });
            let ipiv2 = ipiv.clone();
            let getrs = move |e: &Engine, m: &mut [Mat<T>]| {
                let (x, y) = m.split_at_mut(1);
                e.getrs(Trans::No, x[0].as_ref(), &ipiv2, y[0].as_mut())
            };
            case(
                e,
                "getrs",
                &["lu", "b"],
                &[lu.clone(), b.clone()],
                0,
                any(rng, &lu),
                v,
                &getrs,
            );
            case(
                e,
                "getrs",
                &["lu", "b"],
                &[lu.clone(), b.clone()],
                1,
                any(rng, &b),
                v,
                &getrs,
            );
            let ipiv3 = ipiv.clone();
            case(
                e,
                "getri",
                &["a"],
                &[lu.clone()],
                0,
                any(rng, &lu),
                v,
                &move |e, m| e.getri(m[0].as_mut(), &ipiv3),
            );
            case(
                e,
                "potrf",
                &["a"],
                std::slice::from_ref(&hpd),
                0,
                lower(rng),
                v,
                &|e, m| e.potrf(Uplo::Lower, m[0].as_mut()),
            );
            let potrs = |e: &Engine, m: &mut [Mat<T>]| {
                let (x, y) = m.split_at_mut(1);
                e.potrs(Uplo::Lower, x[0].as_ref(), y[0].as_mut())
            };
            case(
                e,
                "potrs",
                &["a", "b"],
                &[chol.clone(), b.clone()],
                0,
                lower(rng),
                v,
                &potrs,
            );
            case(
                e,
                "potrs",
                &["a", "b"],
                &[chol.clone(), b.clone()],
                1,
                any(rng, &b),
                v,
                &potrs,
            );
            case(
                e,
                "geqrf",
                &["a"],
                &[sq()],
                0,
                any(rng, &sq()),
                v,
                &|e, m| {
                    let mut tau = vec![zero; n];
                    e.geqrf(m[0].as_mut(), &mut tau)
                },
            );
            // ungqr reads the reflectors below the diagonal.
            let tau = vec![T::from_c64(c64::new(1.5, 0.0)); n];
            let below = {
                let i = 1 + rng.below(n - 1);
                (i, rng.below(i))
            };
            case(e, "ungqr", &["a"], &[sq()], 0, below, v, &move |e, m| {
                e.ungqr(m[0].as_mut(), &tau)
            });
            case(
                e,
                "gesdd",
                &["a"],
                &[sq()],
                0,
                any(rng, &sq()),
                v,
                &|e, m| {
                    let mut s = vec![zero.re(); n];
                    let (mut u, mut vt) = (Mat::<T>::zeros(n, n), Mat::<T>::zeros(n, n));
                    e.gesdd(
                        SvdJob::Full,
                        m[0].as_mut(),
                        &mut s,
                        Some(u.as_mut()),
                        Some(vt.as_mut()),
                    )
                },
            );
            case(
                e,
                "heevd",
                &["a"],
                std::slice::from_ref(&hpd),
                0,
                lower(rng),
                v,
                &|e, m| {
                    let mut w = vec![zero.re(); n];
                    e.heevd(EigJob::Vectors, Uplo::Lower, m[0].as_mut(), &mut w)
                },
            );
            case(
                e,
                "geev",
                &["a"],
                &[sq()],
                0,
                any(rng, &sq()),
                v,
                &|e, m| {
                    let z = T::Complex::from_c64(c64::new(0.0, 0.0));
                    let mut w = vec![z; n];
                    let mut vr = Mat::<T::Complex>::zeros(n, n);
                    e.geev(m[0].as_mut(), &mut w, None, Some(vr.as_mut()))
                },
            );
            let gels = |e: &Engine, m: &mut [Mat<T>]| {
                let (x, y) = m.split_at_mut(1);
                e.gels(Trans::No, x[0].as_mut(), y[0].as_mut())
            };
            case(
                e,
                "gels",
                &["a", "b"],
                &[sq(), b.clone()],
                0,
                any(rng, &sq()),
                v,
                &gels,
            );
            case(
                e,
                "gels",
                &["a", "b"],
                &[sq(), b.clone()],
                1,
                any(rng, &b),
                v,
                &gels,
            );
        }
    }

    for e in required_engines() {
        let mut rng = Rng::new(17);
        run::<f32>(&e, &mut rng);
        run::<f64>(&e, &mut rng);
        run::<c32>(&e, &mut rng);
        run::<c64>(&e, &mut rng);
    }
}
