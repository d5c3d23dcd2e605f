//! Loader tests against fixture libraries compiled during the test run: no
//! vendor library needed.

use std::path::{Path, PathBuf};

use linmux_core::IntWidth;
use linmux_loader::fixtures::{Fixture, THREAD_SPY_C};
use linmux_loader::{LapackSource, LoadError, LoadSpec, LoadedVendor, SymbolSuffix, load};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("linmux-loader-fixtures")
}

fn build(f: &Fixture) -> PathBuf {
    match f.build(&dir()) {
        Ok(p) => p,
        Err(e) => panic!("cannot build fixture {}: {e}", f.name),
    }
}

fn load_spec(spec: &LoadSpec) -> Result<LoadedVendor, LoadError> {
    // SAFETY: fixtures are well-behaved libraries whose probe routines behave
    // as BLAS's; their other entries are never called.
    unsafe { load(spec) }
}

#[test]
fn complete_lp64_fixture_loads_with_everything() {
    let lib = build(&Fixture::new("fx_complete"));
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    let abi = v.abi();
    assert_eq!(abi.int_width, IntWidth::Lp64);
    assert_eq!(abi.suffix, SymbolSuffix::None);
    assert_eq!(abi.lapack_suffix, Some(SymbolSuffix::None));
    assert_eq!(abi.lapack_version, Some((3, 12, 1)));
    assert_eq!(abi.blas_path, lib);
    assert_eq!(abi.lapack_path.as_deref(), Some(lib.as_path()));
    let LoadedVendor::Lp64(v) = v else {
        panic!("not LP64")
    };
    assert!(v.cblas.missing_optional().is_empty());
    assert!(v.fortran_blas.missing_optional().is_empty());
    assert!(
        v.lapack
            .as_ref()
            .expect("lapack")
            .missing_optional()
            .is_empty()
    );
}

#[test]
fn missing_required_cblas_symbol_is_named() {
    let mut f = Fixture::new("fx_no_zgemm");
    f.omit.push("cblas_zgemm".into());
    let lib = build(&f);
    match load_spec(&LoadSpec::new([&lib])) {
        Err(LoadError::MissingSymbol {
            symbol,
            library,
            message,
        }) => {
            assert_eq!(symbol, "cblas_zgemm");
            assert_eq!(library, lib);
            assert!(message.contains("cblas_zgemm"), "{message}");
        }
        other => panic!("expected MissingSymbol, got {other:?}"),
    }
}

#[test]
fn missing_required_lapack_symbol_is_named() {
    let mut f = Fixture::new("fx_no_zgels");
    f.omit.push("zgels_".into());
    let lib = build(&f);
    let err = load_spec(&LoadSpec::new([&lib])).expect_err("must fail");
    assert!(
        matches!(&err, LoadError::MissingSymbol { symbol, .. } if symbol == "zgels_"),
        "{err:?}"
    );
    assert!(err.to_string().contains("zgels_"));
    assert!(err.to_string().contains("fx_no_zgels"));
}

#[test]
fn missing_optional_symbols_are_reported_absent() {
    let mut f = Fixture::new("fx_no_optional");
    f.optional = false;
    let lib = build(&f);
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    assert_eq!(v.abi().lapack_version, None, "no ilaver, no version");
    let LoadedVendor::Lp64(v) = v else {
        panic!("not LP64")
    };
    assert!(v.cblas.cblas_csscal.is_none());
    assert_eq!(
        v.cblas.missing_optional(),
        [
            "cblas_csscal",
            "cblas_zdscal",
            "cblas_saxpby",
            "cblas_daxpby",
            "cblas_crotg",
            "cblas_zrotg",
            "cblas_csrot",
            "cblas_zdrot"
        ]
    );
    assert_eq!(
        v.fortran_blas.missing_optional(),
        ["crotg", "zrotg", "csrot", "zdrot"]
    );
    assert_eq!(v.lapack.expect("lapack").missing_optional(), ["ilaver"]);
    assert!(v.extras.openblas_set_num_threads.is_none());
}

#[test]
fn ilp64_with_unsuffixed_names_is_detected_by_probing() {
    let mut f = Fixture::new("fx_ilp64_plain");
    f.int64 = true;
    let lib = build(&f);
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    assert_eq!(v.abi().int_width, IntWidth::Ilp64);
    assert_eq!(v.abi().suffix, SymbolSuffix::None);
    assert_eq!(v.abi().lapack_version, Some((3, 12, 1)));
    assert!(matches!(v, LoadedVendor::Ilp64(_)));
}

#[test]
fn only_fortran_or_only_cblas_probe_suffices() {
    for (name, omit) in [
        ("fx_ilp64_fortran_only", "cblas_isamax"),
        ("fx_ilp64_cblas_only", "isamax_"),
    ] {
        let mut f = Fixture::new(name);
        f.int64 = true;
        f.omit.push(omit.into());
        if omit == "cblas_isamax" {
            // cblas_isamax is a required entry: this one cannot load fully,
            // but the probe must still classify it before the table fails.
            let lib = build(&f);
            let err = load_spec(&LoadSpec::new([&lib])).expect_err("cblas_isamax is required");
            assert!(
                matches!(&err, LoadError::MissingSymbol { symbol, .. } if symbol == "cblas_isamax"),
                "{err:?}"
            );
        } else {
            let lib = build(&f);
            let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
            assert_eq!(v.abi().int_width, IntWidth::Ilp64);
        }
    }
}

#[test]
fn suffixed_symbols_are_found() {
    for (name, suffix, int64) in [
        ("fx_sfx_trailing64", SymbolSuffix::Trailing64, true),
        ("fx_sfx_underscore64", SymbolSuffix::Underscore64, true),
        ("fx_sfx_newlapack", SymbolSuffix::NewLapack, false),
        ("fx_sfx_newlapack_ilp64", SymbolSuffix::NewLapackIlp64, true),
        ("fx_sfx_scipy", SymbolSuffix::Scipy, false),
        ("fx_sfx_scipy64", SymbolSuffix::Scipy64, true),
    ] {
        let mut f = Fixture::new(name);
        f.suffix = suffix;
        f.int64 = int64;
        let lib = build(&f);
        let v = load_spec(&LoadSpec::new([&lib])).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(v.abi().suffix, suffix, "{name}");
        assert_eq!(v.abi().lapack_suffix, Some(suffix), "{name}");
        let want = if int64 {
            IntWidth::Ilp64
        } else {
            IntWidth::Lp64
        };
        assert_eq!(v.abi().int_width, want, "{name}");
    }
    // The names really carry the suffix.
    let src = {
        let mut f = Fixture::new("x");
        f.suffix = SymbolSuffix::NewLapackIlp64;
        f.c_source()
    };
    assert!(src.contains("\"cblas_dgemm$NEWLAPACK$ILP64\""));
    assert!(src.contains("\"dgetrf$NEWLAPACK$ILP64\""));
    let mut f = Fixture::new("x");
    f.suffix = SymbolSuffix::Scipy64;
    let src = f.c_source();
    assert!(src.contains("\"scipy_cblas_dgemm64_\""));
    assert!(src.contains("\"scipy_dgetrf_64_\""));
}

#[test]
fn scipy_builds_decorate_their_extras() {
    // scipy-openblas64 exports `scipy_openblas_get_config64_`, not
    // `openblas_get_config`: a vendor extra found under the library's own
    // decoration, and the undecorated name is not taken from it.
    let mut f = Fixture::new("fx_scipy64_extras");
    f.suffix = SymbolSuffix::Scipy64;
    f.int64 = true;
    f.extra_c = String::from(
        "const char *fx_cfg(void) __asm__(\"scipy_openblas_get_config64_\");\n\
         const char *fx_cfg(void) { return \"OpenBLAS 0.3.99 fixture\"; }\n\
         const char *fx_plain_cfg(void) __asm__(\"openblas_get_corename\");\n\
         const char *fx_plain_cfg(void) { return \"undecorated\"; }\n",
    );
    let lib = build(&f);
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    assert_eq!(v.abi().suffix, SymbolSuffix::Scipy64);
    assert_eq!(v.abi().int_width, IntWidth::Ilp64);
    let get = v.extras().openblas_get_config.expect("decorated extra");
    // SAFETY: the fixture's `const char *(void)` returns a static string.
    let text = unsafe { std::ffi::CStr::from_ptr(get()) };
    assert_eq!(text.to_str(), Ok("OpenBLAS 0.3.99 fixture"));
    assert!(v.extras().openblas_get_corename.is_none());
    assert_eq!(
        SymbolSuffix::parse("scipy_*64_"),
        Some(SymbolSuffix::Scipy64)
    );
}

#[test]
fn suffix_preference_order_is_respected() {
    // A library exporting both plain and $NEWLAPACK names (as Accelerate
    // does): the profile's order decides.
    let mut f = Fixture::new("fx_both_names");
    f.suffix = SymbolSuffix::NewLapack;
    f.extra_c = Fixture::new("inner")
        .c_source()
        .replace("#include <stddef.h>\ntypedef int fx_int;", "")
        .replace("fx_stub_", "fx_plain_")
        .replace("fx_isamax", "fx_plain_isamax")
        .replace("fx_cblas_isamax", "fx_plain_cblas_isamax")
        .replace("fx_ilaver", "fx_plain_ilaver")
        .replace("fx_amax", "fx_plain_amax")
        .replace("FX_AMAX", "FX_PLAIN_AMAX");
    let lib = build(&f);
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    assert_eq!(v.abi().suffix, SymbolSuffix::None);
    let spec = LoadSpec::new([&lib]).suffixes([SymbolSuffix::NewLapack, SymbolSuffix::None]);
    let v = load_spec(&spec).expect("loads");
    assert_eq!(v.abi().suffix, SymbolSuffix::NewLapack);
}

#[test]
fn blas_without_lapack_loads_without_lapack() {
    let mut f = Fixture::new("fx_blas_only");
    f.lapack = false;
    let lib = build(&f);
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    assert!(!v.has_lapack());
    assert_eq!(v.abi().lapack_path, None);
    let err =
        load_spec(&LoadSpec::new([&lib]).lapack(LapackSource::FromBlas)).expect_err("no LAPACK");
    assert!(matches!(err, LoadError::MissingSymbol { .. }), "{err:?}");
}

#[test]
fn lapack_from_a_second_library() {
    let mut b = Fixture::new("fx_blas_part");
    b.lapack = false;
    let blas = build(&b);
    let mut l = Fixture::new("fx_lapack_part");
    l.blas = false;
    let lapack = build(&l);
    let spec = LoadSpec::new([&blas]).lapack(LapackSource::Separate(vec![
        "/nonexistent/liblapack.so.3".into(),
        lapack.clone(),
    ]));
    let v = load_spec(&spec).expect("loads");
    assert!(v.has_lapack());
    assert_eq!(v.abi().blas_path, blas);
    assert_eq!(v.abi().lapack_path.as_deref(), Some(lapack.as_path()));
    assert_eq!(v.abi().lapack_version, Some((3, 12, 1)));

    // An ILP64 LAPACK next to an LP64 BLAS is refused, not mixed.
    let mut l64 = Fixture::new("fx_lapack_part64");
    l64.blas = false;
    l64.int64 = true;
    let lapack64 = build(&l64);
    let err = load_spec(&LoadSpec::new([&blas]).lapack(LapackSource::Separate(vec![lapack64])))
        .expect_err("mixed widths");
    assert!(matches!(err, LoadError::Probe { .. }), "{err:?}");
}

#[test]
fn open_failure_lists_every_path_and_dlerror() {
    let spec = LoadSpec::new([
        "/nonexistent/dir/libopenblas.so.0",
        "libdoes-not-exist-linmux.so.9",
    ]);
    match load_spec(&spec) {
        Err(LoadError::Open { role, attempts }) => {
            assert_eq!(role, "BLAS");
            assert_eq!(attempts.len(), 2);
            assert_eq!(
                attempts[0].path,
                Path::new("/nonexistent/dir/libopenblas.so.0")
            );
            assert!(
                attempts[0].message.contains("No such file"),
                "{}",
                attempts[0].message
            );
            assert!(
                attempts[1]
                    .message
                    .contains("libdoes-not-exist-linmux.so.9"),
                "{}",
                attempts[1].message
            );
            let e = LoadError::Open { role, attempts }.into_core("openblas");
            let text = e.to_string();
            assert!(text.contains("/nonexistent/dir/libopenblas.so.0"), "{text}");
        }
        other => panic!("expected Open, got {other:?}"),
    }
    let empty = load_spec(&LoadSpec::new(Vec::<PathBuf>::new())).expect_err("no candidates");
    assert!(empty.to_string().contains("no candidate"), "{empty}");
}

#[test]
fn not_a_blas_library_is_refused() {
    let mut f = Fixture::new("fx_nothing");
    f.blas = false;
    f.lapack = false;
    f.extra_c = "int fx_unrelated(void) { return 0; }\n".into();
    let lib = build(&f);
    let err = load_spec(&LoadSpec::new([&lib])).expect_err("not BLAS");
    assert!(
        matches!(&err, LoadError::NoSymbols { tried, .. } if tried.contains(&"cblas_isamax$NEWLAPACK".to_string())),
        "{err:?}"
    );
}

#[test]
fn contradictory_probes_are_an_error() {
    // Fortran isamax reads 32-bit integers, cblas_isamax 64-bit ones.
    let mut f = Fixture::new("fx_contradiction");
    f.omit.push("cblas_isamax".into());
    f.extra_c = "#include <stddef.h>\nsize_t cblas_isamax(long long n, const float *x, long long incx) { (void)x; (void)incx; return n <= 0 ? 0 : 1; }\n".into();
    let lib = build(&f);
    let err = load_spec(&LoadSpec::new([&lib])).expect_err("contradiction");
    assert!(
        matches!(&err, LoadError::Probe { detail, .. } if detail.contains("isamax_") && detail.contains("cblas_isamax")),
        "{err:?}"
    );
}

#[test]
fn thread_setter_spy_is_reachable_through_extras() {
    let mut f = Fixture::new("fx_spy");
    f.extra_c = THREAD_SPY_C.into();
    let lib = build(&f);
    let v = load_spec(&LoadSpec::new([&lib])).expect("loads");
    let x = v.extras();
    let (Some(set), Some(get)) = (x.openblas_set_num_threads, x.openblas_get_num_threads) else {
        panic!("spy setters not found");
    };
    assert!(x.MKL_Set_Num_Threads.is_none());
    // SAFETY: the spy's functions take and return plain ints.
    unsafe {
        assert_eq!(get(), 1);
        set(3);
        assert_eq!(get(), 3);
    }
}

#[test]
fn preload_global_opens_first_and_fails_cleanly() {
    let lib = build(&Fixture::new("fx_preload"));
    let spec = LoadSpec::new([&lib]).preload_global(["libm.so.6"]);
    let v = load_spec(&spec).expect("loads");
    assert_eq!(v.abi().preloaded, [PathBuf::from("libm.so.6")]);
    let spec = LoadSpec::new([&lib]).preload_global(["/nonexistent/libm.so.6"]);
    let err = load_spec(&spec).expect_err("preload missing");
    assert!(
        matches!(&err, LoadError::Open { role: "preload", attempts } if attempts.len() == 1),
        "{err:?}"
    );
}

#[test]
fn tables_can_be_unloaded() {
    let lib = build(&Fixture::new("fx_unload"));
    for _ in 0..3 {
        let v = load_spec(&LoadSpec::new([&lib]).keep_loaded(false)).expect("loads");
        drop(v);
    }
}
