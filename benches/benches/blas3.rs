//! Level-3 BLAS across backends: `gemm` (f32, f64, c32, c64) and `trsm`
//! (f32, f64), every loaded backend a parameter. Sizes: `SIZES` in
//! `common/compare.rs`; thread count fixed and printed.
//!
//! `cargo bench -p linmux-benches --bench blas3 -- gemm-f64`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use std::hint::black_box;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Diag, Engine, Mat, Scalar, Side, Trans, Uplo, c32, c64};

#[path = "../common/compare.rs"]
mod compare;
use compare::{flop_scale, flops, group, mat, type_name};

fn gemm<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("gemm-{}", type_name::<T>()));
    for n in compare::sizes("gemm") {
        let a = mat::<T>(n, n, 1);
        let b = mat::<T>(n, n, 2);
        let mut out = Mat::<T>::zeros(n, n);
        flops(&mut g, flop_scale::<T>() * 2.0 * (n as f64).powi(3));
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter(|| {
                    e.gemm(
                        Trans::No,
                        Trans::No,
                        compare::scalar::<T>(1.0),
                        black_box(a.as_ref()),
                        black_box(b.as_ref()),
                        compare::scalar::<T>(0.0),
                        out.as_mut(),
                    )
                    .expect("gemm");
                });
            });
        }
    }
    g.finish();
}

/// `B ← A⁻¹·B` with `A` lower triangular, `n` right-hand sides.
fn trsm<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("trsm-{}", type_name::<T>()));
    for n in compare::sizes("trsm") {
        let a = linmux_testkit::data::random_triangular::<T>(
            &mut linmux_testkit::Rng::new(3),
            n,
            Uplo::Lower,
        );
        let b = mat::<T>(n, n, 4);
        flops(&mut g, flop_scale::<T>() * (n as f64).powi(3));
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || b.clone(),
                    |x| {
                        e.trsm(
                            Side::Left,
                            Uplo::Lower,
                            Trans::No,
                            Diag::NonUnit,
                            compare::scalar::<T>(1.0),
                            black_box(a.as_ref()),
                            x.as_mut(),
                        )
                        .expect("trsm");
                    },
                    criterion::BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

fn blas3(c: &mut Criterion) {
    let engines = compare::engines("blas3");
    gemm::<f32>(c, &engines);
    gemm::<f64>(c, &engines);
    gemm::<c32>(c, &engines);
    gemm::<c64>(c, &engines);
    trsm::<f32>(c, &engines);
    trsm::<f64>(c, &engines);
}

criterion_group!(benches, blas3);
criterion_main!(benches);
