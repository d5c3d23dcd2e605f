//! Helpers for tests of vendor backends: which backends the run requires,
//! and a quick check that a loaded backend computes.

use linmux_core::{Backend, Mat, Ops, Trans, Uplo};

/// The environment variable naming the backends a test run requires.
pub const REQUIRE_ENV: &str = "LINMUX_REQUIRE_BACKENDS";

/// Whether `LINMUX_REQUIRE_BACKENDS` (comma list) names `name`: tests of a
/// required backend fail when it cannot be loaded instead of skipping.
pub fn required(name: &str) -> bool {
    std::env::var(REQUIRE_ENV)
        .map(|v| v.split(',').any(|s| s.trim().eq_ignore_ascii_case(name)))
        .unwrap_or(false)
}

/// A quick check that a loaded backend computes: an `f64` `gemm` (7 × 5 ×
/// 6, transposed `A`) and a `potrf` of an SPD 9 × 9 matrix, compared with
/// naive results under ε-scaled bounds. Used by the vendor profiles' tests.
///
/// # Errors
/// A description of the first mismatch or backend error.
pub fn self_check(b: &dyn Backend) -> Result<(), String> {
    let name = &b.info().name;
    let eps = f64::EPSILON;
    let (m, n, k) = (7, 5, 6);
    let f = |i: usize, j: usize, s: usize| (((i * 7 + j * 13 + s) % 17) as f64 - 8.0) / 8.0;
    // A is stored k × m and used transposed.
    let a = Mat::<f64>::from_fn(k, m, |i, j| f(i, j, 1));
    let bm = Mat::<f64>::from_fn(k, n, |i, j| f(i, j, 2));
    let mut c = Mat::<f64>::from_fn(m, n, |i, j| f(i, j, 3));
    let (alpha, beta) = (1.5, -0.5);
    let mut want = c.clone();
    for j in 0..n {
        for i in 0..m {
            let mut s = 0.0;
            for l in 0..k {
                s += a.as_slice()[i * k + l] * bm.as_slice()[j * k + l];
            }
            let w = &mut want.as_mut_slice()[j * m + i];
            *w = alpha * s + beta * *w;
        }
    }
    Ops::<f64>::gemm(
        b,
        Trans::Trans,
        Trans::No,
        alpha,
        a.as_ref(),
        bm.as_ref(),
        beta,
        c.as_mut(),
    )
    .map_err(|e| format!("{name}: dgemm failed: {e}"))?;
    let tol = 4.0 * (k as f64) * eps * 8.0;
    for (g, w) in c.as_slice().iter().zip(want.as_slice()) {
        if (g - w).abs() > tol * (1.0 + w.abs()) {
            return Err(format!("{name}: dgemm gave {g}, expected {w}"));
        }
    }

    // SPD: B·Bᵀ + n·I, then check L·Lᵀ = A.
    let n = 9;
    let r = Mat::<f64>::from_fn(n, n, |i, j| f(i, j, 4));
    let spd = Mat::<f64>::from_fn(n, n, |i, j| {
        let mut s = if i == j { n as f64 } else { 0.0 };
        for l in 0..n {
            s += r.as_slice()[l * n + i] * r.as_slice()[l * n + j];
        }
        s
    });
    let mut l = spd.clone();
    Ops::<f64>::potrf(b, Uplo::Lower, l.as_mut())
        .map_err(|e| format!("{name}: dpotrf failed: {e}"))?;
    let lv = |i: usize, j: usize| if i >= j { l.as_slice()[j * n + i] } else { 0.0 };
    let scale = spd.as_slice().iter().fold(0.0f64, |m, x| m.max(x.abs()));
    for j in 0..n {
        for i in 0..n {
            let s: f64 = (0..n).map(|p| lv(i, p) * lv(j, p)).sum();
            let w = spd.as_slice()[j * n + i];
            if (s - w).abs() > 8.0 * (n as f64) * eps * scale {
                return Err(format!(
                    "{name}: dpotrf: (L·Lᵀ)[{i},{j}] = {s}, expected {w}"
                ));
            }
        }
    }
    Ok(())
}
