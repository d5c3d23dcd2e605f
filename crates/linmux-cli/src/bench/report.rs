//! The measured results and everything rendered from them: the table, the
//! recommendations, JSON and CSV.

use std::fmt::Write as _;

use serde_json::{Value, json};

use super::machine::Machine;
use super::suite::{Case, Op, Size};
use super::worker::Timing;

/// What happened to one backend.
#[derive(Debug, Clone)]
pub enum Status {
    Measured,
    /// Could not be loaded here (not installed, wrong OS): not an error.
    Skipped(String),
    /// Loaded, but its worker died.
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct BackendRun {
    pub name: String,
    pub status: Status,
    /// The worker's `loaded` event (vendor, version, threading...).
    pub info: Value,
}

/// One measurement: a case on a backend at a thread count.
#[derive(Debug, Clone)]
pub struct Record {
    pub backend: String,
    pub case: Case,
    pub threads: usize,
    pub threads_effective: Option<usize>,
    pub timing: Timing,
}

/// A case a backend could not run at a thread count, and why.
#[derive(Debug, Clone)]
pub struct Failure {
    pub backend: String,
    pub case: Case,
    pub threads: usize,
    pub message: String,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub machine: Machine,
    pub cases: Vec<Case>,
    pub threads: Vec<usize>,
    pub reps: usize,
    /// Times every backend's worker ran the plan, in turn: a cell's samples
    /// are those of every round.
    pub rounds: usize,
    pub budget: f64,
    pub quick: bool,
    pub backends: Vec<BackendRun>,
    pub records: Vec<Record>,
    pub failures: Vec<Failure>,
    /// `/proc/loadavg` before and after: other work on the machine shows here.
    pub load_before: Option<String>,
    pub load_after: Option<String>,
    pub wall_seconds: f64,
}

/// The fastest of a case and how every other backend compares.
#[derive(Debug, Clone)]
pub struct Recommendation {
    pub case: Case,
    pub backend: String,
    pub threads: usize,
    pub median: f64,
    /// Other backends at their own best thread count: (backend, threads,
    /// median, median ÷ fastest).
    pub versus: Vec<(String, usize, f64, f64)>,
}

impl Record {
    pub fn gflops(&self) -> Option<f64> {
        Some(self.case.op.flops(self.case.size)? / self.timing.median() / 1e9)
    }
    pub fn peak_fraction(&self, m: &Machine) -> Option<f64> {
        Some(self.gflops()? / m.peak_gflops(self.threads)?)
    }
}

/// `1.23 s`, `45.6 ms`, `789 µs`: three significant digits.
pub fn secs(t: f64) -> String {
    let (v, unit) = if t >= 1.0 {
        (t, "s")
    } else if t >= 1e-3 {
        (t * 1e3, "ms")
    } else if t >= 1e-6 {
        (t * 1e6, "µs")
    } else {
        (t * 1e9, "ns")
    };
    let digits = if v >= 100.0 {
        0
    } else if v >= 10.0 {
        1
    } else {
        2
    };
    format!("{v:.digits$} {unit}")
}

fn plural(n: usize, one: &str) -> String {
    if n == 1 {
        format!("{n} {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn text_of(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::from("?"),
        other => other.to_string(),
    }
}

/// A multi-line reason (one line per path tried) on one line.
pub fn one_line(text: &str) -> String {
    text.lines()
        .map(|l| l.trim().trim_start_matches("- "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

pub fn loadavg() -> Option<String> {
    let s = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
}

impl Report {
    pub fn record(&self, backend: &str, case: Case, threads: usize) -> Option<&Record> {
        self.records
            .iter()
            .find(|r| r.backend == backend && r.case == case && r.threads == threads)
    }

    /// A backend's fastest record of a case, over thread counts.
    pub fn best(&self, backend: &str, case: Case) -> Option<&Record> {
        self.records
            .iter()
            .filter(|r| r.backend == backend && r.case == case)
            .min_by(|a, b| a.timing.median().total_cmp(&b.timing.median()))
    }

    /// Backends with at least one record, in run order.
    pub fn measured(&self) -> Vec<&str> {
        self.backends
            .iter()
            .filter(|b| self.records.iter().any(|r| r.backend == b.name))
            .map(|b| b.name.as_str())
            .collect()
    }

    pub fn recommendations(&self) -> Vec<Recommendation> {
        let mut out = Vec::new();
        for &case in &self.cases {
            let bests: Vec<&Record> = self
                .measured()
                .into_iter()
                .filter_map(|b| self.best(b, case))
                .collect();
            let Some(win) = bests
                .iter()
                .min_by(|a, b| a.timing.median().total_cmp(&b.timing.median()))
            else {
                continue;
            };
            let m = win.timing.median();
            let mut versus: Vec<_> = bests
                .iter()
                .filter(|r| r.backend != win.backend)
                .map(|r| {
                    let t = r.timing.median();
                    (r.backend.clone(), r.threads, t, t / m)
                })
                .collect();
            versus.sort_by(|a, b| a.3.total_cmp(&b.3));
            out.push(Recommendation {
                case,
                backend: win.backend.clone(),
                threads: win.threads,
                median: m,
                versus,
            });
        }
        out
    }

    fn cell(&self, backend: &str, case: Case, threads: usize) -> String {
        if let Some(r) = self.record(backend, case, threads) {
            let mut s = secs(r.timing.median());
            if r.timing.cold {
                s.push_str(" (1 cold run)");
            } else {
                let _ = write!(s, " ±{:.0}%", r.timing.spread_pct() / 2.0);
            }
            if let Some(g) = r.gflops() {
                let _ = write!(s, ", {g:.1} GFLOP/s");
                if let Some(p) = r.peak_fraction(&self.machine) {
                    let _ = write!(s, " ({:.0}% peak)", 100.0 * p);
                }
            }
            s
        } else if self
            .failures
            .iter()
            .any(|f| f.backend == backend && f.case == case && f.threads == threads)
        {
            String::from("error")
        } else if let Some(b) = self.backends.iter().find(|b| b.name == backend)
            && b.info["thread_capability"] == "fixed"
        {
            String::from("— (thread count fixed)")
        } else {
            String::from("—")
        }
    }

    /// The Markdown table and the recommendations, as printed on stdout.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let m = &self.machine;
        let _ = writeln!(
            out,
            "linmux {} bench on {} ({} logical / {} physical cores, simd: {})",
            linmux::VERSION,
            m.model,
            m.logical_cores,
            m.physical_cores,
            if m.simd.is_empty() {
                String::from("-")
            } else {
                m.simd.join(" ")
            }
        );
        let _ = writeln!(
            out,
            "f64 peak: {}; \"% peak\" is of the cores a run used",
            m.peak_how()
        );
        let _ = writeln!(
            out,
            "timing: 1 warm-up, then up to {} within {} s per cell{}; median ± half the (max − min) spread; inputs built outside the timed region",
            plural(self.reps, "run"),
            self.budget,
            if self.rounds > 1 {
                format!(
                    ", in each of {} rounds (every backend in turn, one process each)",
                    self.rounds
                )
            } else {
                String::new()
            }
        );
        let _ = writeln!(
            out,
            "load average (1/5/15 min) before: {}, after: {}; wall time {}",
            self.load_before.as_deref().unwrap_or("?"),
            self.load_after.as_deref().unwrap_or("?"),
            secs(self.wall_seconds)
        );
        let versions: Vec<String> = self
            .backends
            .iter()
            .filter(|b| matches!(b.status, Status::Measured))
            .map(|b| {
                let i = &b.info;
                let mut v = format!("{} = {}", b.name, text_of(&i["vendor"]));
                if let Some(ver) = i["version"].as_str() {
                    let _ = write!(v, " {ver}");
                }
                let _ = write!(v, " ({}", text_of(&i["threading"]));
                if let Some(p) = i["lapack_provider"].as_str() {
                    let _ = write!(v, "; LAPACK from {p}");
                }
                v.push(')');
                v
            })
            .collect();
        if !versions.is_empty() {
            let _ = writeln!(out, "backends: {}", versions.join(", "));
        }
        out.push('\n');
        let _ = write!(out, "| operation | backend |");
        for &t in &self.threads {
            let _ = write!(out, " {} |", plural(t, "thread"));
        }
        out.push('\n');
        out.push_str("|---|---|");
        for _ in &self.threads {
            out.push_str("---|");
        }
        out.push('\n');
        for &case in &self.cases {
            for b in self.measured() {
                let _ = write!(out, "| {} | {b} |", case.label());
                for &t in &self.threads {
                    let _ = write!(out, " {} |", self.cell(b, case, t));
                }
                out.push('\n');
            }
        }
        let recs = self.recommendations();
        if !recs.is_empty() {
            out.push_str(
                "\nrecommendation (fastest measured; others at their best thread count):\n",
            );
            for r in &recs {
                let _ = write!(
                    out,
                    "  {:<16} {} with {} ({})",
                    r.case.label(),
                    r.backend,
                    plural(r.threads, "thread"),
                    secs(r.median)
                );
                if r.versus.is_empty() {
                    out.push_str(": the only backend measured");
                } else {
                    out.push_str(": ");
                    let v: Vec<String> = r
                        .versus
                        .iter()
                        .map(|(b, t, _, x)| {
                            format!("{x:.2}× faster than {b} ({})", plural(*t, "thread"))
                        })
                        .collect();
                    out.push_str(&v.join(", "));
                }
                out.push('\n');
            }
        }
        for b in &self.backends {
            match &b.status {
                Status::Measured => {}
                Status::Skipped(why) => {
                    let _ = writeln!(out, "skipped {}: {}", b.name, one_line(why));
                }
                Status::Failed(why) => {
                    let _ = writeln!(out, "failed {}: {why}", b.name);
                }
            }
        }
        for f in &self.failures {
            let _ = writeln!(
                out,
                "error {} {} ({}): {}",
                f.backend,
                f.case.label(),
                plural(f.threads, "thread"),
                f.message
            );
        }
        out
    }

    pub fn to_json(&self) -> Value {
        let backends: Vec<Value> = self
            .backends
            .iter()
            .map(|b| {
                let (status, reason) = match &b.status {
                    Status::Measured => ("measured", None),
                    Status::Skipped(r) => ("skipped", Some(r.clone())),
                    Status::Failed(r) => ("failed", Some(r.clone())),
                };
                let mut v = json!({"name": b.name, "status": status, "reason": reason});
                if let (Some(o), Some(info)) = (v.as_object_mut(), b.info.as_object()) {
                    for (k, x) in info {
                        if k != "event" {
                            o.insert(k.clone(), x.clone());
                        }
                    }
                }
                v
            })
            .collect();
        let results: Vec<Value> = self
            .records
            .iter()
            .map(|r| {
                json!({
                    "backend": r.backend,
                    "op": r.case.op.name(),
                    "size": r.case.size.to_string(),
                    "m": r.case.size.m,
                    "n": r.case.size.n,
                    "threads": r.threads,
                    "threads_effective": r.threads_effective,
                    "samples": r.timing.samples.len(),
                    "cold": r.timing.cold,
                    "median_s": r.timing.median(),
                    "min_s": r.timing.min(),
                    "max_s": r.timing.max(),
                    "spread_pct": r.timing.spread_pct(),
                    "times_s": r.timing.samples,
                    "gflops": r.gflops(),
                    "peak_fraction": r.peak_fraction(&self.machine),
                })
            })
            .collect();
        let recommendations: Vec<Value> = self
            .recommendations()
            .iter()
            .map(|r| {
                json!({
                    "op": r.case.op.name(),
                    "size": r.case.size.to_string(),
                    "backend": r.backend,
                    "threads": r.threads,
                    "median_s": r.median,
                    "versus": r.versus.iter().map(|(b, t, m, x)| json!({
                        "backend": b, "threads": t, "median_s": m, "slower_by": x
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        json!({
            "linmux_version": linmux::VERSION,
            "machine": self.machine.to_json(),
            "settings": {
                "quick": self.quick,
                "reps": self.reps,
                "rounds": self.rounds,
                "budget_s": self.budget,
                "threads": self.threads,
                "cases": self.cases.iter().map(|c| json!({
                    "op": c.op.name(), "size": c.size.to_string(), "what": c.op.what()
                })).collect::<Vec<_>>(),
            },
            "load_average_before": self.load_before,
            "load_average_after": self.load_after,
            "wall_s": self.wall_seconds,
            "backends": backends,
            "results": results,
            "errors": self.failures.iter().map(|f| json!({
                "backend": f.backend, "op": f.case.op.name(), "size": f.case.size.to_string(),
                "threads": f.threads, "message": f.message,
            })).collect::<Vec<_>>(),
            "recommendations": recommendations,
        })
    }

    /// The report [`Report::to_json`] wrote (for `--from`).
    pub fn from_json(v: &Value) -> Option<Report> {
        let us = |x: &Value| x.as_u64().and_then(|n| usize::try_from(n).ok());
        let text = |x: &Value| x.as_str().map(str::to_owned);
        let size_of = |op: Op, size: &str| {
            let s = Size::parse(size)?;
            Some(if s.m == 0 { op.scaled(s.n) } else { s })
        };
        let m = &v["machine"];
        let machine = Machine {
            model: text(&m["model"])?,
            vendor: text(&m["vendor"]).unwrap_or_default(),
            family: m["family"].as_u64().and_then(|f| u32::try_from(f).ok()),
            logical_cores: us(&m["logical_cores"])?,
            physical_cores: us(&m["physical_cores"])?,
            clock_ghz: m["clock_ghz"].as_f64(),
            clock_source: text(&m["clock_source"]).unwrap_or_default(),
            simd: m["simd"].as_array()?.iter().filter_map(&text).collect(),
            flop_per_cycle: m["f64_flop_per_cycle"]
                .as_f64()
                .map(|f| (f, text(&m["f64_flop_per_cycle_how"]).unwrap_or_default())),
        };
        let st = &v["settings"];
        let cases = st["cases"]
            .as_array()?
            .iter()
            .map(|c| {
                let op = Op::parse(c["op"].as_str()?)?;
                Some(Case {
                    op,
                    size: size_of(op, c["size"].as_str()?)?,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let backends = v["backends"]
            .as_array()?
            .iter()
            .map(|b| {
                let reason = text(&b["reason"]).unwrap_or_default();
                Some(BackendRun {
                    name: text(&b["name"])?,
                    status: match b["status"].as_str()? {
                        "measured" => Status::Measured,
                        "skipped" => Status::Skipped(reason),
                        _ => Status::Failed(reason),
                    },
                    info: b.clone(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let records = v["results"]
            .as_array()?
            .iter()
            .map(|r| {
                Some(Record {
                    backend: text(&r["backend"])?,
                    case: Case {
                        op: Op::parse(r["op"].as_str()?)?,
                        size: Size::new(us(&r["m"])?, us(&r["n"])?),
                    },
                    threads: us(&r["threads"])?,
                    threads_effective: us(&r["threads_effective"]),
                    timing: Timing {
                        samples: r["times_s"]
                            .as_array()?
                            .iter()
                            .filter_map(Value::as_f64)
                            .collect(),
                        cold: r["cold"].as_bool()?,
                    },
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let failures = v["errors"]
            .as_array()?
            .iter()
            .map(|f| {
                let op = Op::parse(f["op"].as_str()?)?;
                Some(Failure {
                    backend: text(&f["backend"])?,
                    case: Case {
                        op,
                        size: size_of(op, f["size"].as_str()?)?,
                    },
                    threads: us(&f["threads"])?,
                    message: text(&f["message"]).unwrap_or_default(),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        Some(Report {
            machine,
            cases,
            threads: st["threads"].as_array()?.iter().filter_map(us).collect(),
            reps: us(&st["reps"])?,
            rounds: us(&st["rounds"]).unwrap_or(1),
            budget: st["budget_s"].as_f64()?,
            quick: st["quick"].as_bool()?,
            backends,
            records,
            failures,
            load_before: text(&v["load_average_before"]),
            load_after: text(&v["load_average_after"]),
            wall_seconds: v["wall_s"].as_f64()?,
        })
    }

    pub const CSV_HEADER: &'static str = "backend,op,size,m,n,threads,threads_effective,samples,cold,median_s,min_s,max_s,spread_pct,gflops,peak_fraction";

    pub fn csv(&self) -> String {
        let mut out = String::from(Self::CSV_HEADER);
        out.push('\n');
        let opt = |x: Option<f64>| x.map(|v| format!("{v:.6e}")).unwrap_or_default();
        for r in &self.records {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{},{},{:.6e},{:.6e},{:.6e},{:.2},{},{}",
                r.backend,
                r.case.op.name(),
                r.case.size,
                r.case.size.m,
                r.case.size.n,
                r.threads,
                r.threads_effective
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
                r.timing.samples.len(),
                r.timing.cold,
                r.timing.median(),
                r.timing.min(),
                r.timing.max(),
                r.timing.spread_pct(),
                opt(r.gflops()),
                opt(r.peak_fraction(&self.machine)),
            );
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seconds_read_well() {
        assert_eq!(secs(3.4123), "3.41 s");
        assert_eq!(secs(0.0456), "45.6 ms");
        assert_eq!(secs(123e-6), "123 µs");
        assert_eq!(secs(12e-9), "12.0 ns");
    }
}
