//! The thread API over every required backend. One test function: `set`
//! changes process-wide state, so its steps must not interleave.

use linmux::threads::{self, ThreadSource};
use linmux::{Engine, ThreadScope};
use linmux_conformance::required_engines;

#[test]
fn set_get_limit_and_scopes() {
    let engines = required_engines();
    let cores = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .max(2);

    threads::set(cores).unwrap();
    for e in &engines {
        let t = e.thread_info();
        assert_eq!(
            (t.count, t.source),
            (cores, ThreadSource::Explicit),
            "{}",
            t.backend
        );
    }
    // An engine created after an explicit set starts with that count.
    let late = Engine::with_backend("faer").unwrap();
    assert_eq!(late.thread_info().count, cores);
    assert_eq!(late.thread_info().source, ThreadSource::Explicit);

    {
        let _outer = threads::limit(1).unwrap();
        for e in &engines {
            assert_eq!(e.thread_info().count, 1, "{}", e.info().name);
            assert_eq!(e.thread_info().source, ThreadSource::ScopedLimit);
        }
        {
            let _inner = threads::limit(2).unwrap();
            assert!(engines.iter().all(|e| e.thread_info().count == 2));
        }
        assert!(
            engines.iter().all(|e| e.thread_info().count == 1),
            "nested guard did not restore"
        );

        // What another thread sees while this one holds a limit depends on the
        // backend's declared limit scope: check the declaration is true.
        std::thread::scope(|s| {
            for e in &engines {
                let seen = s.spawn(|| e.thread_info().count).join().unwrap();
                match e.thread_info().limit_scope {
                    ThreadScope::CallingThread => {
                        assert_eq!(seen, cores, "{} leaked a thread-local limit", e.info().name)
                    }
                    ThreadScope::Process => {
                        assert_eq!(seen, 1, "{} claims a process-wide limit", e.info().name)
                    }
                }
            }
        });
    }
    for e in &engines {
        let t = e.thread_info();
        assert_eq!(
            (t.count, t.source),
            (cores, ThreadSource::Explicit),
            "limit not restored on {}",
            t.backend
        );
    }

    // The current-engine view agrees with the engine's own.
    let cur = linmux::current_engine().unwrap();
    assert_eq!(threads::get().unwrap(), cur.thread_info().count);
    assert_eq!(threads::info().unwrap().backend, cur.info().name);
}
