//! `linmux info` as a user runs it, environment variables included.

use std::process::{Command, Output};

use linmux_testkit::vendors::required;
use serde_json::Value;

fn linmux(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linmux"));
    cmd.args(args);
    for var in [
        "LINMUX_BACKEND",
        "LINMUX_NUM_THREADS",
        "OMP_NUM_THREADS",
        "OPENBLAS_NUM_THREADS",
        "MKL_NUM_THREADS",
    ] {
        cmd.env_remove(var);
    }
    // No tuning profile unless a test writes one: a profile in the user's
    // config directory would make `auto` route.
    cmd.env("LINMUX_PROFILE", "/nonexistent/linmux-profile.json");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run linmux")
}

fn json(env: &[(&str, &str)]) -> Value {
    let out = linmux(&["info", "--json"], env);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn info_shows_version_cpu_backends_and_selection() {
    let out = linmux(&["info"], &[("LINMUX_BACKEND", "faer")]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!("linmux {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    assert!(
        text.contains("faer") && text.contains("selected: faer"),
        "{text}"
    );
    assert!(text.contains("cpu:") && text.contains("threads:"), "{text}");

    let v = json(&[("LINMUX_BACKEND", "faer")]);
    assert_eq!(v["linmux_version"], env!("CARGO_PKG_VERSION"));
    assert!(v["cpu"]["logical_cores"].as_u64().unwrap() >= 1);
    assert_eq!(v["selected"]["name"], "faer");
    let faer = v["backends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "faer")
        .unwrap();
    assert_eq!(faer["status"], "loaded");
    assert_eq!(faer["origin"], "embedded");
    assert_eq!(v["selected"]["threads"]["source"], "available cores");
}

#[test]
fn unknown_backend_fails_and_names_the_valid_ones() {
    let out = linmux(&["info"], &[("LINMUX_BACKEND", "nonsense")]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("nonsense") && err.contains("faer") && err.contains("auto"),
        "{err}"
    );
}

#[test]
fn thread_precedence_follows_the_design() {
    let src = |env: &[(&str, &str)]| {
        let mut env = env.to_vec();
        if !env.iter().any(|(k, _)| *k == "LINMUX_BACKEND") {
            env.push(("LINMUX_BACKEND", "faer"));
        }
        let v = json(&env);
        let t = &v["selected"]["threads"];
        (
            t["count"].as_u64().unwrap(),
            t["source"].as_str().unwrap().to_owned(),
        )
    };
    assert_eq!(
        src(&[("OMP_NUM_THREADS", "1")]),
        (1, "OMP_NUM_THREADS".into())
    );
    assert_eq!(
        src(&[("OMP_NUM_THREADS", "3,2")]),
        (3, "OMP_NUM_THREADS".into())
    );
    assert_eq!(
        src(&[("OMP_NUM_THREADS", "3"), ("LINMUX_NUM_THREADS", "1")]),
        (1, "LINMUX_NUM_THREADS".into())
    );
    // Garbage is ignored, not trusted.
    assert_eq!(
        src(&[("LINMUX_NUM_THREADS", "zero"), ("OMP_NUM_THREADS", "1")]),
        (1, "OMP_NUM_THREADS".into())
    );
    // A vendor's own variable sits between LINMUX_NUM_THREADS and OMP_NUM_THREADS.
    for (name, var) in [
        ("openblas", "OPENBLAS_NUM_THREADS"),
        ("mkl", "MKL_NUM_THREADS"),
        ("blis", "BLIS_NUM_THREADS"),
    ] {
        if required(name) {
            let b = ("LINMUX_BACKEND", name);
            assert_eq!(
                src(&[b, (var, "1"), ("OMP_NUM_THREADS", "2")]),
                (1, var.into()),
                "{name}"
            );
            assert_eq!(
                src(&[b, (var, "1"), ("LINMUX_NUM_THREADS", "2")]),
                (2, "LINMUX_NUM_THREADS".into()),
                "{name}"
            );
        }
    }
}

#[test]
fn auto_picks_the_first_available_vendor() {
    let v = json(&[]);
    let chosen = v["selected"]["name"].as_str().unwrap().to_owned();
    let order = if cfg!(target_os = "macos") {
        ["accelerate", "openblas", "faer"]
    } else {
        ["openblas", "mkl", "faer"]
    };
    let loaded = |n: &str| {
        v["backends"]
            .as_array()
            .unwrap()
            .iter()
            .any(|b| b["name"] == n && b["status"] == "loaded")
    };
    assert_eq!(Some(chosen.as_str()), order.into_iter().find(|n| loaded(n)));
    if required("openblas") {
        assert_eq!(chosen, "openblas");
    }
}

#[test]
fn vendor_lists_fall_back_and_strict_names_fail() {
    if !(required("mkl") && required("openblas")) {
        return;
    }
    let v = json(&[("LINMUX_BACKEND", "mkl,openblas,faer")]);
    assert_eq!(v["selected"]["name"], "mkl");
    let hidden = ("LINMUX_MKL_LIB", "/nonexistent/libmkl_rt.so.3");
    let v = json(&[("LINMUX_BACKEND", "mkl,openblas,faer"), hidden]);
    assert_eq!(v["selected"]["name"], "openblas");
    let skipped = v["selected"]["skipped"].to_string();
    assert!(
        skipped.contains("mkl") && skipped.contains("/nonexistent/libmkl_rt.so.3"),
        "{skipped}"
    );
    // Strict: no fallback, and the message says what was tried and how to install.
    let out = linmux(&["info"], &[("LINMUX_BACKEND", "mkl"), hidden]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/libmkl_rt.so.3") && err.contains("install"),
        "{err}"
    );
    if !cfg!(target_os = "macos") {
        let out = linmux(&["info"], &[("LINMUX_BACKEND", "accelerate")]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("macOS"));
    }
}

#[test]
fn a_list_falls_back_and_says_why() {
    let v = json(&[("LINMUX_BACKEND", "/nonexistent/libblas.so,faer")]);
    assert_eq!(v["selected"]["name"], "faer");
    let skipped = v["selected"]["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1);
    assert!(
        skipped[0]["name"]
            .as_str()
            .unwrap()
            .contains("/nonexistent/libblas.so")
    );
}

#[test]
fn bad_usage_is_an_error() {
    assert_eq!(linmux(&["frobnicate"], &[]).status.code(), Some(2));
    assert_eq!(linmux(&["info", "--yaml"], &[]).status.code(), Some(2));
    assert!(linmux(&["--version"], &[]).status.success());
}

/// A reader that closes early (`linmux info | head -1`) is no error: before
/// the fix the write panicked with "failed printing to stdout: Broken pipe".
#[test]
fn info_into_a_closed_pipe_exits_cleanly() {
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_linmux"))
        .args(["info"])
        .env("LINMUX_BACKEND", "faer")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run linmux");
    // Close the read end before linmux (which loads every vendor first) writes.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for linmux");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success(), "{:?}: {err}", out.status);
}

/// Any other write failure is an error with a message, never a panic.
#[test]
fn info_into_a_full_device_is_an_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        panic!("/dev/full is missing: this test needs Linux");
    };
    let out = Command::new(env!("CARGO_BIN_EXE_linmux"))
        .args(["info"])
        .env("LINMUX_BACKEND", "faer")
        .stdout(full)
        .output()
        .expect("run linmux");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("cannot write the report"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}
