//! QR across backends: `geqrf` (Householder factors), f32 and f64, every
//! loaded backend a parameter. Sizes: `SIZES` in `common/compare.rs`;
//! thread count fixed and printed. Inputs are copied outside the timed
//! region.
//!
//! `cargo bench -p linmux-benches --bench qr`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Scalar};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flops, group, mat, scalar, type_name};

fn geqrf<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("geqrf-{}", type_name::<T>()));
    for n in compare::sizes("geqrf") {
        let a = mat::<T>(n, n, 1);
        flops(&mut g, 4.0 * (n as f64).powi(3) / 3.0);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || (a.clone(), vec![scalar::<T>(0.0); n]),
                    |(w, tau)| e.geqrf(w.as_mut(), tau).expect("geqrf"),
                    BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

fn qr(c: &mut Criterion) {
    let engines = compare::engines("qr");
    geqrf::<f32>(c, &engines);
    geqrf::<f64>(c, &engines);
}

criterion_group!(benches, qr);
criterion_main!(benches);
