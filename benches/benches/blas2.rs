//! Level-2 BLAS across backends: `gemv`, f32 and f64, every loaded backend
//! a parameter. Sizes: `SIZES` in `common/compare.rs`; thread count fixed
//! and printed.
//!
//! `cargo bench -p linmux-benches --bench blas2 -- gemv-f64`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Scalar, Trans, VecMut, VecRef};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flops, group, mat, scalar, type_name, vec};

fn gemv<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("gemv-{}", type_name::<T>()));
    for n in compare::sizes("gemv") {
        let a = mat::<T>(n, n, 1);
        let x = vec::<T>(n, 2);
        let mut y = vec::<T>(n, 3);
        flops(&mut g, 2.0 * (n as f64).powi(2));
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter(|| {
                    e.gemv(
                        Trans::No,
                        scalar::<T>(1.0),
                        black_box(a.as_ref()),
                        black_box(VecRef::from_slice(&x)),
                        scalar::<T>(0.0),
                        VecMut::from_slice(&mut y),
                    )
                    .expect("gemv");
                });
            });
        }
    }
    g.finish();
}

fn blas2(c: &mut Criterion) {
    let engines = compare::engines("blas2");
    gemv::<f32>(c, &engines);
    gemv::<f64>(c, &engines);
}

criterion_group!(benches, blas2);
criterion_main!(benches);
