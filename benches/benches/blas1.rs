//! Level-1 BLAS across backends: `dot` and `axpy`, f32 and f64, every
//! loaded backend a parameter. Sizes: `SIZES` in `common/compare.rs`;
//! thread count fixed and printed.
//!
//! `cargo bench -p linmux-benches --bench blas1 -- dot-f64`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Scalar, VecMut, VecRef};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flops, group, scalar, type_name, vec};

fn dot<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("dot-{}", type_name::<T>()));
    for n in compare::sizes("dot") {
        let x = vec::<T>(n, 1);
        let y = vec::<T>(n, 2);
        flops(&mut g, 2.0 * n as f64);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter(|| {
                    e.dot(
                        black_box(VecRef::from_slice(&x)),
                        black_box(VecRef::from_slice(&y)),
                    )
                    .expect("dot")
                });
            });
        }
    }
    g.finish();
}

/// `y ← α·x + y`; `y` grows by a bounded amount per call, which does not
/// change the cost.
fn axpy<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("axpy-{}", type_name::<T>()));
    for n in compare::sizes("axpy") {
        let x = vec::<T>(n, 1);
        let mut y = vec::<T>(n, 2);
        let alpha = scalar::<T>(1e-3);
        flops(&mut g, 2.0 * n as f64);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter(|| {
                    e.axpy(
                        alpha,
                        black_box(VecRef::from_slice(&x)),
                        VecMut::from_slice(&mut y),
                    )
                    .expect("axpy");
                });
            });
        }
    }
    g.finish();
}

fn blas1(c: &mut Criterion) {
    let engines = compare::engines("blas1");
    dot::<f32>(c, &engines);
    dot::<f64>(c, &engines);
    axpy::<f32>(c, &engines);
    axpy::<f64>(c, &engines);
}

criterion_group!(benches, blas1);
criterion_main!(benches);
