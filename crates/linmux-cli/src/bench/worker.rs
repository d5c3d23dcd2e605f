//! One backend in one process: `linmux bench` re-runs itself with the hidden
//! `--worker` flag once per backend, because an idle vendor's spinning
//! thread pool slows the next vendor in the same process. The worker reports
//! on stdout, one JSON object per line (see [`Event`]).

use std::io::Write as _;
use std::time::Instant;

use linmux::{Engine, ThreadCapability};
use serde_json::{Value, json};

use super::suite::{Case, Inputs, Op, Size};

/// How long a worker waits after loading its backend, before measuring.
const SETTLE: std::time::Duration = std::time::Duration::from_millis(400);

/// What the parent asks a worker to measure.
#[derive(Debug, Clone)]
pub struct Plan {
    pub cases: Vec<Case>,
    pub threads: Vec<usize>,
    /// Timed repetitions after the warm-up (fewer if the budget runs out).
    pub reps: usize,
    /// Seconds of timed runs per case and thread count.
    pub budget: f64,
    /// Time the cases interleaved instead: `reps` rounds, each calling every
    /// case once in order at the largest thread count, so that every call
    /// follows a different one (a routed mix: `linmux tune`'s check).
    pub interleave: bool,
    /// Time a case's thread counts in alternation, one sample of each in
    /// turn, instead of one count's samples after the other's: a drift of
    /// a shared machine's speed then falls on every count alike (for
    /// comparing counts, as the thread-policy check and `tune` do).
    pub alternate: bool,
}

impl Plan {
    pub fn to_json(&self) -> Value {
        json!({
            "cases": self.cases.iter().map(|c| json!({"op": c.op.name(), "m": c.size.m, "n": c.size.n})).collect::<Vec<_>>(),
            "threads": self.threads,
            "reps": self.reps,
            "budget": self.budget,
            "interleave": self.interleave,
            "alternate": self.alternate,
        })
    }

    pub fn from_json(v: &Value) -> Option<Plan> {
        let cases = v["cases"]
            .as_array()?
            .iter()
            .map(|c| {
                Some(Case {
                    op: Op::parse(c["op"].as_str()?)?,
                    size: Size::new(
                        usize::try_from(c["m"].as_u64()?).ok()?,
                        usize::try_from(c["n"].as_u64()?).ok()?,
                    ),
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let threads = v["threads"]
            .as_array()?
            .iter()
            .map(|t| t.as_u64().and_then(|t| usize::try_from(t).ok()))
            .collect::<Option<Vec<_>>>()?;
        Some(Plan {
            cases,
            threads,
            reps: usize::try_from(v["reps"].as_u64()?).ok()?,
            budget: v["budget"].as_f64()?,
            interleave: v["interleave"].as_bool().unwrap_or(false),
            alternate: v["alternate"].as_bool().unwrap_or(false),
        })
    }
}

/// Timings of one case at one thread count.
#[derive(Debug, Clone, PartialEq)]
pub struct Timing {
    /// Seconds per call, in the order measured (each the mean of a batch
    /// of calls when one call is shorter than [`MIN_SAMPLE`]).
    pub samples: Vec<f64>,
    /// The single sample is the warm-up itself: one call exceeded the budget.
    pub cold: bool,
}

impl Timing {
    pub fn median(&self) -> f64 {
        let mut s = self.samples.clone();
        s.sort_by(f64::total_cmp);
        let k = s.len();
        if k % 2 == 1 {
            s[k / 2]
        } else {
            (s[k / 2 - 1] + s[k / 2]) / 2.0
        }
    }
    pub fn min(&self) -> f64 {
        self.samples.iter().copied().fold(f64::INFINITY, f64::min)
    }
    pub fn max(&self) -> f64 {
        self.samples.iter().copied().fold(0.0, f64::max)
    }
    /// (max − min) / median, in percent.
    pub fn spread_pct(&self) -> f64 {
        100.0 * (self.max() - self.min()) / self.median()
    }
}

/// A count from a ratio of times, at least 1 and at most `max`.
#[allow(
    clippy::cast_possible_truncation,
    reason = "clamped to [1, max] before the cast"
)]
fn count(x: f64, max: usize) -> usize {
    x.clamp(1.0, max as f64) as usize
}

/// The shortest sample: faster calls are timed in batches this long.
pub const MIN_SAMPLE: f64 = 1e-3;

/// Seconds per call of `calls` calls of `f` in a row (results dropped
/// after the clock stops).
fn time_calls<R>(f: &mut dyn FnMut() -> R, calls: usize, kept: &mut Vec<R>) -> f64 {
    let t = Instant::now();
    for _ in 0..calls {
        kept.push(f());
    }
    let dt = t.elapsed();
    kept.clear();
    dt.as_secs_f64() / calls as f64
}

/// The warm-up of one measurement: the first call's time, and how many
/// calls make a sample (calls shorter than [`MIN_SAMPLE`] are batched).
/// `None` when the warm-up alone exceeds `budget` (the warm-up is then the
/// only, cold, sample).
fn warm_up<R>(f: &mut dyn FnMut() -> R, budget: f64, kept: &mut Vec<R>) -> Result<usize, f64> {
    let warm = time_calls(f, 1, kept);
    if warm >= budget {
        return Err(warm);
    }
    Ok(if warm < MIN_SAMPLE {
        // A second warm-up call: the first of a tiny problem is mostly cold caches.
        let again = time_calls(f, 1, kept).max(1e-9);
        count((MIN_SAMPLE / again).ceil(), 1_000_000)
    } else {
        1
    })
}

/// How many samples of `batch` calls, each call about `per_call` seconds,
/// fit in `budget` (at least one, at most `reps`).
fn samples_in(budget: f64, per_call: f64, batch: usize, reps: usize) -> usize {
    count((budget / (per_call.max(1e-9) * batch as f64)).floor(), reps)
}

/// Runs `f` once as a warm-up, then takes up to `reps` timed samples within
/// `budget` seconds (at least one). A warm-up longer than the budget is the
/// only sample, marked cold. Calls shorter than [`MIN_SAMPLE`] are timed in
/// batches (the sample is the batch's mean). Results are dropped after the
/// clock stops.
pub fn measure<R>(reps: usize, budget: f64, mut f: impl FnMut() -> R) -> Timing {
    let mut kept = Vec::new();
    let batch = match warm_up(&mut f, budget, &mut kept) {
        Ok(batch) => batch,
        Err(warm) => {
            return Timing {
                samples: vec![warm],
                cold: true,
            };
        }
    };
    let first = time_calls(&mut f, batch, &mut kept);
    let n = samples_in(budget, first, batch, reps);
    let mut samples = vec![first];
    samples.extend((1..n).map(|_| time_calls(&mut f, batch, &mut kept)));
    Timing {
        samples,
        cold: false,
    }
}

/// [`measure`] for several settings of one case at once ([`Plan::alternate`]):
/// `set(i)` switches to setting `i` (outside the clock), then every
/// setting is warmed up, and the samples are taken in turn, one of each
/// per round, up to `reps` rounds within `budget` seconds per setting.
/// A setting whose `set` fails gets its error.
pub fn measure_alternating<R, E>(
    settings: usize,
    reps: usize,
    budget: f64,
    mut set: impl FnMut(usize) -> Result<(), E>,
    mut f: impl FnMut() -> R,
) -> Vec<Result<Timing, E>> {
    let mut kept = Vec::new();
    // Per setting: its batch (None: cold or failed), and its result so far.
    let mut lanes: Vec<(Option<usize>, Result<Timing, E>)> = Vec::with_capacity(settings);
    for i in 0..settings {
        let lane = match set(i) {
            Err(e) => (None, Err(e)),
            Ok(()) => match warm_up(&mut f, budget, &mut kept) {
                Err(warm) => (
                    None,
                    Ok(Timing {
                        samples: vec![warm],
                        cold: true,
                    }),
                ),
                Ok(batch) => (
                    Some(batch),
                    Ok(Timing {
                        samples: Vec::new(),
                        cold: false,
                    }),
                ),
            },
        };
        lanes.push(lane);
    }
    let mut rounds = reps;
    for round in 0..reps {
        if round >= rounds {
            break;
        }
        for (i, lane) in lanes.iter_mut().enumerate() {
            let (Some(batch), Ok(timing)) = (lane.0, &mut lane.1) else {
                continue;
            };
            if set(i).is_err() {
                continue; // it worked for the warm-up: keep what was taken
            }
            let t = time_calls(&mut f, batch, &mut kept);
            if round == 0 {
                rounds = rounds.min(samples_in(budget, t, batch, reps));
            }
            timing.samples.push(t);
        }
    }
    lanes.into_iter().map(|l| l.1).collect()
}

/// [`Plan::interleave`]: every case once per round, each call timed alone.
fn interleaved(plan: &Plan) {
    let t = plan.threads.iter().copied().max().unwrap_or(1);
    let mut live = Vec::new();
    for case in &plan.cases {
        let base = json!({"op": case.op.name(), "m": case.size.m, "n": case.size.n, "threads": t});
        let mut inputs = Inputs::build(*case);
        let warm = linmux::threads::set(t).and_then(|()| inputs.run(case.op));
        match warm {
            Ok(_) => live.push((base, *case, inputs, Vec::with_capacity(plan.reps))),
            Err(e) => emit(&json!({"event": "error", "case": base, "message": e.to_string()})),
        }
    }
    for _ in 0..plan.reps {
        for (_, case, inputs, samples) in &mut live {
            let t0 = Instant::now();
            let r = inputs.run(case.op);
            samples.push(t0.elapsed().as_secs_f64());
            drop(r);
        }
    }
    for (base, _, _, samples) in live {
        emit(
            &json!({"event": "result", "case": base, "threads_effective": t, "samples": samples, "cold": false}),
        );
    }
}

/// One case at every thread count of the plan, timed in alternation
/// ([`Plan::alternate`]).
fn alternating(plan: &Plan, case: &Case, inputs: &mut Inputs, usable: &[usize]) {
    let base =
        |t: usize| json!({"op": case.op.name(), "m": case.size.m, "n": case.size.n, "threads": t});
    // The counts that run: each set and called once (a failing call is
    // reported once, not timed), with the count the engine then reports.
    let mut live: Vec<(usize, Option<usize>)> = Vec::new();
    for &t in &plan.threads {
        if !usable.contains(&t) {
            emit(&json!({"event": "unsupported", "case": base(t)}));
            continue;
        }
        emit(&json!({"event": "start", "case": base(t)}));
        let warm = linmux::threads::set(t).and_then(|()| {
            let effective = linmux::threads::get().ok();
            inputs.run(case.op).map(|_| effective)
        });
        match warm {
            Ok(effective) => live.push((t, effective)),
            Err(e) => emit(&json!({"event": "error", "case": base(t), "message": e.to_string()})),
        }
    }
    let timings = measure_alternating(
        live.len(),
        plan.reps,
        plan.budget,
        |i| linmux::threads::set(live[i].0),
        || inputs.run(case.op),
    );
    for (&(t, effective), timing) in live.iter().zip(timings) {
        match timing {
            Ok(timing) => emit(&json!({
                "event": "result",
                "case": base(t),
                "threads_effective": effective,
                "samples": timing.samples,
                "cold": timing.cold,
            })),
            Err(e) => emit(&json!({"event": "error", "case": base(t), "message": e.to_string()})),
        }
    }
}

fn emit(v: &Value) {
    let mut out = std::io::stdout().lock();
    // The parent reads until EOF; if it is gone there is nobody to tell.
    let _ = writeln!(out, "{v}").and_then(|()| out.flush());
}

fn capability(c: ThreadCapability) -> &'static str {
    match c {
        ThreadCapability::Exact { .. } => "exact",
        ThreadCapability::OnOff => "on/off",
        _ => "fixed",
    }
}

/// Thread counts this backend can honour: all for an exact count, 1 and
/// the largest for on/off, and only its own count (`fixed`) for a library
/// whose count cannot be changed (Netlib: 1).
fn usable_threads(c: ThreadCapability, fixed: usize, asked: &[usize]) -> Vec<usize> {
    match c {
        ThreadCapability::Exact { max } => asked
            .iter()
            .copied()
            .filter(|&t| max.is_none_or(|m| t <= m))
            .collect(),
        ThreadCapability::OnOff => {
            let mut t: Vec<usize> = asked.iter().copied().filter(|&t| t == 1).collect();
            t.extend(asked.iter().copied().filter(|&t| t > 1).max());
            t
        }
        _ => asked.iter().copied().filter(|&t| t == fixed).collect(),
    }
}

pub fn run(backend: &str, plan: &Plan) -> std::process::ExitCode {
    let engine = match Engine::with_backend(backend) {
        Ok(e) => e,
        Err(e) => {
            emit(&json!({"event": "skipped", "reason": e.to_string()}));
            return std::process::ExitCode::SUCCESS;
        }
    };
    let info = engine.info().clone();
    let ti = engine.thread_info();
    let threads = usable_threads(ti.capability, ti.count, &plan.threads);
    let cap = ti.capability;
    emit(&json!({
        "event": "loaded",
        "vendor": info.vendor,
        "version": info.version,
        "threading": info.threading,
        "lapack_provider": info.lapack_provider,
        "paths": linmux::tuned::BackendPrint::of(&info).paths,
        "size_policy": ti.size_policy.map(|p| p.to_string()),
        "thread_capability": capability(cap),
        "threads": threads,
    }));
    linmux::set_default_engine(engine.clone());
    // Let the libraries settle before the clock runs: OpenBLAS starts its
    // workers when it loads, and they spin (yielding) for about 2^28
    // cycles before they sleep. A `tuned` worker loads several libraries:
    // measured with two OpenBLAS builds loaded, openblas64's dgemm 64 on one
    // thread took 36.7 µs through the router against 22.9 µs alone, and
    // 23.6 µs through a router that loaded only openblas64.
    std::thread::sleep(SETTLE);
    if plan.interleave {
        interleaved(plan);
        emit(&json!({"event": "done"}));
        return std::process::ExitCode::SUCCESS;
    }
    for case in &plan.cases {
        let mut inputs = Inputs::build(*case);
        if plan.alternate {
            alternating(plan, case, &mut inputs, &threads);
            continue;
        }
        for &t in &plan.threads {
            let base =
                json!({"op": case.op.name(), "m": case.size.m, "n": case.size.n, "threads": t});
            if !threads.contains(&t) {
                emit(&json!({"event": "unsupported", "case": base}));
                continue;
            }
            emit(&json!({"event": "start", "case": base}));
            if let Err(e) = linmux::threads::set(t) {
                emit(&json!({"event": "error", "case": base, "message": e.to_string()}));
                continue;
            }
            let effective = linmux::threads::get().ok();
            // A failing call (no convergence...) is reported once, not timed.
            if let Err(e) = inputs.run(case.op) {
                emit(&json!({"event": "error", "case": base, "message": e.to_string()}));
                continue;
            }
            let timing = measure(plan.reps, plan.budget, || inputs.run(case.op));
            emit(&json!({
                "event": "result",
                "case": base,
                "threads_effective": effective,
                "samples": timing.samples,
                "cold": timing.cold,
            }));
        }
    }
    emit(&json!({"event": "done"}));
    std::process::ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statistics() {
        let t = Timing {
            samples: vec![3.0, 1.0, 2.0, 10.0],
            cold: false,
        };
        assert_eq!(t.median(), 2.5);
        assert_eq!((t.min(), t.max()), (1.0, 10.0));
        assert_eq!(t.spread_pct(), 360.0);
    }

    #[test]
    fn the_budget_caps_repetitions() {
        let mut calls = 0;
        let t = measure(5, 1e9, || {
            calls += 1;
            std::thread::sleep(std::time::Duration::from_millis(2));
        });
        assert_eq!((t.samples.len(), calls, t.cold), (5, 6, false));
        assert!(t.min() >= 2e-3);
        let mut calls = 0;
        let t = measure(3, 1e9, || calls += 1);
        assert!(t.samples.len() == 3 && calls > 6, "tiny calls are batched");
        let t = measure(5, 0.0, || ());
        assert_eq!((t.samples.len(), t.cold), (1, true));
    }

    #[test]
    fn alternating_samples_take_turns() {
        let mut order = Vec::new();
        let current = std::cell::Cell::new(0);
        let t = measure_alternating(
            3,
            4,
            1e9,
            |i| {
                current.set(i);
                if i == 1 { Err("no") } else { Ok(()) }
            },
            || {
                order.push(current.get());
                std::thread::sleep(std::time::Duration::from_millis(2));
            },
        );
        assert_eq!(t[1], Err("no"));
        let (a, c) = (t[0].as_ref().unwrap(), t[2].as_ref().unwrap());
        assert_eq!((a.samples.len(), c.samples.len()), (4, 4));
        assert!(a.min() >= 2e-3 && !a.cold);
        // Two warm-up calls, then one sample of each in turn.
        assert_eq!(order, [0, 2, 0, 2, 0, 2, 0, 2, 0, 2]);
        let t = measure_alternating(2, 5, 0.0, |_| Ok::<(), ()>(()), || ());
        assert!(t.iter().all(|t| t.as_ref().is_ok_and(|t| t.cold)));
    }

    #[test]
    fn thread_counts_follow_the_capability() {
        let asked = [1, 2, 4];
        let exact = |max| ThreadCapability::Exact { max };
        assert_eq!(usable_threads(exact(None), 2, &asked), asked);
        assert_eq!(usable_threads(exact(Some(2)), 2, &asked), [1, 2]);
        assert_eq!(usable_threads(ThreadCapability::OnOff, 2, &asked), [1, 4]);
        assert_eq!(usable_threads(ThreadCapability::None, 1, &asked), [1]);
        assert!(usable_threads(ThreadCapability::None, 1, &[2]).is_empty());
    }

    #[test]
    fn plans_round_trip() {
        let p = Plan {
            interleave: false,
            alternate: true,
            cases: vec![Case {
                op: Op::Svd,
                size: Size::new(8, 4),
            }],
            threads: vec![1, 2],
            reps: 3,
            budget: 1.5,
        };
        let q = Plan::from_json(&p.to_json()).unwrap();
        assert_eq!(
            (q.cases, q.threads, q.reps, q.budget, q.alternate),
            (p.cases, p.threads, 3, 1.5, true)
        );
    }
}
