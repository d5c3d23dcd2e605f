//! Choosing the FFT provider: `LINMUX_FFT`, with `LINMUX_BACKEND`'s rules.

use linmux_core::{Error, Result};

/// The environment variable that selects the FFT provider.
pub const FFT_ENV: &str = "LINMUX_FFT";

/// Every FFT provider name this build knows (the embedded one first).
pub const FFT_PROVIDERS: &[&str] = linmux_fft::PROVIDERS;

/// The embedded provider, always available, where `auto` ends.
pub const RUSTFFT: &str = "rustfft";

/// BLAS backends whose vendor also has an FFT, with that provider's name:
/// `auto` follows the BLAS backend through this table.
pub const FFT_OF_BACKEND: &[(&str, &str)] = &[("mkl", "mkl")];

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FftSelection {
    /// The BLAS backend's vendor FFT where it has one ([`FFT_OF_BACKEND`]),
    /// else rustfft.
    Auto,
    /// Exactly this provider; failing to load it is an error.
    Strict(String),
    /// The first of these that loads; skipped ones are reported.
    FirstOf(Vec<String>),
}

impl FftSelection {
    /// Parses `auto` (or empty), a provider name, or a comma-separated list
    /// of names. Names are case-insensitive.
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] for an unknown name or an empty entry,
    /// listing the valid names.
    ///
    /// ```
    /// use linmux::fft::FftSelection;
    /// assert_eq!(FftSelection::parse("auto")?, FftSelection::Auto);
    /// assert_eq!(FftSelection::parse("FFTW")?, FftSelection::Strict("fftw".into()));
    /// assert!(FftSelection::parse("fftpack").is_err());
    /// # Ok::<(), linmux::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("auto") {
            return Ok(FftSelection::Auto);
        }
        let mut names = Vec::new();
        for part in text.split(',') {
            let lower = part.trim().to_ascii_lowercase();
            if !FFT_PROVIDERS.contains(&lower.as_str()) {
                let what = if lower.is_empty() {
                    String::from("empty entry in the FFT provider list")
                } else {
                    format!("unknown FFT provider `{}`", part.trim())
                };
                return Err(Error::BackendUnavailable {
                    name: text.to_owned(),
                    reasons: vec![format!(
                        "{what}; valid values of {FFT_ENV} are: auto, {}, or a comma-separated list of those",
                        FFT_PROVIDERS.join(", ")
                    )],
                });
            }
            names.push(lower);
        }
        Ok(if names.len() == 1 {
            FftSelection::Strict(names.remove(0))
        } else {
            FftSelection::FirstOf(names)
        })
    }

    /// The selection in `LINMUX_FFT`, or `Auto` when unset.
    ///
    /// # Errors
    /// As [`FftSelection::parse`], or if the variable is not UTF-8.
    pub fn from_env() -> Result<Self> {
        match std::env::var(FFT_ENV) {
            Ok(v) => Self::parse(&v),
            Err(std::env::VarError::NotPresent) => Ok(FftSelection::Auto),
            Err(std::env::VarError::NotUnicode(_)) => Err(Error::BackendUnavailable {
                name: String::from("?"),
                reasons: vec![format!("{FFT_ENV} is not valid UTF-8")],
            }),
        }
    }

    /// The providers tried, in order, when the BLAS backend is `backend`.
    pub fn candidates(&self, backend: Option<&str>) -> Vec<String> {
        match self {
            FftSelection::Auto => {
                let mut v: Vec<String> = FFT_OF_BACKEND
                    .iter()
                    .filter(|(b, _)| Some(*b) == backend)
                    .map(|(_, f)| (*f).to_owned())
                    .collect();
                v.push(RUSTFFT.to_owned());
                v
            }
            FftSelection::Strict(n) => vec![n.clone()],
            FftSelection::FirstOf(ns) => ns.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(FftSelection::parse(" ").unwrap(), FftSelection::Auto);
        assert_eq!(
            FftSelection::parse("mkl, rustfft").unwrap(),
            FftSelection::FirstOf(vec!["mkl".into(), "rustfft".into()])
        );
        let msg = FftSelection::parse("fftw,,mkl").unwrap_err().to_string();
        assert!(
            msg.contains("empty entry") && msg.contains("rustfft"),
            "{msg}"
        );
        let msg = FftSelection::parse("cufft").unwrap_err().to_string();
        assert!(msg.contains("cufft") && msg.contains("auto"), "{msg}");
    }

    #[test]
    fn auto_follows_the_blas_vendor_and_ends_with_rustfft() {
        let auto = FftSelection::Auto;
        assert_eq!(auto.candidates(Some("mkl")), ["mkl", "rustfft"]);
        assert_eq!(auto.candidates(Some("openblas")), ["rustfft"]);
        assert_eq!(auto.candidates(None), ["rustfft"]);
        for (b, f) in FFT_OF_BACKEND {
            assert!(crate::select::KNOWN_BACKENDS.contains(b));
            assert!(FFT_PROVIDERS.contains(f));
        }
    }
}
