//! Dispatch overhead on a vendor library: `Engine::gemm` through linmux versus
//! calling the same library's `cblas_dgemm` directly, f64, n = 64, 512, 2048.
//!
//! One backend per process (idle vendor threads distort a neighbour's timing):
//!
//! ```text
//! LINMUX_BENCH_BACKEND=openblas cargo bench -p linmux-benches --bench vendor
//! ```
//!
//! `LINMUX_BENCH_THREADS` fixes the thread count (default 1); it is printed.
//! `LINMUX_BENCH_SIZES` overrides the sizes (comma list).
#![deny(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Mat, Origin, Trans};
use linmux_loader::{LapackSource, LoadSpec};

#[path = "../common/direct.rs"]
mod direct;
use direct::direct_dgemm;

/// Seeded data in [-1, 1), built outside the timed closures.
fn seeded(n: usize, seed: u64) -> Mat<f64> {
    linmux_testkit::data::random_mat(&mut linmux_testkit::Rng::new(seed), n, n)
}

fn vendor_gemm(c: &mut Criterion) {
    let name = std::env::var("LINMUX_BENCH_BACKEND").unwrap_or_else(|_| String::from("openblas"));
    let threads: usize = std::env::var("LINMUX_BENCH_THREADS")
        .ok()
        .and_then(|t| t.parse().ok())
        .unwrap_or(1);
    let engine = Engine::with_backend(&name).unwrap_or_else(|e| panic!("cannot load {name}: {e}"));
    engine.set_threads(threads).expect("set threads");
    let Origin::Loaded(paths) = &engine.info().origin else {
        panic!("{name} is not a loaded library: nothing to call directly");
    };
    // The same file again: dlopen hands back the already-loaded library, so
    // both sides call the very same `cblas_dgemm`.
    let spec = LoadSpec::new(paths.iter().take(1).cloned())
        .lapack(LapackSource::None)
        .deep_bind(name != "mkl");
    #[allow(unsafe_code, reason = "loading a vendor library runs its initializers")]
    // SAFETY: the path is the library the engine already loaded and probed.
    let direct = unsafe { linmux_loader::load(&spec) }.expect("reload the same library");
    eprintln!(
        "vendor bench: backend {name} {} ({}), threads = {threads}",
        engine.info().version.as_deref().unwrap_or("?"),
        paths[0].display()
    );
    let mut group = c.benchmark_group(format!("dgemm-{name}/threads={threads}"));
    group.sample_size(10);
    let sizes: Vec<usize> = std::env::var("LINMUX_BENCH_SIZES")
        .map(|v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![64, 512, 2048]);
    for n in sizes {
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
        let mut raw = vec![0.0f64; n * n];
        group.bench_with_input(BenchmarkId::new("cblas-direct", n), &n, |bench, _| {
            bench.iter(|| {
                direct_dgemm(
                    &direct,
                    n,
                    black_box(a.as_slice()),
                    black_box(b.as_slice()),
                    &mut raw,
                )
            });
        });
    }
    group.finish();
}

criterion_group!(benches, vendor_gemm);
criterion_main!(benches);
