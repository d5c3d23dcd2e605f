//! SVD across backends: `gesdd` of a `2n × n` matrix with thin singular
//! vectors (NumPy's `full_matrices=False`), f32 and f64, every loaded
//! backend a parameter. Sizes: `SIZES` in `common/compare.rs`; thread count
//! fixed and printed. Inputs are copied outside the timed region. No
//! throughput: the SVD's FLOP count depends on convergence.
//!
//! `cargo bench -p linmux-benches --bench svd`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{Engine, Mat, Scalar, SvdJob};

#[path = "../common/compare.rs"]
mod compare;
use compare::{group, mat, type_name};

fn gesdd<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("gesdd-{}", type_name::<T>()));
    for n in compare::sizes("gesdd") {
        let m = 2 * n;
        let a = mat::<T>(m, n, 1);
        for (name, e) in engines {
            g.bench_with_input(
                BenchmarkId::new(name, format!("{m}x{n}")),
                &n,
                |bench, _| {
                    bench.iter_batched_ref(
                        || {
                            let s = vec![compare::scalar::<T::Real>(0.0); n];
                            (a.clone(), s, Mat::<T>::zeros(m, n), Mat::<T>::zeros(n, n))
                        },
                        |(w, s, u, vt)| {
                            e.gesdd(
                                SvdJob::Thin,
                                w.as_mut(),
                                s,
                                Some(u.as_mut()),
                                Some(vt.as_mut()),
                            )
                            .expect("gesdd");
                        },
                        BatchSize::LargeInput,
                    );
                },
            );
        }
    }
    g.finish();
}

fn svd(c: &mut Criterion) {
    let engines = compare::engines("svd");
    gesdd::<f32>(c, &engines);
    gesdd::<f64>(c, &engines);
}

criterion_group!(benches, svd);
criterion_main!(benches);
