//! `linmux`: inspect and compare the linear algebra backends of this machine.
#![forbid(unsafe_code)]

mod bench;
mod info;

use std::process::ExitCode;

const USAGE: &str = "\
usage: linmux <command> [options]

commands:
{bench}{tune}  info [--json]   linmux version, CPU, every known backend and its status,
                  the selected backend and why, thread count and its source
  help            this text

environment:
  LINMUX_BACKEND      auto (default), tuned, a backend name, a comma list, or a
                      library path
  LINMUX_PROFILE      the tuning profile `tune` writes and `tuned` reads
  LINMUX_NUM_THREADS  thread count (an explicit API call takes precedence)
";

/// Prints the library's warnings (`log::warn!`: an ignored tuning
/// profile, say) on stderr; nothing below warnings.
struct StderrLog;

impl log::Log for StderrLog {
    fn enabled(&self, m: &log::Metadata<'_>) -> bool {
        m.level() <= log::Level::Warn
    }
    fn log(&self, r: &log::Record<'_>) {
        if self.enabled(r.metadata()) {
            eprintln!(
                "linmux: {}: {}",
                r.level().as_str().to_lowercase(),
                r.args()
            );
        }
    }
    fn flush(&self) {}
}

fn main() -> ExitCode {
    static LOG: StderrLog = StderrLog;
    if log::set_logger(&LOG).is_ok() {
        log::set_max_level(log::LevelFilter::Warn);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("bench") => match bench::run(&args[1..]) {
            Ok(code) => code,
            Err(bench::UsageError(msg)) => usage_error(&msg),
        },
        Some("tune") => match bench::tune::run(&args[1..]) {
            Ok(code) => code,
            Err(bench::UsageError(msg)) => usage_error(&msg),
        },
        Some("info") => {
            let json = match &args[1..] {
                [] => false,
                [flag] if flag == "--json" => true,
                other => {
                    return usage_error(&format!(
                        "unexpected arguments to info: {}",
                        other.join(" ")
                    ));
                }
            };
            info::run(json)
        }
        Some("help" | "--help" | "-h") => {
            print!("{}", usage());
            ExitCode::SUCCESS
        }
        Some("--version" | "-V") => {
            println!("linmux {}", linmux::VERSION);
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command `{other}`")),
        None => usage_error("missing command"),
    }
}

fn usage() -> String {
    USAGE
        .replace("{bench}", bench::USAGE)
        .replace("{tune}", bench::tune::USAGE)
}

fn usage_error(msg: &str) -> ExitCode {
    eprintln!("linmux: {msg}\n\n{}", usage());
    ExitCode::from(2)
}
