//! The tuned router (`LINMUX_BACKEND=tuned`) over every required backend:
//! calls go where the profile says for their operation and size class, as
//! provenance shows; results stay right whichever backend serves; explicit
//! thread limits bound the profile's thread counts.

use std::sync::Arc;

use linmux::tuned::{BackendPrint, Candidate, Fingerprint, Profile, Route, Router};
use linmux::{Backend, Engine, Mat, Routine, ScalarKind, Trans, Uplo};

/// The tests set thread counts of process-wide libraries (OpenBLAS, BLIS):
/// one at a time.
fn serial() -> std::sync::MutexGuard<'static, ()> {
    static LOCK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    LOCK.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Every required backend (faer first), each loaded once for the router.
fn backends() -> Vec<Arc<dyn Backend>> {
    linmux_conformance::required_engines()
        .iter()
        .map(|e| e.backend().clone())
        .collect()
}

fn route(routine: Routine, n: usize, backend: &str, threads: usize) -> Route {
    let best = Candidate {
        backend: backend.to_owned(),
        threads,
        seconds: 1e-3,
    };
    Route {
        routine,
        n,
        candidates: vec![best.clone()],
        best,
    }
}

fn profile(backends: &[Arc<dyn Backend>], routes: Vec<Route>) -> Profile {
    Profile {
        linmux: linmux::VERSION.to_owned(),
        machine: Fingerprint::current(
            backends
                .iter()
                .map(|b| BackendPrint::of(b.info()))
                .collect(),
        ),
        routes,
    }
}

fn naive(a: &Mat<f64>, b: &Mat<f64>) -> Mat<f64> {
    Mat::from_fn(a.nrows(), b.ncols(), |i, j| {
        (0..a.ncols()).map(|k| a[(i, k)] * b[(k, j)]).sum()
    })
}

fn random(m: usize, n: usize, seed: u64) -> Mat<f64> {
    let mut rng = linmux_testkit::Rng::new(seed);
    linmux_testkit::data::random_mat(&mut rng, m, n)
}

/// `gemm` of order `4·4^i` goes to backend `i`: one size class per backend.
fn sizes(count: usize) -> Vec<usize> {
    (0..count).map(|i| 4 << (2 * i)).collect()
}

#[test]
fn every_call_goes_where_the_profile_says_and_provenance_names_it() {
    let _serial = serial();
    let backends = backends();
    let names: Vec<String> = backends.iter().map(|b| b.info().name.clone()).collect();
    if names.len() < 2 {
        eprintln!("NOT TESTED: routing between backends (only faer is required)");
    }
    let ns = sizes(names.len().min(5));
    let routes = ns
        .iter()
        .zip(&names)
        .map(|(&n, name)| route(Routine::Gemm, n, name, 1))
        .collect();
    let router = Arc::new(Router::new(profile(&backends, routes), backends.clone()).unwrap());
    let engine = Engine::from_router(router.clone());
    assert_eq!(engine.info().name, "tuned");
    for (i, &n) in ns.iter().enumerate() {
        // The first and last size of the class both go to backend i.
        for m in [
            n,
            (2 * n - 1).min(ns.get(i + 1).map_or(usize::MAX, |x| x - 1)),
        ] {
            assert_eq!(router.route(Routine::Gemm, m).0, names[i], "gemm n={m}");
        }
        let (a, b) = (random(n, 3, 1), random(3, n, 2));
        let mut c = Mat::<f64>::zeros(n, n);
        engine
            .gemm(
                Trans::No,
                Trans::No,
                1.0,
                a.as_ref(),
                b.as_ref(),
                0.0,
                c.as_mut(),
            )
            .unwrap();
        let want = naive(&a, &b);
        for j in 0..n {
            for r in 0..n {
                assert!(
                    (c[(r, j)] - want[(r, j)]).abs() <= 1e-13,
                    "{} n={n}",
                    names[i]
                );
            }
        }
    }
    // trsm, never measured, follows gemm's routes (its family's representative).
    let n = ns[ns.len() - 1];
    let t = Mat::from_fn(n, n, |i, j| {
        if i == j {
            2.0
        } else if i > j {
            0.5 / n as f64
        } else {
            0.0
        }
    });
    let mut x = random(n, 2, 3);
    engine
        .trsm(
            linmux::Side::Left,
            Uplo::Lower,
            Trans::No,
            linmux::Diag::NonUnit,
            1.0,
            t.as_ref(),
            x.as_mut(),
        )
        .unwrap();
    let p = engine.provenance();
    for name in names.iter().take(ns.len()) {
        assert_eq!(
            p.count(name, Routine::Gemm, ScalarKind::F64),
            1,
            "{name}: {p:?}"
        );
    }
    assert_eq!(
        p.count(&names[ns.len() - 1], Routine::Trsm, ScalarKind::F64),
        1,
        "{p:?}"
    );
    assert_eq!(
        p.entries.iter().map(|e| e.count).sum::<u64>(),
        ns.len() as u64 + 1
    );
    engine.reset_provenance();
    assert!(engine.provenance().entries.is_empty());
}

#[test]
fn lapack_calls_are_routed_and_named_by_their_provider() {
    let _serial = serial();
    let backends = backends();
    let last = backends[backends.len() - 1].info().clone();
    let routes = vec![
        route(Routine::Potrf, 8, "faer", 1),
        route(Routine::Potrf, 128, &last.name, 2),
    ];
    let router = Arc::new(Router::new(profile(&backends, routes), backends.clone()).unwrap());
    let engine = Engine::from_router(router);
    for n in [10, 130] {
        let g = random(n, n, 5);
        let mut a = Mat::from_fn(n, n, |i, j| {
            g[(i, j)] + g[(j, i)] + if i == j { 2.0 * n as f64 } else { 0.0 }
        });
        engine.potrf(Uplo::Lower, a.as_mut()).unwrap();
        assert!(a[(n - 1, n - 1)] > 0.0);
    }
    let p = engine.provenance();
    let provider = last.lapack_provider.as_deref().unwrap_or(&last.name);
    assert_eq!(
        p.count(provider, Routine::Potrf, ScalarKind::F64),
        1 + u64::from(provider == "faer"),
        "{p:?}"
    );
    assert_eq!(
        p.count("faer", Routine::Potrf, ScalarKind::F64) + u64::from(provider != "faer"),
        2,
        "{p:?}"
    );
}

#[test]
fn explicit_thread_limits_bound_the_profile() {
    let _serial = serial();
    let backends = backends();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let names: Vec<String> = backends.iter().map(|b| b.info().name.clone()).collect();
    // gemm and potrf from n = 256 (faer runs products below 256 and LAPACK
    // below 150 on one thread whatever its count, and the router then sets
    // none): gemm on the
    // second backend (a vendor when one is required), potrf on faer
    // (per-thread limits), both with every core.
    let vendor = names.get(1).unwrap_or(&names[0]).clone();
    let routes = vec![
        route(Routine::Gemm, 256, &vendor, cores),
        route(Routine::Potrf, 256, "faer", cores),
    ];
    let router = Arc::new(Router::new(profile(&backends, routes), backends.clone()).unwrap());
    let engine = Engine::from_router(router.clone());
    let (a, b) = (random(256, 256, 7), random(256, 256, 8));
    let mut c = Mat::<f64>::zeros(256, 256);
    let mut spd = Mat::from_fn(256, 256, |i, j| if i == j { 256.0 } else { 0.01 });
    let vendor_threads = || {
        backends[names.iter().position(|n| *n == vendor).unwrap()]
            .threads()
            .get()
    };
    let faer_threads = || backends[0].threads().get();
    {
        let _one = linmux::threads::limit(1).unwrap();
        assert_eq!(router.route(Routine::Gemm, 256), (vendor.as_str(), 1));
        engine
            .gemm(
                Trans::No,
                Trans::No,
                1.0,
                a.as_ref(),
                b.as_ref(),
                0.0,
                c.as_mut(),
            )
            .unwrap();
        assert_eq!(
            vendor_threads(),
            1,
            "{vendor} ran the limited call with 1 thread"
        );
        engine.potrf(Uplo::Lower, spd.as_mut()).unwrap();
        assert_eq!(faer_threads(), 1, "faer ran the limited call with 1 thread");
    }
    assert_eq!(router.route(Routine::Gemm, 256), (vendor.as_str(), cores));
    engine
        .gemm(
            Trans::No,
            Trans::No,
            1.0,
            a.as_ref(),
            b.as_ref(),
            0.0,
            c.as_mut(),
        )
        .unwrap();
    if backends[names.iter().position(|n| *n == vendor).unwrap()]
        .threads()
        .capability()
        != linmux::ThreadCapability::None
    {
        assert_eq!(
            vendor_threads(),
            cores,
            "{vendor}: the profile's count once the limit is gone"
        );
    }
    // An explicit count on the router engine bounds the profile too.
    engine.set_threads(1).unwrap();
    assert_eq!(router.route(Routine::Gemm, 256).1, 1);
    engine.set_threads(cores).unwrap();
}

/// Every operation through a router whose routes send each family to a
/// different backend per size class: the conformance suite's properties
/// and small edge cases (its large and hard cases run on every backend in
/// tests/tests/conformance.rs; routing forwards the same arguments).
#[test]
fn a_routed_engine_meets_the_contract_on_every_operation() {
    let _serial = serial();
    let backends = backends();
    let names: Vec<String> = backends.iter().map(|b| b.info().name.clone()).collect();
    let mut routes = Vec::new();
    for (k, routine) in [Routine::Dot, Routine::Gemv, Routine::Gemm, Routine::Getrf]
        .into_iter()
        .enumerate()
    {
        for (i, n) in [1, 4, 16].into_iter().enumerate() {
            let name = &names[(k + i) % names.len()];
            routes.push(route(routine, n, name, 2));
        }
    }
    let router = Arc::new(Router::new(profile(&backends, routes), backends.clone()).unwrap());
    let engine = Engine::from_router(router);
    let subject = linmux_conformance::EngineSubject::new(&engine);
    linmux_testkit::conformance::with_cases(4, || {
        linmux_testkit::conformance::without_large_and_hard(|| {
            linmux_testkit::conformance::assert_all(&subject);
        });
    });
    let p = engine.provenance();
    for name in names.iter().take(3) {
        assert!(p.total(name) > 0, "{name} served nothing: {p:?}");
    }
}
