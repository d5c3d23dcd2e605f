//! The OpenBLAS profile against Debian's OpenBLAS builds (`scripts/install-backends.sh`).
//! `LINMUX_REQUIRE_BACKENDS` containing `openblas` turns a load failure into a
//! test failure; otherwise it is reported on stderr as NOT TESTED.

use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::profile;
use linmux_core::{Backend, IntWidth, Origin, ThreadCapability, ThreadScope};
use linmux_loader::LoadSpec;

fn faer() -> Arc<dyn Backend> {
    Arc::new(linmux_faer::FaerBackend::new())
}

fn loaded(r: linmux_core::Result<Arc<dyn Backend>>, what: &str) -> Option<Arc<dyn Backend>> {
    match r {
        Ok(b) => Some(b),
        Err(e) if linmux_testkit::vendors::required(linmux_openblas::DESCRIPTOR.name) => {
            panic!("required backend openblas ({what}) cannot be loaded: {e}")
        }
        Err(e) => {
            eprintln!("NOT TESTED: openblas ({what}) is not available (not required): {e}");
            None
        }
    }
}

/// The count the library itself reports, read through a second handle of the
/// same file (dlopen returns the same instance).
fn vendor_getter(path: &std::path::Path) -> i32 {
    // SAFETY: an OpenBLAS library, already loaded by the profile.
    let v = unsafe { linmux_loader::load(&LoadSpec::new([path]).deep_bind(true)) }.expect("reopen");
    let g = v
        .extras()
        .openblas_get_num_threads
        .expect("openblas_get_num_threads");
    // SAFETY: `int openblas_get_num_threads(void)`.
    unsafe { g() }
}

fn path_of(b: &dyn Backend) -> PathBuf {
    match &b.info().origin {
        Origin::Loaded(p) => p[0].clone(),
        o => panic!("not loaded: {o:?}"),
    }
}

#[test]
fn default_search_loads_and_describes_itself() {
    let Some(b) = loaded(linmux_openblas::load(faer()), "default search") else {
        return;
    };
    let info = b.info();
    eprintln!("openblas: {info:?}");
    assert_eq!(info.name, "openblas");
    assert_eq!(info.vendor, "OpenBLAS");
    let version = info.version.as_deref().expect("version");
    assert!(
        version.starts_with("0.") || version.starts_with(char::is_numeric),
        "{version}"
    );
    let config = info.config.as_deref().expect("config");
    assert!(
        config.starts_with("OpenBLAS ") && config.contains("; core="),
        "{config}"
    );
    assert_eq!(info.int_width, IntWidth::Lp64);
    assert_eq!(info.symbol_suffix.as_deref(), Some(""));
    assert!(["pthreads", "openmp", "sequential"].contains(&info.threading.as_str()));
    assert_eq!(info.lapack_provider, None);
    linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{e}"));
}

struct Build {
    dir: &'static str,
    file: &'static str,
    threading: &'static str,
    width: IntWidth,
}

const BUILDS: [Build; 4] = [
    Build {
        dir: "openblas-pthread",
        file: "libopenblas.so.0",
        threading: "pthreads",
        width: IntWidth::Lp64,
    },
    Build {
        dir: "openblas-openmp",
        file: "libopenblas.so.0",
        threading: "openmp",
        width: IntWidth::Lp64,
    },
    Build {
        dir: "openblas-serial",
        file: "libopenblas.so.0",
        threading: "sequential",
        width: IntWidth::Lp64,
    },
    Build {
        dir: "openblas64-pthread",
        file: "libopenblas64.so.0",
        threading: "pthreads",
        width: IntWidth::Ilp64,
    },
];

#[test]
fn every_debian_build_threads_round_trip() {
    let Some(dir) = profile::multiarch_dir() else {
        return;
    };
    for build in &BUILDS {
        let path = dir.join(build.dir).join(build.file);
        let Some(b) = loaded(
            linmux_openblas::load_from(std::slice::from_ref(&path), faer()),
            build.dir,
        ) else {
            continue;
        };
        let info = b.info();
        eprintln!("{}: {info:?}", build.dir);
        assert_eq!(info.threading, build.threading, "{}", build.dir);
        assert_eq!(info.int_width, build.width, "{}", build.dir);
        // Origins are the files actually mapped (symlinks resolved).
        assert_eq!(
            path_of(&*b),
            std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone())
        );
        let t = b.threads();
        match build.threading {
            "sequential" => {
                assert_eq!(t.capability(), ThreadCapability::None);
                assert_eq!(t.get(), 1);
                t.set(4).expect("clamped set");
                assert_eq!(t.get(), 1);
            }
            layer => {
                assert_eq!(t.capability(), ThreadCapability::Exact { max: Some(64) });
                let scope = if layer == "openmp" {
                    ThreadScope::CallingThread
                } else {
                    ThreadScope::Process
                };
                assert_eq!(t.scope(), scope);
                t.set(1).expect("set 1");
                assert_eq!(t.get(), 1);
                assert_eq!(
                    vendor_getter(&path),
                    1,
                    "{}: the library's own getter",
                    build.dir
                );
                t.set(2).expect("set 2");
                assert_eq!(t.get(), 2);
                assert_eq!(
                    vendor_getter(&path),
                    2,
                    "{}: the library's own getter",
                    build.dir
                );
                t.set(1000).expect("clamped to MAX_THREADS");
                assert_eq!(vendor_getter(&path), 64);
                t.set(2).expect("set 2");
                assert!(t.set(0).is_err());
            }
        }
        linmux_testkit::vendors::self_check(&*b).unwrap_or_else(|e| panic!("{}: {e}", build.dir));
        // The count still holds after a call from this thread.
        if build.threading != "sequential" {
            assert_eq!(t.get(), 2, "{}", build.dir);
        }
    }
}
