//! FFT and pairwise distances, as in the seed material's pipeline.
//!
//! - `fft2-c64`: `fft2` of ten 1024×1024 images (complex f64, built from
//!   seeded reals outside the timed region), every FFT provider that loads
//!   a parameter, at 1 thread and at every core (`threads::limit`, the
//!   budget the FFT follows; both counts printed).
//!   `LINMUX_BENCH_FFT_SIDE` changes the side, `LINMUX_BENCH_FFT_IMAGES`
//!   the count.
//! - `cdist-f64`: 5000×50 points against 5000×50, every BLAS backend that
//!   loads (`LINMUX_BENCH_BACKENDS`), at `LINMUX_BENCH_THREADS` threads
//!   (default 1); `LINMUX_BENCH_CDIST_POINTS` changes the count.
//!
//! `cargo bench -p linmux-benches --bench fft`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::distance::DistanceOptions;
use linmux::fft::{FFT_PROVIDERS, Fft, Norm};
use linmux::{Mat, c64};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flops, group};

fn env_usize(var: &str, default: usize) -> usize {
    std::env::var(var)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&v| v >= 1)
        .unwrap_or(default)
}

fn fft2(c: &mut Criterion) {
    let side = env_usize("LINMUX_BENCH_FFT_SIDE", 1024);
    let count = env_usize("LINMUX_BENCH_FFT_IMAGES", 10);
    let real = compare::mat::<f64>(side, side * count, 7);
    let images: Vec<Mat<c64>> = (0..count)
        .map(|k| Mat::from_fn(side, side, |i, j| c64::new(real[(i, k * side + j)], 0.0)))
        .collect();
    // The FFT's thread budget is the current engine's: faer's limits are exact.
    let _faer = linmux::Engine::with_backend("faer").expect("faer").scoped();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let mut counts = vec![1];
    if cores > 1 {
        counts.push(cores);
    }
    let providers: Vec<Fft> = FFT_PROVIDERS
        .iter()
        .filter_map(|p| match Fft::with_provider(p) {
            Ok(f) => Some(f),
            Err(e) => {
                eprintln!(
                    "fft2: provider {p} skipped: {}",
                    e.to_string().lines().next().unwrap_or_default()
                );
                None
            }
        })
        .collect();
    eprintln!(
        "fft2: {count} images {side}x{side}; threads {counts:?}; providers: {}",
        providers
            .iter()
            .map(|f| f.info().name)
            .collect::<Vec<_>>()
            .join(", ")
    );
    let mut g = group(c, "fft2-c64");
    let n = side as f64;
    flops(&mut g, count as f64 * 5.0 * n * n * (n * n).log2());
    for f in &providers {
        for &t in &counts {
            let _limit = linmux::threads::limit(t).expect("limit");
            g.bench_with_input(
                BenchmarkId::new(format!("{}/{t}t", f.info().name), side),
                &side,
                |b, _| {
                    b.iter(|| {
                        for img in &images {
                            std::hint::black_box(
                                f.fft2(img.as_ref(), Norm::Backward).expect("fft2"),
                            );
                        }
                    });
                },
            );
        }
    }
    g.finish();
}

fn cdist(c: &mut Criterion) {
    let points = env_usize("LINMUX_BENCH_CDIST_POINTS", 5000);
    let x = compare::mat::<f64>(points, 50, 1);
    let y = compare::mat::<f64>(points, 50, 2);
    let engines = compare::engines("cdist");
    let mut g = group(c, "cdist-f64");
    flops(&mut g, 2.0 * (points * points * 50) as f64);
    for (name, e) in &engines {
        let mut out = Mat::<f64>::zeros(points, points);
        g.bench_with_input(BenchmarkId::new(name, points), &points, |b, _| {
            b.iter(|| {
                e.cdist_into(
                    x.as_ref(),
                    y.as_ref(),
                    &DistanceOptions::default(),
                    out.as_mut(),
                )
                .expect("cdist");
            });
        });
    }
    g.finish();
}

criterion_group!(benches, fft2, cdist);
criterion_main!(benches);
