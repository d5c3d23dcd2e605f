//! `linmux tune` writes a profile that `tuned` and `auto` route by; a
//! profile that is corrupt or from another machine is an error naming the
//! file (`tuned`) or a warning (`auto`), never a panic.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn linmux(args: &[&str], profile: &Path, env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linmux"));
    cmd.args(args);
    for var in ["LINMUX_BACKEND", "LINMUX_NUM_THREADS", "OMP_NUM_THREADS"] {
        cmd.env_remove(var);
    }
    cmd.env("LINMUX_PROFILE", profile);
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run linmux")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn info(profile: &Path, env: &[(&str, &str)]) -> (Value, Output) {
    let out = linmux(&["info", "--json"], profile, env);
    (
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null),
        out,
    )
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("linmux-tune-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn tune_writes_a_profile_that_tuned_and_auto_route_by() {
    let dir = scratch("ok");
    let profile = dir.join("profile.json");
    let out = linmux(
        &[
            "tune",
            "--quick",
            "--backends",
            "faer",
            "--ops",
            "gemm,potrf",
            "--no-progress",
            "--out",
            dir.to_str().unwrap(),
        ],
        &profile,
        &[],
    );
    let stdout = text(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", text(&out.stderr));
    assert!(stdout.contains("| gemm | 4 | faer×"), "{stdout}");
    assert!(stdout.contains("profile written to"), "{stdout}");
    for f in [
        "summary.md",
        "results.json",
        "tune-gemm.svg",
        "tune-potrf.svg",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let p: Value = serde_json::from_str(&std::fs::read_to_string(&profile).unwrap()).unwrap();
    assert_eq!(p["format"], "linmux-profile");
    assert_eq!(p["routes"].as_array().unwrap().len(), 10, "5 sizes × 2 ops");

    // auto picks the profile up; tuned asks for it.
    for env in [&[][..], &[("LINMUX_BACKEND", "tuned")][..]] {
        let (v, out) = info(&profile, env);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(v["selected"]["name"], "tuned", "{v:#}");
        assert_eq!(v["selected"]["routes"].as_array().unwrap().len(), 10);
    }
    let (v, _) = info(&profile, &[]);
    assert!(
        v["selected"]["why"].as_str().unwrap().contains("profile"),
        "{v:#}"
    );

    // A routed bench run.
    let out = linmux(
        &[
            "bench",
            "--backends",
            "tuned",
            "--ops",
            "gemm",
            "--sizes",
            "32",
            "--threads",
            "1",
            "--reps",
            "1",
            "--budget",
            "0",
            "--no-progress",
            "--json",
        ],
        &profile,
        &[],
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v.to_string().contains("\"tuned\""), "{v:#}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A valid profile for faer alone, written by hand.
fn faer_profile(cpu: Option<&str>) -> String {
    let (v, _) = info(
        Path::new("/nonexistent/p.json"),
        &[("LINMUX_BACKEND", "faer")],
    );
    let cpu = cpu.map_or_else(
        || v["cpu"]["model"].as_str().unwrap().to_owned(),
        str::to_owned,
    );
    let simd: Vec<Value> = v["cpu"]["simd"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| ["avx", "avx2", "fma", "avx512f", "neon"].contains(&s.as_str().unwrap()))
        .cloned()
        .collect();
    serde_json::json!({
        "format": "linmux-profile",
        "version": 1,
        "linmux": env!("CARGO_PKG_VERSION"),
        "machine": {
            "cpu": cpu,
            "cores": v["cpu"]["logical_cores"],
            "simd": simd,
            "backends": [{"name": "faer", "version": "0.24.4", "paths": []}],
        },
        "routes": [{"op": "gemm", "n": 4, "backend": "faer", "threads": 1, "seconds": 1e-6}],
    })
    .to_string()
}

#[test]
fn a_corrupt_profile_is_an_error_naming_the_file_and_auto_goes_on() {
    let dir = scratch("corrupt");
    let profile = dir.join("profile.json");
    let good = faer_profile(None);
    std::fs::write(&profile, &good).unwrap();
    let (v, out) = info(&profile, &[("LINMUX_BACKEND", "tuned")]);
    assert_eq!(v["selected"]["name"], "tuned", "{}", text(&out.stderr));
    let name = profile.display().to_string();
    for cut in [0, 1, good.len() / 3, good.len() - 1] {
        std::fs::write(&profile, &good[..cut]).unwrap();
        let (v, out) = info(&profile, &[("LINMUX_BACKEND", "tuned")]);
        assert!(!out.status.success(), "cut at {cut}: tuned must fail");
        let e = v["selected"]["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(e.contains(&name), "cut at {cut}: {e}");
        assert!(
            !text(&out.stderr).contains("panicked"),
            "{}",
            text(&out.stderr)
        );
        let (v, out) = info(&profile, &[]);
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_ne!(v["selected"]["name"], "tuned");
        let skipped = &v["selected"]["skipped"][0];
        assert_eq!(skipped["name"], "tuned", "{v:#}");
        assert!(
            skipped["reasons"][0].as_str().unwrap().contains(&name),
            "{v:#}"
        );
        assert!(
            text(&out.stderr).contains("warn"),
            "auto says it ignored the profile"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_profile_from_another_machine_is_ignored_with_a_warning() {
    let dir = scratch("mismatch");
    let profile = dir.join("profile.json");
    std::fs::write(&profile, faer_profile(Some("Some Other CPU"))).unwrap();
    let (v, out) = info(&profile, &[]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_ne!(v["selected"]["name"], "tuned");
    let err = text(&out.stderr);
    assert!(
        err.contains("warn") && err.contains("Some Other CPU"),
        "{err}"
    );
    let (_, out) = info(&profile, &[("LINMUX_BACKEND", "tuned")]);
    assert!(!out.status.success());
    std::fs::remove_dir_all(&dir).unwrap();
}
