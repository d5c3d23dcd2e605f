//! What the backend-comparison benches share: the one size table, the
//! backends (every one that loads, each a benchmark parameter), the fixed
//! thread count, seeded inputs and the criterion settings.
//!
//! - `LINMUX_BENCH_BACKENDS=faer,openblas` limits the backends (default: all
//!   that load here).
//! - `LINMUX_BENCH_THREADS` fixes the thread count (default 1, printed). At 1
//!   thread no vendor keeps a pool spinning between calls, which is what
//!   lets several vendors share one process fairly; compare thread counts
//!   with `linmux bench`, which runs one process per backend.
//! - `LINMUX_BENCH_SIZES=64,256` replaces every row of [`SIZES`].
#![allow(
    dead_code,
    reason = "each bench file uses the part of this module it needs"
)]

use std::time::Duration;

use criterion::{BenchmarkGroup, Criterion, Throughput, measurement::WallTime};
use linmux::select::KNOWN_BACKENDS;
use linmux::{Engine, Mat, Scalar, ScalarKind};

/// Problem sizes per operation: `n` for `n × n` matrices (`m = 2n` rows for
/// `gesdd`), the length for vectors. The one table every bench reads.
pub const SIZES: &[(&str, &[usize])] = &[
    ("gemm", &[64, 256, 1024]),
    ("gemv", &[256, 1024, 4096]),
    ("dot", &[4096, 262_144, 4_194_304]),
    ("axpy", &[4096, 262_144, 4_194_304]),
    ("trsm", &[64, 256, 1024]),
    ("potrf", &[64, 256, 1024]),
    ("getrf", &[64, 256, 1024]),
    ("geqrf", &[64, 256, 1024]),
    ("gesdd", &[64, 256, 512]),
    ("syevd", &[64, 256, 512]),
    ("geev", &[64, 256, 512]),
];

/// The sizes of `op`: `LINMUX_BENCH_SIZES` if set, else its row of [`SIZES`].
pub fn sizes(op: &str) -> Vec<usize> {
    if let Ok(v) = std::env::var("LINMUX_BENCH_SIZES") {
        return v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
    }
    SIZES
        .iter()
        .find(|(name, _)| *name == op)
        .map(|(_, s)| s.to_vec())
        .unwrap_or_else(|| panic!("`{op}` has no row in SIZES"))
}

/// The thread count every backend runs with.
pub fn threads() -> usize {
    std::env::var("LINMUX_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .filter(|&t| t >= 1)
        .unwrap_or(1)
}

/// Every backend that loads (or those of `LINMUX_BENCH_BACKENDS`), faer
/// first, each set to [`threads`]; what was used and skipped is printed.
pub fn engines(bench: &str) -> Vec<(String, Engine)> {
    let wanted: Vec<String> = match std::env::var("LINMUX_BENCH_BACKENDS") {
        Ok(v) => v
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect(),
        Err(_) => std::iter::once("faer")
            .chain(KNOWN_BACKENDS.iter().copied().filter(|b| *b != "faer"))
            .map(str::to_owned)
            .collect(),
    };
    let t = threads();
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for name in wanted {
        match Engine::with_backend(&name) {
            Ok(e) => {
                e.set_threads(t).expect("set the thread count");
                out.push((name, e));
            }
            Err(e) => skipped.push(format!(
                "{name} ({})",
                e.to_string().lines().next().unwrap_or_default()
            )),
        }
    }
    let names: Vec<&str> = out.iter().map(|(n, _)| n.as_str()).collect();
    eprintln!(
        "{bench}: threads = {t} (LINMUX_BENCH_THREADS); backends: {}{}",
        names.join(", "),
        if skipped.is_empty() {
            String::new()
        } else {
            format!("; skipped: {}", skipped.join(", "))
        }
    );
    out
}

/// Seeded `m × n` data in [-1, 1), built outside the timed closures.
pub fn mat<T: Scalar>(m: usize, n: usize, seed: u64) -> Mat<T> {
    linmux_testkit::data::random_mat(&mut linmux_testkit::Rng::new(seed), m, n)
}

/// Seeded vector data in [-1, 1).
pub fn vec<T: Scalar>(n: usize, seed: u64) -> Vec<T> {
    linmux_testkit::data::random_vec(&mut linmux_testkit::Rng::new(seed), n)
}

/// A Hermitian positive definite `n × n` matrix in O(n²): a random
/// Hermitian matrix with `n` added on the diagonal (diagonally dominant).
pub fn hpd<T: Scalar>(n: usize, seed: u64) -> Mat<T> {
    let mut a = linmux_testkit::data::random_hermitian::<T>(&mut linmux_testkit::Rng::new(seed), n);
    let shift = scalar::<T>(n as f64);
    for i in 0..n {
        a[(i, i)] += shift;
    }
    a
}

/// A group named `name` (e.g. `gemm-f64`) with `flops` per call reported
/// as throughput (criterion's "elements/s" are FLOP/s here).
pub fn group<'a>(c: &'a mut Criterion, name: &str) -> BenchmarkGroup<'a, WallTime> {
    let mut g = c.benchmark_group(name);
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    g
}

/// Sets the throughput of the next benchmarks to `flops` FLOP per call.
#[allow(
    clippy::cast_possible_truncation,
    reason = "a FLOP count of a benchmarked size is far below 2^64"
)]
pub fn flops(g: &mut BenchmarkGroup<'_, WallTime>, flops: f64) {
    g.throughput(Throughput::Elements(flops as u64));
}

/// The name of `T` in group names: `f32`, `f64`, `c32`, `c64`.
pub fn type_name<T: Scalar>() -> &'static str {
    match T::KIND {
        ScalarKind::F32 => "f32",
        ScalarKind::F64 => "f64",
        ScalarKind::C32 => "c32",
        ScalarKind::C64 => "c64",
    }
}

/// Real FLOPs of a complex operation count 4 multiplies and 4 adds per
/// complex multiply-add: × 4 relative to the real count.
pub fn flop_scale<T: Scalar>() -> f64 {
    if T::IS_COMPLEX { 4.0 } else { 1.0 }
}

/// `value` as `T`.
pub fn scalar<T: Scalar>(value: f64) -> T {
    T::from_c64(linmux::c64::new(value, 0.0))
}
