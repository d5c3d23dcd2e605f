//! `linmux info` as a user runs it, environment variables included.

use std::process::{Command, Output};

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
    let out = linmux(&["info"], &[]);
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

    let v = json(&[]);
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
        let v = json(env);
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
