//! The machine a bench runs on, and its estimated f64 peak:
//! cores × clock × FLOP/cycle, each read from the OS and shown with where it
//! came from.

use serde_json::{Value, json};

/// What `/proc/cpuinfo` (and cpufreq, when present) says about the CPU.
#[derive(Debug, Clone)]
pub struct Machine {
    pub model: String,
    pub vendor: String,
    /// `cpu family` (x86), used to tell AMD cores that split 512-bit vectors.
    pub family: Option<u32>,
    /// Logical CPUs this process may run on.
    pub logical_cores: usize,
    /// Distinct (physical id, core id) pairs; logical count when unknown.
    pub physical_cores: usize,
    pub clock_ghz: Option<f64>,
    pub clock_source: String,
    pub simd: Vec<String>,
    /// f64 FLOP per cycle per core and how it was derived.
    pub flop_per_cycle: Option<(f64, String)>,
}

impl Machine {
    pub fn detect() -> Self {
        let text = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let logical_cores = std::thread::available_parallelism().map_or(1, usize::from);
        Self::from_cpuinfo(&text, logical_cores, max_freq_ghz())
    }

    /// Parses `/proc/cpuinfo` text; `max_freq` is cpufreq's maximum, if any.
    pub fn from_cpuinfo(text: &str, logical_cores: usize, max_freq: Option<f64>) -> Self {
        let field = |name: &str| {
            text.lines()
                .find(|l| l.split(':').next().is_some_and(|k| k.trim() == name))
                .and_then(|l| l.split_once(':'))
                .map(|(_, v)| v.trim().to_owned())
        };
        let model = field("model name")
            .or_else(|| field("Model"))
            .unwrap_or_else(|| std::env::consts::ARCH.to_owned());
        let vendor = field("vendor_id").unwrap_or_default();
        let family = field("cpu family").and_then(|f| f.parse().ok());
        let flags: Vec<String> = field("flags")
            .or_else(|| field("Features"))
            .map(|f| f.split_whitespace().map(str::to_owned).collect())
            .unwrap_or_default();
        let mut cores = std::collections::BTreeSet::new();
        let mut physical = None;
        for block in text.split("\n\n") {
            let get = |name: &str| {
                block
                    .lines()
                    .find(|l| l.split(':').next().is_some_and(|k| k.trim() == name))
                    .and_then(|l| l.split_once(':'))
                    .map(|(_, v)| v.trim().to_owned())
            };
            if let (Some(p), Some(c)) = (get("physical id"), get("core id")) {
                cores.insert((p, c));
            }
        }
        if !cores.is_empty() {
            physical = Some(cores.len().min(logical_cores));
        }
        let (clock_ghz, clock_source) = match max_freq {
            Some(g) => (
                Some(g),
                String::from("cpuinfo_max_freq in /sys/devices/system/cpu/cpu0/cpufreq"),
            ),
            None => match field("cpu MHz").and_then(|m| m.parse::<f64>().ok()) {
                Some(mhz) => (
                    Some(mhz / 1000.0),
                    String::from("`cpu MHz` in /proc/cpuinfo (current clock; no cpufreq)"),
                ),
                None => (None, String::from("unknown: no cpufreq, no `cpu MHz`")),
            },
        };
        let has = |f: &str| flags.iter().any(|x| x == f);
        let simd: Vec<String> = [
            "sse2", "avx", "avx2", "fma", "avx512f", "neon", "asimd", "sve",
        ]
        .into_iter()
        .filter(|f| has(f))
        .map(str::to_owned)
        .collect();
        let flop_per_cycle = flop_per_cycle(&vendor, family, &has);
        Machine {
            model,
            vendor,
            family,
            logical_cores,
            physical_cores: physical.unwrap_or(logical_cores),
            clock_ghz,
            clock_source,
            simd,
            flop_per_cycle,
        }
    }

    /// f64 peak in GFLOP/s of `threads` cores (at most the physical cores).
    pub fn peak_gflops(&self, threads: usize) -> Option<f64> {
        let (fpc, _) = self.flop_per_cycle.as_ref()?;
        Some(threads.min(self.physical_cores) as f64 * self.clock_ghz? * fpc)
    }

    /// One line: how the peak was obtained.
    pub fn peak_how(&self) -> String {
        match (&self.flop_per_cycle, self.clock_ghz) {
            (Some((fpc, how)), Some(ghz)) => format!(
                "{} cores × {ghz:.3} GHz ({}) × {fpc} f64 FLOP/cycle ({how}) = {:.1} GFLOP/s",
                self.physical_cores,
                self.clock_source,
                self.peak_gflops(self.physical_cores).unwrap_or(0.0)
            ),
            (None, _) => String::from("unknown: no SIMD width known for this CPU"),
            (_, None) => String::from("unknown: no clock found"),
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "model": self.model,
            "vendor": self.vendor,
            "family": self.family,
            "arch": std::env::consts::ARCH,
            "logical_cores": self.logical_cores,
            "physical_cores": self.physical_cores,
            "clock_ghz": self.clock_ghz,
            "clock_source": self.clock_source,
            "simd": self.simd,
            "f64_flop_per_cycle": self.flop_per_cycle.as_ref().map(|f| f.0),
            "f64_flop_per_cycle_how": self.flop_per_cycle.as_ref().map(|f| f.1.clone()),
            "peak_gflops": self.peak_gflops(self.physical_cores),
            "peak_how": self.peak_how(),
        })
    }
}

fn max_freq_ghz() -> Option<f64> {
    let khz: f64 = std::fs::read_to_string("/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(khz / 1e6)
}

/// f64 FLOP per cycle per core: vector lanes × 2 (FMA) × FMA units.
fn flop_per_cycle(
    vendor: &str,
    family: Option<u32>,
    has: &dyn Fn(&str) -> bool,
) -> Option<(f64, String)> {
    let amd = vendor == "AuthenticAMD";
    if has("avx512f") {
        // Zen 4 (family 25) executes 512-bit FMAs as two 256-bit halves.
        if amd && family.is_some_and(|f| f <= 25) {
            return Some((
                16.0,
                String::from("AVX-512 on Zen 4: 256-bit datapath, 4 lanes × 2 (FMA) × 2 units"),
            ));
        }
        return Some((
            32.0,
            String::from("AVX-512: 8 lanes × 2 (FMA) × 2 units, assumed"),
        ));
    }
    if has("avx2") && has("fma") {
        return Some((16.0, String::from("AVX2+FMA: 4 lanes × 2 (FMA) × 2 units")));
    }
    if has("avx") {
        return Some((8.0, String::from("AVX: 4 lanes × (1 add + 1 mul)")));
    }
    if has("sse2") {
        return Some((4.0, String::from("SSE2: 2 lanes × (1 add + 1 mul)")));
    }
    if has("asimd") || has("neon") {
        return Some((
            8.0,
            String::from("NEON: 2 lanes × 2 (FMA) × 2 units, assumed"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZEN3: &str = "processor\t: 0\nvendor_id\t: AuthenticAMD\ncpu family\t: 25\n\
model name\t: AMD EPYC\ncpu MHz\t\t: 2445.430\nphysical id\t: 0\ncore id\t\t: 0\n\
flags\t\t: fpu sse2 avx fma avx2\n\nprocessor\t: 1\nvendor_id\t: AuthenticAMD\n\
cpu family\t: 25\nmodel name\t: AMD EPYC\ncpu MHz\t\t: 2445.430\nphysical id\t: 0\n\
core id\t\t: 1\nflags\t\t: fpu sse2 avx fma avx2\n";

    #[test]
    fn peak_is_cores_times_clock_times_flop_per_cycle() {
        let m = Machine::from_cpuinfo(ZEN3, 2, None);
        assert_eq!(m.physical_cores, 2);
        assert_eq!(m.flop_per_cycle.as_ref().unwrap().0, 16.0);
        let peak = m.peak_gflops(2).unwrap();
        assert!((peak - 2.0 * 2.44543 * 16.0).abs() < 1e-9, "{peak}");
        assert!((m.peak_gflops(1).unwrap() - peak / 2.0).abs() < 1e-9);
        assert!(m.peak_how().contains("cpu MHz"), "{}", m.peak_how());
    }

    #[test]
    fn cpufreq_wins_over_the_current_clock_and_smt_is_not_counted() {
        let smt = ZEN3.replace("core id\t\t: 1", "core id\t\t: 0");
        let m = Machine::from_cpuinfo(&smt, 2, Some(3.5));
        assert_eq!(m.physical_cores, 1);
        assert_eq!(m.clock_ghz, Some(3.5));
        assert!((m.peak_gflops(2).unwrap() - 3.5 * 16.0).abs() < 1e-9);
    }
}
