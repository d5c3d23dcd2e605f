//! FFTW3's interface as a provider, over FFTW itself (`fftw`) or over
//! Intel MKL's FFTW3 wrappers in `libmkl_rt` (`mkl`).
//!
//! Plans are made with `FFTW_ESTIMATE` (no measuring runs), for 16-byte
//! aligned rows when every row of the batch is aligned and with
//! `FFTW_UNALIGNED` otherwise, for one row: in place for complex transforms, out of
//! place for real ones, and every row is run through the new-array
//! executors, which FFTW documents as the only thread-safe calls, so one
//! cached plan serves every thread at once. Everything else (planning,
//! `plan_with_nthreads`, `destroy_plan`, `init_threads`) holds [`PLANNER`].

use core::ffi::{c_char, c_int, c_void};
use std::path::PathBuf;
use std::ptr::NonNull;
use std::sync::{Arc, Mutex, PoisonError};

use linmux_core::{Error, Result, ScalarKind, c32, c64};
use linmux_loader::{
    FFTW_BACKWARD, FFTW_DESTROY_INPUT, FFTW_ESTIMATE, FFTW_FORWARD, FFTW_UNALIGNED, FftwPlan,
    FftwTable, FftwThreadsTable, FftwfTable, FftwfThreadsTable, Library, LoadError, SymbolSuffix,
    Visibility,
};

use crate::provider::{Direction, PlanCache, PlanKey, PlanKind, Provider, ProviderInfo, rows};

/// Serializes every FFTW planner call in the process, whichever library.
static PLANNER: Mutex<()> = Mutex::new(());

/// A single transform at least this long may be threaded inside the library
/// when it is the whole batch (shorter ones are not worth a thread).
pub(crate) const THREADED_MIN_LEN: usize = 1 << 15;

/// The planner flags of a key: no measuring runs; any alignment unless the
/// rows are aligned (FFTW's SIMD codelets need 16-byte alignment, and an
/// `FFTW_UNALIGNED` plan runs without them: about twice as slow measured).
fn flags(aligned: bool) -> core::ffi::c_uint {
    if aligned {
        FFTW_ESTIMATE
    } else {
        FFTW_ESTIMATE | FFTW_UNALIGNED
    }
}

/// FFTW's SIMD alignment.
const ALIGN: usize = 16;

/// Whether every row of a batch starting at `p`, `row_bytes` apart, is aligned.
fn rows_aligned<T>(p: *const T, row_len: usize) -> bool {
    (p as usize).is_multiple_of(ALIGN) && (row_len * size_of::<T>()).is_multiple_of(ALIGN)
}

/// Zeroed scratch of at least `len` values of `T`, 16-byte aligned, for the
/// planner (which, with `FFTW_ESTIMATE`, neither reads nor writes it).
struct PlanBuf(Vec<u128>);

impl PlanBuf {
    /// # Errors
    /// [`Error::OutOfMemory`] when `len` values cannot be allocated.
    fn new<T>(len: usize) -> Result<Self> {
        let bytes = len.checked_mul(size_of::<T>()).ok_or(Error::OutOfMemory {
            what: "fft plan buffer",
            rows: len,
            cols: 1,
            elem_bytes: size_of::<T>(),
        })?;
        Ok(Self(linmux_core::try_vec(
            0u128,
            bytes.div_ceil(16).max(1),
        )?))
    }
    fn ptr<T>(&mut self) -> *mut T {
        self.0.as_mut_ptr().cast::<T>()
    }
}

/// One FFTW plan. It owns nothing but the plan; the library that made it is
/// never unloaded (opened with `unload_on_drop == false`).
struct Plan {
    ptr: NonNull<c_void>,
    destroy: unsafe extern "C" fn(FftwPlan),
}

// SAFETY: a plan is not modified by the new-array executors (FFTW manual,
// "Thread safety"), the only calls made on it outside `PLANNER`; MKL
// documents its FFTW3 wrappers as thread-safe too.
unsafe impl Send for Plan {}
// SAFETY: as above.
unsafe impl Sync for Plan {}

impl Drop for Plan {
    fn drop(&mut self) {
        let _g = PLANNER.lock().unwrap_or_else(PoisonError::into_inner);
        // SAFETY: the plan came from this library's planner and is destroyed
        // once, under the planner lock.
        unsafe { (self.destroy)(self.ptr.as_ptr()) };
    }
}

fn length(n: usize) -> Result<c_int> {
    c_int::try_from(n).map_err(|_| {
        Error::invalid_owned(
            "n",
            format!("transform length {n} exceeds FFTW's int ({})", c_int::MAX),
        )
    })
}

macro_rules! precision {
    ($name:ident, $table:ident, $threads:ident, $real:ty, $cplx:ty, $kind:expr) => {
        struct $name {
            // Plans first: they are destroyed before the tables go.
            c2c: PlanCache<Arc<Plan>>,
            r2c: PlanCache<Arc<Plan>>,
            c2r: PlanCache<Arc<Plan>>,
            t: $table,
            threads: Option<$threads>,
            provider: &'static str,
        }

        impl $name {
            fn new(t: $table, threads: Option<$threads>, provider: &'static str) -> Self {
                Self {
                    c2c: PlanCache::default(),
                    r2c: PlanCache::default(),
                    c2r: PlanCache::default(),
                    t,
                    threads,
                    provider,
                }
            }

            fn len(&self) -> usize {
                self.c2c.len() + self.r2c.len() + self.c2r.len()
            }

            /// Threads for a batch of `rows` rows of length `n`.
            fn inner_threads(&self, rows: usize, n: usize, threads: usize) -> usize {
                if rows == 1 && n >= THREADED_MIN_LEN && self.threads.is_some() {
                    threads.max(1)
                } else {
                    1
                }
            }

            fn plan(
                &self,
                cache: &PlanCache<Arc<Plan>>,
                key: PlanKey,
                routine: &'static str,
                make: impl FnOnce() -> Result<FftwPlan>,
            ) -> Result<Arc<Plan>> {
                cache.get_or_build(key, || {
                    let _g = PLANNER.lock().unwrap_or_else(PoisonError::into_inner);
                    if let Some(th) = &self.threads {
                        let nt = c_int::try_from(key.threads).unwrap_or(1);
                        // SAFETY: `void plan_with_nthreads(int)`, under the planner lock.
                        unsafe { (th.plan_with_nthreads)(nt) };
                    }
                    let p = make()?;
                    NonNull::new(p)
                        .map(|ptr| {
                            Arc::new(Plan {
                                ptr,
                                destroy: self.t.destroy_plan,
                            })
                        })
                        .ok_or_else(|| Error::Backend {
                            backend: self.provider.to_owned(),
                            routine,
                            detail: format!("the planner returned no plan for n = {}", key.len),
                        })
                })
            }

            fn key(n: usize, kind: PlanKind, threads: usize, aligned: bool) -> PlanKey {
                PlanKey {
                    len: n,
                    kind,
                    precision: $kind,
                    threads,
                    aligned,
                    howmany: 1,
                }
            }

            fn c2c(
                &self,
                n: usize,
                data: &mut [$cplx],
                dir: Direction,
                threads: usize,
            ) -> Result<usize> {
                let r = rows(n, data.len(), n, None)?;
                let ni = length(n)?;
                let nt = self.inner_threads(r, n, threads);
                let sign = match dir {
                    Direction::Forward => FFTW_FORWARD,
                    Direction::Inverse => FFTW_BACKWARD,
                };
                let aligned = rows_aligned(data.as_ptr(), n);
                // A batch is planned as one (`plan_many_dft`) where the
                // library has it: one execution per batch, not per row
                // (MKL's wrappers cost microseconds per execution).
                if let (Some(many), Ok(hm)) = (self.t.plan_many_dft, c_int::try_from(r))
                    && r > 1
                {
                    let key = PlanKey {
                        howmany: r,
                        ..Self::key(n, PlanKind::C2c(dir), nt, aligned)
                    };
                    let plan = self.plan(&self.c2c, key, "plan_many_dft", || {
                        let mut buf = PlanBuf::new::<$cplx>(n.saturating_mul(r))?;
                        let p = buf.ptr::<$cplx>();
                        // SAFETY: `buf` holds r rows of n complex values
                        // back to back, 16-byte aligned; FFTW_ESTIMATE
                        // neither reads nor writes it; rank 1, length
                        // `ni`, `hm` rows at distance `ni`, unit stride,
                        // in place; null embeds mean the rows are packed.
                        Ok(unsafe {
                            many(
                                1,
                                &ni,
                                hm,
                                p,
                                std::ptr::null(),
                                1,
                                ni,
                                p,
                                std::ptr::null(),
                                1,
                                ni,
                                sign,
                                flags(aligned),
                            )
                        })
                    })?;
                    let p = data.as_mut_ptr();
                    // SAFETY: an in-place plan of `r` packed rows of n,
                    // run in place on `data`, which is exactly that
                    // (checked by `rows`), with the planned alignment.
                    unsafe { (self.t.execute_dft)(plan.ptr.as_ptr(), p, p) };
                    return Ok(nt);
                }
                let plan = self.plan(
                    &self.c2c,
                    Self::key(n, PlanKind::C2c(dir), nt, aligned),
                    "plan_dft_1d",
                    || {
                        let mut buf = PlanBuf::new::<$cplx>(n)?;
                        let p = buf.ptr::<$cplx>();
                        // SAFETY: `buf` holds `n` complex values, 16-byte
                        // aligned; FFTW_ESTIMATE neither reads nor writes
                        // it; in == out plans in place.
                        Ok(unsafe { (self.t.plan_dft_1d)(ni, p, p, sign, flags(aligned)) })
                    },
                )?;
                for row in data.chunks_exact_mut(n) {
                    let p = row.as_mut_ptr();
                    // SAFETY: an in-place plan of length n, run in place on a
                    // row of n values, planned for this row's alignment.
                    unsafe { (self.t.execute_dft)(plan.ptr.as_ptr(), p, p) };
                }
                Ok(nt)
            }

            fn r2c(
                &self,
                n: usize,
                x: &mut [$real],
                y: &mut [$cplx],
                threads: usize,
            ) -> Result<usize> {
                let h = n / 2 + 1;
                let r = rows(n, x.len(), n, Some((y.len(), h)))?;
                let ni = length(n)?;
                let nt = self.inner_threads(r, n, threads);
                let aligned = rows_aligned(x.as_ptr(), n) && rows_aligned(y.as_ptr(), h);
                let plan = self.plan(
                    &self.r2c,
                    Self::key(n, PlanKind::R2c, nt, aligned),
                    "plan_dft_r2c_1d",
                    || {
                        let mut a = PlanBuf::new::<$real>(n)?;
                        let mut b = PlanBuf::new::<$cplx>(h)?;
                        // SAFETY: `a` holds n reals and `b` n/2+1 complex
                        // values, apart and aligned; FFTW_ESTIMATE does not
                        // touch them.
                        Ok(unsafe {
                            (self.t.plan_dft_r2c_1d)(
                                ni,
                                a.ptr::<$real>(),
                                b.ptr::<$cplx>(),
                                flags(aligned),
                            )
                        })
                    },
                )?;
                for (xr, yr) in x.chunks_exact_mut(n).zip(y.chunks_exact_mut(h)) {
                    // SAFETY: an out-of-place plan of length n on disjoint
                    // rows of n reals and n/2+1 complex values, planned for
                    // their alignment.
                    unsafe {
                        (self.t.execute_dft_r2c)(
                            plan.ptr.as_ptr(),
                            xr.as_mut_ptr(),
                            yr.as_mut_ptr(),
                        )
                    };
                }
                Ok(nt)
            }

            fn c2r(
                &self,
                n: usize,
                x: &mut [$cplx],
                y: &mut [$real],
                threads: usize,
            ) -> Result<usize> {
                let h = n / 2 + 1;
                let r = rows(n, y.len(), n, Some((x.len(), h)))?;
                let ni = length(n)?;
                let nt = self.inner_threads(r, n, threads);
                let aligned = rows_aligned(x.as_ptr(), h) && rows_aligned(y.as_ptr(), n);
                let plan = self.plan(
                    &self.c2r,
                    Self::key(n, PlanKind::C2r, nt, aligned),
                    "plan_dft_c2r_1d",
                    || {
                        let mut a = PlanBuf::new::<$cplx>(h)?;
                        let mut b = PlanBuf::new::<$real>(n)?;
                        // SAFETY: as for r2c, the other way round.
                        Ok(unsafe {
                            (self.t.plan_dft_c2r_1d)(
                                ni,
                                a.ptr::<$cplx>(),
                                b.ptr::<$real>(),
                                flags(aligned) | FFTW_DESTROY_INPUT,
                            )
                        })
                    },
                )?;
                for (xr, yr) in x.chunks_exact_mut(h).zip(y.chunks_exact_mut(n)) {
                    // SAFETY: as for r2c; the input row may be overwritten
                    // (FFTW_DESTROY_INPUT), which the trait allows.
                    unsafe {
                        (self.t.execute_dft_c2r)(
                            plan.ptr.as_ptr(),
                            xr.as_mut_ptr(),
                            yr.as_mut_ptr(),
                        )
                    };
                }
                Ok(nt)
            }
        }
    };
}

precision!(
    Double,
    FftwTable,
    FftwThreadsTable,
    f64,
    c64,
    ScalarKind::F64
);
precision!(
    Single,
    FftwfTable,
    FftwfThreadsTable,
    f32,
    c32,
    ScalarKind::F32
);

/// The FFTW3 interface of one vendor.
pub(crate) struct FftwProvider {
    info: ProviderInfo,
    double: Double,
    single: Single,
}

impl std::fmt::Debug for FftwProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FftwProvider")
            .field("info", &self.info)
            .field("cached_plans", &self.cached_plans())
            .finish()
    }
}

impl Provider for FftwProvider {
    fn info(&self) -> &ProviderInfo {
        &self.info
    }
    fn cached_plans(&self) -> usize {
        self.double.len() + self.single.len()
    }
    fn c2c_f64(&self, n: usize, d: &mut [c64], dir: Direction, t: usize) -> Result<usize> {
        self.double.c2c(n, d, dir, t)
    }
    fn c2c_f32(&self, n: usize, d: &mut [c32], dir: Direction, t: usize) -> Result<usize> {
        self.single.c2c(n, d, dir, t)
    }
    fn r2c_f64(&self, n: usize, x: &mut [f64], y: &mut [c64], t: usize) -> Result<usize> {
        self.double.r2c(n, x, y, t)
    }
    fn r2c_f32(&self, n: usize, x: &mut [f32], y: &mut [c32], t: usize) -> Result<usize> {
        self.single.r2c(n, x, y, t)
    }
    fn c2r_f64(&self, n: usize, x: &mut [c64], y: &mut [f64], t: usize) -> Result<usize> {
        self.double.c2r(n, x, y, t)
    }
    fn c2r_f32(&self, n: usize, x: &mut [c32], y: &mut [f32], t: usize) -> Result<usize> {
        self.single.c2r(n, x, y, t)
    }
}

fn open(
    role: &'static str,
    candidates: &[PathBuf],
    vis: Visibility,
) -> Result<Arc<Library>, LoadError> {
    // SAFETY: the candidates are FFTW (or MKL) runtimes or files the user named.
    unsafe { Library::open_first(role, candidates, vis, false) }.map(Arc::new)
}

fn env_or(var: &str, default: &str) -> Vec<PathBuf> {
    match std::env::var_os(var) {
        Some(p) if !p.is_empty() => vec![PathBuf::from(p)],
        _ => vec![PathBuf::from(default)],
    }
}

/// `init_threads`, then `make_planner_thread_safe` where the library has
/// it (FFTW ≥ 3.3.5; MKL does not export it): our planner calls hold
/// [`PLANNER`] anyway, but other code in the process that plans with the
/// same library does not take our lock. Returns (initialized, planner made
/// thread-safe).
fn init_threads(th: &Option<impl InitThreads>) -> (bool, bool) {
    let Some(th) = th else { return (false, false) };
    let _g = PLANNER.lock().unwrap_or_else(PoisonError::into_inner);
    if !th.init() {
        return (false, false);
    }
    (true, th.make_planner_thread_safe())
}

trait InitThreads {
    fn init(&self) -> bool;
    fn make_planner_thread_safe(&self) -> bool;
}

macro_rules! init_threads {
    ($table:ty) => {
        impl InitThreads for $table {
            fn init(&self) -> bool {
                // SAFETY: `int init_threads(void)`, under the planner lock.
                unsafe { (self.init_threads)() != 0 }
            }
            fn make_planner_thread_safe(&self) -> bool {
                let Some(f) = self.make_planner_thread_safe else {
                    return false;
                };
                // SAFETY: `void make_planner_thread_safe(void)`, after
                // `init_threads` succeeded, under the planner lock.
                unsafe { f() };
                true
            }
        }
    };
}
init_threads!(FftwThreadsTable);
init_threads!(FftwfThreadsTable);

fn mapped(lib: &Library, symbol: &str) -> String {
    lib.mapped_file(symbol)
        .unwrap_or_else(|| lib.path().to_path_buf())
        .display()
        .to_string()
}

/// Environment variables naming the FFTW files (one path each).
pub(crate) const FFTW_LIB_VARS: [(&str, &str); 4] = [
    ("LINMUX_FFTW_LIB", "libfftw3.so.3"),
    ("LINMUX_FFTWF_LIB", "libfftw3f.so.3"),
    ("LINMUX_FFTW_THREADS_LIB", "libfftw3_threads.so.3"),
    ("LINMUX_FFTWF_THREADS_LIB", "libfftw3f_threads.so.3"),
];

/// Loads FFTW: `libfftw3.so.3` and `libfftw3f.so.3` (required), their
/// `_threads` libraries (optional: without them a single transform is not
/// threaded), each opened `RTLD_LOCAL | RTLD_DEEPBIND` so that FFTW binds to
/// itself even where MKL has put `fftw_*` names in the global scope.
pub(crate) fn load_fftw() -> Result<FftwProvider, Vec<String>> {
    let hint = "install: apt-get install libfftw3-dev (Debian/Ubuntu), or set LINMUX_FFTW_LIB / LINMUX_FFTWF_LIB to the files";
    let err = |e: LoadError| vec![e.to_string(), hint.to_owned()];
    let [d, s, dt, st] = FFTW_LIB_VARS.map(|(var, file)| env_or(var, file));
    let dlib = open("fftw3 (double)", &d, Visibility::LocalDeepBind).map_err(err)?;
    let slib = open("fftw3f (single)", &s, Visibility::LocalDeepBind).map_err(err)?;
    // SAFETY: libfftw3 exports the FFTW3 C interface the table declares.
    let dt_table = unsafe { FftwTable::load(&dlib, SymbolSuffix::None) }.map_err(err)?;
    // SAFETY: as above, single precision.
    let st_table = unsafe { FftwfTable::load(&slib, SymbolSuffix::None) }.map_err(err)?;
    let dthreads = open("fftw3_threads", &dt, Visibility::LocalDeepBind)
        .ok()
        // SAFETY: libfftw3_threads exports fftw_init_threads / fftw_plan_with_nthreads.
        .and_then(|l| unsafe { FftwThreadsTable::load(&l, SymbolSuffix::None) }.ok());
    let sthreads = open("fftw3f_threads", &st, Visibility::LocalDeepBind)
        .ok()
        // SAFETY: as above, single precision.
        .and_then(|l| unsafe { FftwfThreadsTable::load(&l, SymbolSuffix::None) }.ok());
    let (dinit, dsafe) = init_threads(&dthreads);
    let (sinit, ssafe) = init_threads(&sthreads);
    let dthreads = dinit.then_some(dthreads).flatten();
    let sthreads = sinit.then_some(sthreads).flatten();
    let threaded = dthreads.is_some() && sthreads.is_some();
    let safe = dsafe && ssafe;
    let mut paths = vec![
        mapped(&dlib, "fftw_execute"),
        mapped(&slib, "fftwf_execute"),
    ];
    if let (Some(a), Some(b)) = (&dthreads, &sthreads) {
        paths.push(mapped(a.library(), "fftw_init_threads"));
        paths.push(mapped(b.library(), "fftwf_init_threads"));
    }
    let version = fftw_version(&dlib);
    Ok(FftwProvider {
        info: ProviderInfo {
            name: "fftw",
            vendor: "FFTW3",
            version,
            paths,
            threading: threading_text(threaded, "libfftw3_threads", safe),
        },
        double: Double::new(dt_table, dthreads, "fftw"),
        single: Single::new(st_table, sthreads, "fftw"),
    })
}

fn threading_text(threaded: bool, what: &str, planner_safe: bool) -> String {
    let planner = if planner_safe {
        "planner made thread-safe (make_planner_thread_safe) and serialized"
    } else {
        "planner serialized by linmux (no make_planner_thread_safe)"
    };
    if threaded {
        format!(
            "batches split across linmux threads; a single transform of n ≥ {THREADED_MIN_LEN} planned with {what}; {planner}"
        )
    } else {
        format!(
            "batches split across linmux threads; {what} not found: single transforms sequential; {planner}"
        )
    }
}

fn fftw_version(lib: &Library) -> Option<String> {
    // SAFETY: `fftw_version` is a `const char[]`: its address, read as a
    // pointer-sized value, is a pointer to that NUL-terminated string; no
    // call is made through it.
    let p = unsafe { lib.optional::<*const c_char>("fftw_version") }?;
    // SAFETY: FFTW's version string is NUL-terminated and static.
    let s = unsafe { core::ffi::CStr::from_ptr(p) };
    Some(s.to_string_lossy().into_owned())
}

type MklVersion = unsafe extern "C" fn(*mut c_char, c_int);

/// Loads MKL's FFTW3 wrappers from `libmkl_rt`, found as the MKL backend
/// finds it (`LINMUX_MKL_LIB`, `MKLROOT`, `.vendor/mkl`, ...), after
/// opening `libm.so.6` globally (MKL's core needs it).
pub(crate) fn load_mkl() -> Result<FftwProvider, Vec<String>> {
    let hint = linmux_mkl::DESCRIPTOR.install_hint;
    let err = |e: LoadError| vec![e.to_string(), hint.to_owned()];
    open("libm", &[PathBuf::from("libm.so.6")], Visibility::Global).map_err(err)?;
    let lib = open("mkl", &linmux_mkl::candidates(), Visibility::Local).map_err(err)?;
    // SAFETY: libmkl_rt exports FFTW3's interface (its FFTW3 wrappers).
    let d = unsafe { FftwTable::load(&lib, SymbolSuffix::None) }.map_err(err)?;
    // SAFETY: as above, single precision.
    let s = unsafe { FftwfTable::load(&lib, SymbolSuffix::None) }.map_err(err)?;
    // SAFETY: as above.
    let dt = unsafe { FftwThreadsTable::load(&lib, SymbolSuffix::None) }.ok();
    // SAFETY: as above.
    let st = unsafe { FftwfThreadsTable::load(&lib, SymbolSuffix::None) }.ok();
    let (dinit, dsafe) = init_threads(&dt);
    let (sinit, ssafe) = init_threads(&st);
    let dt = dinit.then_some(dt).flatten();
    let st = sinit.then_some(st).flatten();
    let threaded = dt.is_some() && st.is_some();
    let safe = dsafe && ssafe;
    // Without its thread control, MKL's DFTI runs on its own default count:
    // `limit(1)` would not hold and batch splitting would oversubscribe.
    if !threaded {
        return Err(vec![
            format!(
                "{} has no usable fftw_plan_with_nthreads / fftwf_plan_with_nthreads: MKL's FFT thread count could not be controlled",
                lib.path().display()
            ),
            hint.to_owned(),
        ]);
    }
    // SAFETY: `void MKL_Get_Version_String(char*, int)`.
    let version = unsafe { lib.optional::<MklVersion>("MKL_Get_Version_String") }.and_then(|f| {
        let mut buf = [0 as c_char; 256];
        // SAFETY: writes at most 255 bytes; the last stays NUL.
        unsafe { f(buf.as_mut_ptr(), 255) };
        // SAFETY: NUL-terminated (see above).
        let s = unsafe { core::ffi::CStr::from_ptr(buf.as_ptr()) }
            .to_string_lossy()
            .into_owned();
        linmux_mkl::parse_version(&s)
    });
    Ok(FftwProvider {
        info: ProviderInfo {
            name: "mkl",
            vendor: "Intel MKL (FFTW3 wrappers over DFTI)",
            version,
            paths: vec![mapped(&lib, "fftw_execute_dft")],
            threading: threading_text(threaded, "MKL's fftw_plan_with_nthreads", safe),
        },
        double: Double::new(d, dt, "mkl"),
        single: Single::new(s, st, "mkl"),
    })
}
