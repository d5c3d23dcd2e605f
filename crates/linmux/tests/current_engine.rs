//! The current engine's fast path (`with_current_ops`: no thread-local for
//! scopes while none is alive, one for the cached default engine and the
//! thread's provenance block) stays exact: calls count on the engine that
//! is current when they run, across default changes, scopes on this and
//! other threads, explicit handles in between, re-entrant calls and new
//! threads. A file of its own: it changes the process-wide default.
#![forbid(unsafe_code)]

use linmux::{Engine, Routine, ScalarKind, set_default_engine, with_current, with_current_ops};

fn gemms(e: &Engine) -> u64 {
    e.provenance().count("faer", Routine::Gemm, ScalarKind::F64)
}

fn call() {
    with_current_ops::<f64, _>(|_, rec| rec.record(Routine::Gemm)).unwrap();
}

#[test]
fn calls_count_on_the_engine_current_when_they_run() {
    let e1 = Engine::with_backend("faer").unwrap();
    let e2 = Engine::with_backend("faer").unwrap();
    let e3 = Engine::with_backend("faer").unwrap();

    set_default_engine(e1.clone());
    for _ in 0..3 {
        call();
    }
    assert_eq!(gemms(&e1), 3);

    // A new default replaces the cached one at the next call.
    set_default_engine(e2.clone());
    call();
    assert_eq!((gemms(&e1), gemms(&e2)), (3, 1));

    // Counting on an explicit handle in between moves this thread's cached
    // block; the default's calls still count on the default.
    e3.dispatch::<f64>().1(Routine::Gemm);
    call();
    call();
    assert_eq!((gemms(&e2), gemms(&e3)), (3, 1));

    // A scope on this thread wins; on another thread (no scope there, but
    // one alive in the process) the default serves.
    {
        let _s = e3.scoped();
        call();
        std::thread::scope(|s| {
            s.spawn(|| {
                call();
                call();
            });
        });
        assert_eq!((gemms(&e2), gemms(&e3)), (5, 2));
    }
    call();
    assert_eq!((gemms(&e2), gemms(&e3)), (6, 2));

    // Re-entrant: a call made while a call runs on the current engine.
    with_current_ops::<f64, _>(|_, rec| {
        call();
        with_current(|e| assert!(e.same_as(&e2))).unwrap();
        rec.record(Routine::Gemm);
    })
    .unwrap();
    assert_eq!(gemms(&e2), 8);

    // Each thread's counts add up, from its first call.
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..250 {
                    call();
                }
            });
        }
    });
    assert_eq!(gemms(&e2), 1008);
    assert_eq!(gemms(&e1), 3);
}
