//! `linmux bench` as a user runs it, on tiny sizes so that the whole file
//! takes seconds. Nothing here asserts on timings.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

const TINY: &[&str] = &[
    "bench",
    "--backends",
    "faer",
    "--threads",
    "1",
    "--sizes",
    "24,dot=1000",
    "--reps",
    "2",
    "--budget",
    "0.5",
    "--no-progress",
];

fn linmux(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_linmux"));
    cmd.args(args);
    for var in ["LINMUX_BACKEND", "LINMUX_NUM_THREADS", "OMP_NUM_THREADS"] {
        cmd.env_remove(var);
    }
    cmd.output().expect("run linmux")
}

fn tiny(extra: &[&str]) -> Output {
    let args: Vec<&str> = TINY.iter().chain(extra).copied().collect();
    let out = linmux(&args);
    assert!(
        out.status.success(),
        "{:?}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

const OPS: [&str; 6] = ["gemm", "dot", "svd", "cholesky", "eig", "eigh"];

#[test]
fn the_table_has_every_operation_and_a_recommendation() {
    let out = tiny(&[]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("| operation | backend | 1 thread |"),
        "{text}"
    );
    for (op, size) in OPS.iter().zip(["24", "1000", "24x12", "24", "24", "24"]) {
        assert!(
            text.contains(&format!("| {op} {size} | faer |")),
            "{op}:\n{text}"
        );
    }
    assert!(text.contains("GFLOP/s"), "{text}");
    assert!(text.contains("f64 peak:"), "{text}");
    assert!(text.contains("recommendation"), "{text}");
    assert!(
        text.contains("gemm 24") && text.contains("the only backend measured"),
        "{text}"
    );
}

#[test]
fn json_and_csv_parse_and_carry_the_fields() {
    let out = tiny(&["--json", "--ops", "gemm,eigh"]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    assert_eq!(v["linmux_version"], env!("CARGO_PKG_VERSION"));
    assert!(v["machine"]["logical_cores"].as_u64().unwrap() >= 1);
    assert!(v["machine"]["peak_how"].is_string());
    let results = v["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    for r in results {
        assert_eq!(r["backend"], "faer");
        assert_eq!(r["threads"], 1);
        let med = r["median_s"].as_f64().unwrap();
        assert!(med > 0.0 && r["min_s"].as_f64().unwrap() <= med);
        assert!(med <= r["max_s"].as_f64().unwrap());
        assert!(r["samples"].as_u64().unwrap() >= 1);
    }
    let gemm = results.iter().find(|r| r["op"] == "gemm").unwrap();
    assert_eq!(gemm["size"], "24");
    assert!(gemm["gflops"].as_f64().unwrap() > 0.0);
    let eigh = results.iter().find(|r| r["op"] == "eigh").unwrap();
    assert!(eigh["gflops"].is_null());
    assert_eq!(v["backends"][0]["name"], "faer");
    assert_eq!(v["backends"][0]["status"], "measured");
    let recs = v["recommendations"].as_array().unwrap();
    assert_eq!(recs.len(), 2);
    assert_eq!(recs[0]["backend"], "faer");

    let out = tiny(&["--csv", "--ops", "dot"]);
    let csv = String::from_utf8(out.stdout).unwrap();
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert!(header.contains(&"median_s") && header.contains(&"gflops"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].len(), header.len());
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    assert_eq!(rows[0][col("backend")], "faer");
    assert_eq!(rows[0][col("op")], "dot");
    assert!(rows[0][col("median_s")].parse::<f64>().unwrap() > 0.0);
}

fn assert_svg(path: &Path, needles: &[&str]) {
    let svg = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert!(svg.trim_start().starts_with("<svg"), "{}", path.display());
    assert!(svg.trim_end().ends_with("</svg>"), "{}", path.display());
    for n in needles {
        assert!(svg.contains(n), "{} lacks {n:?}", path.display());
    }
}

#[test]
fn out_writes_tables_and_charts_with_labelled_axes() {
    let dir = std::env::temp_dir().join(format!("linmux-bench-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = tiny(&["--ops", "gemm,svd", "--out", dir.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("| gemm 24 | faer |"));
    for f in ["table.md", "results.json", "results.csv"] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let v: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("results.json")).unwrap()).unwrap();
    assert_eq!(v["results"].as_array().unwrap().len(), 2);
    for chart in [
        "time-vs-threads-gemm-24.svg",
        "time-vs-threads-svd-24x12.svg",
    ] {
        assert_svg(
            &dir.join(chart),
            &["threads", "median time per call (s", "faer"],
        );
    }
    assert_svg(
        &dir.join("heatmap.svg"),
        &[
            "operation (size)",
            "backend",
            "time ÷ fastest",
            "gemm 24",
            "faer",
        ],
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn unknown_backend_or_operation_is_a_clear_usage_error() {
    let out = linmux(&["bench", "--backends", "faer,nosuchblas"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown backend `nosuchblas`") && err.contains("openblas"),
        "{err}"
    );
    let out = linmux(&["bench", "--ops", "gemm,fft"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown operation `fft`") && err.contains("eigh"),
        "{err}"
    );
    assert_eq!(linmux(&["bench", "--threads", "0"]).status.code(), Some(2));
    assert_eq!(
        linmux(&["bench", "--sizes", "gemm=4x2"]).status.code(),
        Some(2)
    );
}

/// A vendor that cannot be loaded is listed as skipped, not an error.
#[test]
fn a_backend_that_cannot_load_is_skipped() {
    let out = linmux(&[
        "bench",
        "--backends",
        "faer,accelerate",
        "--ops",
        "dot",
        "--sizes",
        "100",
        "--threads",
        "1",
        "--reps",
        "1",
        "--no-progress",
        "--json",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    if cfg!(target_os = "macos") {
        return;
    }
    assert!(out.status.success());
    let acc = v["backends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "accelerate")
        .unwrap();
    assert_eq!(acc["status"], "skipped");
    assert!(acc["reason"].as_str().unwrap().contains("macOS"));
    assert_eq!(v["results"].as_array().unwrap().len(), 1);
}

/// `--from` renders a saved run again without measuring: same table.
#[test]
fn from_renders_a_saved_run_again() {
    let dir = std::env::temp_dir().join(format!("linmux-bench-from-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let first = tiny(&["--ops", "gemm,dot", "--out", dir.to_str().unwrap()]);
    let json = dir.join("results.json");
    let again = linmux(&["bench", "--from", json.to_str().unwrap()]);
    assert!(again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&again.stdout),
        String::from_utf8_lossy(&first.stdout)
    );
    let out = linmux(&["bench", "--from", "/nonexistent/results.json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));
    let _ = std::fs::remove_dir_all(&dir);
}
