//! `linmux info`: what was found, what was chosen and why.

use std::process::ExitCode;

use linmux::select::{Choice, KNOWN_BACKENDS, Selection};
use linmux::threads::ThreadInfo;
use linmux::{Engine, Origin, ThreadCapability};
use serde_json::{Value, json};

/// The CPU as the OS reports it.
struct Cpu {
    model: String,
    logical_cores: usize,
    features: Vec<&'static str>,
}

fn cpu() -> Cpu {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| {
                    l.starts_with("model name")
                        || l.starts_with("Model")
                        || l.starts_with("Hardware")
                })
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
    Cpu {
        model,
        logical_cores: std::thread::available_parallelism().map_or(1, usize::from),
        features: simd_features(),
    }
}

#[cfg(target_arch = "x86_64")]
fn simd_features() -> Vec<&'static str> {
    let mut f = Vec::new();
    macro_rules! probe {
        ($($name:tt),*) => {$(
            if std::arch::is_x86_feature_detected!($name) {
                f.push($name);
            }
        )*};
    }
    probe!(
        "sse4.2", "avx", "avx2", "fma", "avx512f", "avx512vl", "avx512dq", "avx512bw"
    );
    f
}

#[cfg(target_arch = "aarch64")]
fn simd_features() -> Vec<&'static str> {
    let mut f = Vec::new();
    if std::arch::is_aarch64_feature_detected!("neon") {
        f.push("neon");
    }
    if std::arch::is_aarch64_feature_detected!("sve") {
        f.push("sve");
    }
    f
}

#[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
fn simd_features() -> Vec<&'static str> {
    Vec::new()
}

fn capability(c: ThreadCapability) -> String {
    match c {
        ThreadCapability::Exact { max: Some(m) } => format!("exact (1..={m})"),
        ThreadCapability::Exact { max: None } => String::from("exact"),
        ThreadCapability::OnOff => String::from("on/off only"),
        _ => String::from("fixed"),
    }
}

fn threads_json(t: &ThreadInfo) -> Value {
    json!({
        "count": t.count,
        "source": t.source.to_string(),
        "scope": t.scope.as_str(),
        "limit_scope": t.limit_scope.as_str(),
        "capability": capability(t.capability),
        "size_policy": t.size_policy.map(|p| p.to_string()),
    })
}

fn backend_json(e: &Engine) -> Value {
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
    json!({
        "name": i.name,
        "status": "loaded",
        "vendor": i.vendor,
        "version": i.version,
        "config": i.config,
        "origin": origin,
        "paths": paths,
        "int_width": i.int_width.as_str(),
        "symbol_suffix": i.symbol_suffix,
        "threading": i.threading,
        "lapack_provider": i.lapack_provider,
        "threads": threads_json(&e.thread_info()),
    })
}

/// Gathers everything `info` shows, as JSON; the text form is rendered from it.
fn gather() -> (Value, bool) {
    let cpu = cpu();
    let backends: Vec<Value> = KNOWN_BACKENDS
        .iter()
        .map(
            |name| match Selection::Strict(Choice::Name((*name).to_owned())).resolve() {
                Ok(r) => backend_json(&Engine::from_backend(r.backend)),
                Err(err) => {
                    json!({ "name": name, "status": "unavailable", "reason": err.to_string() })
                }
            },
        )
        .collect();
    let requested = std::env::var(linmux::select::BACKEND_ENV).ok();
    let (selected, ok) = match Engine::new() {
        Ok(e) => (
            json!({
                "requested": requested,
                "name": e.info().name,
                "why": e.selection_reason(),
                "skipped": e.skipped().iter().map(|(n, r)| json!({"name": n, "reasons": r})).collect::<Vec<_>>(),
                "threads": threads_json(&e.thread_info()),
                "routes": e.router().map(|r| r.profile().routes.iter().map(|x| json!({
                    "op": x.routine.method(),
                    "n": x.n,
                    "backend": x.best.backend,
                    "threads": x.best.threads,
                    "seconds": x.best.seconds,
                })).collect::<Vec<_>>()),
            }),
            true,
        ),
        Err(err) => (
            json!({ "requested": requested, "error": err.to_string() }),
            false,
        ),
    };
    let fft = fft_json();
    let v = json!({
        "linmux_version": linmux::VERSION,
        "cpu": {
            "model": cpu.model,
            "arch": std::env::consts::ARCH,
            "logical_cores": cpu.logical_cores,
            "simd": cpu.features,
        },
        "backends": backends,
        "selected": selected,
        "reproducible": linmux::reproducible::is_enabled(),
        "fft": fft,
    });
    (v, ok)
}

/// The FFT providers (each loaded for real) and the one `LINMUX_FFT` selects.
fn fft_json() -> Value {
    use linmux::fft::{FFT_ENV, FFT_PROVIDERS, Fft};
    let providers: Vec<Value> = FFT_PROVIDERS
        .iter()
        .map(|name| match Fft::with_provider(name) {
            Ok(f) => {
                let i = f.info();
                json!({
                    "name": name,
                    "status": "loaded",
                    "vendor": i.vendor,
                    "version": i.version,
                    "paths": i.paths,
                    "threading": i.threading,
                })
            }
            Err(err) => json!({ "name": name, "status": "unavailable", "reason": err.to_string() }),
        })
        .collect();
    let requested = std::env::var(FFT_ENV).ok();
    let selected = match Fft::new() {
        Ok(f) => json!({
            "requested": requested,
            "name": f.info().name,
            "why": f.selection_reason(),
        }),
        Err(err) => json!({ "requested": requested, "error": err.to_string() }),
    };
    json!({ "providers": providers, "selected": selected })
}

/// `writeln!` into a `String`, which cannot fail.
macro_rules! outln {
    ($out:ident, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

/// Writes the report to stdout. A reader that closes early (`linmux info |
/// head`) is not an error: the rest is dropped instead of a panic. Any other
/// write failure (a full disk) is reported.
fn emit(report: &str) -> Result<(), std::io::Error> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(report.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::from("-"),
        other => other.to_string(),
    }
}

/// The text report (built in memory, written once: see [`emit`]).
fn text(v: &Value) -> String {
    let mut out = String::new();
    outln!(out, "linmux {}", s(&v["linmux_version"]));
    let cpu = &v["cpu"];
    outln!(
        out,
        "cpu: {} ({}, {} logical cores)",
        s(&cpu["model"]),
        s(&cpu["arch"]),
        s(&cpu["logical_cores"])
    );
    let simd: Vec<String> = cpu["simd"]
        .as_array()
        .map(|a| a.iter().map(s).collect())
        .unwrap_or_default();
    outln!(
        out,
        "simd: {}",
        if simd.is_empty() {
            String::from("-")
        } else {
            simd.join(" ")
        }
    );
    outln!(out, "\nbackends:");
    for b in v["backends"].as_array().into_iter().flatten() {
        if b["status"] == "loaded" {
            outln!(
                out,
                "  {:<11} loaded   {} {}",
                s(&b["name"]),
                s(&b["vendor"]),
                s(&b["version"])
            );
            let paths = b["paths"]
                .as_array()
                .map(|p| p.iter().map(s).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            outln!(
                out,
                "              origin {}{}",
                s(&b["origin"]),
                if paths.is_empty() {
                    String::new()
                } else {
                    format!(": {paths}")
                }
            );
            outln!(
                out,
                "              ints {}, suffix {}, threading {}, lapack {}",
                s(&b["int_width"]),
                match s(&b["symbol_suffix"]).as_str() {
                    "" => String::from("none"),
                    other => other.to_owned(),
                },
                s(&b["threading"]),
                if b["lapack_provider"].is_null() {
                    String::from("own")
                } else {
                    s(&b["lapack_provider"])
                }
            );
            let t = &b["threads"];
            outln!(
                out,
                "              threads {} (from {}), set scope {}, limit scope {}, capability {}",
                s(&t["count"]),
                s(&t["source"]),
                s(&t["scope"]),
                s(&t["limit_scope"]),
                s(&t["capability"])
            );
            if let Some(p) = t["size_policy"].as_str() {
                outln!(out, "              size policy: {p}");
            }
        } else {
            // The reason spans lines (one per path tried): indent them under the name.
            let reason = s(&b["reason"]).replace('\n', "\n             ");
            outln!(out, "  {:<11} unavailable: {reason}", s(&b["name"]));
        }
    }
    let sel = &v["selected"];
    outln!(out, "\nLINMUX_BACKEND={}", s(&sel["requested"]));
    if sel["error"].is_null() {
        outln!(out, "selected: {} — {}", s(&sel["name"]), s(&sel["why"]));
        for sk in sel["skipped"].as_array().into_iter().flatten() {
            let reasons = sk["reasons"]
                .as_array()
                .map(|r| r.iter().map(s).collect::<Vec<_>>().join("; "))
                .unwrap_or_default();
            outln!(out, "  skipped {}: {reasons}", s(&sk["name"]));
        }
        let t = &sel["threads"];
        outln!(
            out,
            "threads: {} (from {}; limits apply to the {})",
            s(&t["count"]),
            s(&t["source"]),
            s(&t["limit_scope"]).replace('-', " ")
        );
        if let Some(routes) = sel["routes"].as_array() {
            outln!(
                out,
                "routes (from n, largest dimension; smaller sizes take the first):"
            );
            for r in routes {
                outln!(
                    out,
                    "  {:<6} n ≥ {:<7} → {}×{}",
                    s(&r["op"]),
                    s(&r["n"]),
                    s(&r["backend"]),
                    s(&r["threads"])
                );
            }
        }
    } else {
        outln!(
            out,
            "selected: none: {}",
            s(&sel["error"]).replace('\n', "\n  ")
        );
    }
    outln!(
        out,
        "reproducible mode: {} ({})",
        if v["reproducible"].as_bool() == Some(true) {
            "on"
        } else {
            "off"
        },
        linmux::reproducible::ENV
    );
    outln!(out, "\nfft providers:");
    let fft = &v["fft"];
    for p in fft["providers"].as_array().into_iter().flatten() {
        if p["status"] == "loaded" {
            outln!(
                out,
                "  {:<11} loaded   {} {}",
                s(&p["name"]),
                s(&p["vendor"]),
                s(&p["version"])
            );
            let paths = p["paths"]
                .as_array()
                .map(|p| p.iter().map(s).collect::<Vec<_>>().join(", "))
                .unwrap_or_default();
            if !paths.is_empty() {
                outln!(out, "              from {paths}");
            }
            outln!(out, "              threading: {}", s(&p["threading"]));
        } else {
            let reason = s(&p["reason"]).replace('\n', "\n             ");
            outln!(out, "  {:<11} unavailable: {reason}", s(&p["name"]));
        }
    }
    let fs = &fft["selected"];
    outln!(out, "LINMUX_FFT={}", s(&fs["requested"]));
    if fs["error"].is_null() {
        outln!(out, "fft selected: {} — {}", s(&fs["name"]), s(&fs["why"]));
    } else {
        outln!(out, "fft selected: none: {}", s(&fs["error"]));
    }
    out
}

pub(crate) fn run(json: bool) -> ExitCode {
    let (v, ok) = gather();
    let written = if json {
        emit(&format!("{v:#}\n"))
    } else {
        emit(&text(&v))
    };
    if let Err(e) = written {
        eprintln!("linmux: cannot write the report: {e}");
        return ExitCode::FAILURE;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        eprintln!("linmux: error: {}", s(&v["selected"]["error"]));
        ExitCode::FAILURE
    }
}
