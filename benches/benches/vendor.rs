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
use linmux_loader::{CBLAS_COL_MAJOR, CBLAS_NO_TRANS, LapackSource, LoadSpec, LoadedVendor};

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

/// `C = A·B` through the library's own `cblas_dgemm`, column-major.
#[allow(
    unsafe_code,
    reason = "a direct vendor call is what this bench measures"
)]
fn direct_dgemm(v: &LoadedVendor, n: usize, a: &[f64], b: &[f64], c: &mut [f64]) {
    assert!(a.len() == n * n && b.len() == n * n && c.len() == n * n);
    match v {
        LoadedVendor::Lp64(v) => {
            let n = i32::try_from(n).expect("n fits i32");
            // SAFETY: a, b, c hold n×n column-major matrices with ld = n (asserted above).
            unsafe {
                (v.cblas.cblas_dgemm)(
                    CBLAS_COL_MAJOR,
                    CBLAS_NO_TRANS,
                    CBLAS_NO_TRANS,
                    n,
                    n,
                    n,
                    1.0,
                    a.as_ptr(),
                    n,
                    b.as_ptr(),
                    n,
                    0.0,
                    c.as_mut_ptr(),
                    n,
                );
            }
        }
        LoadedVendor::Ilp64(v) => {
            let n = i64::try_from(n).expect("n fits i64");
            // SAFETY: as above, with 64-bit integers.
            unsafe {
                (v.cblas.cblas_dgemm)(
                    CBLAS_COL_MAJOR,
                    CBLAS_NO_TRANS,
                    CBLAS_NO_TRANS,
                    n,
                    n,
                    n,
                    1.0,
                    a.as_ptr(),
                    n,
                    b.as_ptr(),
                    n,
                    0.0,
                    c.as_mut_ptr(),
                    n,
                );
            }
        }
    }
}

criterion_group!(benches, vendor_gemm);
criterion_main!(benches);
