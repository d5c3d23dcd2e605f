//! FFT accuracy, semantics, errors and threads, on every provider.
//!
//! Providers tested: rustfft always, plus every provider named in
//! `LINMUX_REQUIRE_FFT` (comma list; a named provider that does not load
//! fails the run) and every other one that loads.
//!
//! # Accuracy bound
//! Each transform is compared with a naive DFT of the same (rounded) input,
//! summed in double-double ([`linmux_testkit::accum`]) with twiddles from
//! `f64` `sin_cos`. The norm-wise relative error `‖ŷ − y‖₂ / ‖y‖₂` must stay
//! below `C·ε·max(1, log₂ n)` with `C = 5` (`ε` of the precision tested):
//! the classic bound for Cooley–Tukey and Bluestein-style algorithms grows
//! as `ε·log n` norm-wise (Higham, *Accuracy and Stability of Numerical
//! Algorithms*, §24.1), and the constant leaves room for the reference's
//! own twiddle rounding (about `ε₆₄`).

#![allow(
    clippy::cast_possible_truncation,
    reason = "f32 test inputs are f64 values rounded on purpose"
)]

use linmux::fft::{FFT_PROVIDERS, Fft, Norm, Transform};
use linmux::{Error, Mat, MatMut, MatRef, ScalarKind, VecRef, c32, c64};
use linmux_testkit::accum::ComplexSum;
use linmux_testkit::rng::Rng;

const C: f64 = 5.0;
const LENGTHS: &[usize] = &[
    1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 16, 17, 31, 32, 64, 97, 100, 127, 128, 243, 256, 257, 509,
    1000, 1024, 1031,
];

/// The providers this run tests.
/// The tests of this file run one at a time: the providers' plan caches and
/// thread settings (MKL's and FFTW's are process-wide) are shared, and the
/// tests count plans and read the threads a transform used.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());
    SERIAL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn providers() -> Vec<Fft> {
    let required: Vec<String> = std::env::var("LINMUX_REQUIRE_FFT")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    for r in &required {
        assert!(
            FFT_PROVIDERS.contains(&r.as_str()),
            "LINMUX_REQUIRE_FFT names unknown provider `{r}`"
        );
    }
    FFT_PROVIDERS
        .iter()
        .filter_map(|name| match Fft::with_provider(name) {
            Ok(f) => Some(f),
            Err(e) if required.iter().any(|r| r == name) || *name == "rustfft" => {
                panic!(
                    "required FFT provider `{name}` (LINMUX_REQUIRE_FFT) could not be loaded:\n{e}"
                )
            }
            Err(e) => {
                eprintln!("FFT provider {name} not tested: {e}");
                None
            }
        })
        .collect()
}

fn dft(x: &[c64], sign: f64) -> Vec<c64> {
    let n = x.len();
    let tw: Vec<c64> = (0..n)
        .map(|r| {
            let (s, c) = (std::f64::consts::TAU * r as f64 / n as f64).sin_cos();
            c64::new(c, sign * s)
        })
        .collect();
    (0..n)
        .map(|k| {
            let mut s = ComplexSum::new();
            for (j, &v) in x.iter().enumerate() {
                s.add_product(v, tw[(j * k) % n]);
            }
            s.value()
        })
        .collect()
}

fn norm2(x: &[c64]) -> f64 {
    x.iter().map(|z| z.norm_sqr()).sum::<f64>().sqrt()
}

fn rel_err(got: &[c64], want: &[c64]) -> f64 {
    assert_eq!(got.len(), want.len());
    let d: Vec<c64> = got.iter().zip(want).map(|(a, b)| a - b).collect();
    let w = norm2(want);
    if w == 0.0 { norm2(&d) } else { norm2(&d) / w }
}

fn bound(eps: f64, n: usize) -> f64 {
    C * eps * (n.max(2) as f64).log2()
}

fn random(rng: &mut Rng, n: usize) -> Vec<c64> {
    (0..n)
        .map(|_| c64::new(rng.sym_unit(), rng.sym_unit()))
        .collect()
}

fn to32(x: &[c64]) -> Vec<c32> {
    x.iter()
        .map(|z| c32::new(z.re as f32, z.im as f32))
        .collect()
}
fn from32(x: &[c32]) -> Vec<c64> {
    x.iter()
        .map(|z| c64::new(f64::from(z.re), f64::from(z.im)))
        .collect()
}

#[test]
fn every_provider_matches_the_naive_dft_within_eps_log_n() {
    let _serial = serial();
    let provs = providers();
    let mut rng = Rng::new(12);
    for &n in LENGTHS {
        let x = random(&mut rng, n);
        let x32 = from32(&to32(&x));
        let xr: Vec<c64> = x.iter().map(|z| c64::new(z.re, 0.0)).collect();
        let xr32: Vec<c64> = x32.iter().map(|z| c64::new(z.re, 0.0)).collect();
        let (fwd, inv) = (dft(&x, -1.0), dft(&x, 1.0));
        let (fwd32, inv32) = (dft(&x32, -1.0), dft(&x32, 1.0));
        let (rf, rf32) = (dft(&xr, -1.0), dft(&xr32, -1.0));
        let h = n / 2 + 1;
        let mut results: Vec<(String, Vec<c64>)> = Vec::new();
        for f in &provs {
            let p = f.info().name;
            let b64 = bound(f64::EPSILON, n);
            let b32 = bound(f64::from(f32::EPSILON), n);
            let check = |what: &str, got: &[c64], want: &[c64], b: f64| {
                let e = rel_err(got, want);
                assert!(e <= b, "{p} {what} n={n}: error {e:e} > bound {b:e}");
            };
            let y = f.fft(VecRef::from_slice(&x), Norm::Backward).unwrap();
            check("fft f64", &y, &fwd, b64);
            results.push((p.to_owned(), y));
            // Unnormalized inverse: ifft with norm=forward.
            let y = f.ifft(VecRef::from_slice(&x), Norm::Forward).unwrap();
            check("ifft f64", &y, &inv, b64);
            let y = f
                .fft(VecRef::from_slice(&to32(&x)), Norm::Backward)
                .unwrap();
            check("fft f32", &from32(&y), &fwd32, b32);
            let y = f
                .ifft(VecRef::from_slice(&to32(&x)), Norm::Forward)
                .unwrap();
            check("ifft f32", &from32(&y), &inv32, b32);
            let real: Vec<f64> = x.iter().map(|z| z.re).collect();
            let y = f.rfft(VecRef::from_slice(&real), Norm::Backward).unwrap();
            check("rfft f64", &y, &rf[..h], b64);
            let real32: Vec<f32> = to32(&x).iter().map(|z| z.re).collect();
            let y = f.rfft(VecRef::from_slice(&real32), Norm::Backward).unwrap();
            check("rfft f32", &from32(&y), &rf32[..h], b32);
            // irfft of the exact half spectrum of a real signal: back to it
            // (scaled by n with norm=forward), a c2r test against a known answer.
            let half = &rf[..h];
            let y = f
                .irfft(VecRef::from_slice(half), Some(n), Norm::Forward)
                .unwrap();
            let want: Vec<c64> = real.iter().map(|v| c64::new(v * n as f64, 0.0)).collect();
            let got: Vec<c64> = y.iter().map(|v| c64::new(*v, 0.0)).collect();
            check("irfft f64", &got, &want, b64);
            let half32 = to32(half);
            let y = f
                .irfft(VecRef::from_slice(&half32), Some(n), Norm::Backward)
                .unwrap();
            let got: Vec<c64> = y.iter().map(|v| c64::new(f64::from(*v), 0.0)).collect();
            let want: Vec<c64> = real.iter().map(|v| c64::new(*v, 0.0)).collect();
            check("irfft f32", &got, &want, b32);
        }
        // Providers against each other (each is within the bound of the
        // reference, so within twice the bound of one another).
        for w in results.windows(2) {
            let e = rel_err(&w[0].1, &w[1].1);
            assert!(
                e <= 2.0 * bound(f64::EPSILON, n),
                "{} vs {} n={n}: {e:e}",
                w[0].0,
                w[1].0
            );
        }
    }
}

#[test]
fn round_trips_under_each_norm() {
    let _serial = serial();
    let mut rng = Rng::new(7);
    for f in providers() {
        let p = f.info().name;
        for &n in &[1usize, 5, 16, 17, 100, 1031] {
            let x = random(&mut rng, n);
            let real: Vec<f64> = x.iter().map(|z| z.re).collect();
            for norm in [Norm::Backward, Norm::Ortho, Norm::Forward] {
                let y = f.fft(VecRef::from_slice(&x), norm).unwrap();
                let back = f.ifft(VecRef::from_slice(&y), norm).unwrap();
                let e = rel_err(&back, &x);
                assert!(
                    e <= 2.0 * bound(f64::EPSILON, n),
                    "{p} {norm:?} n={n}: {e:e}"
                );
                if norm == Norm::Ortho {
                    // Unitary: Parseval.
                    let r = norm2(&y) / norm2(&x);
                    assert!((r - 1.0).abs() <= bound(f64::EPSILON, n), "{p} n={n}: {r}");
                }
                let y = f.rfft(VecRef::from_slice(&real), norm).unwrap();
                let back = f.irfft(VecRef::from_slice(&y), Some(n), norm).unwrap();
                let e = rel_err(
                    &back.iter().map(|v| c64::new(*v, 0.0)).collect::<Vec<_>>(),
                    &real.iter().map(|v| c64::new(*v, 0.0)).collect::<Vec<_>>(),
                );
                assert!(
                    e <= 2.0 * bound(f64::EPSILON, n),
                    "{p} r {norm:?} n={n}: {e:e}"
                );
                let y32 = f.fft(VecRef::from_slice(&to32(&x)), norm).unwrap();
                let back32 = f.ifft(VecRef::from_slice(&y32), norm).unwrap();
                let e = rel_err(&from32(&back32), &from32(&to32(&x)));
                assert!(
                    e <= 2.0 * bound(f64::from(f32::EPSILON), n),
                    "{p} f32 {norm:?} n={n}: {e:e}"
                );
            }
        }
    }
}

/// The 2-D reference: the 1-D DFT down every column of the row transforms.
fn dft2(a: &Mat<c64>, sign: f64) -> Mat<c64> {
    let (m, n) = a.shape();
    let mut rows = Mat::<c64>::zeros(m, n);
    for i in 0..m {
        let r: Vec<c64> = (0..n).map(|j| a[(i, j)]).collect();
        for (j, v) in dft(&r, sign).into_iter().enumerate() {
            rows[(i, j)] = v;
        }
    }
    let mut out = Mat::<c64>::zeros(m, n);
    for j in 0..n {
        let c: Vec<c64> = (0..m).map(|i| rows[(i, j)]).collect();
        for (i, v) in dft(&c, sign).into_iter().enumerate() {
            out[(i, j)] = v;
        }
    }
    out
}

fn mat_err(got: MatRef<'_, c64>, want: MatRef<'_, c64>) -> f64 {
    assert_eq!(got.shape(), want.shape());
    let (m, n) = got.shape();
    let g: Vec<c64> = (0..m)
        .flat_map(|i| (0..n).map(move |j| got.at(i, j)))
        .collect();
    let w: Vec<c64> = (0..m)
        .flat_map(|i| (0..n).map(move |j| want.at(i, j)))
        .collect();
    rel_err(&g, &w)
}

#[test]
fn fft2_rfft2_irfft2_and_axes_match_the_reference_on_strided_views() {
    let _serial = serial();
    let mut rng = Rng::new(3);
    for f in providers() {
        let p = f.info().name;
        for &(m, n) in &[(1usize, 1usize), (6, 5), (7, 8), (9, 13), (16, 3)] {
            let b = 2.0 * bound(f64::EPSILON, m * n);
            // A padded, transposed view: stored n × (m + 3) row-major, used transposed.
            let store: Vec<c64> = random(&mut rng, n * (m + 3));
            let view = MatRef::from_row_major_ld(&store, n, m, m + 3)
                .unwrap()
                .transpose();
            let a = Mat::from_fn(m, n, |i, j| view.at(i, j));
            let want = dft2(&a, -1.0);
            let got = f.fft2(view, Norm::Backward).unwrap();
            assert!(
                mat_err(got.as_ref(), want.as_ref()) <= b,
                "{p} fft2 {m}x{n}"
            );
            // Conjugated view: fft2(conj(a)) = conj(ifft2_unnormalized(a)) flipped, so
            // compare with the reference of the conjugated matrix instead.
            let ac = Mat::from_fn(m, n, |i, j| a[(i, j)].conj());
            let got = f.fft2(a.as_ref().conjugate(), Norm::Backward).unwrap();
            assert!(
                mat_err(got.as_ref(), dft2(&ac, -1.0).as_ref()) <= b,
                "{p} conj {m}x{n}"
            );
            // ifft2 with norm=forward is the unnormalized inverse.
            let got = f.ifft2(view, Norm::Forward).unwrap();
            assert!(
                mat_err(got.as_ref(), dft2(&a, 1.0).as_ref()) <= b,
                "{p} ifft2 {m}x{n}"
            );
            // Along each axis.
            let got = f.fft_axis(view, 1, Norm::Backward).unwrap();
            for i in 0..m {
                let r: Vec<c64> = (0..n).map(|j| a[(i, j)]).collect();
                let g: Vec<c64> = (0..n).map(|j| got[(i, j)]).collect();
                assert!(rel_err(&g, &dft(&r, -1.0)) <= b, "{p} axis 1 row {i}");
            }
            let got = f.fft_axis(view, 0, Norm::Backward).unwrap();
            for j in 0..n {
                let c: Vec<c64> = (0..m).map(|i| a[(i, j)]).collect();
                let g: Vec<c64> = (0..m).map(|i| got[(i, j)]).collect();
                assert!(rel_err(&g, &dft(&c, -1.0)) <= b, "{p} axis 0 col {j}");
            }
            // Real 2-D: rfft2 is the left half of fft2 of the real part, and
            // irfft2 returns the real matrix.
            let ar = Mat::<f64>::from_fn(m, n, |i, j| a[(i, j)].re);
            let full = dft2(&Mat::from_fn(m, n, |i, j| c64::new(ar[(i, j)], 0.0)), -1.0);
            let h = n / 2 + 1;
            let got = f.rfft2(ar.as_ref(), Norm::Backward).unwrap();
            assert_eq!(got.shape(), (m, h));
            let want = Mat::from_fn(m, h, |i, j| full[(i, j)]);
            assert!(
                mat_err(got.as_ref(), want.as_ref()) <= b,
                "{p} rfft2 {m}x{n}"
            );
            let back = f.irfft2(got.as_ref(), Some(n), Norm::Backward).unwrap();
            assert_eq!(back.shape(), (m, n));
            let e = mat_err(
                Mat::from_fn(m, n, |i, j| c64::new(back[(i, j)], 0.0)).as_ref(),
                Mat::from_fn(m, n, |i, j| c64::new(ar[(i, j)], 0.0)).as_ref(),
            );
            assert!(e <= b, "{p} irfft2 {m}x{n}: {e:e}");
            // f32.
            let a32 = Mat::from_fn(m, n, |i, j| {
                c32::new(a[(i, j)].re as f32, a[(i, j)].im as f32)
            });
            let a32w = Mat::from_fn(m, n, |i, j| {
                c64::new(f64::from(a32[(i, j)].re), f64::from(a32[(i, j)].im))
            });
            let got = f.fft2(a32.as_ref(), Norm::Ortho).unwrap();
            let got = Mat::from_fn(m, n, |i, j| {
                c64::new(f64::from(got[(i, j)].re), f64::from(got[(i, j)].im))
            });
            let s = 1.0 / ((m * n) as f64).sqrt();
            let want = dft2(&a32w, -1.0);
            let want = Mat::from_fn(m, n, |i, j| want[(i, j)] * s);
            assert!(
                mat_err(got.as_ref(), want.as_ref()) <= 2.0 * bound(f64::from(f32::EPSILON), m * n),
                "{p} fft2 f32 {m}x{n}"
            );
        }
    }
}

#[test]
fn numpy_edge_cases_length_one_empty_and_default_n() {
    let _serial = serial();
    let f = Fft::with_provider("rustfft").unwrap();
    let x = [c64::new(2.5, -1.0)];
    assert_eq!(f.fft(VecRef::from_slice(&x), Norm::Backward).unwrap(), x);
    assert_eq!(f.ifft(VecRef::from_slice(&x), Norm::Backward).unwrap(), x);
    let empty: [c64; 0] = [];
    match f.fft(VecRef::from_slice(&empty), Norm::Backward) {
        Err(Error::InvalidArgument { arg: "a", .. }) => {}
        other => panic!("{other:?}"),
    }
    let empty_r: [f64; 0] = [];
    assert!(
        f.rfft(VecRef::from_slice(&empty_r), Norm::Backward)
            .is_err()
    );
    assert!(
        f.irfft(VecRef::from_slice(&empty), None, Norm::Backward)
            .is_err()
    );
    // A batch of no rows is an empty result, as NumPy's fft of a (0, 5) array.
    let none = Mat::<c64>::zeros(0, 5);
    assert_eq!(
        f.fft_axis(none.as_ref(), 1, Norm::Backward)
            .unwrap()
            .shape(),
        (0, 5)
    );
    // irfft's default length is 2(m − 1); odd lengths need n.
    let spec = f
        .rfft(
            VecRef::from_slice(&[1.0, 2.0, 3.0, 4.0, 5.0]),
            Norm::Backward,
        )
        .unwrap();
    assert_eq!(spec.len(), 3);
    assert_eq!(
        f.irfft(VecRef::from_slice(&spec), None, Norm::Backward)
            .unwrap()
            .len(),
        4
    );
    let back = f
        .irfft(VecRef::from_slice(&spec), Some(5), Norm::Backward)
        .unwrap();
    for (b, w) in back.iter().zip([1.0f64, 2.0, 3.0, 4.0, 5.0]) {
        assert!((b - w).abs() < 1e-14, "{back:?}");
    }
    // Known values: fft([1, 2, 3, 4]) = [10, -2+2i, -2, -2-2i].
    let y = f
        .rfft(VecRef::from_slice(&[1.0, 2.0, 3.0, 4.0]), Norm::Backward)
        .unwrap();
    assert_eq!(
        y,
        [
            c64::new(10.0, 0.0),
            c64::new(-2.0, 2.0),
            c64::new(-2.0, 0.0)
        ]
    );
    assert_eq!(Norm::parse("ortho").unwrap(), Norm::Ortho);
    assert!(Norm::parse("none").is_err());
}

#[test]
fn bad_arguments_are_typed_errors_and_leave_outputs_untouched() {
    let _serial = serial();
    let f = Fft::with_provider("rustfft").unwrap();
    let a = Mat::<c64>::from_fn(4, 6, |i, j| c64::new(i as f64, j as f64));
    let sentinel = c64::new(7.0, 7.0);
    let mut out = Mat::<c64>::from_fn(4, 5, |_, _| sentinel);
    match f.fft_axis_into(a.as_ref(), 1, Norm::Backward, out.as_mut()) {
        Err(Error::DimensionMismatch {
            op: "fft",
            arg: "out",
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    match f.fft2_into(a.as_ref(), Norm::Backward, out.as_mut()) {
        Err(Error::DimensionMismatch {
            op: "fft2",
            arg: "out",
            ..
        }) => {}
        other => panic!("{other:?}"),
    }
    assert!(out.as_slice().iter().all(|v| *v == sentinel));
    match f.fft_axis(a.as_ref(), 2, Norm::Backward) {
        Err(Error::InvalidArgument { arg: "axis", .. }) => {}
        other => panic!("{other:?}"),
    }
    let r = Mat::<f64>::zeros(3, 8);
    let mut half = Mat::<c64>::from_fn(3, 4, |_, _| sentinel);
    assert!(matches!(
        f.rfft2_into(r.as_ref(), Norm::Backward, half.as_mut()),
        Err(Error::DimensionMismatch { arg: "out", .. })
    ));
    assert!(half.as_slice().iter().all(|v| *v == sentinel));
    let z = Mat::<c64>::zeros(0, 3);
    assert!(f.fft2(z.as_ref(), Norm::Backward).is_err());
    assert_eq!(
        f.provenance().total("rustfft"),
        0,
        "failed calls are not counted"
    );
}

#[test]
fn plans_are_cached_and_shared_across_threads() {
    let _serial = serial();
    for f in providers() {
        let x: Vec<c64> = (0..720).map(|i| c64::new(i as f64, 0.0)).collect();
        let want = f.fft(VecRef::from_slice(&x), Norm::Backward).unwrap();
        let plans = f.provider().cached_plans();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..20 {
                        let y = f.fft(VecRef::from_slice(&x), Norm::Backward).unwrap();
                        assert_eq!(y, want);
                    }
                });
            }
        });
        assert_eq!(f.provider().cached_plans(), plans, "{}", f.info().name);
        assert_eq!(
            f.provenance()
                .count(f.info().name, Transform::Fft, ScalarKind::F64),
            81
        );
    }
}

#[test]
fn fft2_uses_the_thread_budget_and_one_thread_under_limit_1() {
    let _serial = serial();
    let n = 1024;
    let mut rng = Rng::new(5);
    let img = Mat::<c64>::from_fn(n, n, |_, _| c64::new(rng.sym_unit(), 0.0));
    let budget = linmux::threads::get().unwrap();
    for f in providers() {
        let p = f.info().name;
        let all = f.fft2(img.as_ref(), Norm::Backward).unwrap();
        let e = f
            .provenance()
            .entry(Transform::Fft2, ScalarKind::F64)
            .cloned()
            .unwrap();
        assert_eq!(e.provider, p);
        assert_eq!(
            e.last_threads, budget,
            "{p}: all {budget} threads for 1024x1024"
        );
        {
            let _one = linmux::threads::limit(1).unwrap();
            let one = f.fft2(img.as_ref(), Norm::Backward).unwrap();
            let e = f
                .provenance()
                .entry(Transform::Fft2, ScalarKind::F64)
                .cloned()
                .unwrap();
            assert_eq!(e.last_threads, 1, "{p}: exactly one thread under limit(1)");
            assert!(mat_err(one.as_ref(), all.as_ref()) <= bound(f64::EPSILON, n * n));
        }
    }
}

#[test]
fn auto_follows_the_blas_backend_and_strict_names_fail_loudly() {
    let _serial = serial();
    let faer = linmux::Engine::with_backend("faer").unwrap();
    {
        let _s = faer.scoped();
        assert_eq!(Fft::with_provider("auto").unwrap().info().name, "rustfft");
    }
    // MKL is checked whenever it loads, and must load when a required list
    // names it (never a silent skip).
    let mkl_required = ["LINMUX_REQUIRE_FFT", "LINMUX_REQUIRE_BACKENDS"]
        .iter()
        .any(|v| {
            std::env::var(v)
                .is_ok_and(|l| l.split(',').any(|x| x.trim().eq_ignore_ascii_case("mkl")))
        });
    match linmux::Engine::with_backend("mkl") {
        Ok(mkl) => {
            let _s = mkl.scoped();
            let f = Fft::with_provider("auto").unwrap();
            assert_eq!(f.info().name, "mkl", "{}", f.selection_reason());
        }
        Err(e) => assert!(!mkl_required, "mkl is required but does not load: {e}"),
    }
    let f = Fft::with_provider("mkl,fftw,rustfft").unwrap();
    assert!(FFT_PROVIDERS.contains(&f.info().name));
    // The free functions run on a scoped handle.
    let r = Fft::with_provider("rustfft").unwrap();
    let _s = r.scoped();
    linmux::fft::fft(VecRef::from_slice(&[c64::new(1.0, 0.0)]), Norm::Backward).unwrap();
    assert_eq!(r.provenance().total("rustfft"), 1);
    let mut out = [c64::new(0.0, 0.0); 2];
    linmux::fft::fft_into(
        VecRef::from_slice(&[c64::new(1.0, 0.0), c64::new(0.0, 0.0)]),
        Norm::Backward,
        linmux::VecMut::from_slice(&mut out),
    )
    .unwrap();
    assert_eq!(out, [c64::new(1.0, 0.0); 2]);
    let _ = MatMut::<c64>::from_col_major(&mut [], 0, 0);
}

/// NumPy's `irfft(x, n)` reads `x` as the half spectrum of a real signal:
/// the imaginary parts of `x[0]` and, for even `n`, of `x[n/2]` cannot
/// belong to one and are dropped; values past `n/2` are ignored; a short
/// `x` is zero-padded. The reference is the naive inverse of the Hermitian
/// extension of the cleaned spectrum.
#[test]
fn irfft_drops_the_imaginary_parts_of_dc_and_nyquist_as_numpy() {
    let _serial = serial();
    let mut rng = Rng::new(21);
    for f in providers() {
        let p = f.info().name;
        for &n in &[1usize, 2, 3, 7, 8, 16, 17, 100, 101] {
            let h = n / 2 + 1;
            // Longer than needed (ignored tail), exact, and short (padded).
            for m in [h + 3, h, h.saturating_sub(1).max(1)] {
                let spec = random(&mut rng, m);
                let mut clean: Vec<c64> = (0..h)
                    .map(|k| spec.get(k).copied().unwrap_or_default())
                    .collect();
                clean[0].im = 0.0;
                if n % 2 == 0 {
                    clean[h - 1].im = 0.0;
                }
                let full: Vec<c64> = (0..n)
                    .map(|k| if k < h { clean[k] } else { clean[n - k].conj() })
                    .collect();
                let want: Vec<c64> = dft(&full, 1.0)
                    .iter()
                    .map(|z| c64::new(z.re, 0.0))
                    .collect();
                let got = f
                    .irfft(VecRef::from_slice(&spec), Some(n), Norm::Forward)
                    .unwrap();
                let got: Vec<c64> = got.iter().map(|v| c64::new(*v, 0.0)).collect();
                let e = rel_err(&got, &want);
                assert!(
                    e <= bound(f64::EPSILON, n),
                    "{p} n={n} m={m}: {e:e} > bound"
                );
                // The dropped parts make no difference at all.
                let spec_clean: Vec<c64> = (0..m)
                    .map(|k| if k < h { clean[k] } else { spec[k] })
                    .collect();
                let again = f
                    .irfft(VecRef::from_slice(&spec_clean), Some(n), Norm::Forward)
                    .unwrap();
                assert_eq!(
                    again,
                    got.iter().map(|z| z.re).collect::<Vec<_>>(),
                    "{p} n={n} m={m}"
                );
            }
        }
        // 2-D: the real part of a spectrum that is not Hermitian comes back
        // through rfft2 unchanged (what was dropped stays dropped).
        let (m, n) = (6, 8);
        let h = n / 2 + 1;
        let spec = Mat::from_fn(m, h, |i, j| {
            c64::new((i + 2 * j) as f64 * 0.25, (i * j) as f64 - 1.5)
        });
        let a = f.irfft2(spec.as_ref(), Some(n), Norm::Backward).unwrap();
        let back = f.rfft2(a.as_ref(), Norm::Backward).unwrap();
        let again = f.irfft2(back.as_ref(), Some(n), Norm::Backward).unwrap();
        let e = mat_err(
            Mat::from_fn(m, n, |i, j| c64::new(again[(i, j)], 0.0)).as_ref(),
            Mat::from_fn(m, n, |i, j| c64::new(a[(i, j)], 0.0)).as_ref(),
        );
        assert!(e <= 2.0 * bound(f64::EPSILON, m * n), "{p}: {e:e}");
    }
}

/// A single transform of n ≥ 32768 is the whole batch: FFTW and MKL get
/// every thread of the budget inside the library (`fftw_plan_with_nthreads`),
/// RustFFT runs it on one; under `limit(1)` every provider uses one. The
/// results agree with the sequential RustFFT within the accuracy bound.
#[test]
fn a_single_long_transform_is_threaded_inside_fftw_and_mkl() {
    let _serial = serial();
    let n = 1 << 16;
    let mut rng = Rng::new(33);
    let x = random(&mut rng, n);
    let _faer = linmux::Engine::with_backend("faer").unwrap().scoped();
    let _two = linmux::threads::limit(2).unwrap();
    let want = Fft::with_provider("rustfft")
        .unwrap()
        .fft(VecRef::from_slice(&x), Norm::Backward)
        .unwrap();
    for f in providers() {
        let p = f.info().name;
        let threaded_inside = p != "rustfft" && !f.info().threading.contains("not found");
        let y = f.fft(VecRef::from_slice(&x), Norm::Backward).unwrap();
        let e = f
            .provenance()
            .entry(Transform::Fft, ScalarKind::F64)
            .cloned()
            .unwrap();
        assert_eq!(
            e.last_threads,
            if threaded_inside { 2 } else { 1 },
            "{p}: threads of one long transform ({})",
            f.info().threading
        );
        let err = rel_err(&y, &want);
        assert!(err <= 2.0 * bound(f64::EPSILON, n), "{p}: {err:e}");
        let back = f.ifft(VecRef::from_slice(&y), Norm::Backward).unwrap();
        let err = rel_err(&back, &x);
        assert!(
            err <= 2.0 * bound(f64::EPSILON, n),
            "{p} round trip: {err:e}"
        );
        // Real transforms of the same length take the same path.
        let real: Vec<f64> = x.iter().map(|z| z.re).collect();
        let half = f.rfft(VecRef::from_slice(&real), Norm::Backward).unwrap();
        let err = rel_err(&half, &want_real(&real)[..n / 2 + 1]);
        assert!(err <= 2.0 * bound(f64::EPSILON, n), "{p} rfft: {err:e}");
        {
            let _one = linmux::threads::limit(1).unwrap();
            let y1 = f.fft(VecRef::from_slice(&x), Norm::Backward).unwrap();
            let e = f
                .provenance()
                .entry(Transform::Fft, ScalarKind::F64)
                .cloned()
                .unwrap();
            assert_eq!(e.last_threads, 1, "{p}: one thread under limit(1)");
            let err = rel_err(&y1, &y);
            assert!(err <= 2.0 * bound(f64::EPSILON, n), "{p}: {err:e}");
        }
    }
}

/// The full spectrum of a real signal, from RustFFT (sequential).
fn want_real(real: &[f64]) -> Vec<c64> {
    let x: Vec<c64> = real.iter().map(|v| c64::new(*v, 0.0)).collect();
    Fft::with_provider("rustfft")
        .unwrap()
        .fft(VecRef::from_slice(&x), Norm::Backward)
        .unwrap()
}

/// Every layout through the blocked pass, at sizes that need several
/// blocks and both threads: fft2 / ifft2 / rfft2 / irfft2 and the axis
/// transforms agree with lane-by-lane 1-D transforms of the same provider.
#[test]
fn large_strided_2d_transforms_agree_with_lane_by_lane_1d_ones() {
    let _serial = serial();
    let (m, n) = (96, 200);
    let mut rng = Rng::new(8);
    let store = random(&mut rng, m * (n + 5));
    // Row-major with padding, and its column-major copy.
    let rm = MatRef::from_row_major_ld(&store, m, n, n + 5).unwrap();
    let cm = Mat::from_fn(m, n, |i, j| rm.at(i, j));
    let _faer = linmux::Engine::with_backend("faer").unwrap().scoped();
    for f in providers() {
        let p = f.info().name;
        for t in [1, 2] {
            let _limit = linmux::threads::limit(t).unwrap();
            let b = 2.0 * bound(f64::EPSILON, m * n);
            // Reference: fft along rows, then along columns, 1-D by 1-D.
            let mut want = Mat::<c64>::zeros(m, n);
            for i in 0..m {
                let r: Vec<c64> = (0..n).map(|j| cm[(i, j)]).collect();
                let y = f.fft(VecRef::from_slice(&r), Norm::Backward).unwrap();
                for j in 0..n {
                    want[(i, j)] = y[j];
                }
            }
            for j in 0..n {
                let c: Vec<c64> = (0..m).map(|i| want[(i, j)]).collect();
                let y = f.fft(VecRef::from_slice(&c), Norm::Backward).unwrap();
                for i in 0..m {
                    want[(i, j)] = y[i];
                }
            }
            for view in [rm, cm.as_ref()] {
                let got = f.fft2(view, Norm::Backward).unwrap();
                let e = mat_err(got.as_ref(), want.as_ref());
                assert!(e <= b, "{p} t={t} fft2: {e:e}");
                // Into a row-major output.
                let mut buf = vec![c64::new(0.0, 0.0); m * n];
                f.fft2_into(
                    view,
                    Norm::Backward,
                    MatMut::from_row_major(&mut buf, m, n).unwrap(),
                )
                .unwrap();
                let got = MatRef::from_row_major(&buf, m, n).unwrap();
                assert!(
                    mat_err(got, want.as_ref()) <= b,
                    "{p} t={t} fft2 row-major out"
                );
                let back = f.ifft2(got, Norm::Backward).unwrap();
                assert!(mat_err(back.as_ref(), cm.as_ref()) <= b, "{p} t={t} ifft2");
            }
            let real = Mat::<f64>::from_fn(m, n, |i, j| cm[(i, j)].re);
            let half = f.rfft2(real.as_ref(), Norm::Backward).unwrap();
            let full = f
                .fft2(
                    Mat::from_fn(m, n, |i, j| c64::new(real[(i, j)], 0.0)).as_ref(),
                    Norm::Backward,
                )
                .unwrap();
            let h = n / 2 + 1;
            let e = mat_err(
                half.as_ref(),
                Mat::from_fn(m, h, |i, j| full[(i, j)]).as_ref(),
            );
            assert!(e <= b, "{p} t={t} rfft2: {e:e}");
            let back = f.irfft2(half.as_ref(), Some(n), Norm::Backward).unwrap();
            let e = mat_err(
                Mat::from_fn(m, n, |i, j| c64::new(back[(i, j)], 0.0)).as_ref(),
                Mat::from_fn(m, n, |i, j| c64::new(real[(i, j)], 0.0)).as_ref(),
            );
            assert!(e <= b, "{p} t={t} irfft2: {e:e}");
        }
    }
}
