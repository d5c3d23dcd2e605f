//! `cdist` / `pdist_square` against the naive O(m·n·d) formula, on every
//! backend named in `LINMUX_REQUIRE_BACKENDS` (and faer).
//!
//! Bounds: the plain identity's squared distances are within
//! `4·(d + 2)·ε·(‖x‖² + ‖y‖²)` of the exact ones (absolute); in precise
//! mode every distance is within `4·(d + 2)·ε / threshold` of the exact
//! one, relatively.

use linmux::distance::{self, DistanceOptions};
use linmux::{Engine, Error, Mat, MatRef, RealScalar, Routine, ScalarKind};
use linmux_testkit::rng::Rng;

fn engines() -> Vec<Engine> {
    let mut names: Vec<String> = std::env::var("LINMUX_REQUIRE_BACKENDS")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_ascii_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    if !names.iter().any(|n| n == "faer") {
        names.insert(0, "faer".into());
    }
    names
        .iter()
        .map(|n| Engine::with_backend(n).unwrap_or_else(|e| panic!("required backend {n}: {e}")))
        .collect()
}

fn naive(x: &Mat<f64>, y: &Mat<f64>) -> Mat<f64> {
    Mat::from_fn(x.nrows(), y.nrows(), |i, j| {
        (0..x.ncols())
            .map(|k| (x[(i, k)] - y[(j, k)]).powi(2))
            .sum::<f64>()
            .sqrt()
    })
}

fn sq(x: &Mat<f64>, i: usize) -> f64 {
    (0..x.ncols()).map(|k| x[(i, k)].powi(2)).sum()
}

fn points(rng: &mut Rng, n: usize, d: usize, offset: f64) -> Mat<f64> {
    Mat::from_fn(n, d, |_, _| offset + rng.sym_unit())
}

fn check<T: RealScalar>(e: &Engine, x: &Mat<f64>, y: &Mat<f64>, opts: &DistanceOptions) {
    let xt = Mat::<T>::from_fn(x.nrows(), x.ncols(), |i, j| T::from_f64(x[(i, j)]));
    let yt = Mat::<T>::from_fn(y.nrows(), y.ncols(), |i, j| T::from_f64(y[(i, j)]));
    let xw = Mat::from_fn(x.nrows(), x.ncols(), |i, j| xt[(i, j)].to_f64());
    let yw = Mat::from_fn(y.nrows(), y.ncols(), |i, j| yt[(i, j)].to_f64());
    let want = naive(&xw, &yw);
    let mut got = Mat::<T>::zeros(x.nrows(), y.nrows());
    e.cdist_into(xt.as_ref(), yt.as_ref(), opts, got.as_mut())
        .unwrap();
    let eps = T::eps().to_f64();
    let c = 4.0 * (x.ncols() as f64 + 2.0) * eps;
    for i in 0..x.nrows() {
        for j in 0..y.nrows() {
            let (g, w) = (got[(i, j)].to_f64(), want[(i, j)]);
            if opts.precise {
                let tol = c / opts.threshold * w + f64::MIN_POSITIVE;
                assert!(
                    (g - w).abs() <= tol,
                    "{} precise ({i},{j}): {g} vs {w}",
                    e.info().name
                );
            } else {
                let tol = c * (sq(&xw, i) + sq(&yw, j));
                assert!(
                    (g * g - w * w).abs() <= tol,
                    "{} ({i},{j}): {g} vs {w}",
                    e.info().name
                );
            }
        }
    }
}

#[test]
fn cdist_matches_the_naive_formula_on_every_backend_and_block_size() {
    let mut rng = Rng::new(21);
    let x = points(&mut rng, 37, 5, 0.0);
    let y = points(&mut rng, 23, 5, 0.5);
    for e in engines() {
        e.reset_provenance();
        for block in [1, 7, 23, 1024] {
            for precise in [false, true] {
                let opts = DistanceOptions::default()
                    .with_block(block)
                    .with_precise(precise);
                check::<f64>(&e, &x, &y, &opts);
                check::<f32>(&e, &x, &y, &opts);
            }
        }
        let p = e.provenance();
        assert!(
            p.count(&e.info().name, Routine::Gemm, ScalarKind::F64) > 0,
            "gemm ran on {}",
            e.info().name
        );
    }
}

#[test]
fn precise_mode_fixes_nearly_coincident_points() {
    // Points far from the origin relative to their separation: the exact
    // distance is 1e-5, below the identity's rounding (ε·6e6 ≈ 1.3e-9 in d²).
    let x = Mat::<f64>::from_rows(&[[1000.0, 1000.0, 1000.0]]);
    let y = Mat::<f64>::from_rows(&[[1000.0 + 1e-5, 1000.0, 1000.0]]);
    let exact = ((1000.0f64 + 1e-5) - 1000.0).abs();
    for e in engines() {
        let _s = e.scoped();
        let plain =
            distance::cdist(x.as_ref(), y.as_ref(), &DistanceOptions::default()).unwrap()[(0, 0)];
        let precise =
            distance::cdist(x.as_ref(), y.as_ref(), &DistanceOptions::precise()).unwrap()[(0, 0)];
        assert!(
            (plain - exact).abs() / exact > 0.5,
            "{}: the identity was expected to lose this distance, gave {plain}",
            e.info().name
        );
        assert!(
            (precise - exact).abs() <= 4.0 * f64::EPSILON * exact,
            "{}: {precise}",
            e.info().name
        );
        // f32: coincident to 1e-3 at 100.
        let x = Mat::<f32>::from_rows(&[[100.0, 100.0]]);
        let y = Mat::<f32>::from_rows(&[[100.001, 100.0]]);
        let exact = f64::from(100.001f32) - 100.0;
        let p =
            distance::cdist(x.as_ref(), y.as_ref(), &DistanceOptions::precise()).unwrap()[(0, 0)];
        assert!(
            (f64::from(p) - exact).abs() <= 1e-6 * exact.abs(),
            "{p} vs {exact}"
        );
        let q =
            distance::cdist(x.as_ref(), y.as_ref(), &DistanceOptions::default()).unwrap()[(0, 0)];
        assert!(
            (f64::from(q) - exact).abs() / exact > 0.01,
            "plain f32 gave {q}"
        );
    }
}

#[test]
fn pdist_square_is_symmetric_with_an_exact_zero_diagonal() {
    let mut rng = Rng::new(4);
    let x = points(&mut rng, 41, 6, 30.0);
    for e in engines() {
        let _s = e.scoped();
        for opts in [
            DistanceOptions::default().with_block(8),
            DistanceOptions::precise(),
        ] {
            let d = distance::pdist_square(x.as_ref(), &opts).unwrap();
            let want = naive(&x, &x);
            for i in 0..41 {
                assert_eq!(d[(i, i)], 0.0);
                for j in 0..41 {
                    assert_eq!(d[(i, j)], d[(j, i)]);
                    assert!(d[(i, j)] >= 0.0);
                    let tol = 4.0 * 8.0 * f64::EPSILON * (sq(&x, i) + sq(&x, j));
                    assert!((d[(i, j)].powi(2) - want[(i, j)].powi(2)).abs() <= tol);
                }
            }
        }
    }
}

/// pdist computes the blocks on and above the diagonal only (one `gemm`
/// each) and mirrors them: 41 points in blocks of 8 are 6 × 6 blocks, of
/// which 21 are computed.
#[test]
fn pdist_square_computes_one_triangle_of_blocks() {
    let mut rng = Rng::new(5);
    let x = points(&mut rng, 41, 6, 0.0);
    for e in engines() {
        let _s = e.scoped();
        e.reset_provenance();
        let d =
            distance::pdist_square(x.as_ref(), &DistanceOptions::default().with_block(8)).unwrap();
        let gemms = e
            .provenance()
            .count(&e.info().name, Routine::Gemm, ScalarKind::F64);
        assert_eq!(gemms, 21, "{}", e.info().name);
        let want = naive(&x, &x);
        for i in 0..41 {
            for j in 0..41 {
                assert_eq!(d[(i, j)], d[(j, i)]);
                let tol = 4.0 * 8.0 * f64::EPSILON * (sq(&x, i) + sq(&x, j));
                assert!((d[(i, j)].powi(2) - want[(i, j)].powi(2)).abs() <= tol);
            }
        }
    }
}

#[test]
fn bad_arguments_are_typed_errors_and_leave_outputs_untouched() {
    let e = Engine::with_backend("faer").unwrap();
    let x = Mat::<f64>::zeros(3, 2);
    let y = Mat::<f64>::zeros(4, 3);
    let mut out = Mat::<f64>::from_fn(3, 4, |_, _| 9.0);
    match e.cdist_into(
        x.as_ref(),
        y.as_ref(),
        &DistanceOptions::default(),
        out.as_mut(),
    ) {
        Err(Error::DimensionMismatch { arg: "y", .. }) => {}
        other => panic!("{other:?}"),
    }
    let y = Mat::<f64>::zeros(5, 2);
    match e.cdist_into(
        x.as_ref(),
        y.as_ref(),
        &DistanceOptions::default(),
        out.as_mut(),
    ) {
        Err(Error::DimensionMismatch { arg: "out", .. }) => {}
        other => panic!("{other:?}"),
    }
    let y = Mat::<f64>::zeros(4, 2);
    match e.cdist_into(
        x.as_ref(),
        y.as_ref(),
        &DistanceOptions::default().with_block(0),
        out.as_mut(),
    ) {
        Err(Error::InvalidArgument { arg: "block", .. }) => {}
        other => panic!("{other:?}"),
    }
    assert!(out.as_slice().iter().all(|v| *v == 9.0));
    // Empty sets and zero-dimensional points.
    let none = Mat::<f64>::zeros(0, 2);
    assert_eq!(
        e.cdist_into(
            none.as_ref(),
            y.as_ref(),
            &DistanceOptions::default(),
            Mat::zeros(0, 4).as_mut()
        ),
        Ok(())
    );
    let p = Mat::<f64>::zeros(3, 0);
    let _s = e.scoped();
    let d = distance::pdist_square(p.as_ref(), &DistanceOptions::default()).unwrap();
    assert!(d.as_slice().iter().all(|v| *v == 0.0));
    // Streaming blocks cover the matrix exactly once.
    let x = Mat::<f64>::from_fn(10, 3, |i, j| (i * 3 + j) as f64);
    let mut seen = Mat::<f64>::zeros(10, 10);
    distance::cdist_blocks(
        x.as_ref(),
        x.as_ref(),
        &DistanceOptions::default().with_block(4),
        |i0, j0, b: MatRef<'_, f64>| {
            for i in 0..b.nrows() {
                for j in 0..b.ncols() {
                    seen[(i0 + i, j0 + j)] += 1.0;
                }
            }
            Ok(())
        },
    )
    .unwrap();
    assert!(seen.as_slice().iter().all(|v| *v == 1.0));
}

/// The acceptance size: 20000 × 50 against itself through the streaming
/// `cdist_blocks` (memory: one block, not the 3.2 GB result), a seeded
/// sample of 2000 entries checked against the naive formula. Slow in a
/// debug build: `cargo test --release -p linmux --test distance -- --ignored`.
#[test]
#[ignore = "acceptance size; run with --release -- --ignored"]
fn cdist_20000x50_in_bounded_memory_matches_a_sample() {
    let mut rng = Rng::new(99);
    let x = points(&mut rng, 20_000, 50, 0.0);
    let y = points(&mut rng, 20_000, 50, 0.0);
    let sample: Vec<(usize, usize)> = (0..2000)
        .map(|_| (rng.below(20_000), rng.below(20_000)))
        .collect();
    let mut got = vec![f64::NAN; sample.len()];
    let opts = DistanceOptions::default();
    distance::cdist_blocks(
        x.as_ref(),
        y.as_ref(),
        &opts,
        |i0, j0, b: MatRef<'_, f64>| {
            for (s, &(i, j)) in sample.iter().enumerate() {
                if (i0..i0 + b.nrows()).contains(&i) && (j0..j0 + b.ncols()).contains(&j) {
                    got[s] = b.at(i - i0, j - j0);
                }
            }
            Ok(())
        },
    )
    .unwrap();
    // Bounded memory: the inputs (2 × 8 MB) and one 1024² block (8 MB),
    // not the 3.2 GB result. Linux reports the peak resident set.
    if let Some(peak) = peak_rss_bytes() {
        eprintln!(
            "cdist 20000x50 vs 20000x50 (streamed): peak RSS {:.1} MiB",
            peak as f64 / f64::from(1u32 << 20)
        );
        assert!(
            peak < 512 << 20,
            "peak RSS {peak} bytes: the result was materialized?"
        );
    }
    for (s, &(i, j)) in sample.iter().enumerate() {
        let w: f64 = (0..50)
            .map(|k| (x[(i, k)] - y[(j, k)]).powi(2))
            .sum::<f64>();
        let tol = 4.0 * 52.0 * f64::EPSILON * (sq(&x, i) + sq(&y, j));
        assert!(
            (got[s] * got[s] - w).abs() <= tol,
            "({i},{j}): {} vs {}",
            got[s],
            w.sqrt()
        );
    }
}

/// The process's peak resident set (`VmHWM` of `/proc/self/status`), where
/// the system reports it.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}
