//! `linmux tune`: measures operation × size × backend × thread count, each
//! backend in its own worker process (the bench's), and writes the profile
//! that `LINMUX_BACKEND=tuned` (and `auto`, when it exists) routes by.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use indicatif::ProgressBar;
use linmux::tuned::{BackendPrint, Candidate, Fingerprint, Profile, Route};
use linmux::{Family, Routine};

use super::machine::Machine;
use super::report::{self, Report, Status, secs};
use super::suite::{Case, GRID_OPS, Op, Size};
use super::worker::Plan;
use super::{UsageError, charts, default_backends, list, run_rounds, run_worker, unknown_op};

// No `\` continuation on the first line: it would eat the indentation.
pub const USAGE: &str = "  tune [options]   measure each operation at each size class on every
                  backend and thread count (one process per backend), write
                  the profile `LINMUX_BACKEND=tuned` and `auto` route by,
                  and print what it chose and by how much
    --quick             gemm, gemv, dot, potrf, getrf at 5 sizes, and svd,
                        eig, eigh at 64, two rounds (15 s on 2 cores over
                        five backends; the full run, three rounds with gemm
                        to 4096 and the eigen drivers to 1024, then one call
                        each of the drivers at 2048: 16 minutes)
    --ops a,b           gemm, gemv, dot, potrf, getrf, svd, eig, eigh
                        (default: all)
    --backends a,b      backends to measure (default: faer and every vendor
                        that loads but Netlib's reference)
    --profile PATH      where to write the profile (default: LINMUX_PROFILE,
                        else the platform config directory)
    --out DIR           also write summary.md and one SVG chart per operation
                        (each backend's time against size, and the choice)
    --rounds N          measure every backend N times, in turn, and choose
                        by each one's fastest sample of all rounds (default
                        3, quick 2: one round's choice on a shared machine
                        is often a slow spell's)
    --no-progress       no progress bar on stderr
";

/// The operations `tune` measures, and the routine each one routes.
const TUNE_OPS: [(Op, Routine); 8] = [
    (Op::Gemm, Routine::Gemm),
    (Op::Gemv, Routine::Gemv),
    (Op::Dot, Routine::Dot),
    (Op::Potrf, Routine::Potrf),
    (Op::Getrf, Routine::Getrf),
    (Op::Svd, Routine::Gesdd),
    (Op::Eig, Routine::Geev),
    (Op::Eigh, Routine::Heevd),
];

fn routine(op: Op) -> Option<Routine> {
    TUNE_OPS.iter().find(|(o, _)| *o == op).map(|(_, r)| *r)
}

/// The operation that measures `routine`'s routes.
pub fn op_of(routine: Routine) -> Option<Op> {
    TUNE_OPS
        .iter()
        .find(|(_, r)| *r == routine)
        .map(|(o, _)| *o)
}

/// The sizes measured per operation in every round: powers of two from 4
/// to 2048, gemm to 4096, vector lengths from 16 to 2²⁰; the eigen and SVD
/// drivers from 32 to 1024 (their 2048 is [`long_cases`]). A quick run
/// takes every other power of two (every sixth for the vector lengths, and
/// 64 alone for the drivers).
fn sizes(op: Op, quick: bool) -> Vec<Size> {
    let pow = |from: u32, to: u32, step: u32| -> Vec<usize> {
        (from..=to)
            .step_by(step as usize)
            .map(|e| 1usize << e)
            .collect()
    };
    let n = match (op, quick) {
        (Op::Dot, false) => pow(4, 20, 1),
        (Op::Dot, true) => pow(6, 18, 6),
        (Op::Svd | Op::Eig | Op::Eigh, false) => pow(5, 10, 1),
        (Op::Svd | Op::Eig | Op::Eigh, true) => vec![64],
        // NumPy's classic product is 4096²; which backend is fastest
        // changes past 2048 here (faer: tied at 2048, 1.4× OpenBLAS at 4096).
        (Op::Gemm, false) => pow(2, 12, 1),
        (_, false) => pow(2, 11, 1),
        (_, true) => pow(2, 10, 2),
    };
    n.into_iter().map(|n| op.scaled(n)).collect()
}

/// The eigen and SVD drivers at 2048 (the SVD 2048 × 1024: NumPy's classic
/// suite), measured once per backend and thread count after the rounds
/// (none in a quick run). A call takes 1–20 s here, so rounds of them
/// would take many minutes, and at that length one call varies little.
/// They must be measured, not taken from 1024: at 2048 with 2 threads,
/// faer's `eig` and `eigh` took 1.57× and 1.51× NumPy's time against
/// OpenBLAS's 1.07× and 0.97×, though faer at 1 thread had been the
/// fastest at 1024, so a profile without them sent both to faer.
fn long_cases(ops: &[Op], quick: bool) -> Vec<Case> {
    if quick {
        return Vec::new();
    }
    ops.iter()
        .filter(|op| matches!(op, Op::Svd | Op::Eig | Op::Eigh))
        .map(|&op| Case {
            op,
            size: op.scaled(2048),
        })
        .collect()
}

/// The extent a case's calls have (their largest dimension).
fn extent(s: Size) -> usize {
    s.m.max(s.n)
}

struct Options {
    ops: Vec<Op>,
    backends: Vec<String>,
    quick: bool,
    profile: Option<PathBuf>,
    out: Option<PathBuf>,
    progress: bool,
    rounds: usize,
}

/// The backends `tune` measures unless told: faer and every vendor but
/// Netlib's reference build, which serves correctness (in the last full
/// run over every backend it won no route) and would take minutes per
/// large case (dgemm 4096 at about 3 GFLOP/s: 45 s a call).
fn tune_backends() -> Vec<String> {
    default_backends()
        .into_iter()
        .filter(|b| b != "reference")
        .collect()
}

fn parse(args: &[String]) -> Result<Options, UsageError> {
    let mut o = Options {
        ops: TUNE_OPS.iter().map(|(op, _)| *op).collect(),
        backends: tune_backends(),
        quick: false,
        profile: None,
        out: None,
        progress: true,
        rounds: 0,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_owned())),
            _ => (a.as_str(), None),
        };
        let mut val = || {
            inline
                .clone()
                .or_else(|| it.next().cloned())
                .ok_or_else(|| UsageError(format!("{flag} needs a value")))
        };
        match flag {
            "--quick" => o.quick = true,
            "--no-progress" => o.progress = false,
            "--profile" => o.profile = Some(PathBuf::from(val()?)),
            "--out" => o.out = Some(PathBuf::from(val()?)),
            "--rounds" => {
                let v = val()?;
                o.rounds = v
                    .parse::<usize>()
                    .ok()
                    .filter(|&r| r >= 1)
                    .ok_or_else(|| UsageError(format!("--rounds: `{v}` is not a count ≥ 1")))?;
            }
            "--ops" => {
                let v = val()?;
                o.ops.clear();
                for name in list(&v) {
                    let op = Op::parse(name).ok_or_else(|| unknown_op(name))?;
                    if routine(op).is_none() {
                        return Err(UsageError(format!(
                            "tune: `{name}` is not tuned; tune measures: {}",
                            TUNE_OPS.map(|(o, _)| o.name()).join(", ")
                        )));
                    }
                    if !o.ops.contains(&op) {
                        o.ops.push(op);
                    }
                }
                if o.ops.is_empty() {
                    return Err(UsageError(String::from("--ops: empty list")));
                }
            }
            "--backends" => {
                let v = val()?;
                let known = default_backends();
                o.backends.clear();
                for name in list(&v) {
                    if !known.iter().any(|k| k == name) {
                        return Err(UsageError(format!(
                            "unknown backend `{name}`; known backends: {}",
                            known.join(", ")
                        )));
                    }
                    if !o.backends.iter().any(|b| b == name) {
                        o.backends.push(name.to_owned());
                    }
                }
                if o.backends.is_empty() {
                    return Err(UsageError(String::from("--backends: empty list")));
                }
            }
            other => return Err(UsageError(format!("tune: unknown option `{other}`"))),
        }
    }
    if o.rounds == 0 {
        o.rounds = if o.quick { 2 } else { 3 };
    }
    if o.quick && !args.iter().any(|a| a.starts_with("--ops")) {
        o.ops = GRID_OPS.to_vec();
        o.ops.extend([Op::Svd, Op::Eig, Op::Eigh]);
    }
    Ok(o)
}

/// Entry point of `linmux tune ARGS`.
pub fn run(args: &[String]) -> Result<ExitCode, UsageError> {
    let opts = parse(args)?;
    let Some(path) = opts.profile.clone().or_else(Profile::default_path) else {
        eprintln!(
            "linmux: tune: no place for the profile: pass --profile PATH or set {} or HOME",
            linmux::tuned::PROFILE_ENV
        );
        return Ok(ExitCode::FAILURE);
    };
    let started = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let cases: Vec<Case> = opts
        .ops
        .iter()
        .flat_map(|&op| {
            sizes(op, opts.quick)
                .into_iter()
                .map(move |size| Case { op, size })
        })
        .collect();
    let plan = Plan {
        interleave: false,
        alternate: true,
        cases: cases.clone(),
        threads: (1..=cores).collect(),
        reps: 3,
        budget: if opts.quick { 0.03 } else { 0.2 },
    };
    let mut rep = Report {
        machine: Machine::detect(),
        cases: cases.clone(),
        threads: plan.threads.clone(),
        reps: plan.reps,
        rounds: opts.rounds,
        budget: plan.budget,
        quick: opts.quick,
        backends: Vec::new(),
        records: Vec::new(),
        failures: Vec::new(),
        load_before: report::loadavg(),
        load_after: None,
        wall_seconds: 0.0,
    };
    run_rounds(&opts.backends, &plan, opts.progress, &mut rep);
    let long = long_cases(&opts.ops, opts.quick);
    if !long.is_empty() {
        // One cold call per backend and count (a budget of 0: the warm-up
        // is the sample), of the measured backends but twins and those
        // whose LAPACK is another's (every long case is LAPACK).
        let skip: Vec<String> = twins(&rep)
            .into_iter()
            .chain(borrowed_lapack(&rep))
            .map(|(b, _)| b)
            .collect();
        let names: Vec<String> = rep
            .backends
            .iter()
            .filter(|b| matches!(b.status, Status::Measured) && !skip.contains(&b.name))
            .map(|b| b.name.clone())
            .collect();
        let long_plan = Plan {
            cases: long.clone(),
            reps: 1,
            budget: 0.0,
            ..plan.clone()
        };
        let mut once = Report {
            cases: long.clone(),
            rounds: 1,
            backends: Vec::new(),
            records: Vec::new(),
            failures: Vec::new(),
            ..rep.clone()
        };
        run_rounds(&names, &long_plan, opts.progress, &mut once);
        rep.cases.extend(long);
        rep.records.extend(once.records);
        rep.failures.extend(once.failures);
    }
    rep.load_after = report::loadavg();
    rep.wall_seconds = started.elapsed().as_secs_f64();

    let profile = choose(&rep);
    if profile.routes.is_empty() {
        eprintln!("linmux: tune: nothing was measured (no backend loaded?)");
        return Ok(ExitCode::FAILURE);
    }
    let mut summary = summary(&rep, &profile);
    for (twin, kept) in twins(&rep) {
        let version = |name: &str| {
            rep.backends
                .iter()
                .find(|b| b.name == name)
                .and_then(|b| b.info["version"].as_str())
                .unwrap_or("?")
                .to_owned()
        };
        let _ = writeln!(
            summary,
            "{twin} ({}): another build of {kept}'s vendor ({}), which measured faster overall: measured, not routed to (two builds' thread pools slow each other)",
            version(&twin),
            version(&kept)
        );
    }
    for (name, provider) in borrowed_lapack(&rep) {
        let _ = writeln!(
            summary,
            "{name}: its LAPACK is {provider}'s: LAPACK calls not routed to it (they go to {provider} itself)"
        );
    }
    print!("{summary}");
    if let Err(e) = profile.save(&path) {
        eprintln!("linmux: tune: {e}");
        return Ok(ExitCode::FAILURE);
    }
    // The check: every case once per round through the router, each call
    // following a call of another operation (often on another backend).
    let mix = Plan {
        interleave: true,
        alternate: false,
        cases: cases.clone(),
        threads: vec![cores],
        reps: if opts.quick { 5 } else { 9 },
        budget: 0.0,
    };
    // One run of the mix through the router with the profile in `file`.
    let pb = ProgressBar::hidden();
    let plan_text = mix.to_json().to_string();
    let run_mix = |file: &std::path::Path| {
        let mut out = Report {
            records: Vec::new(),
            failures: Vec::new(),
            backends: Vec::new(),
            ..rep.clone()
        };
        let run = run_worker(
            linmux::tuned::TUNED,
            &plan_text,
            &[(linmux::tuned::PROFILE_ENV, file.as_os_str())],
            &pb,
            cases.len() as u64,
            &mut out,
        );
        (out, run.status)
    };
    let (routed, status) = run_mix(&path);
    // The control: the same mix again with every case on one backend, for
    // each backend the profile routes to. The mix's cache effects (a
    // case's data evicted by the cases before it) fall on both alike; what
    // is left is the cost of sharing the cores.
    let mut controls: Vec<(String, Report)> = Vec::new();
    let mut names: Vec<&str> = profile
        .routes
        .iter()
        .map(|r| r.best.backend.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        // Beside the profile (the user's own directory), not in a shared
        // temporary one.
        let file = path.with_file_name(format!(
            ".linmux-tune-control-{}-{name}.json",
            std::process::id()
        ));
        if all_on(&profile, name).save(&file).is_ok() {
            let (control, _) = run_mix(&file);
            let _ = std::fs::remove_file(&file);
            controls.push((name.to_owned(), control));
        }
    }
    let check = mix_check(&profile, &routed, &status, &controls);
    print!("{check}");
    summary.push_str(&check);
    println!(
        "profile written to {} ({} routes, {:.0} s); LINMUX_BACKEND=tuned uses it, and so does auto",
        path.display(),
        profile.routes.len(),
        rep.wall_seconds
    );
    if let Some(dir) = &opts.out {
        let written = std::fs::create_dir_all(dir)
            .map_err(|e| e.to_string())
            .and_then(|()| {
                std::fs::write(dir.join("summary.md"), &summary).map_err(|e| e.to_string())
            })
            .and_then(|()| {
                std::fs::write(dir.join("results.json"), format!("{:#}\n", rep.to_json()))
                    .map_err(|e| e.to_string())
            });
        let charts = opts.ops.iter().try_for_each(|&op| {
            charts::sizes_chart(&rep, op, &profile, &dir.join(format!("tune-{op}.svg")))
                .map_err(|e| e.to_string())
        });
        if let Err(e) = written.and(charts) {
            eprintln!("linmux: tune: cannot write to {}: {e}", dir.display());
            return Ok(ExitCode::FAILURE);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The profile: per case, the fastest backend and thread count (by each
/// one's fastest sample), then [`consolidate`]d.
fn choose(rep: &Report) -> Profile {
    let twins = twins(rep);
    let borrowed = borrowed_lapack(rep);
    let mut routes = Vec::new();
    for case in &rep.cases {
        let Some(routine) = routine(case.op) else {
            continue;
        };
        let lapack = routine.family() == Family::Lapack;
        let mut candidates: Vec<Candidate> = rep
            .records
            .iter()
            .filter(|r| r.case == *case && !twins.iter().any(|(t, _)| *t == r.backend))
            .filter(|r| !(lapack && borrowed.iter().any(|(b, _)| *b == r.backend)))
            .map(|r| Candidate {
                backend: r.backend.clone(),
                threads: r.threads,
                // The fastest sample: the least disturbed on a shared machine.
                seconds: r.timing.min(),
            })
            .collect();
        candidates.sort_by(|a, b| a.seconds.total_cmp(&b.seconds));
        let Some(best) = candidates.first().cloned() else {
            continue;
        };
        routes.push(Route {
            routine,
            n: extent(case.size),
            best,
            candidates,
        });
    }
    consolidate(&mut routes);
    let backends = rep
        .backends
        .iter()
        .filter(|b| rep.records.iter().any(|r| r.backend == b.name))
        .map(|b| BackendPrint {
            name: b.name.clone(),
            version: b.info["version"].as_str().map(str::to_owned),
            paths: b.info["paths"]
                .as_array()
                .map(|p| {
                    p.iter()
                        .filter_map(|x| x.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
        })
        .collect();
    Profile {
        linmux: linmux::VERSION.to_owned(),
        machine: Fingerprint::current(backends),
        routes,
    }
}

/// Backends that are another build of a vendor the profile keeps, each
/// with the build kept: per vendor, the build whose fastest times are
/// nearest the vendor's fastest over every case (geometric mean of the
/// ratios; ties: the first measured). The others are not routed to: two
/// builds' thread pools slow each other in one process. Measured:
/// - OpenBLAS 0.3.21's LP64 and ILP64 builds (the same kernels): the ILP64
///   build's dgemm 64 on one thread, through a router that had also loaded
///   the LP64 build, 21.7 µs fastest and 36 µs median, against 17.7 and
///   27.6 µs alone (six rounds each; loading MKL, BLIS or faer beside it
///   made no difference);
/// - Debian's OpenBLAS 0.3.21 beside the PyPI scipy-openblas64 0.3.34, both
///   routed to: in the routed mix, Debian's `potrf` 512 on 2 threads took
///   40× its time in the same mix alone (85 ms more per call).
fn twins(rep: &Report) -> Vec<(String, String)> {
    let measured: Vec<(&str, &str)> = rep
        .backends
        .iter()
        .filter(|b| matches!(b.status, report::Status::Measured))
        .filter_map(|b| Some((b.name.as_str(), b.info["vendor"].as_str()?)))
        .collect();
    // A backend's fastest time per case (over thread counts).
    let best = |name: &str, case: &Case| {
        rep.records
            .iter()
            .filter(|r| r.backend == name && r.case == *case)
            .map(|r| r.timing.min())
            .min_by(f64::total_cmp)
    };
    let mut twins = Vec::new();
    let mut vendors: Vec<&str> = measured.iter().map(|m| m.1).collect();
    vendors.sort_unstable();
    vendors.dedup();
    for vendor in vendors {
        let builds: Vec<&str> = measured
            .iter()
            .filter(|m| m.1 == vendor)
            .map(|m| m.0)
            .collect();
        if builds.len() < 2 {
            continue;
        }
        // Geometric mean of each build's fastest over the vendor's fastest,
        // over the cases every build measured.
        let score = |name: &str| {
            let logs: Vec<f64> = rep
                .cases
                .iter()
                .filter_map(|case| {
                    let times: Option<Vec<f64>> = builds.iter().map(|b| best(b, case)).collect();
                    let times = times?;
                    let fastest = times.iter().copied().min_by(f64::total_cmp)?;
                    Some((best(name, case)? / fastest).ln())
                })
                .collect();
            if logs.is_empty() {
                f64::INFINITY
            } else {
                logs.iter().sum::<f64>() / logs.len() as f64
            }
        };
        let kept = builds
            .iter()
            .copied()
            .min_by(|a, b| score(a).total_cmp(&score(b)))
            .unwrap_or(builds[0]);
        twins.extend(
            builds
                .iter()
                .filter(|&&b| b != kept)
                .map(|&b| (b.to_owned(), kept.to_owned())),
        );
    }
    twins
}

/// Backends whose LAPACK is another measured backend's (BLIS's is faer's),
/// each with that provider. Their LAPACK calls run the provider's code, so
/// only noise would choose them over it: in a tune before this, BLIS won
/// `gesdd` 128 and 1024, `geev` 128 and `heevd` 512 with faer's own code.
fn borrowed_lapack(rep: &Report) -> Vec<(String, String)> {
    let measured = |name: &str| {
        rep.backends
            .iter()
            .any(|b| b.name == name && matches!(b.status, Status::Measured))
    };
    rep.backends
        .iter()
        .filter(|b| matches!(b.status, Status::Measured))
        .filter_map(|b| {
            let provider = b.info["lapack_provider"].as_str()?;
            (provider != b.name && measured(provider))
                .then(|| (b.name.clone(), provider.to_owned()))
        })
        .collect()
}

/// How much slower than a case's fastest candidate a choice may be to keep
/// fewer backends in the profile. Below the tuned goal's tolerance (5 %
/// from the best single backend) so that the router's own cost and the
/// remaining noise of fastest-of-all-rounds samples still fit in it.
const SAME: f64 = 1.03;

/// Routes as few backends as the measurements allow: each route goes to a
/// candidate within [`SAME`] of its fastest, and the backends are picked
/// greedily, the one that can serve the most routes not yet covered first
/// (ties: the lower total time over them).
///
/// Every backend in a process keeps its own worker threads, which spin for
/// a while after a parallel call (OpenBLAS's for about 2²⁸ cycles, Intel
/// OpenMP's for 200 ms): a call routed to another library then shares the
/// cores with them. Measured in the routed mix of a quick tune on 2 cores,
/// before this: OpenBLAS's `gemv` 1024 on 2 threads took 4.4× its own time
/// after ILP64 OpenBLAS's `gemm` 1024 on 2 threads, two copies of the same
/// library chosen by noise. Fewer backends means fewer such switches.
///
/// Quiescing the previous backend at each switch was tried and measured
/// instead (a soft pause of Intel OpenMP's threads, `omp_pause_resource_all`,
/// whenever the router left MKL after a parallel call): in a mix of MKL's
/// `dot` 524288 and OpenBLAS's `gemv` 1024 on 2 threads, five runs each,
/// the medians were 108–329 µs and 175–241 µs with it against 115–170 µs
/// and 159–217 µs without (MKL pays for waking its threads), so it is not
/// used; `KMP_BLOCKTIME=0` likewise moved the cost to MKL's calls.
fn consolidate(routes: &mut [Route]) {
    let near = |r: &Route, c: &Candidate| c.seconds <= r.best.seconds * SAME;
    let mut open: Vec<usize> = (0..routes.len()).collect();
    while !open.is_empty() {
        // backend → (routes it can serve among the open ones, their time)
        let mut cover: Vec<(&str, usize, f64)> = Vec::new();
        for &i in &open {
            let r = &routes[i];
            let mut seen: Vec<&str> = Vec::new();
            for c in r.candidates.iter().filter(|c| near(r, c)) {
                if seen.contains(&c.backend.as_str()) {
                    continue; // another thread count of the same backend
                }
                seen.push(&c.backend);
                match cover.iter_mut().find(|e| e.0 == c.backend) {
                    Some(e) => {
                        e.1 += 1;
                        e.2 += c.seconds;
                    }
                    None => cover.push((&c.backend, 1, c.seconds)),
                }
            }
        }
        let Some(pick) = cover
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.2.total_cmp(&a.2)))
            .map(|e| e.0.to_owned())
        else {
            break;
        };
        open.retain(|&i| {
            let r = &mut routes[i];
            // Candidates are sorted fastest first: this backend's best
            // thread count among those near the fastest.
            let Some(c) = r
                .candidates
                .iter()
                .find(|c| c.backend == pick && c.seconds <= r.best.seconds * SAME)
                .cloned()
            else {
                return true;
            };
            r.best = c;
            false
        });
    }
}

/// `profile` with every route on `backend` (its fastest thread count),
/// where it was measured: the control of the routed mix.
fn all_on(profile: &Profile, backend: &str) -> Profile {
    let mut p = profile.clone();
    for r in &mut p.routes {
        if let Some(c) = r.candidates.iter().find(|c| c.backend == backend) {
            r.best = c.clone();
        }
    }
    p
}

/// The routed mix against the profile's prediction (per case the median of
/// the interleaved calls over the profile's best time, and in total), and
/// against `controls`: per routed backend, the same mix with every case on
/// that backend, so that each call is compared with itself in the same
/// mix, cold caches and all, without the other libraries.
fn mix_check(
    profile: &Profile,
    routed: &Report,
    status: &report::Status,
    controls: &[(String, Report)],
) -> String {
    let mut s =
        String::from("\nrouted mix (every case in turn through `tuned`, median per call):\n");
    if routed.records.is_empty() {
        let _ = writeln!(s, "  not measured: {status:?}");
        return s;
    }
    let (mut predicted, mut measured) = (0.0, 0.0);
    let mut worst: Option<(f64, String)> = None;
    // Against the control: each call's median in the same mix run with
    // every call on that call's backend.
    let (mut mine, mut alone) = (0.0, 0.0);
    let mut lost: Option<(f64, f64, String)> = None;
    for rec in &routed.records {
        let Some(r) = profile
            .routes
            .iter()
            .find(|r| op_of(r.routine) == Some(rec.case.op) && r.n == extent(rec.case.size))
        else {
            continue;
        };
        let t = rec.timing.median();
        predicted += r.best.seconds;
        measured += t;
        let ratio = t / r.best.seconds;
        // A single call under 100 µs is mostly timer and cold-cache noise.
        if r.best.seconds >= 1e-4 && worst.as_ref().is_none_or(|w| ratio > w.0) {
            worst = Some((ratio, rec.case.label()));
        }
        let control = controls
            .iter()
            .filter(|(name, _)| *name == r.best.backend)
            .flat_map(|(_, rep)| &rep.records)
            .find(|c| c.case == rec.case);
        if let Some(c) = control {
            let u = c.timing.median();
            mine += t;
            alone += u;
            if lost.as_ref().is_none_or(|w| t - u > w.0) {
                lost = Some((
                    t - u,
                    t / u,
                    format!("{} on {}", rec.case.label(), r.best.backend),
                ));
            }
        }
    }
    let _ = writeln!(
        s,
        "  total {} against {} predicted: {:.3}×",
        secs(measured),
        secs(predicted),
        measured / predicted
    );
    if let Some((ratio, case)) = worst {
        let _ = writeln!(
            s,
            "  largest ratio among calls of 100 µs or more: {ratio:.2}× ({case}; the mix's cold caches included)"
        );
    }
    if alone > 0.0 {
        let _ = writeln!(
            s,
            "  against the same mix with every call on its own backend alone: {} against {}: {:.3}×",
            secs(mine),
            secs(alone),
            mine / alone
        );
        if let Some((extra, ratio, case)) = lost.filter(|w| w.0 > 0.0) {
            let _ = writeln!(
                s,
                "  the call that lost the most to sharing: {case}, {} more per call ({ratio:.2}×)",
                secs(extra)
            );
        }
    }
    s
}

/// What was chosen per operation and size, against `auto`'s backend at
/// its default (every) thread count and against the runner-up backend.
fn summary(rep: &Report, profile: &Profile) -> String {
    let cores = rep.threads.iter().copied().max().unwrap_or(1);
    let auto = linmux::select::AUTO_ORDER
        .iter()
        .find(|b| rep.records.iter().any(|r| r.backend == **b))
        .copied()
        .unwrap_or("faer");
    let mut s = String::new();
    let _ = writeln!(
        s,
        "| op | n | chosen | time | {auto}×{cores} (auto before tuning) | gain | runner-up backend |"
    );
    let _ = writeln!(s, "|---|---:|---|---:|---:|---:|---|");
    for r in &profile.routes {
        // From the records: `auto`'s backend may be kept out of the
        // candidates (another build of its vendor was routed to).
        let auto_t = op_of(r.routine).and_then(|op| {
            rep.records
                .iter()
                .find(|x| {
                    x.backend == auto
                        && x.threads == cores
                        && x.case.op == op
                        && extent(x.case.size) == r.n
                })
                .map(|x| x.timing.min())
        });
        let runner = r.candidates.iter().find(|c| c.backend != r.best.backend);
        let _ = writeln!(
            s,
            "| {} | {} | {}×{} | {} | {} | {} | {} |",
            r.routine.method(),
            r.n,
            r.best.backend,
            r.best.threads,
            secs(r.best.seconds),
            auto_t.map_or_else(|| String::from("—"), secs),
            auto_t.map_or_else(
                || String::from("—"),
                |t| format!("{:.2}×", t / r.best.seconds)
            ),
            runner.map_or_else(
                || String::from("—"),
                |c| if c.seconds < r.best.seconds {
                    // Kept out by `consolidate`: within its tolerance.
                    format!(
                        "{}×{} ({:.2}× faster, fewer backends kept)",
                        c.backend,
                        c.threads,
                        r.best.seconds / c.seconds
                    )
                } else {
                    format!(
                        "{}×{} ({:.2}× slower)",
                        c.backend,
                        c.threads,
                        c.seconds / r.best.seconds
                    )
                }
            ),
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn route(n: usize, candidates: &[(&str, usize, f64)]) -> Route {
        let candidates: Vec<Candidate> = candidates
            .iter()
            .map(|&(b, t, s)| Candidate {
                backend: b.to_owned(),
                threads: t,
                seconds: s,
            })
            .collect();
        Route {
            routine: Routine::Gemm,
            n,
            best: candidates[0].clone(),
            candidates,
        }
    }

    #[test]
    fn consolidation_keeps_few_backends_within_the_tolerance() {
        let mut routes = vec![
            // openblas64 fastest by noise; openblas within the tolerance.
            route(
                4,
                &[
                    ("openblas64", 2, 1.00),
                    ("openblas", 2, 1.02),
                    ("mkl", 1, 1.5),
                ],
            ),
            route(8, &[("openblas", 1, 1.00), ("openblas64", 1, 1.01)]),
            // Only mkl is near: it stays, whatever the others do.
            route(
                16,
                &[
                    ("mkl", 2, 1.00),
                    ("openblas", 2, 1.2),
                    ("openblas64", 2, 1.2),
                ],
            ),
            // openblas near only on one thread: that count is taken.
            route(
                32,
                &[
                    ("faer", 2, 1.00),
                    ("openblas", 1, 1.025),
                    ("openblas", 2, 1.3),
                ],
            ),
        ];
        consolidate(&mut routes);
        let chosen: Vec<(&str, usize)> = routes
            .iter()
            .map(|r| (r.best.backend.as_str(), r.best.threads))
            .collect();
        assert_eq!(
            chosen,
            [
                ("openblas", 2),
                ("openblas", 1),
                ("mkl", 2),
                ("openblas", 1)
            ]
        );
        for r in &routes {
            assert!(r.best.seconds <= r.candidates[0].seconds * SAME);
        }
    }

    use super::super::report::{BackendRun, Record};
    use super::super::worker::Timing;

    fn run(name: &str, info: serde_json::Value) -> BackendRun {
        BackendRun {
            name: name.to_owned(),
            status: Status::Measured,
            info,
        }
    }

    fn case(op: Op, n: usize) -> Case {
        Case {
            op,
            size: Size::square(n),
        }
    }

    fn record(backend: &str, case: Case, seconds: f64) -> Record {
        Record {
            backend: backend.to_owned(),
            case,
            threads: 1,
            threads_effective: Some(1),
            timing: Timing {
                samples: vec![seconds],
                cold: false,
            },
        }
    }

    fn report(cases: Vec<Case>, backends: Vec<BackendRun>, records: Vec<Record>) -> Report {
        Report {
            machine: Machine::detect(),
            cases,
            threads: vec![1],
            reps: 1,
            rounds: 1,
            budget: 0.1,
            quick: false,
            backends,
            records,
            failures: Vec::new(),
            load_before: None,
            load_after: None,
            wall_seconds: 0.0,
        }
    }

    #[test]
    fn one_build_per_vendor_is_routed_to_the_faster_overall() {
        let ob = |v: &str| serde_json::json!({ "vendor": "OpenBLAS", "version": v });
        let cases = vec![case(Op::Gemm, 64), case(Op::Gemv, 64), case(Op::Dot, 64)];
        let backends = vec![
            run("openblas", ob("0.3.21")),
            run(
                "mkl",
                serde_json::json!({ "vendor": "Intel MKL", "version": "2026.2" }),
            ),
            run("openblas64", ob("0.3.34")),
        ];
        // The second OpenBLAS is faster at two cases of three, and overall.
        let records = vec![
            record("openblas", cases[0], 1.0),
            record("openblas64", cases[0], 1.2),
            record("openblas", cases[1], 2.0),
            record("openblas64", cases[1], 1.0),
            record("openblas", cases[2], 2.0),
            record("openblas64", cases[2], 1.0),
            record("mkl", cases[0], 0.5),
        ];
        let rep = report(cases.clone(), backends.clone(), records);
        assert_eq!(
            twins(&rep),
            [(String::from("openblas"), String::from("openblas64"))]
        );
        let profile = choose(&rep);
        assert!(profile.routes.iter().all(|r| r.best.backend != "openblas"));
        // Equal builds (the same kernels): the first measured is kept.
        let same: Vec<Record> = cases
            .iter()
            .flat_map(|&c| [record("openblas", c, 1.0), record("openblas64", c, 1.0)])
            .collect();
        assert_eq!(
            twins(&report(cases, backends, same)),
            [(String::from("openblas64"), String::from("openblas"))]
        );
    }

    #[test]
    fn lapack_is_not_routed_to_a_backend_that_borrows_it() {
        let (gemm, getrf) = (case(Op::Gemm, 64), case(Op::Getrf, 64));
        let rep = report(
            vec![gemm, getrf],
            vec![
                run("faer", serde_json::json!({ "lapack_provider": null })),
                run("blis", serde_json::json!({ "lapack_provider": "faer" })),
            ],
            // BLIS is faster at both; its getrf is faer's code.
            vec![
                record("faer", gemm, 2.0),
                record("blis", gemm, 1.0),
                record("faer", getrf, 2.0),
                record("blis", getrf, 1.0),
            ],
        );
        assert_eq!(
            borrowed_lapack(&rep),
            [(String::from("blis"), String::from("faer"))]
        );
        let profile = choose(&rep);
        let best = |routine: Routine| {
            profile
                .routes
                .iter()
                .find(|r| r.routine == routine)
                .map(|r| r.best.backend.clone())
        };
        assert_eq!(best(Routine::Gemm).as_deref(), Some("blis"));
        assert_eq!(best(Routine::Getrf).as_deref(), Some("faer"));
        // Without faer measured, BLIS's LAPACK is the only one: kept.
        let mut alone = rep.clone();
        alone.backends.retain(|b| b.name == "blis");
        alone.records.retain(|r| r.backend == "blis");
        assert!(borrowed_lapack(&alone).is_empty());
    }

    #[test]
    fn quick_plan_is_small_and_full_plan_covers_the_grid() {
        let o = parse(&[String::from("--quick")]).unwrap();
        let quick: usize = o.ops.iter().map(|&op| sizes(op, true).len()).sum();
        assert!(quick <= 30, "{quick} quick cases");
        let full = sizes(Op::Gemm, false);
        assert_eq!(full.first(), Some(&Size::square(4)));
        assert_eq!(full.last(), Some(&Size::square(4096)));
        for op in [Op::Gemv, Op::Potrf, Op::Getrf] {
            assert_eq!(sizes(op, false).last(), Some(&Size::square(2048)));
        }
        for op in [Op::Svd, Op::Eig, Op::Eigh] {
            assert_eq!(sizes(op, false).last(), Some(&op.scaled(1024)));
        }
        let long = long_cases(&parse(&[]).unwrap().ops, false);
        assert_eq!(
            long.iter().map(|c| (c.op, c.size)).collect::<Vec<_>>(),
            [Op::Svd, Op::Eig, Op::Eigh].map(|op| (op, op.scaled(2048)))
        );
        assert!(long_cases(&o.ops, true).is_empty());
        assert!(long_cases(&[Op::Gemm, Op::Dot], false).is_empty());
        let dot = sizes(Op::Dot, false);
        assert_eq!((dot.len(), dot.last()), (17, Some(&Size::vector(1 << 20))));
        assert_eq!((o.rounds, parse(&[]).unwrap().rounds), (2, 3));
        assert!(
            !parse(&[])
                .unwrap()
                .backends
                .iter()
                .any(|b| b == "reference")
        );
        assert!(parse(&[String::from("--ops"), String::from("fft2-fftw")]).is_err());
    }
}
