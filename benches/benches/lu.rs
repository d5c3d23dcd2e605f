//! LU across backends: `getrf` alone, and `getrf` + `getrs` (a solve with
//! `n` right-hand sides), f32 and f64, every loaded backend a parameter.
//! Sizes: `SIZES` in `common/compare.rs`; thread count fixed and printed.
//! Inputs are copied outside the timed region.
//!
//! `cargo bench -p linmux-benches --bench lu`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Scalar, Trans};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flops, group, mat, type_name};

fn getrf<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("getrf-{}", type_name::<T>()));
    for n in compare::sizes("getrf") {
        let a = mat::<T>(n, n, 1);
        flops(&mut g, 2.0 * (n as f64).powi(3) / 3.0);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || (a.clone(), vec![0usize; n]),
                    |(w, ipiv)| e.getrf(w.as_mut(), ipiv).expect("getrf"),
                    BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

/// `A·X = B`: factor, then solve for `n` right-hand sides.
fn solve<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("getrf+getrs-{}", type_name::<T>()));
    for n in compare::sizes("getrf") {
        let a = mat::<T>(n, n, 1);
        let b = mat::<T>(n, n, 2);
        // 2n³/3 to factor, 2n³ for the two triangular solves.
        flops(&mut g, 8.0 * (n as f64).powi(3) / 3.0);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || (a.clone(), b.clone(), vec![0usize; n]),
                    |(w, x, ipiv)| {
                        e.getrf(w.as_mut(), ipiv).expect("getrf");
                        e.getrs(Trans::No, w.as_ref(), ipiv, x.as_mut())
                            .expect("getrs");
                    },
                    BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

fn lu(c: &mut Criterion) {
    let engines = compare::engines("lu");
    getrf::<f32>(c, &engines);
    getrf::<f64>(c, &engines);
    solve::<f32>(c, &engines);
    solve::<f64>(c, &engines);
}

criterion_group!(benches, lu);
criterion_main!(benches);
