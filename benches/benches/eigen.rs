//! Eigendecompositions across backends: `syevd` of a symmetric matrix and
//! `geev` of a general one, both with eigenvectors, f32 and f64, every
//! loaded backend a parameter. Sizes: `SIZES` in `common/compare.rs`; thread
//! count fixed and printed. Inputs are copied outside the timed region. No
//! throughput: the FLOP counts depend on convergence.
//!
//! `cargo bench -p linmux-benches --bench eigen -- syevd-f64`
#![forbid(unsafe_code)]
#![allow(missing_docs, reason = "criterion macros generate undocumented items")]

use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};
use linmux::{EigJob, Engine, Mat, Scalar, Uplo};

#[path = "../common/compare.rs"]
mod compare;
use compare::{group, mat, scalar, type_name};

fn syevd<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("syevd-{}", type_name::<T>()));
    for n in compare::sizes("syevd") {
        let a = linmux_testkit::data::random_hermitian::<T>(&mut linmux_testkit::Rng::new(1), n);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || (a.clone(), vec![scalar::<T::Real>(0.0); n]),
                    |(v, w)| {
                        e.heevd(EigJob::Vectors, Uplo::Lower, v.as_mut(), w)
                            .expect("syevd");
                    },
                    BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

fn geev<T: Scalar>(c: &mut Criterion, engines: &[(String, Engine)]) {
    let mut g = group(c, &format!("geev-{}", type_name::<T>()));
    for n in compare::sizes("geev") {
        let a = mat::<T>(n, n, 1);
        for (name, e) in engines {
            g.bench_with_input(BenchmarkId::new(name, n), &n, |bench, _| {
                bench.iter_batched_ref(
                    || {
                        (
                            a.clone(),
                            vec![scalar::<T::Complex>(0.0); n],
                            Mat::<T::Complex>::zeros(n, n),
                        )
                    },
                    |(w, ev, vr)| {
                        e.geev(w.as_mut(), ev, None, Some(vr.as_mut()))
                            .expect("geev")
                    },
                    BatchSize::LargeInput,
                );
            });
        }
    }
    g.finish();
}

fn eigen(c: &mut Criterion) {
    let engines = compare::engines("eigen");
    syevd::<f32>(c, &engines);
    syevd::<f64>(c, &engines);
    geev::<f32>(c, &engines);
    geev::<f64>(c, &engines);
}

criterion_group!(benches, eigen);
criterion_main!(benches);
