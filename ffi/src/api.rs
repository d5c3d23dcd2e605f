//! Version, engines, backend selection and threads.

use std::cell::RefCell;
use std::ffi::{CStr, c_char};

use linmux_core::Error;
use lm::select::KNOWN_BACKENDS;
use lm::threads::ThreadLimit;
use lm::{Engine, Origin};

use crate::boundary::{Failure, Result, run};

/// An engine: one backend, usable side by side with others. Opaque to C.
#[derive(Debug)]
pub struct LinmuxEngine {
    engine: Engine,
}

/// The engine a call runs on: the caller's, or the current one for NULL.
pub(crate) enum EngineRef<'a> {
    Borrowed(&'a Engine),
    Current(Engine),
}

impl std::ops::Deref for EngineRef<'_> {
    type Target = Engine;
    fn deref(&self) -> &Engine {
        match self {
            EngineRef::Borrowed(e) => e,
            EngineRef::Current(e) => e,
        }
    }
}

/// The engine behind `engine`, or the current engine when it is NULL.
///
/// # Safety
/// `engine` is NULL or a live pointer from [`linmux_engine_new`].
pub(crate) unsafe fn engine_of<'a>(engine: *const LinmuxEngine) -> Result<EngineRef<'a>> {
    // SAFETY: NULL or live, by the caller's contract.
    match unsafe { engine.as_ref() } {
        Some(e) => Ok(EngineRef::Borrowed(&e.engine)),
        None => Ok(EngineRef::Current(lm::current_engine()?)),
    }
}

/// A C string argument as UTF-8.
///
/// # Safety
/// `s` is NULL or a valid NUL-terminated string.
pub(crate) unsafe fn str_arg<'a>(s: *const c_char, arg: &'static str) -> Result<&'a str> {
    if s.is_null() {
        return Err(Failure::Null(arg));
    }
    // SAFETY: non-NULL and NUL-terminated by the caller's contract.
    let c = unsafe { CStr::from_ptr(s) };
    c.to_str()
        .map_err(|_| Error::invalid(arg, "not valid UTF-8").into())
}

/// Copies `text` and a NUL into `buf` if `len` bytes suffice; stores the
/// bytes needed (NUL included) in `*needed` either way.
///
/// # Safety
/// `buf` is NULL or valid for `len` bytes of writes; `needed` NULL or valid.
pub(crate) unsafe fn write_text(
    text: &str,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> Result<()> {
    let need = text.len() + 1;
    if !needed.is_null() {
        // SAFETY: non-NULL and valid by the caller's contract.
        unsafe { needed.write(need) };
    }
    if len < need {
        return Err(Failure::BufferTooSmall {
            arg: "buf",
            needed: need,
        });
    }
    if buf.is_null() {
        return Err(Failure::Null("buf"));
    }
    // SAFETY: `buf` holds at least `need` bytes; the source is a distinct
    // Rust string.
    unsafe {
        std::ptr::copy_nonoverlapping(text.as_ptr(), buf.cast::<u8>(), text.len());
        buf.add(text.len()).write(0);
    }
    Ok(())
}

/// The library's version, `"MAJOR.MINOR.PATCH"` (static, never NULL). It
/// equals `LINMUX_VERSION_STRING` of the header it was built with.
#[unsafe(no_mangle)]
pub extern "C" fn linmux_version() -> *const c_char {
    concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
}

/// Creates an engine for `selection` (a backend name, a comma-separated
/// list tried in order, a library path, or `"auto"`) into `*out`. Free it
/// with `linmux_engine_free`.
///
/// # Safety
/// `selection` is a NUL-terminated string; `out` is valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_engine_new(
    selection: *const c_char,
    out: *mut *mut LinmuxEngine,
) -> i32 {
    run(|| {
        if out.is_null() {
            return Err(Failure::Null("out"));
        }
        // SAFETY: by the caller's contract.
        let sel = unsafe { str_arg(selection, "selection") }?;
        let engine = Engine::with_backend(sel)?;
        let ptr = Box::into_raw(Box::new(LinmuxEngine { engine }));
        // SAFETY: `out` is non-NULL and valid by the caller's contract.
        unsafe { out.write(ptr) };
        Ok(())
    })
}

/// Frees an engine from `linmux_engine_new`. NULL is ignored.
///
/// # Safety
/// `engine` is NULL or from `linmux_engine_new`, and not used afterwards.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_engine_free(engine: *mut LinmuxEngine) {
    let _ = run(|| {
        if !engine.is_null() {
            // SAFETY: from Box::into_raw in linmux_engine_new, freed once.
            drop(unsafe { Box::from_raw(engine) });
        }
        Ok(())
    });
}

/// Makes `selection` the process-wide backend: calls given a NULL engine
/// (and the `cblas_*` exports) run on it from now on.
///
/// # Safety
/// `selection` is a NUL-terminated string.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_backend_set(selection: *const c_char) -> i32 {
    run(|| {
        // SAFETY: by the caller's contract.
        let sel = unsafe { str_arg(selection, "selection") }?;
        lm::set_default_engine(Engine::with_backend(sel)?);
        Ok(())
    })
}

/// The name of `engine`'s backend (the current backend's for NULL) into
/// `buf` (`len` bytes); `*needed` receives the size needed, NUL included.
///
/// # Safety
/// `engine` NULL or live; `buf` valid for `len` bytes; `needed` NULL or valid.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_backend_name(
    engine: *const LinmuxEngine,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> i32 {
    run(|| {
        // SAFETY: by the caller's contract.
        let e = unsafe { engine_of(engine) }?;
        // SAFETY: by the caller's contract.
        unsafe { write_text(&e.info().name, buf, len, needed) }
    })
}

/// Every backend name this build knows, comma-separated, into `buf`.
///
/// # Safety
/// As `linmux_backend_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_backends_known(
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> i32 {
    run(|| {
        // SAFETY: by the caller's contract.
        unsafe { write_text(&KNOWN_BACKENDS.join(","), buf, len, needed) }
    })
}

/// The known backends that load on this machine, comma-separated, into
/// `buf` (each is loaded once to find out).
///
/// # Safety
/// As `linmux_backend_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_backends_available(
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> i32 {
    run(|| {
        let names: Vec<&str> = KNOWN_BACKENDS
            .iter()
            .copied()
            .filter(|n| Engine::with_backend(n).is_ok())
            .collect();
        // SAFETY: by the caller's contract.
        unsafe { write_text(&names.join(","), buf, len, needed) }
    })
}

/// `engine`'s backend (the current one for NULL) as JSON: name, vendor,
/// version, config, origin, paths, integer width, threading, LAPACK
/// provider, why it was chosen, threads. Written into `buf` if `len` bytes
/// suffice; `*needed` receives the size needed, NUL included
/// (`LINMUX_STATUS_BUFFER_TOO_SMALL` otherwise, `buf` untouched).
///
/// # Safety
/// As `linmux_backend_name`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_backend_info(
    engine: *const LinmuxEngine,
    buf: *mut c_char,
    len: usize,
    needed: *mut usize,
) -> i32 {
    run(|| {
        // SAFETY: by the caller's contract.
        let e = unsafe { engine_of(engine) }?;
        // SAFETY: by the caller's contract.
        unsafe { write_text(&info_json(&e), buf, len, needed) }
    })
}

fn info_json(e: &Engine) -> String {
    let i = e.info();
    let paths: Vec<String> = match &i.origin {
        Origin::Loaded(p) => p.iter().map(|p| p.display().to_string()).collect(),
        _ => Vec::new(),
    };
    let origin = match &i.origin {
        Origin::Embedded => "embedded",
        Origin::Loaded(_) => "loaded",
        Origin::Linked => "linked",
        _ => "other",
    };
    let t = e.thread_info();
    serde_json::json!({
        "name": i.name,
        "vendor": i.vendor,
        "version": i.version,
        "config": i.config,
        "origin": origin,
        "paths": paths,
        "int_width": i.int_width.as_str(),
        "symbol_suffix": i.symbol_suffix,
        "threading": i.threading,
        "lapack_provider": i.lapack_provider,
        "why": e.selection_reason(),
        "threads": {
            "count": t.count,
            "source": format!("{:?}", t.source),
            "size_policy": t.size_policy.map(|p| p.to_string()),
        },
        "linmux_version": env!("CARGO_PKG_VERSION"),
    })
    .to_string()
}

/// Sets the thread count of every engine (and of engines created later).
#[unsafe(no_mangle)]
pub extern "C" fn linmux_threads_set(n: usize) -> i32 {
    run(|| Ok(lm::threads::set(n)?))
}

/// The thread count calls on `engine` (the current engine for NULL) use from
/// this thread, into `*out`.
///
/// # Safety
/// `engine` NULL or live; `out` valid for a write.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn linmux_threads_get(engine: *const LinmuxEngine, out: *mut usize) -> i32 {
    run(|| {
        if out.is_null() {
            return Err(Failure::Null("out"));
        }
        // SAFETY: by the caller's contract.
        let e = unsafe { engine_of(engine) }?;
        let n = e.thread_info().count;
        // SAFETY: non-NULL, valid by the caller's contract.
        unsafe { out.write(n) };
        Ok(())
    })
}

thread_local! {
    static LIMITS: RefCell<Vec<ThreadLimit>> = const { RefCell::new(Vec::new()) };
}

/// Limits every engine to `n` threads until the matching
/// `linmux_threads_pop_limit` on this thread (limits nest).
#[unsafe(no_mangle)]
pub extern "C" fn linmux_threads_push_limit(n: usize) -> i32 {
    run(|| {
        let guard = lm::threads::limit(n)?;
        LIMITS.with(|l| l.borrow_mut().push(guard));
        Ok(())
    })
}

/// Ends this thread's innermost `linmux_threads_push_limit`, restoring the
/// counts before it. `LINMUX_STATUS_INVALID_ARGUMENT` if none is in force.
#[unsafe(no_mangle)]
pub extern "C" fn linmux_threads_pop_limit() -> i32 {
    run(|| {
        let guard = LIMITS.with(|l| l.borrow_mut().pop());
        match guard {
            Some(g) => {
                drop(g);
                Ok(())
            }
            None => {
                Err(Error::invalid("limit", "no thread limit is in force on this thread").into())
            }
        }
    })
}
