//! Load failures as values.

use std::fmt;
use std::path::PathBuf;

/// One attempt to open a library: the path (or name) tried and the
/// dynamic loader's message (`dlerror()`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpenAttempt {
    /// The path or file name passed to `dlopen`.
    pub path: PathBuf,
    /// `dlerror()`'s text.
    pub message: String,
}

impl fmt::Display for OpenAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// Why a vendor library could not be loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoadError {
    /// No candidate could be opened (or none was given).
    Open {
        /// What the library was for (`"BLAS"`, `"LAPACK"`, `"preload"`).
        role: &'static str,
        /// Every path tried, with its `dlerror()` text, in order.
        attempts: Vec<OpenAttempt>,
    },
    /// A required symbol is absent.
    MissingSymbol {
        /// The exact symbol name looked up (suffix included).
        symbol: String,
        /// The library it was looked up in.
        library: PathBuf,
        /// `dlerror()`'s text.
        message: String,
    },
    /// The library exports no BLAS entry point under any known symbol suffix.
    NoSymbols {
        /// The library.
        library: PathBuf,
        /// The symbols looked for, suffix included.
        tried: Vec<String>,
    },
    /// Integer-width probing failed or was contradictory.
    Probe {
        /// The library.
        library: PathBuf,
        /// What was observed.
        detail: String,
    },
    /// Run-time loading is not implemented on this platform.
    Unsupported {
        /// Why.
        detail: &'static str,
    },
}

impl LoadError {
    /// One line per reason, for [`linmux_core::Error::BackendUnavailable`].
    pub fn reasons(&self) -> Vec<String> {
        match self {
            LoadError::Open { role, attempts } if attempts.is_empty() => {
                vec![format!("no candidate path for the {role} library")]
            }
            LoadError::Open { role, attempts } => attempts
                .iter()
                .map(|a| format!("{role}: cannot open {a}"))
                .collect(),
            other => vec![other.to_string()],
        }
    }

    /// This failure as the engine's error for backend `name`.
    pub fn into_core(self, name: impl Into<String>) -> linmux_core::Error {
        linmux_core::Error::BackendUnavailable {
            name: name.into(),
            reasons: self.reasons(),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Open { role, attempts } => {
                write!(f, "cannot open the {role} library")?;
                if attempts.is_empty() {
                    write!(f, ": no candidate path")?;
                }
                for a in attempts {
                    write!(f, "\n  - {a}")?;
                }
                Ok(())
            }
            LoadError::MissingSymbol {
                symbol,
                library,
                message,
            } => write!(
                f,
                "required symbol `{symbol}` is missing from {}: {message}",
                library.display()
            ),
            LoadError::NoSymbols { library, tried } => write!(
                f,
                "{} exports no BLAS entry point (looked for {})",
                library.display(),
                tried.join(", ")
            ),
            LoadError::Probe { library, detail } => {
                write!(f, "ABI probe of {} failed: {detail}", library.display())
            }
            LoadError::Unsupported { detail } => write!(f, "{detail}"),
        }
    }
}

impl std::error::Error for LoadError {}
