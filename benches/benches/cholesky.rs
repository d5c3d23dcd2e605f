//! Cholesky factorization across backends: `potrf` (lower), f32 and f64,
//! every loaded backend a parameter. Sizes: `SIZES` in `common/compare.rs`;
//! thread count fixed and printed. The factorization overwrites its input:
//! each call gets a fresh copy made outside the timed region.
//!
//! `cargo bench -p linmux-benches --bench cholesky`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Scalar, Uplo};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flops, group, hpd, type_name};

fn potrf<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("potrf-{}", type_name::<T>()));
    for n in compare::sizes("potrf") {
        let a = hpd::<T>(n, 1);
        flops(&mut g, (n as f64).powi(3) / 3.0);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || a.clone(),
                    |w| e.potrf(Uplo::Lower, w.as_mut()).expect("potrf"),
                    BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

fn cholesky(c: &mut Criterion) {
    let engines = compare::engines("cholesky");
    potrf::<f32>(c, &engines);
    potrf::<f64>(c, &engines);
}

criterion_group!(benches, cholesky);
criterion_main!(benches);
