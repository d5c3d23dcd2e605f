//! C and C++ clients of liblinmux: compiled with `-Wall -Wextra -Werror
//! -pedantic` against `include/`, linked to the library cargo built for
//! this test run (a dev-dependency), and run — on every required backend in
//! a child process each, under AddressSanitizer and UBSan, and against the
//! static library. Also: the exported symbols equal the header's
//! declarations, and the version macros equal Cargo.toml's.
#![forbid(unsafe_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The directory holding the liblinmux.so built for this run: the test
/// binary lives in `<target>/<profile>/deps`, where cargo puts the
/// dev-dependency's cdylib; `<target>/<profile>` holds one built directly.
/// The newer wins.
fn lib_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let exe = std::env::current_exe().expect("test executable path");
        let deps = exe.parent().expect("deps dir").to_path_buf();
        let profile = deps.parent().expect("profile dir").to_path_buf();
        let mtime = |d: &Path| {
            std::fs::metadata(d.join("liblinmux.so"))
                .and_then(|m| m.modified())
                .ok()
        };
        let best = [deps, profile]
            .into_iter()
            .filter_map(|d| mtime(&d).map(|t| (t, d)))
            .max_by_key(|(t, _)| *t)
            .map(|(_, d)| d);
        best.expect("liblinmux.so not found next to the test binary: build linmux-ffi")
    })
}

/// Where the clients are built, with `liblinmux.so` and its SONAME
/// `liblinmux.so.0` as links to the library under test.
fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let d = lib_dir().join("c-clients");
        std::fs::create_dir_all(&d).expect("scratch dir");
        for name in ["liblinmux.so", "liblinmux.so.0"] {
            let link = d.join(name);
            let _ = std::fs::remove_file(&link);
            std::os::unix::fs::symlink(lib_dir().join("liblinmux.so"), &link).expect("symlink");
        }
        d
    })
}

fn show(o: &Output) -> String {
    format!(
        "status {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status,
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Compiles `sources` (paths under tests/c) into `out` with strict
/// warnings and `extra` flags, linked to liblinmux.
fn compile(cxx: bool, sources: &[&str], out: &str, extra: &[&str]) -> PathBuf {
    let dir = scratch();
    let exe = dir.join(out);
    let mut cmd = Command::new(if cxx { "c++" } else { "cc" });
    cmd.arg(if cxx { "-std=c++17" } else { "-std=c99" })
        .args(["-Wall", "-Wextra", "-Werror", "-pedantic", "-g"])
        .arg("-I")
        .arg(root().join("include"))
        .arg("-I")
        .arg(root().join("tests/c"));
    for s in sources {
        cmd.arg(root().join("tests/c").join(s));
    }
    cmd.args(extra)
        .arg("-o")
        .arg(&exe)
        .arg("-L")
        .arg(dir)
        .arg("-llinmux")
        .arg(format!("-Wl,-rpath,{}", dir.display()))
        .arg("-lm");
    let o = cmd.output().expect("run the C compiler");
    assert!(
        o.status.success(),
        "compiling {sources:?} failed:\n{}",
        show(&o)
    );
    exe
}

/// The backends every test must run on (`LINMUX_REQUIRE_BACKENDS`), faer
/// when unset.
fn required_backends() -> Vec<String> {
    std::env::var("LINMUX_REQUIRE_BACKENDS")
        .ok()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| String::from("faer"))
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

fn run(exe: &Path, backend: &str, args: &[String], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(exe);
    cmd.args(args).env("LINMUX_BACKEND", backend);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run the C client")
}

fn expect_ok(o: &Output, backend: &str) {
    assert!(o.status.success(), "on {backend}:\n{}", show(o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains(&format!("backend: {backend}\n")),
        "LINMUX_BACKEND={backend} did not select it:\n{}",
        show(o)
    );
}

#[test]
fn c99_api_on_every_required_backend() {
    let exe = compile(false, &["api.c"], "api_c99", &[]);
    let all = required_backends();
    for b in &all {
        // The faer run also uses every required backend side by side.
        let args = if b == "faer" { all.clone() } else { Vec::new() };
        expect_ok(&run(&exe, b, &args, &[]), b);
    }
}

#[test]
fn c99_api_under_address_and_undefined_sanitizers() {
    let exe = compile(
        false,
        &["api.c"],
        "api_c99_asan",
        &[
            "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all",
            "-fno-omit-frame-pointer",
        ],
    );
    // One vendor per process: under ASan vendors are opened without
    // RTLD_DEEPBIND (the sanitizer refuses it), so they must not meet.
    let env = [
        ("ASAN_OPTIONS", "detect_leaks=0:abort_on_error=0"),
        ("UBSAN_OPTIONS", "print_stacktrace=1"),
        ("LINMUX_TEST_ONE_VENDOR", "1"),
    ];
    for b in required_backends() {
        expect_ok(&run(&exe, &b, &[], &env), &b);
    }
}

#[test]
fn cpp17_client() {
    let exe = compile(true, &["api.cpp"], "api_cpp17", &[]);
    for b in required_backends() {
        expect_ok(&run(&exe, &b, &[], &[]), &b);
    }
}

#[test]
fn static_library_links_and_runs() {
    let a = lib_dir().join("liblinmux.a");
    let exe = scratch().join("api_c99_static");
    let o = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg("-I")
        .arg(root().join("include"))
        .arg("-I")
        .arg(root().join("tests/c"))
        .arg(root().join("tests/c/api.c"))
        .arg("-o")
        .arg(&exe)
        .arg(&a)
        .args(["-lpthread", "-ldl", "-lm"])
        .output()
        .expect("cc");
    assert!(o.status.success(), "static link failed:\n{}", show(&o));
    let ldd = Command::new("ldd").arg(&exe).output().expect("ldd");
    assert!(
        !String::from_utf8_lossy(&ldd.stdout).contains("liblinmux"),
        "the static client must not need liblinmux.so"
    );
    expect_ok(&run(&exe, "faer", &[], &[]), "faer");
}

/// Function names a header declares (`name(` after a type).
fn declared(header: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("include").join(header)).expect("header");
    let mut names = BTreeSet::new();
    for line in text.lines() {
        let line = line.trim();
        if line.starts_with('#') || line.starts_with('*') || line.starts_with("/*") {
            continue;
        }
        if let Some(open) = line.find('(') {
            let head = &line[..open];
            if let Some(name) = head.rsplit([' ', '*']).next()
                && (name.starts_with("linmux_")
                    || name.starts_with("cblas_")
                    || name.starts_with("LAPACKE_"))
                && head.contains(' ')
            {
                names.insert(name.to_owned());
            }
        }
    }
    names
}

#[test]
fn exported_symbols_equal_the_header_declarations() {
    let o = Command::new("nm")
        .args(["-D", "--defined-only"])
        .arg(lib_dir().join("liblinmux.so"))
        .output()
        .expect("nm");
    assert!(o.status.success(), "{}", show(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    let mut functions = BTreeSet::new();
    let mut others = Vec::new();
    for line in text.lines() {
        let mut f = line.split_whitespace().rev();
        let (Some(name), Some(kind)) = (f.next(), f.next()) else {
            continue;
        };
        if kind == "T" {
            functions.insert(name.to_owned());
        } else {
            others.push(line.to_owned());
        }
    }
    let mut header = declared("linmux.h");
    header.extend(declared("linmux/cblas.h"));
    header.extend(declared("linmux/lapacke.h"));
    let missing: Vec<_> = header.difference(&functions).collect();
    let extra: Vec<_> = functions.difference(&header).collect();
    assert!(missing.is_empty(), "declared but not exported: {missing:?}");
    assert!(extra.is_empty(), "exported but not declared: {extra:?}");
    // No Fortran BLAS/LAPACK names (dgemm_) and no stray data symbols.
    assert!(
        !functions.iter().any(|n| n.ends_with('_')),
        "a Fortran-style name is exported"
    );
    let allowed_data = ["RowMajorStrg", "CBLAS_CallFromC"];
    for o in &others {
        assert!(
            allowed_data.iter().any(|d| o.ends_with(d)),
            "unexpected export: {o}"
        );
    }
    assert!(
        header.len() > 250,
        "only {} declarations found",
        header.len()
    );
}

#[test]
fn version_macros_equal_cargo_toml() {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).expect("Cargo.toml");
    let version = toml
        .lines()
        .skip_while(|l| l.trim() != "[workspace.package]")
        .find_map(|l| l.trim().strip_prefix("version = "))
        .map(|v| v.trim_matches('"').to_owned())
        .expect("workspace version");
    let header = std::fs::read_to_string(root().join("include/linmux.h")).expect("header");
    let def = |name: &str| {
        header
            .lines()
            .find_map(|l| l.strip_prefix(&format!("#define {name} ")))
            .map(|v| v.trim().trim_matches('"').to_owned())
            .unwrap_or_else(|| panic!("{name} not defined"))
    };
    assert_eq!(def("LINMUX_VERSION_STRING"), version);
    let parts: Vec<&str> = version.split('.').collect();
    assert_eq!(def("LINMUX_VERSION_MAJOR"), parts[0]);
    assert_eq!(def("LINMUX_VERSION_MINOR"), parts[1]);
    assert_eq!(def("LINMUX_VERSION_PATCH"), parts[2]);
}

#[test]
fn the_library_has_a_soname() {
    let o = Command::new("readelf")
        .arg("-d")
        .arg(lib_dir().join("liblinmux.so"))
        .output()
        .expect("readelf");
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("Library soname: [liblinmux.so.0]"),
        "{}",
        show(&o)
    );
}

#[test]
fn cblas_known_results_xerbla_positions_and_override_on_every_backend() {
    let exe = compile(false, &["cblas.c"], "cblas_c99", &[]);
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[]);
        assert!(o.status.success(), "on {b}:\n{}", show(&o));
    }
    let exe = compile(
        false,
        &["cblas.c"],
        "cblas_c99_asan",
        &["-fsanitize=address,undefined", "-fno-sanitize-recover=all"],
    );
    let o = run(&exe, "faer", &[], &[("ASAN_OPTIONS", "detect_leaks=0")]);
    assert!(o.status.success(), "under ASan:\n{}", show(&o));
}

#[test]
fn cblas_gemm_every_type_layout_and_transpose_on_every_backend() {
    // The pass-through to a vendor's own cblas_?gemm and the engine's path
    // (faer, ILP64, the size policies' serial ranges) against one naive
    // product.
    let exe = compile(false, &["cblas_gemm.c"], "cblas_gemm", &[]);
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[]);
        assert!(o.status.success(), "on {b}:\n{}", show(&o));
    }
}

#[test]
fn cblas_default_xerbla_prints_and_returns() {
    let exe = compile(false, &["cblas_default_xerbla.c"], "cblas_default", &[]);
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[]);
        assert!(o.status.success(), "on {b}:\n{}", show(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        // The default handler maps the row-major position back, as the reference's.
        assert!(
            err.contains("Parameter 4 to routine cblas_dgemm was incorrect"),
            "{err}"
        );
        assert!(
            err.contains("Parameter 9 to routine cblas_dgemm was incorrect"),
            "{err}"
        );
        assert!(String::from_utf8_lossy(&o.stdout).contains("returned"));
    }
}

#[test]
fn lapacke_exports_on_every_backend() {
    let exe = compile(false, &["lapacke.c"], "lapacke_c99", &[]);
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[]);
        assert!(o.status.success(), "on {b}:\n{}", show(&o));
    }
    let exe = compile(
        false,
        &["lapacke.c"],
        "lapacke_c99_asan",
        &["-fsanitize=address,undefined", "-fno-sanitize-recover=all"],
    );
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[("ASAN_OPTIONS", "detect_leaks=0")]);
        assert!(o.status.success(), "under ASan on {b}:\n{}", show(&o));
    }
}

#[test]
fn fft_exports_on_every_backend() {
    let exe = compile(false, &["fft.c"], "fft_c99", &[]);
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[]);
        assert!(o.status.success(), "on {b}:\n{}", show(&o));
    }
    let exe = compile(
        false,
        &["fft.c"],
        "fft_c99_asan",
        &["-fsanitize=address,undefined", "-fno-sanitize-recover=all"],
    );
    let o = run(&exe, "faer", &[], &[("ASAN_OPTIONS", "detect_leaks=0")]);
    assert!(o.status.success(), "under ASan:\n{}", show(&o));
}

/// `linmux_threads_*` on each backend, in a child process each, against
/// the vendor's own count.
#[test]
fn thread_control_reaches_every_vendor() {
    let exe = compile(false, &["threads.c"], "threads_c99", &[]);
    for b in required_backends() {
        let o = run(&exe, &b, &[], &[]);
        assert!(o.status.success(), "on {b}:\n{}", show(&o));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains(&format!("backend: {b}\n")),
            "{}",
            show(&o)
        );
    }
}

/// MKL's error path never reaches the program's `cblas_xerbla`, and MKL
/// keeps liblinmux's xerbla handler (when MKL is a required backend).
#[test]
fn mkl_errors_never_reach_the_global_cblas_xerbla() {
    if !required_backends().iter().any(|b| b == "mkl") {
        return;
    }
    let exe = compile(false, &["mkl_xerbla.c"], "mkl_xerbla_c99", &[]);
    let o = run(&exe, "mkl", &[], &[]);
    assert!(o.status.success(), "on mkl:\n{}", show(&o));
}

/// The fuzz driver under ASan and UBSan: `LINMUX_FUZZ_CALLS` calls (10⁵ by
/// default) on faer, and a tenth of that on every other required backend.
#[test]
fn fuzz_the_c_exports_under_sanitizers() {
    let exe = compile(
        false,
        &["fuzz.c"],
        "fuzz_asan",
        &[
            "-O1",
            "-fsanitize=address,undefined",
            "-fno-sanitize-recover=all",
        ],
    );
    let calls: u64 = std::env::var("LINMUX_FUZZ_CALLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    for b in required_backends() {
        let n = if b == "faer" {
            calls
        } else {
            (calls / 10).max(1000)
        };
        let o = run(
            &exe,
            &b,
            &[String::from("7"), n.to_string()],
            &[("ASAN_OPTIONS", "detect_leaks=0")],
        );
        assert!(o.status.success(), "fuzzing on {b}:\n{}", show(&o));
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(&format!("fuzz: {n} calls made")), "{out}");
    }
}

/// `scripts/install-c.sh` into a scratch prefix, from the library built for
/// this run.
fn installed_prefix() -> &'static Path {
    static PREFIX: OnceLock<PathBuf> = OnceLock::new();
    PREFIX.get_or_init(|| {
        let prefix = lib_dir().join("c-install");
        let _ = std::fs::remove_dir_all(&prefix);
        let o = Command::new("bash")
            .arg(root().join("scripts/install-c.sh"))
            .arg(format!("PREFIX={}", prefix.display()))
            .env("LIB_DIR", lib_dir())
            .output()
            .expect("install-c.sh");
        assert!(o.status.success(), "install-c.sh failed:\n{}", show(&o));
        prefix
    })
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn examples_build_through_pkg_config_and_run_on_every_backend() {
    let prefix = installed_prefix();
    for f in [
        "lib/liblinmux.so.0",
        "lib/liblinmux.a",
        "include/linmux.h",
        "include/linmux/cblas.h",
        "include/linmux/lapacke.h",
        "lib/pkgconfig/linmux.pc",
        "lib/cmake/linmux/linmuxConfig.cmake",
    ] {
        assert!(prefix.join(f).exists(), "{f} not installed");
    }
    assert!(
        have("pkg-config"),
        "pkg-config is required (scripts/install-backends.sh installs it)"
    );
    let pc = Command::new("pkg-config")
        .args(["--cflags", "--libs", "linmux"])
        .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
        .output()
        .expect("pkg-config");
    assert!(pc.status.success(), "{}", show(&pc));
    let flags: Vec<String> = String::from_utf8_lossy(&pc.stdout)
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    let rpath = format!("-Wl,-rpath,{}", prefix.join("lib").display());
    let out = scratch().join("example_c_pkgconfig");
    let o = Command::new("cc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg(root().join("examples/c/app.c"))
        .args(&flags)
        .args([rpath.as_str(), "-lm", "-o"])
        .arg(&out)
        .output()
        .expect("cc");
    assert!(o.status.success(), "{}", show(&o));
    let cxx = scratch().join("example_cpp_pkgconfig");
    let o = Command::new("c++")
        .args(["-std=c++17", "-Wall", "-Wextra", "-Werror", "-pedantic"])
        .arg(root().join("examples/cpp/app.cpp"))
        .args(&flags)
        .args([rpath.as_str(), "-o"])
        .arg(&cxx)
        .output()
        .expect("c++");
    assert!(o.status.success(), "{}", show(&o));
    let all = required_backends();
    for b in &all {
        expect_ok(&run(&out, b, &[], &[]), b);
        expect_ok(&run(&cxx, b, &all, &[]), b);
    }
}

#[test]
fn examples_build_through_cmake_find_package() {
    assert!(
        have("cmake"),
        "cmake is required (scripts/install-backends.sh installs it)"
    );
    let prefix = installed_prefix();
    for (lang, dir) in [("c", "examples/c"), ("cpp", "examples/cpp")] {
        let build = scratch().join(format!("cmake-{lang}"));
        let _ = std::fs::remove_dir_all(&build);
        let o = Command::new("cmake")
            .arg("-S")
            .arg(root().join(dir))
            .arg("-B")
            .arg(&build)
            .arg(format!("-DCMAKE_PREFIX_PATH={}", prefix.display()))
            .output()
            .expect("cmake");
        assert!(
            o.status.success(),
            "cmake configure ({lang}):\n{}",
            show(&o)
        );
        let o = Command::new("cmake")
            .arg("--build")
            .arg(&build)
            .output()
            .expect("cmake --build");
        assert!(o.status.success(), "cmake build ({lang}):\n{}", show(&o));
        expect_ok(&run(&build.join("app"), "faer", &[], &[]), "faer");
    }
}

/// GSL's BLAS and linear-algebra examples give the same output linked
/// `-lgsl -llinmux` as `-lgsl -lgslcblas`, and their CBLAS calls bind to
/// liblinmux.
#[test]
fn gsl_examples_link_against_linmux_with_unchanged_results() {
    assert!(
        Path::new("/usr/include/gsl/gsl_blas.h").exists(),
        "libgsl-dev is required (scripts/install-backends.sh installs it)"
    );
    for ex in ["blas", "linalg"] {
        let src = root().join(format!("examples/gsl/{ex}.c"));
        let build = |libs: &[&str], name: &str| {
            let exe = scratch().join(name);
            let mut cmd = Command::new("cc");
            cmd.args(["-std=c99", "-Wall", "-Wextra", "-Werror"])
                .arg(&src)
                .arg("-o")
                .arg(&exe)
                .arg("-L")
                .arg(scratch())
                .arg(format!("-Wl,-rpath,{}", scratch().display()))
                .arg("-Wl,--no-as-needed")
                .args(libs)
                .arg("-lm");
            let o = cmd.output().expect("cc");
            assert!(o.status.success(), "{}", show(&o));
            exe
        };
        let reference = build(&["-lgsl", "-lgslcblas"], &format!("gsl_{ex}_gslcblas"));
        let ours = build(&["-lgsl", "-llinmux"], &format!("gsl_{ex}_linmux"));
        let want = Command::new(&reference).output().expect("run");
        assert!(want.status.success(), "{}", show(&want));
        for b in required_backends() {
            let got = run(
                &ours,
                &b,
                &[],
                &[
                    ("LD_DEBUG", "bindings"),
                    (
                        "LD_DEBUG_OUTPUT",
                        &scratch().join(format!("ld-{ex}-{b}")).display().to_string(),
                    ),
                ],
            );
            assert!(got.status.success(), "{}", show(&got));
            assert_eq!(
                String::from_utf8_lossy(&got.stdout),
                String::from_utf8_lossy(&want.stdout),
                "GSL {ex} on {b}"
            );
            // Every cblas_ symbol libgsl binds resolves into liblinmux.
            let log: String = std::fs::read_dir(scratch())
                .expect("scratch")
                .filter_map(Result::ok)
                .filter(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with(&format!("ld-{ex}-{b}."))
                })
                .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                .collect();
            let binds: Vec<&str> = log
                .lines()
                .filter(|l| l.contains("libgsl.so") && l.contains("`cblas_"))
                .collect();
            assert!(
                !binds.is_empty(),
                "no cblas binding from libgsl seen on {b}"
            );
            for l in &binds {
                assert!(
                    l.contains("liblinmux"),
                    "GSL's CBLAS call not served by liblinmux: {l}"
                );
            }
            for e in std::fs::read_dir(scratch())
                .expect("scratch")
                .filter_map(Result::ok)
            {
                if e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("ld-{ex}-{b}."))
                {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }
}
