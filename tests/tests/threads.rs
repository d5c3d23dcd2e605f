//! The thread API over every required backend. One test function: `set`
//! changes process-wide state, so its steps must not interleave.

use linmux::threads::{self, ThreadSource};
use linmux::{Engine, ThreadCapability, ThreadScope};
use linmux_conformance::required_engines;

/// The count a backend reports after being asked for `n`, per its declared
/// capability: exact counts are clamped to the maximum; on/off backends report
/// 1 or their multi-threaded count; fixed ones keep `fixed`.
fn expected(e: &Engine, n: usize, fixed: usize) -> usize {
    match e.thread_info().capability {
        ThreadCapability::Exact { max: Some(m) } => n.min(m),
        ThreadCapability::Exact { max: None } => n,
        ThreadCapability::OnOff if n == 1 => 1,
        _ => fixed,
    }
}

#[track_caller]
fn all_report(engines: &[Engine], fixed: &[usize], n: usize, source: ThreadSource, what: &str) {
    for (e, &f) in engines.iter().zip(fixed) {
        let t = e.thread_info();
        assert_eq!(
            (t.count, t.source),
            (expected(e, n, f), source),
            "{what} on {}",
            t.backend
        );
    }
}

#[test]
fn set_get_limit_and_scopes() {
    let engines = required_engines();
    let cores = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .max(2);
    // What fixed-capability backends report whatever is asked (Netlib: 1).
    let fixed: Vec<usize> = engines.iter().map(|e| e.thread_info().count).collect();

    threads::set(cores).unwrap();
    all_report(&engines, &fixed, cores, ThreadSource::Explicit, "set");
    // An engine created after an explicit set starts with that count.
    let late = Engine::with_backend("faer").unwrap();
    assert_eq!(
        (late.thread_info().count, late.thread_info().source),
        (cores, ThreadSource::Explicit)
    );

    {
        let _outer = threads::limit(1).unwrap();
        all_report(&engines, &fixed, 1, ThreadSource::ScopedLimit, "limit(1)");
        {
            let _inner = threads::limit(2).unwrap();
            all_report(
                &engines,
                &fixed,
                2,
                ThreadSource::ScopedLimit,
                "nested limit(2)",
            );
        }
        all_report(
            &engines,
            &fixed,
            1,
            ThreadSource::ScopedLimit,
            "after the nested guard",
        );

        // What another thread sees while this one holds a limit depends on the
        // backend's declared limit scope: check the declaration is true.
        std::thread::scope(|s| {
            for (e, &f) in engines.iter().zip(&fixed) {
                let seen = s.spawn(|| e.thread_info().count).join().unwrap();
                let want = match e.thread_info().limit_scope {
                    ThreadScope::CallingThread => expected(e, cores, f),
                    ThreadScope::Process => expected(e, 1, f),
                };
                assert_eq!(
                    seen,
                    want,
                    "{}: limit scope {:?} is not what it claims",
                    e.info().name,
                    e.thread_info().limit_scope
                );
            }
        });
    }
    all_report(
        &engines,
        &fixed,
        cores,
        ThreadSource::Explicit,
        "after the limit ended",
    );

    // A second engine on a vendor adopts the first one's (process-wide)
    // setting instead of resetting it.
    for e in engines
        .iter()
        .filter(|e| e.thread_info().scope == ThreadScope::Process && e.info().name != "faer")
    {
        if !matches!(e.thread_info().capability, ThreadCapability::Exact { .. }) {
            continue;
        }
        e.set_threads(1).unwrap();
        let second = Engine::with_backend(&e.info().name).unwrap();
        assert_eq!(
            (e.thread_info().count, second.thread_info().count),
            (1, 1),
            "{}",
            e.info().name
        );
        assert_eq!(
            second.thread_info().source,
            ThreadSource::Explicit,
            "{}",
            e.info().name
        );
        e.set_threads(cores).unwrap();
    }

    // The current-engine view agrees with the engine's own.
    let cur = linmux::current_engine().unwrap();
    assert_eq!(threads::get().unwrap(), cur.thread_info().count);
    assert_eq!(threads::info().unwrap().backend, cur.info().name);
}
