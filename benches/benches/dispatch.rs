//! Dispatch overhead: `linmux::gemm` on the faer backend against calling faer
//! directly with the same parallelism, f64, n = 8, 64, 1024.
//!
//! Both sides run with the same thread budget (printed); for n below the faer
//! backend's parallel threshold both run sequentially. Inputs are seeded and
//! built outside the timed closure.
//!
//! `cargo bench -p linmux-benches --bench dispatch`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use faer::linalg::matmul::matmul;
use faer::{Accum, Par};
use linmux::{Engine, Mat, Ops, Trans};

/// Seeded data in [-1, 1), built outside the timed closures.
fn seeded(n: usize, seed: u64) -> Mat<f64> {
    linmux_testkit::data::random_mat(&mut linmux_testkit::Rng::new(seed), n, n)
}

/// The parallelism the faer backend picks for an n³ product (same threshold).
fn faer_par(n: usize, threads: usize) -> Par {
    let flops = 2.0 * (n as f64).powi(3);
    if threads > 1 && flops >= 2.0 * 256f64.powi(3) {
        Par::rayon(threads)
    } else {
        Par::Seq
    }
}

fn gemm_dispatch(c: &mut Criterion) {
    let engine = Engine::with_backend("faer").expect("faer is embedded");
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for threads in [1, cores] {
        engine.set_threads(threads).expect("set threads");
        eprintln!("dispatch bench: backend faer, threads = {threads}");
        let mut group = c.benchmark_group(format!("dgemm/threads={threads}"));
        let sizes: Vec<usize> = std::env::var("LINMUX_BENCH_SIZES")
            .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
            .unwrap_or_else(|_| vec![8, 64, 1024]);
        for &n in &sizes {
            if threads > 1 && n < 1024 {
                continue; // identical to the 1-thread case: both sides run sequentially
            }
            let a = seeded(n, 1);
            let b = seeded(n, 2);
            let mut out = Mat::<f64>::zeros(n, n);
            group.bench_with_input(BenchmarkId::new("linmux", n), &n, |bench, _| {
                bench.iter(|| {
                    engine
                        .gemm(
                            Trans::No,
                            Trans::No,
                            1.0,
                            black_box(a.as_ref()),
                            black_box(b.as_ref()),
                            0.0,
                            out.as_mut(),
                        )
                        .expect("gemm");
                });
            });
            // The backend without the engine: splits engine cost from backend cost.
            let backend = engine.backend().clone();
            group.bench_with_input(BenchmarkId::new("backend-only", n), &n, |bench, _| {
                bench.iter(|| {
                    Ops::<f64>::gemm(
                        &*backend,
                        Trans::No,
                        Trans::No,
                        1.0,
                        black_box(a.as_ref()),
                        black_box(b.as_ref()),
                        0.0,
                        out.as_mut(),
                    )
                    .expect("gemm");
                });
            });
            let fa = faer::MatRef::from_column_major_slice(a.as_slice(), n, n);
            let fb = faer::MatRef::from_column_major_slice(b.as_slice(), n, n);
            let mut fout = faer::Mat::<f64>::zeros(n, n);
            let par = faer_par(n, threads);
            group.bench_with_input(BenchmarkId::new("faer-direct", n), &n, |bench, _| {
                bench.iter(|| {
                    matmul(
                        fout.as_mut(),
                        Accum::Replace,
                        black_box(fa),
                        black_box(fb),
                        1.0,
                        par,
                    )
                });
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = gemm_dispatch
}
criterion_main!(benches);
