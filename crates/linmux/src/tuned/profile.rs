//! The tuning profile: what `linmux tune` measured on this machine, as
//! versioned JSON, and the machine fingerprint it is only valid for.
//!
//! ```json
//! {
//!   "format": "linmux-profile", "version": 1, "linmux": "0.1.0",
//!   "machine": { "cpu": "AMD EPYC", "cores": 2, "simd": ["avx", "avx2", "fma"],
//!                "backends": [{ "name": "openblas", "version": "0.3.21",
//!                               "paths": ["/usr/lib/x86_64-linux-gnu/libopenblas.so.0"] }] },
//!   "routes": [{ "op": "gemm", "n": 64, "backend": "openblas", "threads": 1, "seconds": 1.1e-5,
//!                "candidates": [{ "backend": "faer", "threads": 1, "seconds": 1.3e-5 }] }]
//! }
//! ```

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use linmux_core::{BackendInfo, Error, Origin, Result, Routine};
use serde_json::{Value, json};

/// The environment variable naming the profile file.
pub const PROFILE_ENV: &str = "LINMUX_PROFILE";

/// The profile format this build reads and writes.
pub const PROFILE_VERSION: u64 = 1;

const FORMAT: &str = "linmux-profile";

/// One backend as the profile saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackendPrint {
    /// Selection name (`"openblas"`).
    pub name: String,
    /// The version the library reported.
    pub version: Option<String>,
    /// The files it was loaded from (empty for faer).
    pub paths: Vec<String>,
}

impl BackendPrint {
    /// The print of a loaded backend.
    pub fn of(info: &BackendInfo) -> Self {
        let paths = match &info.origin {
            Origin::Loaded(p) => p.iter().map(|p| p.display().to_string()).collect(),
            _ => Vec::new(),
        };
        Self {
            name: info.name.clone(),
            version: info.version.clone(),
            paths,
        }
    }
}

/// What a profile is only valid for: the CPU, its core count and vector
/// extensions, and every backend's version and files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fingerprint {
    /// CPU model (`/proc/cpuinfo`'s `model name`, or the architecture).
    pub cpu: String,
    /// Logical cores this process may use.
    pub cores: usize,
    /// Vector extensions detected at run time (`avx2`, `avx512f`...).
    pub simd: Vec<String>,
    /// The backends measured.
    pub backends: Vec<BackendPrint>,
}

impl Fingerprint {
    /// This machine, with the given backends.
    pub fn current(backends: Vec<BackendPrint>) -> Self {
        Self {
            cpu: cpu_model(),
            cores: std::thread::available_parallelism().map_or(1, usize::from),
            simd: simd(),
            backends,
        }
    }

    /// How this (a profile's) fingerprint differs from `now`, one line per
    /// difference; empty when they match. Backends of `now` the profile
    /// does not name are no difference (it routes nothing to them).
    pub fn differences(&self, now: &Fingerprint) -> Vec<String> {
        let mut d = Vec::new();
        if self.cpu != now.cpu {
            d.push(format!("CPU `{}`, this machine `{}`", self.cpu, now.cpu));
        }
        if self.cores != now.cores {
            d.push(format!("{} cores, this machine {}", self.cores, now.cores));
        }
        if self.simd != now.simd {
            d.push(format!(
                "SIMD [{}], this machine [{}]",
                self.simd.join(" "),
                now.simd.join(" ")
            ));
        }
        for b in &self.backends {
            match now.backends.iter().find(|x| x.name == b.name) {
                None => d.push(format!("backend {} is not loadable now", b.name)),
                Some(x) if x != b => d.push(format!(
                    "backend {}: profiled {} {:?}, now {} {:?}",
                    b.name,
                    b.version.as_deref().unwrap_or("?"),
                    b.paths,
                    x.version.as_deref().unwrap_or("?"),
                    x.paths
                )),
                Some(_) => {}
            }
        }
        d
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find(|l| {
                    l.split(':')
                        .next()
                        .is_some_and(|k| k.trim() == "model name")
                })
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_owned())
}

fn simd() -> Vec<String> {
    let mut v = Vec::new();
    #[cfg(target_arch = "x86_64")]
    {
        macro_rules! detect {
            ($($f:tt),*) => {$(
                if std::arch::is_x86_feature_detected!($f) {
                    v.push(String::from($f));
                }
            )*};
        }
        detect!("avx", "avx2", "fma", "avx512f");
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("neon") {
            v.push(String::from("neon"));
        }
    }
    v
}

/// A backend and thread count, and its measured time per call.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Backend name.
    pub backend: String,
    /// Thread count.
    pub threads: usize,
    /// Seconds per call (the fastest sample).
    pub seconds: f64,
}

/// The choice for one operation at one measured size.
#[derive(Clone, Debug, PartialEq)]
pub struct Route {
    /// The operation.
    pub routine: Routine,
    /// The size measured (the call's largest dimension).
    pub n: usize,
    /// Where such calls go: the fastest candidate, or one within 5 % of it
    /// from a backend other routes use too (`linmux tune` keeps the
    /// backends in one process few: idle worker threads of one slow the
    /// next call on another).
    pub best: Candidate,
    /// Every candidate measured, for reports.
    pub candidates: Vec<Candidate>,
}

/// A tuning profile (see the [module docs](self)).
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// The linmux version that wrote it.
    pub linmux: String,
    /// The machine it was measured on.
    pub machine: Fingerprint,
    /// The measured choices.
    pub routes: Vec<Route>,
}

impl Profile {
    /// Where the profile is read and written: `LINMUX_PROFILE`, else the
    /// platform config directory (`$XDG_CONFIG_HOME/linmux/profile.json`,
    /// `~/.config/linmux/profile.json`; on macOS
    /// `~/Library/Application Support/linmux/profile.json`).
    pub fn default_path() -> Option<PathBuf> {
        if let Some(p) = std::env::var_os(PROFILE_ENV).filter(|p| !p.is_empty()) {
            return Some(PathBuf::from(p));
        }
        let home = std::env::var_os("HOME")
            .filter(|h| !h.is_empty())
            .map(PathBuf::from);
        let dir = if cfg!(target_os = "macos") {
            home.map(|h| h.join("Library/Application Support"))
        } else {
            std::env::var_os("XDG_CONFIG_HOME")
                .filter(|p| !p.is_empty())
                .map(PathBuf::from)
                .or_else(|| home.map(|h| h.join(".config")))
        };
        dir.map(|d| d.join("linmux").join("profile.json"))
    }

    /// The profile as JSON text.
    pub fn to_json(&self) -> String {
        let cand = |c: &Candidate| json!({"backend": c.backend, "threads": c.threads, "seconds": c.seconds});
        let v = json!({
            "format": FORMAT,
            "version": PROFILE_VERSION,
            "linmux": self.linmux,
            "machine": {
                "cpu": self.machine.cpu,
                "cores": self.machine.cores,
                "simd": self.machine.simd,
                "backends": self.machine.backends.iter().map(|b| json!({
                    "name": b.name, "version": b.version, "paths": b.paths,
                })).collect::<Vec<_>>(),
            },
            "routes": self.routes.iter().map(|r| json!({
                "op": r.routine.method(),
                "n": r.n,
                "backend": r.best.backend,
                "threads": r.best.threads,
                "seconds": r.best.seconds,
                "candidates": r.candidates.iter().map(cand).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        });
        let mut s = serde_json::to_string_pretty(&v).unwrap_or_default();
        s.push('\n');
        s
    }

    /// Parses profile JSON.
    ///
    /// # Errors
    /// What is wrong with it, in words (the caller adds the file name).
    pub fn from_json(text: &str) -> std::result::Result<Self, String> {
        let v: Value = serde_json::from_str(text).map_err(|e| format!("not valid JSON: {e}"))?;
        if v["format"] != FORMAT {
            return Err(format!(
                "not a linmux profile (`format` is not \"{FORMAT}\")"
            ));
        }
        match v["version"].as_u64() {
            Some(PROFILE_VERSION) => {}
            Some(other) => {
                return Err(format!(
                    "profile version {other}; this linmux reads version {PROFILE_VERSION} \
                     (run `linmux tune` again)"
                ));
            }
            None => return Err(String::from("`version` is missing")),
        }
        let m = &v["machine"];
        let backends = array(&m["backends"], "machine.backends")?
            .iter()
            .map(|b| {
                Ok(BackendPrint {
                    name: string(&b["name"], "machine.backends[].name")?,
                    version: b["version"].as_str().map(str::to_owned),
                    paths: array(&b["paths"], "machine.backends[].paths")?
                        .iter()
                        .map(|p| string(p, "machine.backends[].paths[]"))
                        .collect::<std::result::Result<_, String>>()?,
                })
            })
            .collect::<std::result::Result<Vec<_>, String>>()?;
        let machine = Fingerprint {
            cpu: string(&m["cpu"], "machine.cpu")?,
            cores: count(&m["cores"], "machine.cores")?,
            simd: array(&m["simd"], "machine.simd")?
                .iter()
                .map(|s| string(s, "machine.simd[]"))
                .collect::<std::result::Result<_, String>>()?,
            backends,
        };
        let candidate = |c: &Value, at: &str| -> std::result::Result<Candidate, String> {
            let backend = string(&c["backend"], &format!("{at}.backend"))?;
            if !machine.backends.iter().any(|b| b.name == backend) {
                return Err(format!(
                    "{at}: backend `{backend}` is not in machine.backends"
                ));
            }
            let seconds = c["seconds"]
                .as_f64()
                .filter(|s| s.is_finite() && *s >= 0.0)
                .ok_or_else(|| format!("{at}.seconds: expected a non-negative number"))?;
            Ok(Candidate {
                backend,
                threads: count(&c["threads"], &format!("{at}.threads"))?,
                seconds,
            })
        };
        let mut routes = Vec::new();
        for (i, r) in array(&v["routes"], "routes")?.iter().enumerate() {
            let at = format!("routes[{i}]");
            let op = string(&r["op"], &format!("{at}.op"))?;
            let routine = Routine::ALL
                .iter()
                .copied()
                .find(|x| x.method() == op)
                .ok_or_else(|| format!("{at}.op: unknown operation `{op}`"))?;
            let candidates = match &r["candidates"] {
                Value::Null => Vec::new(),
                c => array(c, &format!("{at}.candidates"))?
                    .iter()
                    .enumerate()
                    .map(|(j, c)| candidate(c, &format!("{at}.candidates[{j}]")))
                    .collect::<std::result::Result<_, String>>()?,
            };
            routes.push(Route {
                routine,
                n: count(&r["n"], &format!("{at}.n"))?,
                best: candidate(r, &at)?,
                candidates,
            });
        }
        Ok(Self {
            linmux: string(&v["linmux"], "linmux")?,
            machine,
            routes,
        })
    }

    /// Reads the profile at `path`.
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] for `tuned`, naming the file and what
    /// is wrong: unreadable, truncated, corrupt, another format version.
    pub fn load(path: &Path) -> Result<Self> {
        let fail = |why: String| Error::BackendUnavailable {
            name: String::from(super::TUNED),
            reasons: vec![format!("profile {}: {why}", path.display())],
        };
        let text = std::fs::read_to_string(path).map_err(|e| fail(e.to_string()))?;
        Self::from_json(&text).map_err(fail)
    }

    /// Writes the profile to `path` (creating its directory), through a
    /// temporary file renamed into place, so that a reader never sees half
    /// a profile.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `path` with the I/O error.
    pub fn save(&self, path: &Path) -> Result<()> {
        let fail = |e: std::io::Error| {
            Error::invalid_owned("path", format!("cannot write {}: {e}", path.display()))
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(fail)?;
        }
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".tmp{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        std::fs::write(&tmp, self.to_json()).map_err(fail)?;
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            fail(e)
        })
    }

    /// A one-line-per-route summary: `gemm n=64 → openblas×1 (11.0 µs)`.
    pub fn summary(&self) -> String {
        let mut s = String::new();
        for r in &self.routes {
            let _ = writeln!(
                s,
                "{} n={} → {}×{} ({:.3e} s)",
                r.routine.method(),
                r.n,
                r.best.backend,
                r.best.threads,
                r.best.seconds
            );
        }
        s
    }
}

fn array<'a>(v: &'a Value, at: &str) -> std::result::Result<&'a Vec<Value>, String> {
    v.as_array()
        .ok_or_else(|| format!("{at}: expected an array"))
}

fn string(v: &Value, at: &str) -> std::result::Result<String, String> {
    v.as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("{at}: expected a string"))
}

fn count(v: &Value, at: &str) -> std::result::Result<usize, String> {
    v.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .filter(|&n| n >= 1)
        .ok_or_else(|| format!("{at}: expected a whole number ≥ 1"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Profile {
        let c = |backend: &str, threads, seconds| Candidate {
            backend: String::from(backend),
            threads,
            seconds,
        };
        Profile {
            linmux: String::from("0.1.0"),
            machine: Fingerprint {
                cpu: String::from("Test CPU"),
                cores: 2,
                simd: vec![String::from("avx2")],
                backends: vec![
                    BackendPrint {
                        name: String::from("faer"),
                        version: Some(String::from("0.24.4")),
                        paths: vec![],
                    },
                    BackendPrint {
                        name: String::from("openblas"),
                        version: None,
                        paths: vec![String::from("/usr/lib/libopenblas.so.0")],
                    },
                ],
            },
            routes: vec![Route {
                routine: Routine::Gemm,
                n: 64,
                best: c("openblas", 1, 0.5),
                candidates: vec![c("openblas", 1, 0.5), c("faer", 2, 0.75)],
            }],
        }
    }

    #[test]
    fn a_profile_survives_a_round_trip() {
        let p = sample();
        assert_eq!(Profile::from_json(&p.to_json()).unwrap(), p);
    }

    #[test]
    fn every_truncation_and_corruption_is_an_error_not_a_panic() {
        let text = sample().to_json();
        for cut in 0..text.len() - 2 {
            if text.is_char_boundary(cut) {
                assert!(Profile::from_json(&text[..cut]).is_err(), "cut at {cut}");
            }
        }
        let bad = [
            (r#""version": 1"#, r#""version": 2"#, "version 2"),
            (
                r#""op": "gemm""#,
                r#""op": "gemmm""#,
                "unknown operation `gemmm`",
            ),
            (
                r#""threads": 1"#,
                r#""threads": 0"#,
                "threads: expected a whole number",
            ),
            (
                r#""backend": "openblas""#,
                r#""backend": "mkl""#,
                "`mkl` is not in",
            ),
            (
                r#""seconds": 0.5"#,
                r#""seconds": -1"#,
                "seconds: expected a non-negative",
            ),
            ("linmux-profile", "other", "not a linmux profile"),
        ];
        for (from, to, says) in bad {
            assert!(text.contains(from), "{from}");
            let e = Profile::from_json(&text.replacen(from, to, 1)).unwrap_err();
            assert!(e.contains(says), "{to}: {e}");
        }
    }

    #[test]
    fn load_names_the_file() {
        let dir = std::env::temp_dir().join(format!("linmux-profile-{}", std::process::id()));
        let path = dir.join("profile.json");
        let e = Profile::load(&path).unwrap_err().to_string();
        assert!(e.contains(&path.display().to_string()), "{e}");
        sample().save(&path).unwrap();
        assert_eq!(Profile::load(&path).unwrap(), sample());
        std::fs::write(&path, "{ \"format\": ").unwrap();
        let e = Profile::load(&path).unwrap_err().to_string();
        assert!(
            e.contains(&path.display().to_string()) && e.contains("JSON"),
            "{e}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn fingerprint_differences_are_listed() {
        let p = sample().machine;
        assert!(p.differences(&p).is_empty());
        let mut now = p.clone();
        now.cpu = String::from("Other CPU");
        now.backends[1].paths = vec![String::from("/opt/libopenblas.so")];
        let d = p.differences(&now);
        assert_eq!(d.len(), 2, "{d:?}");
        assert!(d[0].contains("Other CPU") && d[1].contains("/opt/libopenblas.so"));
        now = p.clone();
        now.backends.pop();
        assert!(p.differences(&now)[0].contains("not loadable"));
    }
}
