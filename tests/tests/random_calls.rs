//! The random-call driver (issue 7, deliverable 6): random operations of the
//! whole public Rust API — every low-level BLAS/LAPACK method of
//! [`Engine`] and the `linalg` functions — on every required backend, with
//! random scalar types, shapes (0, 1, small, mismatched on purpose, empty
//! views with 2³¹+1 or more rows), layouts (column-major, row-major, padded,
//! transposed, strided and reversed vectors, conjugated views), flags and
//! values (normal, NaN, ±∞, huge, subnormal).
//!
//! Each backend runs in its own child process (this test binary re-executed
//! on the `#[ignore]`d test [`random_calls_child`]), so a crash, an abort, an
//! `exit` (Netlib's `xerbla` exits with status 0) or a hang is counted and
//! reported with the call that caused it instead of ending the run. Before
//! each call the child writes the call's index and description to a progress
//! file; the parent polls it and kills a child that makes no progress for
//! [`ENV_HANG`] seconds (default 20).
//!
//! Every call must end `Ok` or in a typed `Err`, never a panic, signal, exit
//! or hang. After an `Err`, every output buffer (its padding included) must
//! be bit-identical to what it was, except the matrix a LAPACK routine works
//! on in place after a numerical failure (`Singular`, `NotPositiveDefinite`,
//! `NoConvergence`), which is documented as unspecified. `Error::Backend`
//! (a vendor's complaint) is a failure. `Ok` results of calls with normal
//! values are checked with the testkit (`reference`, `reference_ext`, `check`).
//!
//! Environment:
//!
//! | variable | meaning |
//! |---|---|
//! | `LINMUX_RANDOM_CALLS` | calls per backend (default 20 000; `deep` = 1 000 000) |
//! | `LINMUX_RC_SEED` | the run's seed (default fixed) |
//! | `LINMUX_RC_FIRST` | index of the first call (to replay one call: with `LINMUX_RANDOM_CALLS=1`) |
//! | `LINMUX_RC_HANG_SECS` | seconds without progress that count as a hang (default 20) |
//! | `LINMUX_RC_JOBS` | children run at once (default: available parallelism) |
//! | `LINMUX_RC_SKIP` | known failure classes to leave out, for exploring past them (`huge_pinv`, `rotmg_nonfinite`) |
//!
//! Call `i` draws everything from `Rng::new(seed ⊕ mix(i))`, so one call is
//! reproduced on its own: `LINMUX_RC_SEED=<seed> LINMUX_RC_FIRST=<i>
//! LINMUX_RANDOM_CALLS=1 LINMUX_REQUIRE_BACKENDS=<backend> cargo test -p
//! linmux-conformance --test random_calls -- --nocapture`.
#![allow(
    clippy::cast_possible_truncation,
    reason = "f64 → f32 test data for the f32-only references"
)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs::File;
use std::io::Write as _;
use std::os::unix::fs::FileExt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use linmux::linalg::{NormKind, QrMode};
use linmux::{
    BandRef, Diag, EigJob, Engine, Error, Mat, MatMut, MatRef, PackedMut, PackedOrder, PackedRef,
    RealScalar, Scalar, ScalarKind, Side, SvdJob, Trans, Uplo, VecMut, VecRef, c32, c64,
};
use linmux_conformance::{REQUIRE_ENV, required_backends};
use linmux_testkit::{Layout, Rng, TestMat, TestVec, check as ck, data, reference, reference_ext};

/// Calls per backend (`deep` for 10⁶).
const ENV_COUNT: &str = "LINMUX_RANDOM_CALLS";
/// The run's seed.
const ENV_SEED: &str = "LINMUX_RC_SEED";
/// Index of the first call.
const ENV_FIRST: &str = "LINMUX_RC_FIRST";
/// Seconds without progress that count as a hang.
const ENV_HANG: &str = "LINMUX_RC_HANG_SECS";
/// Children at once.
const ENV_JOBS: &str = "LINMUX_RC_JOBS";
/// Comma list of known failure classes to leave out (exploration only; the
/// test is strict without it). Known on main at 6d816cb: `huge_pinv`,
/// `rotmg_nonfinite`.
const ENV_SKIP: &str = "LINMUX_RC_SKIP";
/// Set by the parent for a child: the backend it drives.
const ENV_CHILD_BACKEND: &str = "LINMUX_RC_CHILD_BACKEND";
/// Set by the parent for a child: the progress file.
const ENV_CHILD_PROGRESS: &str = "LINMUX_RC_CHILD_PROGRESS";

const DEFAULT_COUNT: u64 = 20_000;
const DEEP_COUNT: u64 = 1_000_000;
const DEFAULT_SEED: u64 = 0x7A11_D0C5_0007_0006;
const CHILD_TEST: &str = "random_calls_child";
const SUMMARY: &str = "RANDOM_CALLS_SUMMARY";
const FAILURE: &str = "RANDOM_CALLS_FAILURE";
/// Fixed size of a progress record (index and description).
const RECORD: usize = 1024;
/// Failure lines a child prints at most (all are counted).
const MAX_FAILURE_LINES: usize = 40;

/// Counters that must stay zero (besides the process-level ones).
const FAILURE_KEYS: &[&str] = &[
    "panic",
    "touched",
    "wrong",
    "backend_error",
    "accepted_mismatch",
    "nonfinite_on_finite",
];

/// Whether every entry of `a` is finite (the checked surface's own test).
fn all_finite<T: Scalar>(a: MatRef<'_, T>) -> bool {
    linmux_core::check::finite("setup", "a", &a, linmux_core::check::Part::All).is_ok()
}

/// Whether a known failure class is left out (`LINMUX_RC_SKIP`).
fn skipped(class: &str) -> bool {
    std::env::var(ENV_SKIP).is_ok_and(|v| v.split(',').any(|c| c.trim() == class))
}

fn env_u64(name: &str) -> Option<u64> {
    let v = std::env::var(name).ok()?;
    let v = v.trim();
    if v.eq_ignore_ascii_case("deep") {
        return Some(DEEP_COUNT);
    }
    match v.strip_prefix("0x") {
        Some(hex) => u64::from_str_radix(hex, 16).ok(),
        None => v.replace('_', "").parse().ok(),
    }
}

// ======================================================================
// The parent: one child per required backend.
// ======================================================================

/// What one child came to.
#[derive(Debug, Default)]
struct ChildReport {
    backend: String,
    counts: BTreeMap<String, u64>,
    /// Process-level failure (crash, exit, hang, missing summary), if any.
    process_failure: Option<String>,
    failure_lines: Vec<String>,
    secs: f64,
}

struct Running {
    backend: String,
    child: Child,
    progress: PathBuf,
    out: PathBuf,
    err: PathBuf,
    started: Instant,
    last_index: Option<String>,
    last_change: Instant,
}

fn read_progress(path: &std::path::Path) -> Option<(String, String)> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let line = text.split('\n').next()?.trim_end_matches('\0');
    let (idx, desc) = line.split_once('\t')?;
    Some((idx.to_string(), desc.to_string()))
}

fn tail(path: &std::path::Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n    ")
}

fn spawn(backend: &str, seed: u64, count: u64, first: u64, dir: &std::path::Path) -> Running {
    let exe = std::env::current_exe().expect("current_exe");
    let progress = dir.join(format!("{backend}.progress"));
    let out = dir.join(format!("{backend}.out"));
    let err = dir.join(format!("{backend}.err"));
    let child = Command::new(exe)
        .args([
            "--exact",
            CHILD_TEST,
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(ENV_CHILD_BACKEND, backend)
        .env(ENV_CHILD_PROGRESS, &progress)
        .env(ENV_SEED, seed.to_string())
        .env(ENV_COUNT, count.to_string())
        .env(ENV_FIRST, first.to_string())
        // Small problems: vendor thread pools only cost here, and 2 cores are shared.
        .env("OPENBLAS_NUM_THREADS", "1")
        .env("MKL_NUM_THREADS", "1")
        .env("BLIS_NUM_THREADS", "1")
        .env("OMP_NUM_THREADS", "1")
        .env("RAYON_NUM_THREADS", "1")
        .stdin(Stdio::null())
        .stdout(File::create(&out).expect("child stdout file"))
        .stderr(File::create(&err).expect("child stderr file"))
        .spawn()
        .expect("spawn the child test process");
    Running {
        backend: backend.to_string(),
        child,
        progress,
        out,
        err,
        started: Instant::now(),
        last_index: None,
        last_change: Instant::now(),
    }
}

fn parse_summary(line: &str) -> BTreeMap<String, u64> {
    line.split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
        .collect()
}

fn finish(
    r: &Running,
    status: Option<std::process::ExitStatus>,
    hang: Option<String>,
) -> ChildReport {
    use std::os::unix::process::ExitStatusExt;
    let mut rep = ChildReport {
        backend: r.backend.clone(),
        secs: r.started.elapsed().as_secs_f64(),
        ..ChildReport::default()
    };
    let stdout = std::fs::read_to_string(&r.out).unwrap_or_default();
    // libtest prints `test random_calls_child ... ` without a newline before
    // the child's first line: look for the markers anywhere in a line.
    let summary = stdout
        .lines()
        .find_map(|l| l.find(SUMMARY).map(|i| &l[i + SUMMARY.len()..]));
    rep.failure_lines = stdout
        .lines()
        .filter_map(|l| l.find(FAILURE).map(|i| l[i..].to_string()))
        .collect();
    if let Some(s) = summary {
        rep.counts = parse_summary(s);
    }
    let last = read_progress(&r.progress)
        .map(|(i, d)| format!("call #{i}: {d}"))
        .unwrap_or_else(|| String::from("(no call announced)"));
    let what = if let Some(h) = hang {
        Some(h)
    } else {
        match status {
            Some(st) if st.signal().is_some() => Some(format!(
                "killed by signal {} (crash)",
                st.signal().unwrap_or_default()
            )),
            Some(st) if !st.success() => Some(format!(
                "exited with status {} (exit or crash)",
                st.code().unwrap_or(-1)
            )),
            Some(_) if summary.is_none() => Some(String::from(
                "exited with status 0 without its summary (an exit inside a call, e.g. xerbla)",
            )),
            Some(_) => None,
            None => Some(String::from("no exit status")),
        }
    };
    if let Some(w) = what {
        rep.process_failure = Some(format!(
            "{w}; last call announced: {last}\n    stderr tail:\n    {}",
            tail(&r.err, 8)
        ));
    }
    rep
}

/// Runs every child, `jobs` at a time, with hang detection.
fn run_children(backends: &[String], seed: u64, count: u64, first: u64) -> Vec<ChildReport> {
    let jobs = env_u64(ENV_JOBS).map_or_else(
        || std::thread::available_parallelism().map_or(2, std::num::NonZero::get),
        |j| usize::try_from(j.max(1)).unwrap_or(1),
    );
    let hang_after = Duration::from_secs(env_u64(ENV_HANG).unwrap_or(20));
    let dir = std::env::temp_dir().join(format!("linmux-random-calls-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut queue: Vec<&String> = backends.iter().rev().collect();
    let mut running: Vec<Running> = Vec::new();
    let mut reports = Vec::new();
    while !queue.is_empty() || !running.is_empty() {
        while running.len() < jobs {
            let Some(b) = queue.pop() else { break };
            running.push(spawn(b, seed, count, first, &dir));
        }
        std::thread::sleep(Duration::from_millis(50));
        let mut i = 0;
        while i < running.len() {
            let r = &mut running[i];
            if let Ok(Some(status)) = r.child.try_wait() {
                let r = running.swap_remove(i);
                reports.push(finish(&r, Some(status), None));
                continue;
            }
            let idx = read_progress(&r.progress).map(|(i, _)| i);
            if idx != r.last_index {
                r.last_index = idx;
                r.last_change = Instant::now();
            } else if r.last_change.elapsed() > hang_after {
                // Our own child, by its handle.
                let _ = r.child.kill();
                let status = r.child.wait().ok();
                let r = running.swap_remove(i);
                let msg = format!(
                    "hang: no progress for {} s (killed; status {status:?})",
                    hang_after.as_secs()
                );
                reports.push(finish(&r, status, Some(msg)));
                continue;
            }
            i += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    reports.sort_by_key(|r| backends.iter().position(|b| *b == r.backend));
    reports
}

/// The bounded run (or the deep one with `LINMUX_RANDOM_CALLS=deep`): every
/// required backend in its own child; any crash, exit, hang, panic, touched
/// output, wrong result or vendor complaint fails the test.
#[test]
fn random_calls() {
    let backends = required_backends();
    let seed = env_u64(ENV_SEED).unwrap_or(DEFAULT_SEED);
    let count = env_u64(ENV_COUNT).unwrap_or(DEFAULT_COUNT);
    let first = env_u64(ENV_FIRST).unwrap_or(0);
    let t0 = Instant::now();
    let reports = run_children(&backends, seed, count, first);
    let wall = t0.elapsed().as_secs_f64();
    let mut problems = Vec::new();
    eprintln!(
        "random calls: seed={seed:#x} first={first} calls/backend={count} backends={} ({REQUIRE_ENV}) wall={wall:.1}s",
        backends.join(",")
    );
    for r in &reports {
        let counts: Vec<String> = r
            .counts
            .iter()
            .filter(|(_, v)| **v > 0)
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        eprintln!(
            "  {:<10} {:>6.1}s  {}",
            r.backend,
            r.secs,
            if counts.is_empty() {
                String::from("(no summary)")
            } else {
                counts.join(" ")
            }
        );
        for l in &r.failure_lines {
            eprintln!("    {l}");
        }
        if let Some(p) = &r.process_failure {
            eprintln!("    PROCESS FAILURE: {p}");
            problems.push(format!("[{}] {p}", r.backend));
        }
        for k in FAILURE_KEYS {
            let n = r.counts.get(*k).copied().unwrap_or(0);
            if n > 0 {
                problems.push(format!("[{}] {k}: {n}", r.backend));
            }
        }
        let done = r.counts.get("calls").copied().unwrap_or(0);
        if r.process_failure.is_none() && done != count {
            problems.push(format!("[{}] ran {done} calls of {count}", r.backend));
        }
    }
    assert!(
        problems.is_empty(),
        "random calls found failures (seed {seed:#x}; replay one call with \
         {ENV_SEED}={seed} {ENV_FIRST}=<call> {ENV_COUNT}=1 {REQUIRE_ENV}=<backend>):\n{}",
        problems.join("\n")
    );
}

// ======================================================================
// The child: one backend, `count` random calls.
// ======================================================================

thread_local! {
    static PANIC_AT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// The seed of call `i`.
fn call_seed(seed: u64, i: u64) -> u64 {
    let mut s = i ^ 0xD1B5_4A32_D192_ED03;
    seed ^ linmux_testkit::rng::splitmix64(&mut s)
}

/// The child's bookkeeping: counters, failures, the progress file.
struct Ctx {
    progress: Option<File>,
    index: u64,
    seed: u64,
    counts: BTreeMap<String, u64>,
    failures: usize,
    record: Vec<u8>,
    desc: String,
}

impl Ctx {
    fn bump(&mut self, key: &str) {
        *self.counts.entry(key.to_string()).or_insert(0) += 1;
    }
    fn announce(&mut self, desc: &str) {
        self.desc.clear();
        self.desc.push_str(desc);
        if let Some(f) = &self.progress {
            self.record.clear();
            let _ = write!(self.record, "{}\t{}", self.index, desc);
            self.record.truncate(RECORD - 1);
            self.record.push(b'\n');
            self.record.resize(RECORD, 0);
            let _ = f.write_at(&self.record, 0);
        }
    }
    fn fail(&mut self, class: &str, msg: &str) {
        self.bump(class);
        self.failures += 1;
        if self.failures <= MAX_FAILURE_LINES {
            let msg: String = msg
                .chars()
                .take(600)
                .collect::<String>()
                .replace('\n', " | ");
            println!(
                "{FAILURE} class={class} seed={} call={} {} :: {msg}",
                self.seed, self.index, self.desc
            );
        }
    }
}

/// The data class of one call's values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Vals {
    Normal,
    Nan,
    Inf,
    NegInf,
    Huge,
    Tiny,
}

/// Random arguments for one call.
struct G {
    rng: Rng,
    vals: Vals,
    /// 0: shapes agree; `k > 0`: the operation's `k`-th dimension slot is off by one.
    mis: usize,
    /// An empty view with a huge dimension is used.
    huge: bool,
    /// A setup step (the factorization a `getrs`, `getri`, `potrs` or
    /// `ungqr` call consumes) failed or produced non-finite factors from
    /// finite data (overflow): the call's own input is then not finite.
    tainted: bool,
    desc: String,
}

impl G {
    fn new(seed: u64) -> Self {
        let mut rng = Rng::new(seed);
        let vals = match rng.below(20) {
            0 => Vals::Nan,
            1 => Vals::Inf,
            2 => Vals::NegInf,
            3 => Vals::Huge,
            4 => Vals::Tiny,
            _ => Vals::Normal,
        };
        Self {
            rng,
            vals,
            mis: 0,
            huge: false,
            tainted: false,
            desc: String::new(),
        }
    }
    fn d(&mut self, s: std::fmt::Arguments<'_>) {
        let _ = self.desc.write_fmt(s);
        self.desc.push(' ');
    }
    /// Picks a mismatch among `slots` dimension slots (1 in 12 calls).
    fn mismatch(&mut self, slots: usize) {
        if slots > 0 && self.rng.below(12) == 0 {
            self.mis = 1 + self.rng.below(slots);
            let m = self.mis;
            self.d(format_args!("MISMATCH(slot {m})"));
        }
    }
    /// `n`, off by one when slot `k` is the mismatched one.
    fn at(&self, k: usize, n: usize) -> usize {
        if self.mis == k { n + 1 } else { n }
    }
    fn dim(&mut self) -> usize {
        [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 8, 12][self.rng.below(14)]
    }
    fn layout(&mut self) -> Layout {
        match self.rng.below(4) {
            0 => Layout::ColMajor,
            1 => Layout::RowMajor,
            2 => Layout::Padded {
                extra: 1 + self.rng.below(2),
            },
            _ => Layout::Transposed,
        }
    }
    fn inc(&mut self) -> usize {
        1 + self.rng.below(3) * self.rng.below(2)
    }
    fn trans(&mut self) -> Trans {
        [Trans::No, Trans::Trans, Trans::ConjTrans][self.rng.below(3)]
    }
    fn uplo(&mut self) -> Uplo {
        if self.rng.coin() {
            Uplo::Upper
        } else {
            Uplo::Lower
        }
    }
    fn diag(&mut self) -> Diag {
        if self.rng.coin() {
            Diag::NonUnit
        } else {
            Diag::Unit
        }
    }
    fn side(&mut self) -> Side {
        if self.rng.coin() {
            Side::Left
        } else {
            Side::Right
        }
    }
    /// Whether results are checked against the testkit.
    fn checkable(&self) -> bool {
        self.vals == Vals::Normal && self.mis == 0 && !self.huge
    }
    fn finite(&self) -> bool {
        !self.tainted && matches!(self.vals, Vals::Normal | Vals::Huge | Vals::Tiny)
    }
    fn special<R: RealScalar>(&mut self) -> R {
        let single = R::KIND == ScalarKind::F32;
        let big = if single { 1e38 } else { 1e300 };
        let tiny = if single { 1e-41 } else { 1e-310 };
        let sign = if self.rng.coin() { 1.0 } else { -1.0 };
        R::from_f64(match self.vals {
            Vals::Nan => f64::NAN,
            Vals::Inf => f64::INFINITY,
            Vals::NegInf => f64::NEG_INFINITY,
            Vals::Huge => sign * big,
            Vals::Tiny => sign * tiny,
            Vals::Normal => self.rng.sym_unit(),
        })
    }
    /// Applies the value class to freshly drawn data: one special entry
    /// (NaN/±∞, in half the arrays), or every entry scaled (huge/tiny).
    fn poison<T: Scalar>(&mut self, v: &mut [T]) {
        if v.is_empty() {
            return;
        }
        match self.vals {
            Vals::Normal => {}
            Vals::Nan | Vals::Inf | Vals::NegInf => {
                if self.rng.coin() {
                    let i = self.rng.below(v.len());
                    let s: T::Real = self.special();
                    v[i] = if T::IS_COMPLEX && self.rng.coin() {
                        T::from_parts(v[i].re(), s)
                    } else {
                        T::from_parts(s, v[i].im())
                    };
                }
            }
            Vals::Huge | Vals::Tiny => {
                let s: T::Real = self.special();
                let s = T::from_real(<T::Real as RealScalar>::from_f64(
                    RealScalar::to_f64(s).abs(),
                ));
                for x in v.iter_mut() {
                    *x *= s;
                }
            }
        }
    }
    fn vec<T: Scalar>(&mut self, n: usize) -> Vec<T> {
        let mut v = data::random_vec::<T>(&mut self.rng, n);
        self.poison(&mut v);
        v
    }
    fn poison_mat<T: Scalar>(&mut self, a: Mat<T>) -> Mat<T> {
        let (m, n) = a.shape();
        let mut v = a.into_vec();
        self.poison(&mut v);
        Mat::from_col_major_vec(v, m, n).expect("shape")
    }
    fn mat<T: Scalar>(&mut self, m: usize, n: usize) -> Mat<T> {
        let a = data::random_mat::<T>(&mut self.rng, m, n);
        self.poison_mat(a)
    }
    fn coef<T: Scalar>(&mut self) -> T {
        match self.rng.below(5) {
            0 => T::zero(),
            1 => T::one(),
            2 if self.vals != Vals::Normal && self.rng.coin() => T::from_real(self.special()),
            _ => data::random_scalar(&mut self.rng),
        }
    }
    fn rcoef<T: Scalar>(&mut self) -> T::Real {
        self.coef::<T>().re()
    }
    /// A stored matrix in a random layout.
    fn store<T: Scalar>(&mut self, a: &Mat<T>) -> TestMat<T> {
        let l = self.layout();
        self.d(format_args!("{}x{}:{l}", a.nrows(), a.ncols()));
        TestMat::from_mat(a, l)
    }
    /// An input operand, sometimes behind a conjugated view.
    fn operand<T: Scalar>(&mut self, a: &Mat<T>) -> Operand<T> {
        let conj = T::IS_COMPLEX && self.rng.below(4) == 0;
        let stored = if conj {
            Mat::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)].conj())
        } else {
            a.clone()
        };
        let store = self.store(&stored);
        if conj {
            self.d(format_args!("(conj view)"));
        }
        Operand { store, conj }
    }
    fn tvec<T: Scalar>(&mut self, v: &[T]) -> Vector<T> {
        let inc = self.inc();
        let rev = self.rng.below(4) == 0;
        let conj = T::IS_COMPLEX && self.rng.below(6) == 0;
        self.d(format_args!(
            "v{}:inc{inc}{}{}",
            v.len(),
            if rev { ":rev" } else { "" },
            if conj { ":conj" } else { "" }
        ));
        let stored: Vec<T> = if conj {
            v.iter().map(|x| x.conj()).collect()
        } else {
            v.to_vec()
        };
        Vector {
            store: TestVec::from_slice(&stored, inc),
            rev,
            conj,
        }
    }
    /// A huge dimension for an empty view.
    fn huge_dim(&mut self) -> usize {
        [(1usize << 31) + 1, 1 << 33, 1 << 62][self.rng.below(3)]
    }
}

struct Operand<T: Scalar> {
    store: TestMat<T>,
    conj: bool,
}

impl<T: Scalar> Operand<T> {
    fn r(&self) -> MatRef<'_, T> {
        if self.conj {
            self.store.as_ref().conjugate()
        } else {
            self.store.as_ref()
        }
    }
}

struct Vector<T: Scalar> {
    store: TestVec<T>,
    rev: bool,
    conj: bool,
}

impl<T: Scalar> Vector<T> {
    fn r(&self) -> VecRef<'_, T> {
        let v = self.store.as_ref();
        let v = if self.rev { v.rev() } else { v };
        if self.conj { v.conjugate() } else { v }
    }
    /// The output view (never conjugated: outputs cannot be).
    fn w(&mut self) -> VecMut<'_, T> {
        let v = self.store.as_mut();
        if self.rev { v.rev() } else { v }
    }
    /// The same view as [`Vector::w`], read-only.
    fn wr(&self) -> VecRef<'_, T> {
        let v = self.store.as_ref();
        if self.rev { v.rev() } else { v }
    }
}

/// Bits of a buffer, for bit-identical comparisons (NaN payloads included).
fn bits<T: Scalar>(s: &[T]) -> Vec<u64> {
    s.iter()
        .flat_map(|x| {
            let z = x.to_c64();
            [z.re.to_bits(), z.im.to_bits()]
        })
        .collect()
}

fn ubits(s: &[usize]) -> Vec<u64> {
    s.iter().map(|&x| x as u64).collect()
}

type Snap = Vec<(&'static str, Vec<u64>)>;

/// No outputs to compare.
const NONE: Snap = Vec::new();

fn kind(e: &Error) -> &'static str {
    match e {
        Error::InvalidArgument { .. } => "InvalidArgument",
        Error::DimensionMismatch { .. } => "DimensionMismatch",
        Error::Aliasing { .. } => "Aliasing",
        Error::NonFinite { .. } => "NonFinite",
        Error::OutOfMemory { .. } => "OutOfMemory",
        Error::NotPositiveDefinite { .. } => "NotPositiveDefinite",
        Error::Singular { .. } => "Singular",
        Error::NoConvergence { .. } => "NoConvergence",
        Error::Overflow { .. } => "Overflow",
        Error::Unsupported { .. } => "Unsupported",
        Error::BackendUnavailable { .. } => "BackendUnavailable",
        Error::Backend { .. } => "Backend",
        _ => "Other",
    }
}

fn numerical(e: &Error) -> bool {
    matches!(
        e,
        Error::Singular { .. } | Error::NotPositiveDefinite { .. } | Error::NoConvergence { .. }
    )
}

impl Ctx {
    /// Classifies a finished call. `workspace` names the outputs that are
    /// unspecified after a numerical failure. Returns whether the result
    /// should be checked against the testkit.
    fn done<R>(
        &mut self,
        g: &G,
        r: &Result<R, Error>,
        before: &Snap,
        after: &Snap,
        workspace: &[&str],
    ) -> bool {
        match r {
            Ok(_) => {
                self.bump("ok");
                if g.mis != 0 {
                    self.fail(
                        "accepted_mismatch",
                        "Ok although a dimension was off by one",
                    );
                    return false;
                }
                g.checkable()
            }
            Err(e) => {
                self.bump(&format!("err_{}", kind(e)));
                if matches!(e, Error::Backend { .. } | Error::Unsupported { .. }) {
                    self.fail("backend_error", &e.to_string());
                }
                if matches!(e, Error::NonFinite { .. }) && g.finite() {
                    self.fail("nonfinite_on_finite", &e.to_string());
                }
                for ((name, b), (_, a)) in before.iter().zip(after) {
                    if numerical(e) && workspace.contains(name) {
                        continue;
                    }
                    if a != b {
                        let n = b.iter().zip(a).filter(|(x, y)| x != y).count();
                        self.fail(
                            "touched",
                            &format!("`{name}` changed ({n} words) after Err({e})"),
                        );
                    }
                }
                false
            }
        }
    }
    fn wrong(&mut self, what: &str, r: Result<(), String>) {
        if let Err(m) = r {
            self.fail("wrong", &format!("{what}: {m}"));
        }
    }
}

fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| String::from("(non-string panic)"))
}

/// The child: drives one backend. Run by [`random_calls`]; does nothing
/// when started directly without the parent's variables.
#[test]
#[ignore = "run by random_calls in a child process"]
fn random_calls_child() {
    let Ok(backend) = std::env::var(ENV_CHILD_BACKEND) else {
        eprintln!("{CHILD_TEST}: started without {ENV_CHILD_BACKEND}; nothing to do");
        return;
    };
    let seed = env_u64(ENV_SEED).unwrap_or(DEFAULT_SEED);
    let count = env_u64(ENV_COUNT).unwrap_or(DEFAULT_COUNT);
    let first = env_u64(ENV_FIRST).unwrap_or(0);
    let progress = std::env::var(ENV_CHILD_PROGRESS)
        .ok()
        .map(|p| File::create(p).expect("progress file"));
    let e = match Engine::with_backend(&backend) {
        Ok(e) => e,
        Err(err) => panic!("required backend `{backend}` could not be loaded: {err}"),
    };
    {
        std::panic::set_hook(Box::new(|info| {
            let loc = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()))
                .unwrap_or_default();
            PANIC_AT.with(|p| *p.borrow_mut() = loc);
        }));
    }
    let mut ctx = Ctx {
        progress,
        index: first,
        seed,
        counts: BTreeMap::new(),
        failures: 0,
        record: Vec::with_capacity(RECORD),
        desc: String::new(),
    };
    for i in first..first.saturating_add(count) {
        ctx.index = i;
        ctx.bump("calls");
        let mut g = G::new(call_seed(seed, i));
        let r = catch_unwind(AssertUnwindSafe(|| one_call(&e, &mut ctx, &mut g)));
        if let Err(p) = r {
            let at = PANIC_AT.with(|p| p.borrow().clone());
            let msg = format!("panicked at {at}: {}", panic_message(p.as_ref()));
            ctx.fail("panic", &msg);
        }
    }
    let _ = std::panic::take_hook();
    let mut line = format!("{SUMMARY} backend={backend}");
    for (k, v) in &ctx.counts {
        let _ = write!(line, " {k}={v}");
    }
    println!("{line}");
    let _ = std::io::stdout().flush();
}

/// One random call on a random scalar type.
fn one_call(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    match g.rng.below(4) {
        0 => call_t::<f32>(e, ctx, g),
        1 => call_t::<f64>(e, ctx, g),
        2 => call_t::<c32>(e, ctx, g),
        _ => call_t::<c64>(e, ctx, g),
    }
}

/// The operations, as indices drawn uniformly.
const OPS: &[&str] = &[
    "dot",
    "dotc",
    "axpy",
    "scal",
    "nrm2",
    "asum",
    "iamax",
    "copy",
    "swap",
    "rotg",
    "rot",
    "rscal",
    "real_only",
    "gemv",
    "geru",
    "gerc",
    "hemv",
    "trmv",
    "trsv",
    "gbmv",
    "hbmv",
    "hpmv",
    "tbmv",
    "tbsv",
    "tpmv",
    "tpsv",
    "her",
    "her2",
    "hpr",
    "hpr2",
    "gemm",
    "symm",
    "hemm",
    "syrk",
    "herk",
    "syr2k",
    "her2k",
    "trmm",
    "trsm",
    "getrf",
    "getrs",
    "getri",
    "potrf",
    "potrs",
    "geqrf",
    "ungqr",
    "gesdd",
    "heevd",
    "geev",
    "gels",
    "matmul",
    "inner",
    "vdot",
    "solve",
    "inv",
    "det",
    "slogdet",
    "lstsq",
    "pinv",
    "cholesky",
    "lu",
    "qr",
    "svd",
    "svdvals",
    "eigh",
    "eigvalsh",
    "eig",
    "eigvals",
    "norm",
    "matrix_rank",
    "cond",
    "huge_empty",
];

fn call_t<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    let op = OPS[g.rng.below(OPS.len())];
    let v = g.vals;
    g.d(format_args!("{op}<{}> vals={v:?}", T::KIND.name()));
    match op {
        "dot" | "dotc" | "inner" | "vdot" => dots::<T>(e, ctx, g, op),
        "axpy" | "copy" | "swap" | "rot" => two_vecs::<T>(e, ctx, g, op),
        "scal" | "rscal" | "nrm2" | "asum" | "iamax" => one_vec::<T>(e, ctx, g, op),
        "rotg" => rotg::<T>(e, ctx, g),
        "real_only" => match T::KIND {
            ScalarKind::F32 => real_only::<f32>(e, ctx, g),
            ScalarKind::F64 => real_only::<f64>(e, ctx, g),
            _ => real_only_on_complex::<T>(e, ctx, g),
        },
        "gemv" | "hemv" => mv::<T>(e, ctx, g, op),
        "geru" | "gerc" | "her" | "her2" => rank_update::<T>(e, ctx, g, op),
        "trmv" | "trsv" => tri_mv::<T>(e, ctx, g, op),
        "gbmv" | "hbmv" | "tbmv" | "tbsv" => band::<T>(e, ctx, g, op),
        "hpmv" | "tpmv" | "tpsv" | "hpr" | "hpr2" => packed::<T>(e, ctx, g, op),
        "gemm" | "matmul" => gemm::<T>(e, ctx, g, op),
        "symm" | "hemm" => symm::<T>(e, ctx, g, op),
        "syrk" | "herk" | "syr2k" | "her2k" => rank_k::<T>(e, ctx, g, op),
        "trmm" | "trsm" => tri_mm::<T>(e, ctx, g, op),
        "getrf" | "getrs" | "getri" => lu_ops::<T>(e, ctx, g, op),
        "potrf" | "potrs" => chol_ops::<T>(e, ctx, g, op),
        "geqrf" | "ungqr" => qr_ops::<T>(e, ctx, g, op),
        "gesdd" => gesdd::<T>(e, ctx, g),
        "heevd" => heevd::<T>(e, ctx, g),
        "geev" => geev::<T>(e, ctx, g),
        "gels" => gels::<T>(e, ctx, g),
        "huge_empty" => huge_empty::<T>(e, ctx, g),
        _ => linalg_op::<T>(e, ctx, g, op),
    }
}

/// A legal `trans` for `syrk`/`syr2k` on `T`.
fn trans_sy<T: Scalar>(g: &mut G) -> Trans {
    if T::IS_COMPLEX {
        [Trans::No, Trans::Trans][g.rng.below(2)]
    } else {
        g.trans()
    }
}

/// A legal `trans` for `herk`/`her2k`/`gels` on `T`.
fn trans_he<T: Scalar>(g: &mut G) -> Trans {
    if T::IS_COMPLEX {
        [Trans::No, Trans::ConjTrans][g.rng.below(2)]
    } else {
        g.trans()
    }
}

fn dots<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(1);
    let n = g.dim();
    let x = g.vec::<T>(n);
    let y = g.vec::<T>(g.at(1, n));
    let (x, y) = (g.tvec(&x), g.tvec(&y));
    ctx.announce(&g.desc);
    let (xr, yr) = (x.r(), y.r());
    let r = match op {
        "dot" => e.dot(xr, yr),
        "dotc" => e.dotc(xr, yr),
        "inner" => e.inner(xr, yr),
        _ => e.vdot(xr, yr),
    };
    if ctx.done(g, &r, &NONE, &NONE, &[]) {
        let want = if op == "dot" || op == "inner" {
            reference::dot(xr, yr)
        } else {
            reference::dotc(xr, yr)
        };
        ctx.wrong(op, want.check_scalar(r.unwrap_or_else(|_| T::zero())));
    }
}

fn one_vec<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    let n = g.dim();
    let x0 = g.vec::<T>(n);
    let mut x = g.tvec(&x0);
    let alpha = g.coef::<T>();
    let x_before = x.clone_vec();
    let before: Snap = vec![("x", bits(x.store.storage()))];
    ctx.announce(&g.desc);
    let check = match op {
        "scal" => {
            let r = e.scal(alpha, x.w());
            let after: Snap = vec![("x", bits(x.store.storage()))];
            ctx.done(g, &r, &before, &after, &[])
                .then(|| reference::scal(alpha, x_before.wr()).check_vec(x.wr()))
        }
        "rscal" => {
            let a = alpha.re();
            let r = e.rscal(a, x.w());
            let after: Snap = vec![("x", bits(x.store.storage()))];
            ctx.done(g, &r, &before, &after, &[])
                .then(|| reference_ext::scal_real(a, x_before.wr()).check_vec(x.wr()))
        }
        "nrm2" => {
            let r = e.nrm2(x.r());
            ctx.done(g, &r, &NONE, &NONE, &[]).then(|| {
                reference::nrm2(x.r()).check_scalar(r.unwrap_or_else(|_| T::Real::zero_r()))
            })
        }
        "asum" => {
            let r = e.asum(x.r());
            ctx.done(g, &r, &NONE, &NONE, &[]).then(|| {
                reference::asum(x.r()).check_scalar(r.unwrap_or_else(|_| T::Real::zero_r()))
            })
        }
        _ => {
            let r = e.iamax(x.r());
            ctx.done(g, &r, &NONE, &NONE, &[]).then(|| {
                let xr = x.r();
                match r {
                    Ok(None) if n == 0 => Ok(()),
                    Ok(Some(i)) if i < n => {
                        let best = RealScalar::to_f64(xr.at(reference::iamax(xr)).abs1());
                        let slack = RealScalar::to_f64(T::eps()) * best * 4.0;
                        if RealScalar::to_f64(xr.at(i).abs1()) >= best - slack {
                            Ok(())
                        } else {
                            Err(format!("iamax chose {i}, not a largest element"))
                        }
                    }
                    other => Err(format!("iamax returned {other:?} for length {n}")),
                }
            })
        }
    };
    if let Some(c) = check {
        ctx.wrong(op, c);
    }
    if let Err(m) = x.store.check_padding() {
        ctx.fail("touched", &format!("x padding: {m}"));
    }
}

/// `T::Real::zero` without naming `num_traits`.
trait ZeroR {
    fn zero_r() -> Self;
}
impl<R: RealScalar> ZeroR for R {
    fn zero_r() -> Self {
        R::from_f64(0.0)
    }
}

impl<T: Scalar> Vector<T> {
    fn clone_vec(&self) -> Vector<T> {
        Vector {
            store: self.store.clone(),
            rev: self.rev,
            conj: self.conj,
        }
    }
}

fn two_vecs<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(1);
    let n = g.dim();
    let x0 = g.vec::<T>(n);
    let y0 = g.vec::<T>(g.at(1, n));
    let alpha = g.coef::<T>();
    let (c, s) = (g.rcoef::<T>(), g.rcoef::<T>());
    let mut x = g.tvec(&x0);
    let mut y = g.tvec(&y0);
    if op != "axpy" && op != "copy" {
        // x is an output: no conjugated view.
        x.conj = false;
        x.store = TestVec::from_slice(&x0, x.store.inc());
    }
    y.conj = false;
    y.store = TestVec::from_slice(&y0, y.store.inc());
    let (xb, yb) = (x.clone_vec(), y.clone_vec());
    let before: Snap = vec![
        ("x", bits(x.store.storage())),
        ("y", bits(y.store.storage())),
    ];
    ctx.announce(&g.desc);
    let r = match op {
        "axpy" => e.axpy(alpha, x.r(), y.w()),
        "copy" => e.copy(x.r(), y.w()),
        "swap" => {
            let xw = if x.rev {
                x.store.as_mut().rev()
            } else {
                x.store.as_mut()
            };
            e.swap(xw, y.w())
        }
        _ => {
            let xw = if x.rev {
                x.store.as_mut().rev()
            } else {
                x.store.as_mut()
            };
            e.rot(xw, y.w(), c, s)
        }
    };
    let after: Snap = vec![
        ("x", bits(x.store.storage())),
        ("y", bits(y.store.storage())),
    ];
    if ctx.done(g, &r, &before, &after, &[]) {
        let res = match op {
            "axpy" => reference::axpy(alpha, xb.r(), yb.wr()).check_vec(y.wr()),
            "copy" => eq_vec(y.wr(), xb.r()),
            "swap" => eq_vec(y.wr(), xb.wr()).and(eq_vec(x.wr(), yb.wr())),
            _ => {
                let (ex, ey) = reference_ext::rot(xb.wr(), yb.wr(), c, s);
                ex.check_vec(x.wr()).and(ey.check_vec(y.wr()))
            }
        };
        ctx.wrong(op, res);
    }
    for (name, v) in [("x", &x), ("y", &y)] {
        if let Err(m) = v.store.check_padding() {
            ctx.fail("touched", &format!("{name} padding: {m}"));
        }
    }
}

fn eq_vec<T: Scalar>(a: VecRef<'_, T>, b: VecRef<'_, T>) -> Result<(), String> {
    if a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x == y) {
        Ok(())
    } else {
        Err(format!("{:?} != {:?}", a.to_vec(), b.to_vec()))
    }
}

fn rotg<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    let v = g.vec::<T>(2);
    let (mut a, mut b) = (v[0], v[1]);
    let (a0, b0) = (a, b);
    let mut c = T::Real::zero_r();
    let mut s = T::zero();
    ctx.announce(&g.desc);
    let r = e.rotg(&mut a, &mut b, &mut c, &mut s);
    if ctx.done(g, &r, &NONE, &NONE, &[]) {
        let want = reference_ext::rotg(a0, b0);
        // [r, b, c, s] (see reference_ext::rotg).
        let got = [a, b, T::from_real(c), s];
        let res = want.check_vec(VecRef::from_slice(&got));
        ctx.wrong("rotg", res);
    }
}

/// `rotm`, `rotmg`, `sdsdot`, `dsdot` (real types only).
fn real_only<R: RealScalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    let mut which = g.rng.below(4);
    if which == 1 && !g.finite() && skipped("rotmg_nonfinite") {
        which = 2;
    }
    // rotmg (1) takes no vectors.
    g.mismatch(usize::from(which != 1));
    let n = g.dim();
    let x0 = g.vec::<R>(n);
    let y0 = g.vec::<R>(g.at(1, n));
    let x = g.tvec(&x0);
    let y = g.tvec(&y0);
    match which {
        0 => {
            g.d(format_args!("rotm"));
            let flag = [-2.0, -1.0, 0.0, 1.0][g.rng.below(4)];
            let p = g.vec::<R>(4);
            let param = [R::from_f64(flag), p[0], p[1], p[2], p[3]];
            let (mut x, mut y) = (x, y);
            let (xb, yb) = (x.clone_vec(), y.clone_vec());
            let before: Snap = vec![
                ("x", bits(x.store.storage())),
                ("y", bits(y.store.storage())),
            ];
            ctx.announce(&g.desc);
            let xw = if x.rev {
                x.store.as_mut().rev()
            } else {
                x.store.as_mut()
            };
            let r = e.rotm(xw, y.w(), &param);
            let after: Snap = vec![
                ("x", bits(x.store.storage())),
                ("y", bits(y.store.storage())),
            ];
            if ctx.done(g, &r, &before, &after, &[]) {
                let (ex, ey) = reference_ext::rotm(xb.wr(), yb.wr(), param);
                ctx.wrong("rotm", ex.check_vec(x.wr()).and(ey.check_vec(y.wr())));
            }
        }
        1 => {
            g.d(format_args!("rotmg"));
            let v = g.vec::<R>(4);
            let (mut d1, mut d2, mut x1) = (v[0].abs(), v[1].abs(), v[2]);
            let mut param = [R::from_f64(0.0); 5];
            ctx.announce(&g.desc);
            let r = e.rotmg(&mut d1, &mut d2, &mut x1, v[3], &mut param);
            ctx.done(g, &r, &NONE, &NONE, &[]);
        }
        2 => {
            g.d(format_args!("sdsdot"));
            let sb = g.coef::<R>();
            ctx.announce(&g.desc);
            let r = e.sdsdot(sb, x.r(), y.r());
            if ctx.done(g, &r, &NONE, &NONE, &[]) && R::KIND == ScalarKind::F32 {
                let xs: Vec<f32> = x.r().iter().map(|v| RealScalar::to_f64(v) as f32).collect();
                let ys: Vec<f32> = y.r().iter().map(|v| RealScalar::to_f64(v) as f32).collect();
                let want = reference_ext::sdsdot(
                    RealScalar::to_f64(sb) as f32,
                    VecRef::from_slice(&xs),
                    VecRef::from_slice(&ys),
                );
                let got = r.map_or(0.0, |v| RealScalar::to_f64(v) as f32);
                ctx.wrong("sdsdot", want.check_scalar(got));
            }
        }
        _ => {
            g.d(format_args!("dsdot"));
            ctx.announce(&g.desc);
            let r = e.dsdot(x.r(), y.r());
            if ctx.done(g, &r, &NONE, &NONE, &[]) && R::KIND == ScalarKind::F32 {
                let xs: Vec<f32> = x.r().iter().map(|v| RealScalar::to_f64(v) as f32).collect();
                let ys: Vec<f32> = y.r().iter().map(|v| RealScalar::to_f64(v) as f32).collect();
                let want = reference_ext::dsdot(VecRef::from_slice(&xs), VecRef::from_slice(&ys));
                ctx.wrong("dsdot", want.check_scalar(r.unwrap_or(0.0)));
            }
        }
    }
}

/// Complex types have no real-only operations in the public API (they do
/// not compile): draw a real-type call instead.
fn real_only_on_complex<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    if T::KIND == ScalarKind::C32 {
        real_only::<f32>(e, ctx, g);
    } else {
        real_only::<f64>(e, ctx, g);
    }
}

fn mv<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(2);
    let trans = if op == "gemv" { g.trans() } else { Trans::No };
    let uplo = g.uplo();
    let (m, n) = if op == "gemv" {
        (g.dim(), g.dim())
    } else {
        let n = g.dim();
        (n, n)
    };
    g.d(format_args!("{trans:?} {uplo:?}"));
    let a = g.mat::<T>(m, n);
    let a = g.operand(&a);
    let (rows, cols) = trans.apply_shape(m, n);
    let x0 = g.vec::<T>(g.at(1, cols));
    let x = g.tvec(&x0);
    let y0 = g.vec::<T>(g.at(2, rows));
    let mut y = g.tvec(&y0);
    y.conj = false;
    y.store = TestVec::from_slice(&y0, y.store.inc());
    let (alpha, beta) = (g.coef::<T>(), g.coef::<T>());
    let yb = y.clone_vec();
    let before: Snap = vec![("y", bits(y.store.storage()))];
    ctx.announce(&g.desc);
    let r = if op == "gemv" {
        e.gemv(trans, alpha, a.r(), x.r(), beta, y.w())
    } else {
        e.hemv(uplo, alpha, a.r(), x.r(), beta, y.w())
    };
    let after: Snap = vec![("y", bits(y.store.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = if op == "gemv" {
            reference::gemv(trans, alpha, a.r(), x.r(), beta, yb.wr())
        } else {
            reference::hemv(uplo, alpha, a.r(), x.r(), beta, yb.wr())
        };
        ctx.wrong(op, want.check_vec(y.wr()));
    }
    if let Err(m) = y.store.check_padding() {
        ctx.fail("touched", &format!("y padding: {m}"));
    }
}

fn rank_update<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    // Slot 2 is `y`, which `her` does not take.
    g.mismatch(if op == "her" { 1 } else { 2 });
    let uplo = g.uplo();
    let general = op == "geru" || op == "gerc";
    let m = g.dim();
    let n = if general { g.dim() } else { m };
    let x0 = g.vec::<T>(g.at(1, m));
    let y0 = g.vec::<T>(g.at(2, n));
    let x = g.tvec(&x0);
    let y = g.tvec(&y0);
    let alpha = g.coef::<T>();
    let ralpha = alpha.re();
    g.d(format_args!("{uplo:?}"));
    let a0 = g.mat::<T>(m, n);
    let mut a = g.store(&a0);
    let ab = a.clone();
    let before: Snap = vec![("a", bits(a.storage()))];
    ctx.announce(&g.desc);
    let r = match op {
        "geru" => e.geru(alpha, x.r(), y.r(), a.as_mut()),
        "gerc" => e.gerc(alpha, x.r(), y.r(), a.as_mut()),
        "her" => e.her(uplo, ralpha, x.r(), a.as_mut()),
        _ => e.her2(uplo, alpha, x.r(), y.r(), a.as_mut()),
    };
    let after: Snap = vec![("a", bits(a.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = match op {
            "geru" => reference::geru(alpha, x.r(), y.r(), ab.as_ref()),
            "gerc" => reference::gerc(alpha, x.r(), y.r(), ab.as_ref()),
            "her" => reference_ext::her(uplo, ralpha, x.r(), ab.as_ref()),
            _ => reference_ext::her2(uplo, alpha, x.r(), y.r(), ab.as_ref()),
        };
        ctx.wrong(op, want.check_mat(a.as_ref()));
    }
    if let Err(m) = a.check_padding() {
        ctx.fail("touched", &format!("a padding: {m}"));
    }
}

/// A triangular matrix: well conditioned when results are checked.
fn tri<T: Scalar>(g: &mut G, n: usize, uplo: Uplo) -> Mat<T> {
    if g.vals == Vals::Normal {
        data::random_triangular::<T>(&mut g.rng, n, uplo)
    } else {
        g.mat(n, n)
    }
}

fn tri_mv<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(1);
    let (uplo, trans, diag) = (g.uplo(), g.trans(), g.diag());
    let n = g.dim();
    g.d(format_args!("{uplo:?} {trans:?} {diag:?}"));
    let a = tri::<T>(g, n, uplo);
    let a = g.operand(&a);
    let x0 = g.vec::<T>(g.at(1, n));
    let mut x = g.tvec(&x0);
    x.conj = false;
    x.store = TestVec::from_slice(&x0, x.store.inc());
    let xb = x.clone_vec();
    let before: Snap = vec![("x", bits(x.store.storage()))];
    ctx.announce(&g.desc);
    let r = if op == "trmv" {
        e.trmv(uplo, trans, diag, a.r(), x.w())
    } else {
        e.trsv(uplo, trans, diag, a.r(), x.w())
    };
    let after: Snap = vec![("x", bits(x.store.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = if op == "trmv" {
            reference::trmv(uplo, trans, diag, a.r(), xb.wr())
        } else {
            reference::trsv(uplo, trans, diag, a.r(), xb.wr())
        };
        ctx.wrong(op, want.check_vec(x.wr()));
    }
    if let Err(m) = x.store.check_padding() {
        ctx.fail("touched", &format!("x padding: {m}"));
    }
}

fn band<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    // Slot 2 is `y`, which only gbmv and hbmv read.
    g.mismatch(if op == "gbmv" || op == "hbmv" { 2 } else { 1 });
    let (uplo, diag) = (g.uplo(), g.diag());
    let trans = g.trans();
    let general = op == "gbmv";
    let m = g.dim();
    let n = if general { g.dim() } else { m };
    let (kl, ku) = (g.rng.below(3), g.rng.below(3));
    let (kl, ku) = if general {
        (kl, ku)
    } else {
        (kl.max(ku), kl.max(ku))
    };
    let order = if g.rng.coin() {
        PackedOrder::ColMajor
    } else {
        PackedOrder::RowMajor
    };
    let ld = kl + ku + 1 + g.rng.below(2);
    g.d(format_args!(
        "{trans:?} {uplo:?} {diag:?} kl={kl} ku={ku} ld={ld} {order:?}"
    ));
    let full = if op == "tbsv" {
        tri::<T>(g, n, uplo)
    } else {
        g.mat::<T>(m, n)
    };
    let storage = reference_ext::band_storage(&full, kl, ku, ld, order);
    let a = match order {
        PackedOrder::ColMajor => BandRef::from_col_major(&storage, m, n, kl, ku, ld),
        PackedOrder::RowMajor => BandRef::from_row_major(&storage, m, n, kl, ku, ld),
    };
    let a = match a {
        Ok(a) => a,
        Err(err) => {
            ctx.announce(&g.desc);
            ctx.fail(
                "wrong",
                &format!("band view of valid storage refused: {err}"),
            );
            return;
        }
    };
    // Only the stored side is read by the triangular/Hermitian band ops:
    // build views on the uplo side's band.
    let (xl, yl) = match op {
        "gbmv" => {
            let (r, c) = trans.apply_shape(m, n);
            (c, r)
        }
        _ => (n, n),
    };
    let x0 = g.vec::<T>(g.at(1, xl));
    let x = g.tvec(&x0);
    let y0 = g.vec::<T>(g.at(2, yl));
    let mut y = g.tvec(&y0);
    y.conj = false;
    y.store = TestVec::from_slice(&y0, y.store.inc());
    let mut xo = x.clone_vec();
    xo.conj = false;
    xo.store = TestVec::from_slice(&x0, x.store.inc());
    let (alpha, beta) = (g.coef::<T>(), g.coef::<T>());
    let (yb, xb) = (y.clone_vec(), xo.clone_vec());
    let before: Snap = vec![
        ("x", bits(xo.store.storage())),
        ("y", bits(y.store.storage())),
    ];
    ctx.announce(&g.desc);
    let r = match op {
        "gbmv" => e.gbmv(trans, alpha, a, x.r(), beta, y.w()),
        "hbmv" => e.hbmv(uplo, alpha, a, x.r(), beta, y.w()),
        "tbmv" => e.tbmv(uplo, trans, diag, a, xo.w()),
        _ => e.tbsv(uplo, trans, diag, a, xo.w()),
    };
    let after: Snap = vec![
        ("x", bits(xo.store.storage())),
        ("y", bits(y.store.storage())),
    ];
    if ctx.done(g, &r, &before, &after, &[]) {
        let res = match op {
            "gbmv" => reference_ext::gbmv(trans, alpha, a, x.r(), beta, yb.wr()).check_vec(y.wr()),
            "hbmv" => reference_ext::hbmv(uplo, alpha, a, x.r(), beta, yb.wr()).check_vec(y.wr()),
            "tbmv" => reference_ext::tbmv(uplo, trans, diag, a, xb.wr()).check_vec(xo.wr()),
            _ => reference_ext::tbsv(uplo, trans, diag, a, xb.wr()).check_vec(xo.wr()),
        };
        ctx.wrong(op, res);
    }
    for (name, v) in [("x", &xo), ("y", &y)] {
        if let Err(m) = v.store.check_padding() {
            ctx.fail("touched", &format!("{name} padding: {m}"));
        }
    }
}

fn packed<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    // Slot 2 is `y`, which only hpmv and hpr2 read.
    g.mismatch(if op == "hpmv" || op == "hpr2" { 2 } else { 1 });
    let (uplo, trans, diag) = (g.uplo(), g.trans(), g.diag());
    let n = g.dim();
    let order = if g.rng.coin() {
        PackedOrder::ColMajor
    } else {
        PackedOrder::RowMajor
    };
    g.d(format_args!("{uplo:?} {trans:?} {diag:?} {order:?} n={n}"));
    let full = if op == "tpsv" {
        tri::<T>(g, n, uplo)
    } else {
        g.mat::<T>(n, n)
    };
    let mut ap = reference_ext::packed_storage(&full, uplo, order);
    let ap0 = ap.clone();
    let x0 = g.vec::<T>(g.at(1, n));
    let x = g.tvec(&x0);
    let mut xo = x.clone_vec();
    xo.conj = false;
    xo.store = TestVec::from_slice(&x0, x.store.inc());
    let y0 = g.vec::<T>(g.at(2, n));
    let mut y = g.tvec(&y0);
    let yin = y.clone_vec();
    y.conj = false;
    y.store = TestVec::from_slice(&y0, y.store.inc());
    let (alpha, beta) = (g.coef::<T>(), g.coef::<T>());
    let ralpha = alpha.re();
    let (xb, yb) = (xo.clone_vec(), y.clone_vec());
    let pref = |s| match order {
        PackedOrder::ColMajor => PackedRef::from_col_major(s, n, uplo),
        PackedOrder::RowMajor => PackedRef::from_row_major(s, n, uplo),
    };
    let before: Snap = vec![
        ("ap", bits(&ap)),
        ("x", bits(xo.store.storage())),
        ("y", bits(y.store.storage())),
    ];
    ctx.announce(&g.desc);
    let r = match op {
        "hpmv" => e.hpmv(alpha, pref(&ap0).expect("packed"), x.r(), beta, y.w()),
        "tpmv" => e.tpmv(trans, diag, pref(&ap0).expect("packed"), xo.w()),
        "tpsv" => e.tpsv(trans, diag, pref(&ap0).expect("packed"), xo.w()),
        _ => {
            let apm = match order {
                PackedOrder::ColMajor => PackedMut::from_col_major(&mut ap, n, uplo),
                PackedOrder::RowMajor => PackedMut::from_row_major(&mut ap, n, uplo),
            }
            .expect("packed");
            if op == "hpr" {
                e.hpr(ralpha, x.r(), apm)
            } else {
                e.hpr2(alpha, x.r(), yin.r(), apm)
            }
        }
    };
    let after: Snap = vec![
        ("ap", bits(&ap)),
        ("x", bits(xo.store.storage())),
        ("y", bits(y.store.storage())),
    ];
    if ctx.done(g, &r, &before, &after, &[]) {
        let p0 = pref(&ap0).expect("packed");
        let res = match op {
            "hpmv" => reference_ext::hpmv(alpha, p0, x.r(), beta, yb.wr()).check_vec(y.wr()),
            "tpmv" => reference_ext::tpmv(trans, diag, p0, xb.wr()).check_vec(xo.wr()),
            "tpsv" => reference_ext::tpsv(trans, diag, p0, xb.wr()).check_vec(xo.wr()),
            "hpr" => reference_ext::hpr(ralpha, x.r(), p0)
                .check_mat(reference_ext::packed_to_mat(pref(&ap).expect("packed")).as_ref()),
            _ => reference_ext::hpr2(alpha, x.r(), yin.r(), p0)
                .check_mat(reference_ext::packed_to_mat(pref(&ap).expect("packed")).as_ref()),
        };
        ctx.wrong(op, res);
    }
}

fn gemm<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(2);
    let lin = op == "matmul";
    if lin && g.mis == 2 {
        // matmul has no `c`: put the mismatch on `b`.
        g.mis = 1;
    }
    let (ta, tb) = if lin {
        (Trans::No, Trans::No)
    } else {
        (g.trans(), g.trans())
    };
    let (m, n, k) = (g.dim(), g.dim(), g.dim());
    g.d(format_args!("{ta:?} {tb:?} m={m} n={n} k={k}"));
    let (ar, ac) = ta.apply_shape(m, k);
    let (br, bc) = tb.apply_shape(g.at(1, k), n);
    let a = g.mat::<T>(ar, ac);
    let a = g.operand(&a);
    let b = g.mat::<T>(br, bc);
    let b = g.operand(&b);
    let c0 = g.mat::<T>(g.at(2, m), n);
    let mut c = g.store(&c0);
    let (alpha, beta) = (g.coef::<T>(), g.coef::<T>());
    let cb = c.clone();
    let before: Snap = vec![("c", bits(c.storage()))];
    ctx.announce(&g.desc);
    if lin {
        let r = e.matmul(a.r(), b.r());
        if ctx.done(g, &r, &NONE, &NONE, &[]) {
            let z = Mat::<T>::zeros(m, n);
            let want = reference::gemm(
                Trans::No,
                Trans::No,
                T::one(),
                a.r(),
                b.r(),
                T::zero(),
                z.as_ref(),
            );
            let got = r.expect("ok");
            ctx.wrong(op, want.check_mat(got.as_ref()));
        }
        return;
    }
    let r = e.gemm(ta, tb, alpha, a.r(), b.r(), beta, c.as_mut());
    let after: Snap = vec![("c", bits(c.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = reference::gemm(ta, tb, alpha, a.r(), b.r(), beta, cb.as_ref());
        ctx.wrong(op, want.check_mat(c.as_ref()));
    }
    if let Err(m) = c.check_padding() {
        ctx.fail("touched", &format!("c padding: {m}"));
    }
}

fn symm<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(2);
    let (side, uplo) = (g.side(), g.uplo());
    let (m, n) = (g.dim(), g.dim());
    g.d(format_args!("{side:?} {uplo:?} m={m} n={n}"));
    let ka = if side == Side::Left { m } else { n };
    let a = g.mat::<T>(ka, g.at(1, ka));
    let a = g.operand(&a);
    let b = g.mat::<T>(m, n);
    let b = g.operand(&b);
    let c0 = g.mat::<T>(g.at(2, m), n);
    let mut c = g.store(&c0);
    let (alpha, beta) = (g.coef::<T>(), g.coef::<T>());
    let cb = c.clone();
    let before: Snap = vec![("c", bits(c.storage()))];
    ctx.announce(&g.desc);
    let r = if op == "symm" {
        e.symm(side, uplo, alpha, a.r(), b.r(), beta, c.as_mut())
    } else {
        e.hemm(side, uplo, alpha, a.r(), b.r(), beta, c.as_mut())
    };
    let after: Snap = vec![("c", bits(c.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = if op == "symm" {
            reference::symm(side, uplo, alpha, a.r(), b.r(), beta, cb.as_ref())
        } else {
            reference::hemm(side, uplo, alpha, a.r(), b.r(), beta, cb.as_ref())
        };
        ctx.wrong(op, want.check_mat(c.as_ref()));
    }
    if let Err(m) = c.check_padding() {
        ctx.fail("touched", &format!("c padding: {m}"));
    }
}

fn rank_k<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(2);
    let uplo = g.uplo();
    if (op == "syrk" || op == "herk") && g.mis == 1 {
        // They take no `b`: put the mismatch on `c`.
        g.mis = 2;
    }
    let herm = op == "herk" || op == "her2k";
    let trans = if herm {
        trans_he::<T>(g)
    } else {
        trans_sy::<T>(g)
    };
    let (n, k) = (g.dim(), g.dim());
    g.d(format_args!("{uplo:?} {trans:?} n={n} k={k}"));
    let (ar, ac) = trans.apply_shape(n, k);
    let a = g.mat::<T>(ar, ac);
    let a = g.operand(&a);
    let b = g.mat::<T>(g.at(1, ar), ac);
    let b = g.operand(&b);
    let c0 = g.mat::<T>(n, g.at(2, n));
    let mut c = g.store(&c0);
    let (alpha, beta) = (g.coef::<T>(), g.coef::<T>());
    let (ralpha, rbeta) = (alpha.re(), beta.re());
    let cb = c.clone();
    let before: Snap = vec![("c", bits(c.storage()))];
    ctx.announce(&g.desc);
    let r = match op {
        "syrk" => e.syrk(uplo, trans, alpha, a.r(), beta, c.as_mut()),
        "herk" => e.herk(uplo, trans, ralpha, a.r(), rbeta, c.as_mut()),
        "syr2k" => e.syr2k(uplo, trans, alpha, a.r(), b.r(), beta, c.as_mut()),
        _ => e.her2k(uplo, trans, alpha, a.r(), b.r(), rbeta, c.as_mut()),
    };
    let after: Snap = vec![("c", bits(c.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = match op {
            "syrk" => reference::syrk(uplo, trans, alpha, a.r(), beta, cb.as_ref()),
            "herk" => reference::herk(uplo, trans, ralpha, a.r(), rbeta, cb.as_ref()),
            "syr2k" => reference::syr2k(uplo, trans, alpha, a.r(), b.r(), beta, cb.as_ref()),
            _ => reference::her2k(uplo, trans, alpha, a.r(), b.r(), rbeta, cb.as_ref()),
        };
        ctx.wrong(op, want.check_mat(c.as_ref()));
    }
    if let Err(m) = c.check_padding() {
        ctx.fail("touched", &format!("c padding: {m}"));
    }
}

fn tri_mm<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(1);
    let (side, uplo, trans, diag) = (g.side(), g.uplo(), g.trans(), g.diag());
    let (m, n) = (g.dim(), g.dim());
    g.d(format_args!(
        "{side:?} {uplo:?} {trans:?} {diag:?} m={m} n={n}"
    ));
    let ka = if side == Side::Left { m } else { n };
    let a = tri::<T>(g, g.at(1, ka), uplo);
    let a = g.operand(&a);
    let b0 = g.mat::<T>(m, n);
    let mut b = g.store(&b0);
    let alpha = g.coef::<T>();
    let bb = b.clone();
    let before: Snap = vec![("b", bits(b.storage()))];
    ctx.announce(&g.desc);
    let r = if op == "trmm" {
        e.trmm(side, uplo, trans, diag, alpha, a.r(), b.as_mut())
    } else {
        e.trsm(side, uplo, trans, diag, alpha, a.r(), b.as_mut())
    };
    let after: Snap = vec![("b", bits(b.storage()))];
    if ctx.done(g, &r, &before, &after, &[]) {
        let want = if op == "trmm" {
            reference::trmm(side, uplo, trans, diag, alpha, a.r(), bb.as_ref())
        } else {
            reference::trsm(side, uplo, trans, diag, alpha, a.r(), bb.as_ref())
        };
        ctx.wrong(op, want.check_mat(b.as_ref()));
    }
    if let Err(m) = b.check_padding() {
        ctx.fail("touched", &format!("b padding: {m}"));
    }
}

/// A general matrix for LAPACK: well conditioned in normal calls, with a
/// zero column now and then (a singular matrix).
fn lapack_mat<T: Scalar>(g: &mut G, m: usize, n: usize) -> (Mat<T>, bool) {
    if g.vals == Vals::Normal {
        let mut a = data::random_well_conditioned::<T>(&mut g.rng, m, n);
        let singular = n > 0 && g.rng.below(8) == 0;
        if singular {
            let j = g.rng.below(n);
            for i in 0..m {
                a[(i, j)] = T::zero();
            }
            g.d(format_args!("zero-column={j}"));
        }
        (a, !singular)
    } else {
        (g.mat(m, n), false)
    }
}

fn lu_ops<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    // Slot 1 is `ipiv`, slot 2 `b` (getrs only).
    g.mismatch(if op == "getrs" { 2 } else { 1 });
    let m = g.dim();
    let n = if op == "getrf" { g.dim() } else { m };
    let trans = g.trans();
    let nrhs = g.dim();
    g.d(format_args!("{trans:?} nrhs={nrhs}"));
    let (a0, good) = lapack_mat::<T>(g, m, n);
    let mut a = g.store(&a0);
    let mut ipiv = vec![usize::MAX; g.at(1, m.min(n))];
    if op != "getrf" {
        // Setup: the factors (errors here are counted with the call).
        let mut p = vec![0usize; m.min(n)];
        if e.getrf(a.as_mut(), &mut p).is_err() {
            // A singular or non-finite matrix: keep going with what is there.
            p = (0..m.min(n)).collect();
            g.tainted = true;
        }
        g.tainted |= !all_finite(a.as_ref());
        ipiv = p;
        if g.mis == 1 {
            ipiv.push(0);
        }
    }
    let lu = a.clone();
    let b0 = g.mat::<T>(g.at(2, n), nrhs);
    let mut b = g.store(&b0);
    let before: Snap = vec![
        ("a", bits(a.storage())),
        ("ipiv", ubits(&ipiv)),
        ("b", bits(b.storage())),
    ];
    ctx.announce(&g.desc);
    let r = match op {
        "getrf" => e.getrf(a.as_mut(), &mut ipiv),
        "getrs" => e.getrs(trans, lu.as_ref(), &ipiv, b.as_mut()),
        _ => e.getri(a.as_mut(), &ipiv),
    };
    let after: Snap = vec![
        ("a", bits(a.storage())),
        ("ipiv", ubits(&ipiv)),
        ("b", bits(b.storage())),
    ];
    if ctx.done(g, &r, &before, &after, &["a"]) && good {
        let res = match op {
            "getrf" => ck::getrf(a0.as_ref(), a.as_ref(), &ipiv),
            "getrs" => ck::getrs(trans, a0.as_ref(), b.as_ref(), b0.as_ref()),
            _ => ck::getri(a0.as_ref(), a.as_ref()),
        };
        ctx.wrong(op, res);
    }
    for (name, t) in [("a", &a), ("b", &b)] {
        if let Err(m) = t.check_padding() {
            ctx.fail("touched", &format!("{name} padding: {m}"));
        }
    }
}

fn chol_ops<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    // Slot 1 is `b` (potrs only).
    g.mismatch(usize::from(op == "potrs"));
    let uplo = g.uplo();
    let n = g.dim();
    let nrhs = g.dim();
    let hpd = g.vals == Vals::Normal && g.rng.below(6) != 0;
    g.d(format_args!("{uplo:?} nrhs={nrhs} hpd={hpd}"));
    let a0 = if hpd {
        data::random_hpd::<T>(&mut g.rng, n)
    } else if g.vals == Vals::Normal {
        data::random_hermitian::<T>(&mut g.rng, n)
    } else {
        g.mat(n, n)
    };
    let mut a = g.store(&a0);
    if op == "potrs" {
        g.tainted = e.potrf(uplo, a.as_mut()).is_err() || !all_finite(a.as_ref());
    }
    let f = a.clone();
    let b0 = g.mat::<T>(g.at(1, n), nrhs);
    let mut b = g.store(&b0);
    let before: Snap = vec![("a", bits(a.storage())), ("b", bits(b.storage()))];
    ctx.announce(&g.desc);
    let r = if op == "potrf" {
        e.potrf(uplo, a.as_mut())
    } else {
        e.potrs(uplo, f.as_ref(), b.as_mut())
    };
    let after: Snap = vec![("a", bits(a.storage())), ("b", bits(b.storage()))];
    if ctx.done(g, &r, &before, &after, &["a"]) && hpd {
        let res = if op == "potrf" {
            ck::potrf(uplo, a0.as_ref(), a.as_ref())
        } else {
            ck::potrs(uplo, a0.as_ref(), b.as_ref(), b0.as_ref())
        };
        ctx.wrong(op, res);
    }
    for (name, t) in [("a", &a), ("b", &b)] {
        if let Err(m) = t.check_padding() {
            ctx.fail("touched", &format!("{name} padding: {m}"));
        }
    }
}

fn qr_ops<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    g.mismatch(1);
    let (p, q) = (g.dim(), g.dim());
    let (m, n) = if op == "ungqr" {
        (p.max(q), p.min(q))
    } else {
        (p, q)
    };
    let a0 = g.mat::<T>(m, n);
    let mut a = g.store(&a0);
    let mut tau = vec![data::nan::<T>(); g.at(1, m.min(n))];
    if op == "ungqr" {
        let mut t = vec![T::zero(); m.min(n)];
        g.tainted = e.geqrf(a.as_mut(), &mut t).is_err()
            || !all_finite(a.as_ref())
            || linmux_core::check::finite_slice("setup", "tau", &t).is_err();
        if g.mis == 1 {
            t.push(T::zero());
        }
        tau = t;
    }
    let qr = a.clone();
    let before: Snap = vec![("a", bits(a.storage())), ("tau", bits(&tau))];
    ctx.announce(&g.desc);
    let r = if op == "geqrf" {
        e.geqrf(a.as_mut(), &mut tau)
    } else {
        e.ungqr(a.as_mut(), &tau)
    };
    let after: Snap = vec![("a", bits(a.storage())), ("tau", bits(&tau))];
    if ctx.done(g, &r, &before, &after, &["a"]) {
        let res = if op == "geqrf" {
            ck::geqrf(a0.as_ref(), a.as_ref(), &tau)
        } else {
            ck::ungqr(qr.as_ref(), &tau, a.as_ref())
        };
        ctx.wrong(op, res);
    }
    if let Err(m) = a.check_padding() {
        ctx.fail("touched", &format!("a padding: {m}"));
    }
}

fn svd_job(g: &mut G) -> SvdJob {
    [SvdJob::ValuesOnly, SvdJob::Thin, SvdJob::Full][g.rng.below(3)]
}

fn gesdd<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    let job = svd_job(g);
    // Slots 2 and 3 are `u` and `vt`, passed only with vectors.
    g.mismatch(if job == SvdJob::ValuesOnly { 1 } else { 3 });
    let (m, n) = (g.dim(), g.dim());
    let k = m.min(n);
    g.d(format_args!("{job:?}"));
    let a0 = g.mat::<T>(m, n);
    let mut a = g.store(&a0);
    let mut s = vec![T::Real::from_f64(f64::NAN); g.at(1, k)];
    let (ur, uc, vr, vc) = match job {
        SvdJob::Full => (m, m, n, n),
        _ => (m, k, k, n),
    };
    let mut u = TestMat::<T>::dirty(ur, g.at(2, uc), Layout::ColMajor);
    let mut vt = TestMat::<T>::dirty(g.at(3, vr), vc, Layout::RowMajor);
    let vecs = job != SvdJob::ValuesOnly;
    let snap = |a: &TestMat<T>, s: &[T::Real], u: &TestMat<T>, vt: &TestMat<T>| -> Snap {
        vec![
            ("a", bits(a.storage())),
            ("s", bits(s)),
            ("u", bits(u.storage())),
            ("vt", bits(vt.storage())),
        ]
    };
    let before = snap(&a, &s, &u, &vt);
    ctx.announce(&g.desc);
    let r = if vecs {
        e.gesdd(job, a.as_mut(), &mut s, Some(u.as_mut()), Some(vt.as_mut()))
    } else {
        e.gesdd(job, a.as_mut(), &mut s, None, None)
    };
    let after = snap(&a, &s, &u, &vt);
    if ctx.done(g, &r, &before, &after, &["a"]) {
        let res = if vecs {
            ck::gesdd(
                job,
                a0.as_ref(),
                &s,
                Some(u.as_ref()),
                Some(vt.as_ref()),
                None,
            )
        } else {
            ck::gesdd(job, a0.as_ref(), &s, None, None, None)
        };
        ctx.wrong("gesdd", res);
    }
}

fn heevd<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    g.mismatch(1);
    let job = if g.rng.coin() {
        EigJob::Vectors
    } else {
        EigJob::ValuesOnly
    };
    let uplo = g.uplo();
    let n = g.dim();
    g.d(format_args!("{job:?} {uplo:?}"));
    let a0 = if g.vals == Vals::Normal {
        data::random_hermitian::<T>(&mut g.rng, n)
    } else {
        g.mat(n, n)
    };
    let mut a = g.store(&a0);
    let mut w = vec![T::Real::from_f64(f64::NAN); g.at(1, n)];
    let before: Snap = vec![("a", bits(a.storage())), ("w", bits(&w))];
    ctx.announce(&g.desc);
    let r = e.heevd(job, uplo, a.as_mut(), &mut w);
    let after: Snap = vec![("a", bits(a.storage())), ("w", bits(&w))];
    if ctx.done(g, &r, &before, &after, &["a"]) {
        let v = (job == EigJob::Vectors).then(|| a.as_ref());
        ctx.wrong("heevd", ck::heevd(uplo, a0.as_ref(), &w, v, None));
    }
}

fn geev<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    g.mismatch(2);
    let n = g.dim();
    let (want_l, want_r) = (g.rng.coin(), g.rng.coin());
    if !want_r && g.mis == 2 {
        // No `vr` passed: put the mismatch on `w`.
        g.mis = 1;
    }
    g.d(format_args!("vl={want_l} vr={want_r}"));
    let a0 = g.mat::<T>(n, n);
    let mut a = g.store(&a0);
    let mut w = vec![data::nan::<T::Complex>(); g.at(1, n)];
    let mut vl = TestMat::<T::Complex>::dirty(n, n, Layout::Padded { extra: 1 });
    let mut vr = TestMat::<T::Complex>::dirty(g.at(2, n), n, Layout::RowMajor);
    let snap = |a: &TestMat<T>,
                w: &[T::Complex],
                vl: &TestMat<T::Complex>,
                vr: &TestMat<T::Complex>|
     -> Snap {
        vec![
            ("a", bits(a.storage())),
            ("w", bits(w)),
            ("vl", bits(vl.storage())),
            ("vr", bits(vr.storage())),
        ]
    };
    let before = snap(&a, &w, &vl, &vr);
    ctx.announce(&g.desc);
    let r = e.geev(
        a.as_mut(),
        &mut w,
        want_l.then(|| vl.as_mut()),
        want_r.then(|| vr.as_mut()),
    );
    let after = snap(&a, &w, &vl, &vr);
    if ctx.done(g, &r, &before, &after, &["a"]) {
        let res = ck::geev(
            a0.as_ref(),
            &w,
            want_l.then(|| vl.as_ref()),
            want_r.then(|| vr.as_ref()),
        );
        ctx.wrong("geev", res);
    }
}

fn gels<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    g.mismatch(1);
    let trans = trans_he::<T>(g);
    let (m, n, nrhs) = (g.dim(), g.dim(), g.dim());
    g.d(format_args!("{trans:?} nrhs={nrhs}"));
    let (a0, good) = lapack_mat::<T>(g, m, n);
    let mut a = g.store(&a0);
    let (om, on) = trans.apply_shape(m, n);
    let b0 = g.mat::<T>(g.at(1, m.max(n)), nrhs);
    let mut b = g.store(&b0);
    let before: Snap = vec![("a", bits(a.storage())), ("b", bits(b.storage()))];
    ctx.announce(&g.desc);
    let r = e.gels(trans, a.as_mut(), b.as_mut());
    let after: Snap = vec![("a", bits(a.storage())), ("b", bits(b.storage()))];
    if ctx.done(g, &r, &before, &after, &["a"]) && good {
        let bm = b0.as_ref().submatrix(0, 0, om, nrhs);
        let x = b.as_ref().submatrix(0, 0, on, nrhs);
        ctx.wrong("gels", ck::gels(trans, a0.as_ref(), x, bm));
    }
}

/// Empty views with a huge dimension (2³¹+1, 2³³, 2⁶²) through the low-level
/// API and `linalg`: an empty problem, or `OutOfMemory` when the owned
/// result would be huge — never a panic or an abort.
fn huge_empty<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G) {
    g.huge = true;
    let h = g.huge_dim();
    let h2 = g.huge_dim();
    let which = g.rng.below(12);
    g.d(format_args!("h={h} h2={h2} case={which}"));
    let hx0 = MatRef::<T>::from_col_major(&[], h, 0).expect("empty view");
    let h0x = MatRef::<T>::from_col_major(&[], 0, h2).expect("empty view");
    let mut none: [T; 0] = [];
    ctx.announce(&g.desc);
    let r: Result<(), Error> = match which {
        0 => e.matmul(hx0, h0x).map(drop),
        1 => e.matmul(h0x, h0x.transpose()).map(drop),
        2 => e.svd(hx0, svd_job(g)).map(drop),
        3 => e
            .qr(
                hx0,
                [QrMode::Reduced, QrMode::Complete, QrMode::R][g.rng.below(3)],
            )
            .map(drop),
        4 => e.norm(hx0, NormKind::Fro).map(drop),
        5 if !skipped("huge_pinv") => e.pinv(h0x, None).map(drop),
        5 | 6 => e.matrix_rank(hx0, None).map(drop),
        7 => {
            let c = MatMut::<T>::from_col_major(&mut none, h, 0).expect("empty view");
            e.gemm(
                Trans::No,
                Trans::No,
                T::one(),
                hx0,
                MatRef::from_col_major(&[], 0, 0).expect("0x0"),
                T::zero(),
                c,
            )
        }
        8 => {
            let a = MatMut::<T>::from_col_major(&mut none, h, 0).expect("empty view");
            e.getrf(a, &mut [])
        }
        9 => {
            let a = MatMut::<T>::from_col_major(&mut none, 0, h2).expect("empty view");
            e.geqrf(a, &mut [])
        }
        10 if h == 1 << 62 => e.lu(hx0).map(drop),
        _ => {
            let a = MatMut::<T>::from_col_major(&mut none, h, 0).expect("empty view");
            e.gesdd(SvdJob::ValuesOnly, a, &mut [], None, None)
        }
    };
    ctx.done(g, &r, &NONE, &NONE, &[]);
}

/// The `linalg` functions on owned results.
fn linalg_op<T: Scalar>(e: &Engine, ctx: &mut Ctx, g: &mut G, op: &str) {
    let square = !matches!(
        op,
        "lstsq" | "pinv" | "lu" | "qr" | "svd" | "svdvals" | "norm" | "matrix_rank" | "cond"
    );
    // Slot 1: a non-square `a` where a square one is required, `b`'s rows for lstsq.
    g.mismatch(usize::from(square || op == "lstsq"));
    let pick = g.rng.below(60);
    let m = g.dim();
    let n = if square { g.at(1, m) } else { g.dim() };
    let uplo = g.uplo();
    let nrhs = g.dim();
    g.d(format_args!("{uplo:?} nrhs={nrhs}"));
    let (a0, good) = match op {
        "cholesky" if g.vals == Vals::Normal && g.mis == 0 => {
            (data::random_hpd::<T>(&mut g.rng, m.min(n)), true)
        }
        "eigh" | "eigvalsh" if g.vals == Vals::Normal && g.mis == 0 => {
            (data::random_hermitian::<T>(&mut g.rng, m.min(n)), true)
        }
        _ => lapack_mat::<T>(g, m, n),
    };
    let a = g.operand(&a0);
    let brows = if op == "lstsq" { g.at(1, m) } else { n };
    let b0 = g.mat::<T>(brows, nrhs);
    let b = g.operand(&b0);
    let (ar, br) = (a.r(), b.r());
    ctx.announce(&g.desc);
    let ok = |ctx: &mut Ctx, r: &Result<(), Error>| ctx.done(g, r, &NONE, &NONE, &[]);
    match op {
        "solve" => {
            let r = e.solve(ar, br);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) && good {
                let x = r.expect("ok");
                ctx.wrong(
                    op,
                    ck::getrs(
                        Trans::No,
                        ar.to_owned().as_ref(),
                        x.as_ref(),
                        br.to_owned().as_ref(),
                    ),
                );
            }
        }
        "inv" => {
            let r = e.inv(ar);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) && good {
                ctx.wrong(
                    op,
                    ck::getri(ar.to_owned().as_ref(), r.expect("ok").as_ref()),
                );
            }
        }
        "det" => {
            let r = e.det(ar).map(drop);
            ok(ctx, &r);
        }
        "slogdet" => {
            let r = e.slogdet(ar).map(drop);
            ok(ctx, &r);
        }
        "lstsq" => {
            let r = e.lstsq(ar, br, None).map(drop);
            ok(ctx, &r);
        }
        "pinv" => {
            let r = e.pinv(ar, None).map(drop);
            ok(ctx, &r);
        }
        "cholesky" => {
            let r = e.cholesky(ar, uplo);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) && good {
                // The checker wants the other triangle as it was in `a`.
                let f = r.expect("ok");
                let a = ar.to_owned();
                let merged = Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
                    let mine = match uplo {
                        Uplo::Upper => i <= j,
                        Uplo::Lower => i >= j,
                    };
                    if mine { f[(i, j)] } else { a[(i, j)] }
                });
                ctx.wrong(op, ck::potrf(uplo, a.as_ref(), merged.as_ref()));
            }
        }
        "lu" => {
            let r = e.lu(ar);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) && good {
                let f = r.expect("ok");
                ctx.wrong(op, lu_close(&ar.to_owned(), &f));
            }
        }
        "qr" => {
            let mode = [QrMode::Reduced, QrMode::Complete, QrMode::R][pick % 3];
            let r = e.qr(ar, mode).map(drop);
            ok(ctx, &r);
        }
        "svd" => {
            let job = [SvdJob::ValuesOnly, SvdJob::Thin, SvdJob::Full][pick % 3];
            let r = e.svd(ar, job);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) {
                let f = r.expect("ok");
                let res = ck::gesdd(
                    job,
                    ar.to_owned().as_ref(),
                    &f.s,
                    f.u.as_ref().map(Mat::as_ref),
                    f.vt.as_ref().map(Mat::as_ref),
                    None,
                );
                ctx.wrong(op, res);
            }
        }
        "svdvals" => {
            let r = e.svdvals(ar).map(drop);
            ok(ctx, &r);
        }
        "eigh" => {
            let r = e.eigh(ar, uplo);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) && good {
                let (w, v) = r.expect("ok");
                ctx.wrong(
                    op,
                    ck::heevd(uplo, ar.to_owned().as_ref(), &w, Some(v.as_ref()), None),
                );
            }
        }
        "eigvalsh" => {
            let r = e.eigvalsh(ar, uplo).map(drop);
            ok(ctx, &r);
        }
        "eig" => {
            let r = e.eig(ar);
            if ok(ctx, &r.as_ref().map(drop).map_err(Clone::clone)) {
                let (w, v) = r.expect("ok");
                ctx.wrong(
                    op,
                    ck::geev(ar.to_owned().as_ref(), &w, None, Some(v.as_ref())),
                );
            }
        }
        "eigvals" => {
            let r = e.eigvals(ar).map(drop);
            ok(ctx, &r);
        }
        "norm" => {
            let kind = [
                NormKind::Fro,
                NormKind::Nuc,
                NormKind::One,
                NormKind::Inf,
                NormKind::Two,
            ][pick % 5];
            let r = e.norm(ar, kind).map(drop);
            ok(ctx, &r);
        }
        "matrix_rank" => {
            let r = e.matrix_rank(ar, None).map(drop);
            ok(ctx, &r);
        }
        _ => {
            let kind = [NormKind::Fro, NormKind::One, NormKind::Inf, NormKind::Two][pick % 4];
            let r = e.cond(ar, kind).map(drop);
            ok(ctx, &r);
        }
    }
}

/// `P·L·U` against `A` with [`ck::getrf`]'s bound, by rebuilding LAPACK's
/// packed factors from `lu`'s output.
fn lu_close<T: Scalar>(a: &Mat<T>, f: &linmux::linalg::Lu<T>) -> Result<(), String> {
    let (m, n) = a.shape();
    let k = m.min(n);
    // Packed factors: L below the diagonal, U on and above.
    let packed = Mat::from_fn(m, n, |i, j| {
        if i > j && j < k {
            f.l[(i, j)]
        } else if i <= j && i < k {
            f.u[(i, j)]
        } else {
            T::zero()
        }
    });
    // perm → LAPACK interchanges.
    let mut rows: Vec<usize> = (0..m).collect();
    let mut pos: Vec<usize> = (0..m).collect();
    let mut ipiv = vec![0; k];
    for (i, slot) in ipiv.iter_mut().enumerate() {
        let want = f.perm[i];
        let at = pos[want];
        *slot = at;
        let other = rows[i];
        rows.swap(i, at);
        pos[want] = i;
        pos[other] = at;
    }
    ck::getrf(a.as_ref(), packed.as_ref(), &ipiv)
}
