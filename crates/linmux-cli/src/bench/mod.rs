//! `linmux bench`: which backend is fastest on this machine, at which
//! thread count, for the classic NumPy comparison suite.
//!
//! The parent process plans the run, starts one worker process per backend
//! (`linmux bench --worker NAME --plan JSON`, see [`worker`]), reads the
//! worker's JSON lines, shows progress on stderr, and renders the table
//! (stdout), JSON, CSV and the SVG charts.

mod charts;
mod machine;
mod report;
mod suite;
pub mod tune;
mod worker;

use std::io::{BufRead as _, BufReader, Read as _};
use std::path::PathBuf;
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use linmux::select::{FAER, KNOWN_BACKENDS};
use serde_json::Value;

use machine::Machine;
use report::{BackendRun, Failure, Record, Report, Status};
use suite::{ALL_OPS, Case, OPS, Op, Size};
use worker::{Plan, Timing};

// No `\` continuation on the first line: it would eat the indentation.
pub const USAGE: &str = "  bench [options]  time the classic suite (gemm 4096, dot 524288, thin svd
                  2048x1024, cholesky 2048, eig 2048, eigh 2048; f64, through
                  linmux::linalg) on every backend found, one process per
                  backend, at 1..=cores threads; print a table and the
                  fastest backend per operation
    --quick             reduced sizes (about a minute for faer on 2 cores)
    --backends a,b      backends to run (default: faer and every vendor;
                        a vendor that cannot be loaded is listed as skipped;
                        `tuned` routes by the profile `linmux tune` wrote)
    --ops a,b           gemm, dot, svd, cholesky, eig, eigh (default: these);
                        also fft2-rustfft, fft2-fftw, fft2-mkl (fft2 of ten
                        1024x1024 images on one FFT provider, the engine's
                        thread count), cdist (5000x50 vs 5000x50), and the
                        thread-policy grid's gemv, potrf, getrf (in place,
                        on the engine directly)
    --threads LIST      thread counts, e.g. 1,2 or 1-4 (default: 1..=cores)
    --sizes LIST        N (every op at N; svd N x N/2) and/or op=N,
                        svd=MxN; repeat for several sizes
    --reps N            timed runs after the warm-up (default 5, quick 3)
    --budget SECS       timed seconds per cell before fewer runs (default 20,
                        quick 2); a single call longer than that is timed once
    --alternate         time a case's thread counts in alternation, one
                        sample of each in turn (compares counts fairly on a
                        machine whose speed drifts)
    --rounds N          run every backend's worker N times, in turn (order
                        reversed every other round), and pool each cell's
                        samples: a slow spell of a shared machine then falls
                        on every backend, not on whichever ran during it
                        (default 1)
    --json | --csv      machine-readable output on stdout instead of the table
    --out DIR           also write table.md, results.json, results.csv and
                        SVG charts (time-vs-threads per operation, heatmap)
    --interleave        call the cases in turn, each timed alone, at the
                        largest thread count (a mix, as an application
                        calls: shows one vendor's idle threads slowing the
                        next call on another; `--reps` rounds)
    --no-progress       no progress bar on stderr
    --from FILE         measure nothing: render a saved results.json again
                        (table, --json, --csv, --out charts)
";

/// A command-line mistake: reported with the usage, exit code 2.
#[derive(Debug)]
pub struct UsageError(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug)]
struct Options {
    backends: Vec<String>,
    cases: Vec<Case>,
    threads: Vec<usize>,
    reps: usize,
    budget: f64,
    quick: bool,
    format: Format,
    out: Option<PathBuf>,
    progress: bool,
    from: Option<PathBuf>,
    interleave: bool,
    alternate: bool,
    rounds: usize,
}

fn list(v: &str) -> impl Iterator<Item = &str> {
    v.split(',').map(str::trim).filter(|s| !s.is_empty())
}

fn parse_threads(v: &str) -> Result<Vec<usize>, UsageError> {
    let bad = || {
        UsageError(format!(
            "--threads: `{v}` is not a list of counts ≥ 1 (e.g. 1,2 or 1-4)"
        ))
    };
    let mut out = Vec::new();
    for item in list(v) {
        let num = |s: &str| {
            s.trim()
                .parse::<usize>()
                .ok()
                .filter(|&n| n >= 1)
                .ok_or_else(bad)
        };
        match item.split_once(['-', ':']) {
            Some((a, b)) => {
                let (a, b) = (num(a)?, num(b)?);
                if a > b {
                    return Err(bad());
                }
                out.extend(a..=b);
            }
            None => out.push(num(item)?),
        }
    }
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}

/// `--sizes`: bare sizes apply to every selected operation, `op=size` to one
/// (ignored if `--ops` leaves that operation out).
fn parse_sizes(v: &str, ops: &[Op], quick: bool) -> Result<Vec<Case>, UsageError> {
    let mut bare = Vec::new();
    let mut named: Vec<Case> = Vec::new();
    for item in list(v) {
        match item.split_once('=') {
            Some((op, size)) => {
                let op = Op::parse(op.trim()).ok_or_else(|| unknown_op(op.trim()))?;
                let s = Size::parse(size).ok_or_else(|| {
                    UsageError(format!(
                        "--sizes: `{item}`: a size is N or MxN with N, M ≥ 1"
                    ))
                })?;
                let size = match (op, s.m) {
                    (_, 0) => op.scaled(s.n),
                    (op, _) if op.takes_two_sizes() => s,
                    _ => {
                        return Err(UsageError(format!(
                            "--sizes: `{item}`: only svd, fft2-* (images x side) and cdist (points x dim) take MxN; {op} takes one size"
                        )));
                    }
                };
                named.push(Case { op, size });
            }
            None => match Size::parse(item) {
                Some(Size { m: 0, n }) => bare.push(n),
                _ => {
                    return Err(UsageError(format!(
                        "--sizes: `{item}`: a bare size is one number N ≥ 1 (use svd=MxN for a shape)"
                    )));
                }
            },
        }
    }
    let mut cases = Vec::new();
    for &op in ops {
        let mine: Vec<Case> = named.iter().copied().filter(|c| c.op == op).collect();
        if !mine.is_empty() {
            cases.extend(mine);
        } else if !bare.is_empty() {
            cases.extend(bare.iter().map(|&n| Case {
                op,
                size: op.scaled(n),
            }));
        } else {
            cases.push(default_case(op, quick));
        }
    }
    cases.dedup();
    Ok(cases)
}

fn default_case(op: Op, quick: bool) -> Case {
    Case {
        op,
        size: if quick {
            op.quick_size()
        } else {
            op.full_size()
        },
    }
}

fn unknown_op(name: &str) -> UsageError {
    let names: Vec<&str> = ALL_OPS.iter().map(|o| o.name()).collect();
    UsageError(format!(
        "unknown operation `{name}`; the suite has: {}",
        names.join(", ")
    ))
}

/// Backends in run order: faer first (always there), then the vendors.
fn default_backends() -> Vec<String> {
    std::iter::once(FAER)
        .chain(KNOWN_BACKENDS.iter().copied().filter(|b| *b != FAER))
        .map(str::to_owned)
        .collect()
}

fn parse(args: &[String]) -> Result<Options, UsageError> {
    let mut it = args.iter();
    let mut backends = None;
    let mut ops = None;
    let mut threads = None;
    let mut sizes = None;
    let mut reps = None;
    let mut budget = None;
    let mut quick = false;
    let mut format = Format::Table;
    let mut out = None;
    let mut progress = true;
    let mut from = None;
    let mut interleave = false;
    let mut alternate = false;
    let mut rounds = None;
    let value = |flag: &str, it: &mut std::slice::Iter<'_, String>| {
        it.next()
            .cloned()
            .ok_or_else(|| UsageError(format!("{flag} needs a value")))
    };
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (a.as_str(), None),
        };
        let val = |it: &mut std::slice::Iter<'_, String>| match &inline {
            Some(v) => Ok(v.clone()),
            None => value(flag, it),
        };
        match flag {
            "--quick" => quick = true,
            "--json" | "--csv" if format != Format::Table => {
                return Err(UsageError(String::from(
                    "--json and --csv exclude each other",
                )));
            }
            "--json" => format = Format::Json,
            "--csv" => format = Format::Csv,
            "--no-progress" => progress = false,
            "--interleave" => interleave = true,
            "--alternate" => alternate = true,
            "--backends" => backends = Some(val(&mut it)?),
            "--ops" => ops = Some(val(&mut it)?),
            "--threads" => threads = Some(val(&mut it)?),
            "--sizes" => sizes = Some(val(&mut it)?),
            "--reps" => reps = Some(val(&mut it)?),
            "--budget" => budget = Some(val(&mut it)?),
            "--rounds" => rounds = Some(val(&mut it)?),
            "--out" => out = Some(PathBuf::from(val(&mut it)?)),
            "--from" => from = Some(PathBuf::from(val(&mut it)?)),
            other => return Err(UsageError(format!("bench: unknown option `{other}`"))),
        }
    }
    let backends = match backends {
        None => default_backends(),
        Some(v) => {
            let mut b: Vec<String> = Vec::new();
            for name in list(&v) {
                if !KNOWN_BACKENDS.contains(&name) && name != linmux::tuned::TUNED {
                    return Err(UsageError(format!(
                        "unknown backend `{name}`; known backends: {}, and tuned (the profile's routing)",
                        KNOWN_BACKENDS.join(", ")
                    )));
                }
                if !b.iter().any(|x| x == name) {
                    b.push(name.to_owned());
                }
            }
            if b.is_empty() {
                return Err(UsageError(String::from("--backends: empty list")));
            }
            b
        }
    };
    let ops: Vec<Op> = match ops {
        None => OPS.to_vec(),
        Some(v) => {
            let mut o = Vec::new();
            for name in list(&v) {
                let op = Op::parse(name).ok_or_else(|| unknown_op(name))?;
                if !o.contains(&op) {
                    o.push(op);
                }
            }
            if o.is_empty() {
                return Err(UsageError(String::from("--ops: empty list")));
            }
            o.sort();
            o
        }
    };
    let cases = match sizes {
        Some(v) => parse_sizes(&v, &ops, quick)?,
        None => ops.iter().map(|&op| default_case(op, quick)).collect(),
    };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let threads = match threads {
        Some(v) => parse_threads(&v)?,
        None => (1..=cores).collect(),
    };
    let reps = match reps {
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|&r| r >= 1)
            .ok_or_else(|| UsageError(format!("--reps: `{v}` is not a count ≥ 1")))?,
        None if quick => 3,
        None => 5,
    };
    let rounds = match rounds {
        Some(v) => v
            .parse::<usize>()
            .ok()
            .filter(|&r| r >= 1)
            .ok_or_else(|| UsageError(format!("--rounds: `{v}` is not a count ≥ 1")))?,
        None => 1,
    };
    let budget = match budget {
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|b| b.is_finite() && *b >= 0.0)
            .ok_or_else(|| UsageError(format!("--budget: `{v}` is not a number of seconds")))?,
        None if quick => 2.0,
        None => 20.0,
    };
    Ok(Options {
        backends,
        cases,
        threads,
        reps,
        budget,
        quick,
        format,
        out,
        progress,
        from,
        interleave,
        alternate,
        rounds,
    })
}

/// Entry point of `linmux bench ARGS`.
pub fn run(args: &[String]) -> Result<ExitCode, UsageError> {
    if let [flag, backend, plan_flag, plan] = args
        && flag == "--worker"
        && plan_flag == "--plan"
    {
        let plan = serde_json::from_str(plan)
            .ok()
            .and_then(|v: Value| Plan::from_json(&v))
            .ok_or_else(|| UsageError(String::from("--worker: bad plan")))?;
        return Ok(worker::run(backend, &plan));
    }
    let opts = parse(args)?;
    if let Some(file) = &opts.from {
        let rep = std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|e| e.to_string()))
            .and_then(|v| Report::from_json(&v).ok_or_else(|| String::from("not a results.json")));
        return Ok(match rep {
            Ok(rep) => render(&rep, &opts),
            Err(e) => {
                eprintln!("linmux: bench: cannot read {}: {e}", file.display());
                ExitCode::FAILURE
            }
        });
    }
    Ok(parent(&opts))
}

fn parent(opts: &Options) -> ExitCode {
    let started = Instant::now();
    let load_before = report::loadavg();
    let plan = Plan {
        interleave: opts.interleave,
        alternate: opts.alternate,
        cases: opts.cases.clone(),
        threads: opts.threads.clone(),
        reps: opts.reps,
        budget: opts.budget,
    };
    let mut rep = Report {
        machine: Machine::detect(),
        cases: opts.cases.clone(),
        threads: opts.threads.clone(),
        reps: opts.reps,
        rounds: opts.rounds,
        budget: opts.budget,
        quick: opts.quick,
        backends: Vec::new(),
        records: Vec::new(),
        failures: Vec::new(),
        load_before,
        load_after: None,
        wall_seconds: 0.0,
    };
    run_rounds(&opts.backends, &plan, opts.progress, &mut rep);
    rep.load_after = report::loadavg();
    rep.wall_seconds = started.elapsed().as_secs_f64();

    render(&rep, opts)
}

/// Runs every backend's worker on `plan`, `rep.rounds` times in turn (the
/// order reversed every other round), into `rep`: one [`BackendRun`] per
/// backend (the first round that measured, else the first round's; a later
/// round's failure is reported on stderr by [`run_worker`] and keeps what
/// was measured), and one record per backend, case and thread count holding
/// the samples of every round. A backend skipped (not loadable) in one
/// round is not started again.
fn run_rounds(names: &[String], plan: &Plan, progress: bool, rep: &mut Report) {
    let rounds = rep.rounds.max(1);
    let per_backend = (plan.cases.len() * plan.threads.len()) as u64;
    let pb = progress_bar(per_backend * (names.len() * rounds) as u64, progress);
    let plan_text = plan.to_json().to_string();
    for round in 0..rounds {
        let order: Vec<&String> = if round % 2 == 0 {
            names.iter().collect()
        } else {
            names.iter().rev().collect()
        };
        for name in order {
            // A backend that cannot load in one round will not in the next.
            if rep
                .backends
                .iter()
                .any(|b| b.name == *name && matches!(b.status, Status::Skipped(_)))
            {
                pb.inc(per_backend);
                continue;
            }
            let run = run_worker(name, &plan_text, &[], &pb, per_backend, rep);
            match rep.backends.iter_mut().find(|b| b.name == *name) {
                None => rep.backends.push(run),
                Some(first) => {
                    if matches!(run.status, Status::Measured)
                        && !matches!(first.status, Status::Measured)
                    {
                        *first = run;
                    }
                }
            }
        }
    }
    pb.finish_and_clear();
    // Keep the backends in the order asked for.
    rep.backends
        .sort_by_key(|b| names.iter().position(|n| *n == b.name));
    pool_rounds(&mut rep.records);
}

/// Merges the records of one backend, case and thread count (one per
/// round) into one, with every sample, in the order they were found. A
/// cold record (its warm-up was its only sample) gives way to warm ones.
fn pool_rounds(records: &mut Vec<Record>) {
    let mut pooled: Vec<Record> = Vec::with_capacity(records.len());
    for r in records.drain(..) {
        match pooled
            .iter_mut()
            .find(|p| p.backend == r.backend && p.case == r.case && p.threads == r.threads)
        {
            Some(p) => match (p.timing.cold, r.timing.cold) {
                (true, false) => p.timing = r.timing,
                (false, true) => {}
                _ => p.timing.samples.extend(r.timing.samples),
            },
            None => pooled.push(r),
        }
    }
    *records = pooled;
}

/// The progress bar of a run of `cells` measurements (hidden without `show`).
fn progress_bar(cells: u64, show: bool) -> ProgressBar {
    let pb = ProgressBar::with_draw_target(
        Some(cells),
        if show {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        },
    );
    if let Ok(style) =
        ProgressStyle::with_template("{elapsed_precise} [{bar:30}] {pos}/{len} {msg}")
    {
        pb.set_style(style.progress_chars("=> "));
    }
    pb
}

/// The table (or JSON, CSV) on stdout, and the files of `--out`.
fn render(rep: &Report, opts: &Options) -> ExitCode {
    let text = rep.text();
    let stdout = match opts.format {
        Format::Table => text.clone(),
        Format::Json => format!("{:#}\n", rep.to_json()),
        Format::Csv => rep.csv(),
    };
    let mut ok = true;
    if let Some(dir) = &opts.out
        && let Err(e) = write_out(rep, &text, dir)
    {
        eprintln!("linmux: bench: cannot write to {}: {e}", dir.display());
        ok = false;
    }
    if let Err(e) = emit(&stdout) {
        eprintln!("linmux: cannot write the report: {e}");
        ok = false;
    }
    if rep.records.is_empty() {
        eprintln!("linmux: bench: nothing was measured");
        ok = false;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn emit(text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

fn write_out(
    rep: &Report,
    text: &str,
    dir: &std::path::Path,
) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("table.md"), text)?;
    std::fs::write(dir.join("results.json"), format!("{:#}\n", rep.to_json()))?;
    std::fs::write(dir.join("results.csv"), rep.csv())?;
    for &case in &rep.cases {
        charts::threads_chart(rep, case, &dir.join(charts::threads_file(case)))?;
    }
    charts::heatmap(rep, &dir.join("heatmap.svg"))?;
    Ok(())
}

fn case_of(v: &Value) -> Option<(Case, usize)> {
    let op = Op::parse(v["op"].as_str()?)?;
    let m = usize::try_from(v["m"].as_u64()?).ok()?;
    let n = usize::try_from(v["n"].as_u64()?).ok()?;
    let t = usize::try_from(v["threads"].as_u64()?).ok()?;
    Some((
        Case {
            op,
            size: Size::new(m, n),
        },
        t,
    ))
}

/// Runs one backend's worker and folds its events into `rep`.
fn run_worker(
    name: &str,
    plan: &str,
    env: &[(&str, &std::ffi::OsStr)],
    pb: &ProgressBar,
    cells: u64,
    rep: &mut Report,
) -> BackendRun {
    let mut run = BackendRun {
        name: name.to_owned(),
        status: Status::Failed(String::from("the worker reported nothing")),
        info: Value::Null,
    };
    pb.set_message(format!("{name}: loading"));
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            run.status = Status::Failed(format!("cannot find the linmux executable: {e}"));
            pb.inc(cells);
            return run;
        }
    };
    let child = Command::new(exe)
        .args(["bench", "--worker", name, "--plan", plan])
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(c) => c,
        Err(e) => {
            run.status = Status::Failed(format!("cannot start a worker: {e}"));
            pb.inc(cells);
            return run;
        }
    };
    // Drain stderr on a thread so a chatty vendor cannot block the worker.
    let stderr = child.stderr.take().map(|mut s| {
        std::thread::spawn(move || {
            let mut buf = String::new();
            let _ = s.read_to_string(&mut buf);
            buf
        })
    });
    let mut seen = 0u64;
    let mut done = false;
    if let Some(out) = child.stdout.take() {
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { break };
            let Ok(ev) = serde_json::from_str::<Value>(&line) else {
                continue; // a vendor printing on stdout
            };
            match ev["event"].as_str() {
                Some("skipped") => {
                    let why = ev["reason"].as_str().unwrap_or("unavailable").to_owned();
                    pb.suspend(|| {
                        eprintln!("linmux bench: {name} skipped: {}", report::one_line(&why))
                    });
                    run.status = Status::Skipped(why);
                }
                Some("loaded") => {
                    run.status = Status::Measured;
                    run.info = ev;
                }
                Some("start") => {
                    if let Some((case, t)) = case_of(&ev["case"]) {
                        pb.set_message(format!("{name}: {} with {t} thread(s)", case.label()));
                    }
                }
                Some("unsupported") => {
                    seen += 1;
                    pb.inc(1);
                }
                Some("error") => {
                    seen += 1;
                    pb.inc(1);
                    if let Some((case, threads)) = case_of(&ev["case"]) {
                        rep.failures.push(Failure {
                            backend: name.to_owned(),
                            case,
                            threads,
                            message: ev["message"].as_str().unwrap_or("?").to_owned(),
                        });
                    }
                }
                Some("result") => {
                    seen += 1;
                    pb.inc(1);
                    let samples: Option<Vec<f64>> = ev["samples"]
                        .as_array()
                        .map(|a| a.iter().filter_map(Value::as_f64).collect());
                    if let (Some((case, threads)), Some(samples)) = (case_of(&ev["case"]), samples)
                        && !samples.is_empty()
                    {
                        rep.records.push(Record {
                            backend: name.to_owned(),
                            case,
                            threads,
                            threads_effective: ev["threads_effective"]
                                .as_u64()
                                .and_then(|t| usize::try_from(t).ok()),
                            timing: Timing {
                                samples,
                                cold: ev["cold"].as_bool().unwrap_or(false),
                            },
                        });
                    }
                }
                Some("done") => done = true,
                _ => {}
            }
        }
    }
    pb.inc(cells.saturating_sub(seen));
    let status = child.wait();
    let err = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    let failed = !matches!(&status, Ok(s) if s.success())
        || (!done && matches!(run.status, Status::Measured));
    if failed && !matches!(run.status, Status::Skipped(_)) {
        let tail: Vec<&str> = err.lines().rev().take(5).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        let why = format!(
            "worker {}{}",
            match &status {
                Ok(s) => s.to_string(),
                Err(e) => e.to_string(),
            },
            if tail.is_empty() {
                String::new()
            } else {
                format!(": {}", tail.join(" | "))
            }
        );
        pb.suspend(|| eprintln!("linmux bench: {name} failed: {why}"));
        run.status = Status::Failed(why);
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn threads_lists_and_ranges() {
        assert_eq!(parse_threads("1,2").unwrap(), [1, 2]);
        assert_eq!(parse_threads("1-4,2").unwrap(), [1, 2, 3, 4]);
        assert!(parse_threads("0").is_err());
        assert!(parse_threads("3-1").is_err());
        assert!(parse_threads("x").is_err());
    }

    #[test]
    fn sizes_apply_to_all_or_one() {
        let o = parse(&args("--ops gemm,svd --sizes 64")).unwrap();
        assert_eq!(
            o.cases,
            [
                Case {
                    op: Op::Gemm,
                    size: Size::square(64)
                },
                Case {
                    op: Op::Svd,
                    size: Size::new(64, 32)
                },
            ]
        );
        let o = parse(&args("--ops gemm,svd --sizes svd=40x20,svd=8 --quick")).unwrap();
        assert_eq!(
            o.cases[0],
            Case {
                op: Op::Gemm,
                size: Op::Gemm.quick_size()
            }
        );
        assert_eq!(
            o.cases[1..],
            [
                Case {
                    op: Op::Svd,
                    size: Size::new(40, 20)
                },
                Case {
                    op: Op::Svd,
                    size: Size::new(8, 4)
                },
            ]
        );
        let o = parse(&args("--ops gemm --sizes eig=8")).unwrap();
        assert_eq!(
            o.cases,
            [Case {
                op: Op::Gemm,
                size: Op::Gemm.full_size()
            }]
        );
        assert!(parse(&args("--sizes gemm=8x4")).is_err());
        assert!(parse(&args("--sizes 8x4")).is_err());
    }

    #[test]
    fn rounds_pool_each_cells_samples() {
        let o = parse(&args("--rounds 3 --alternate")).unwrap();
        assert_eq!((o.rounds, o.alternate), (3, true));
        assert_eq!(parse(&[]).unwrap().rounds, 1);
        assert!(parse(&args("--rounds 0")).is_err());
        let case = Case {
            op: Op::Gemm,
            size: Size::square(8),
        };
        let rec = |backend: &str, threads, samples: &[f64], cold| Record {
            backend: backend.to_owned(),
            case,
            threads,
            threads_effective: Some(threads),
            timing: Timing {
                samples: samples.to_vec(),
                cold,
            },
        };
        let mut records = vec![
            rec("faer", 1, &[3.0, 2.0], false),
            rec("faer", 2, &[5.0], true),
            rec("mkl", 1, &[4.0], false),
            rec("faer", 1, &[1.0], false),
            rec("faer", 2, &[6.0], false),
        ];
        pool_rounds(&mut records);
        let got: Vec<(&str, usize, &[f64], bool)> = records
            .iter()
            .map(|r| {
                (
                    r.backend.as_str(),
                    r.threads,
                    r.timing.samples.as_slice(),
                    r.timing.cold,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("faer", 1, &[3.0, 2.0, 1.0][..], false),
                ("faer", 2, &[6.0][..], false),
                ("mkl", 1, &[4.0][..], false),
            ]
        );
    }

    #[test]
    fn unknown_names_are_usage_errors() {
        let e = parse(&args("--backends faer,nope")).unwrap_err().0;
        assert!(e.contains("nope") && e.contains("openblas"), "{e}");
        let e = parse(&args("--ops gemm,fft")).unwrap_err().0;
        assert!(e.contains("fft") && e.contains("eigh"), "{e}");
        assert!(parse(&args("--json --csv")).is_err());
        assert!(parse(&args("--reps 0")).is_err());
        assert!(parse(&args("--frobnicate")).is_err());
    }

    #[test]
    fn defaults_cover_the_suite_on_every_core() {
        let o = parse(&[]).unwrap();
        assert_eq!(o.backends[0], "faer");
        assert_eq!(o.cases.len(), OPS.len());
        assert_eq!(o.cases[0].size, Size::square(4096));
        assert_eq!(
            *o.threads.last().unwrap(),
            std::thread::available_parallelism().map_or(1, usize::from)
        );
    }
}
