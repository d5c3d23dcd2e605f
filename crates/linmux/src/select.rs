//! Deciding which backend serves an engine, kept apart from building it.
//!
//! [`Selection::parse`] turns the text of `LINMUX_BACKEND` (or an API
//! argument) into a plain value; [`Selection::resolve`] tries its choices in
//! order and reports why each skipped one was skipped.

use std::path::PathBuf;
use std::sync::Arc;

use linmux_cblas::VendorDescriptor;
use linmux_core::{Backend, Error, Result};

/// The environment variable that selects the backend.
pub const BACKEND_ENV: &str = "LINMUX_BACKEND";

/// Every vendor library this build can load: the one vendor registry.
/// Names, `LINMUX_<NAME>_LIB`, thread variables, install hints, search
/// lists, detection and loading are all read from here.
pub const VENDORS: &[&VendorDescriptor] = &[
    &linmux_openblas::DESCRIPTOR,
    &linmux_openblas::DESCRIPTOR64,
    &linmux_mkl::DESCRIPTOR,
    &linmux_blis::DESCRIPTOR,
    &linmux_accelerate::DESCRIPTOR,
    &linmux_reference::DESCRIPTOR,
];

/// The name of the embedded backend, always available.
pub const FAER: &str = "faer";

/// Every backend name this build knows: the [`VENDORS`], then faer.
pub const KNOWN_BACKENDS: &[&str] = &{
    let mut names = [FAER; VENDORS.len() + 1];
    let mut i = 0;
    while i < VENDORS.len() {
        names[i] = VENDORS[i].name;
        i += 1;
    }
    names
};

/// The vendor named `name` (a [`KNOWN_BACKENDS`] name; faer is no vendor).
pub fn vendor(name: &str) -> Option<&'static VendorDescriptor> {
    VENDORS.iter().copied().find(|d| d.name == name)
}

/// What `auto` tries, in order, ending with the embedded faer.
///
/// macOS: Accelerate, then OpenBLAS. Elsewhere: OpenBLAS, then MKL (on the
/// AMD machines we measured, MKL's LAPACK was slower than OpenBLAS's). BLIS
/// (no LAPACK, threads created per call) and the Netlib reference (slow) are
/// only used when asked for by name.
pub const AUTO_ORDER: &[&str] = if cfg!(target_os = "macos") {
    &[
        linmux_accelerate::DESCRIPTOR.name,
        linmux_openblas::DESCRIPTOR.name,
        FAER,
    ]
} else {
    &[
        linmux_openblas::DESCRIPTOR.name,
        linmux_mkl::DESCRIPTOR.name,
        FAER,
    ]
};

/// One entry of a selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// A known backend by name (see [`KNOWN_BACKENDS`]).
    Name(String),
    /// A CBLAS + LAPACK shared library given by path.
    Path(PathBuf),
    /// The tuned router ([`crate::tuned`]) over the profile at
    /// [`Profile::default_path`](crate::tuned::Profile::default_path).
    Tuned,
}

impl Choice {
    fn label(&self) -> String {
        match self {
            Choice::Name(n) => n.clone(),
            Choice::Path(p) => p.display().to_string(),
            Choice::Tuned => String::from(crate::tuned::TUNED),
        }
    }
}

/// What the user asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Selection {
    /// The platform's best-known order, ending with faer.
    Auto,
    /// Exactly this backend; failing to load it is an error (no fallback).
    Strict(Choice),
    /// The first of these that loads; skipped entries are reported.
    FirstOf(Vec<Choice>),
}

impl Selection {
    /// Parses `auto`, a name, a path (contains `/` or ends in `.so`/`.dylib`/`.dll`),
    /// or a comma-separated list of those. Names are case-insensitive.
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] for an unknown name or an empty entry,
    /// with a message listing the known names.
    ///
    /// ```
    /// use linmux::select::{Choice, Selection};
    /// assert_eq!(Selection::parse("auto")?, Selection::Auto);
    /// assert_eq!(Selection::parse("FAER")?, Selection::Strict(Choice::Name("faer".into())));
    /// assert!(Selection::parse("nonsense").is_err());
    /// # Ok::<(), linmux::Error>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self> {
        let text = text.trim();
        if text.is_empty() || text.eq_ignore_ascii_case("auto") {
            return Ok(Selection::Auto);
        }
        let mut choices = Vec::new();
        for part in text.split(',') {
            let part = part.trim();
            choices.push(parse_choice(part, text)?);
        }
        Ok(match choices.len() {
            1 => Selection::Strict(choices.remove(0)),
            _ => Selection::FirstOf(choices),
        })
    }

    /// The selection in `LINMUX_BACKEND`, or `Auto` when it is unset.
    ///
    /// # Errors
    /// As [`Selection::parse`], or if the variable is not valid UTF-8.
    pub fn from_env() -> Result<Self> {
        match std::env::var(BACKEND_ENV) {
            Ok(v) => Selection::parse(&v),
            Err(std::env::VarError::NotPresent) => Ok(Selection::Auto),
            Err(std::env::VarError::NotUnicode(_)) => Err(Error::BackendUnavailable {
                name: String::from("?"),
                reasons: vec![format!("{BACKEND_ENV} is not valid UTF-8")],
            }),
        }
    }

    /// The choices in the order they will be tried: for `auto`, `tuned`
    /// first when a profile file exists, then [`AUTO_ORDER`].
    pub fn candidates(&self) -> Vec<Choice> {
        match self {
            Selection::Auto => {
                let profiled = crate::tuned::Profile::default_path().is_some_and(|p| p.is_file());
                profiled
                    .then_some(Choice::Tuned)
                    .into_iter()
                    .chain(AUTO_ORDER.iter().map(|n| Choice::Name((*n).to_owned())))
                    .collect()
            }
            Selection::Strict(c) => vec![c.clone()],
            Selection::FirstOf(cs) => cs.clone(),
        }
    }

    /// Builds the first loadable backend.
    ///
    /// # Errors
    /// [`Error::BackendUnavailable`] with one reason per choice tried.
    pub fn resolve(&self) -> Result<Resolved> {
        let mut skipped = Vec::new();
        for choice in self.candidates() {
            match build(&choice) {
                Ok((backend, router)) => {
                    let why = match self {
                        Selection::Auto if router.is_some() => format!(
                            "auto: the tuning profile {} matches this machine",
                            crate::tuned::Profile::default_path()
                                .map(|p| p.display().to_string())
                                .unwrap_or_default()
                        ),
                        Selection::Auto => {
                            format!("auto: first available of [{}]", AUTO_ORDER.join(", "))
                        }
                        Selection::Strict(_) => format!("requested by name ({})", choice.label()),
                        Selection::FirstOf(_) => {
                            format!("first loadable entry of the list ({})", choice.label())
                        }
                    };
                    return Ok(Resolved {
                        backend,
                        why,
                        skipped,
                        router,
                    });
                }
                Err(reasons) => {
                    if *self == Selection::Auto && choice == Choice::Tuned {
                        // A profile that no longer fits is not fatal to
                        // `auto`, but never silent.
                        log::warn!("tuning profile ignored: {}", reasons.join("; "));
                    }
                    skipped.push((choice.label(), reasons));
                }
            }
        }
        let name = match self {
            Selection::Auto => String::from("auto"),
            Selection::Strict(c) => c.label(),
            Selection::FirstOf(cs) => cs.iter().map(Choice::label).collect::<Vec<_>>().join(","),
        };
        let reasons = skipped
            .into_iter()
            .flat_map(|(label, rs)| rs.into_iter().map(move |r| format!("{label}: {r}")))
            .collect();
        Err(Error::BackendUnavailable { name, reasons })
    }
}

/// The outcome of [`Selection::resolve`].
#[derive(Debug)]
pub struct Resolved {
    /// The backend that loaded.
    pub backend: Arc<dyn Backend>,
    /// Why it was chosen, in words.
    pub why: String,
    /// Choices tried before it, with the reasons they were skipped.
    pub skipped: Vec<(String, Vec<String>)>,
    /// The router, when the backend is `tuned` (the same object).
    pub router: Option<Arc<crate::tuned::Router>>,
}

fn parse_choice(part: &str, whole: &str) -> Result<Choice> {
    if part.is_empty() {
        return Err(unknown(whole, "empty entry in the backend list".to_owned()));
    }
    let looks_like_path = part.contains('/')
        || part.contains('\\')
        || [".so", ".dylib", ".dll"]
            .iter()
            .any(|ext| part.contains(ext));
    if looks_like_path {
        return Ok(Choice::Path(PathBuf::from(part)));
    }
    let lower = part.to_ascii_lowercase();
    if lower == crate::tuned::TUNED {
        Ok(Choice::Tuned)
    } else if KNOWN_BACKENDS.contains(&lower.as_str()) {
        Ok(Choice::Name(lower))
    } else {
        Err(unknown(whole, format!("unknown backend `{part}`")))
    }
}

fn unknown(whole: &str, what: String) -> Error {
    Error::BackendUnavailable {
        name: whole.to_owned(),
        reasons: vec![format!(
            "{what}; valid values are: auto, tuned, {}, a comma-separated list of those, or a path to a CBLAS + LAPACK shared library",
            KNOWN_BACKENDS.join(", ")
        )],
    }
}

type Built = (Arc<dyn Backend>, Option<Arc<crate::tuned::Router>>);

fn build(choice: &Choice) -> Result<Built, Vec<String>> {
    // faer serves LAPACK for libraries that have none (BLIS).
    let fallback = || -> Arc<dyn Backend> { Arc::new(linmux_faer::FaerBackend::new()) };
    let reasons = |e: Error| match e {
        Error::BackendUnavailable { reasons, .. } => reasons,
        other => vec![other.to_string()],
    };
    let loaded = match choice {
        Choice::Tuned => {
            let Some(path) = crate::tuned::Profile::default_path() else {
                return Err(vec![format!(
                    "no profile: set {} or HOME, and run `linmux tune`",
                    crate::tuned::PROFILE_ENV
                )]);
            };
            let router = Arc::new(crate::tuned::load(&path).map_err(reasons)?);
            return Ok((router.clone(), Some(router)));
        }
        Choice::Name(n) if n == FAER => return Ok((fallback(), None)),
        Choice::Name(n) => match vendor(n) {
            Some(d) => {
                crate::reproducible::before_load();
                (d.load)(fallback())
            }
            None => {
                return Err(vec![format!("backend `{n}` is not built into this linmux")]);
            }
        },
        Choice::Path(p) => linmux_cblas::load_path(p, fallback(), VENDORS),
    };
    loaded.map(|b| (b, None)).map_err(reasons)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(Selection::parse("").unwrap(), Selection::Auto);
        assert_eq!(Selection::parse(" Auto ").unwrap(), Selection::Auto);
        assert_eq!(
            Selection::parse("faer").unwrap(),
            Selection::Strict(Choice::Name("faer".into()))
        );
        assert_eq!(
            Selection::parse("/opt/lib/libfoo.so").unwrap(),
            Selection::Strict(Choice::Path("/opt/lib/libfoo.so".into()))
        );
        assert_eq!(
            Selection::parse("faer, ./libx.so").unwrap(),
            Selection::FirstOf(vec![
                Choice::Name("faer".into()),
                Choice::Path("./libx.so".into())
            ])
        );
    }

    #[test]
    fn unknown_names_list_the_valid_ones() {
        let err = Selection::parse("nonsense").unwrap_err();
        let msg = err.to_string();
        assert!(
            msg.contains("nonsense") && msg.contains("faer") && msg.contains("auto"),
            "{msg}"
        );
        assert!(Selection::parse("faer,,faer").is_err());
    }

    #[test]
    fn auto_tries_exactly_the_auto_order() {
        let names: Vec<Choice> = AUTO_ORDER
            .iter()
            .map(|n| Choice::Name((*n).to_owned()))
            .collect();
        assert_eq!(Selection::Auto.candidates(), names);
        assert!(
            !Selection::Auto
                .candidates()
                .contains(&Choice::Name("reference".into()))
        );
    }

    #[test]
    fn auto_ends_with_faer_and_names_are_known() {
        assert_eq!(AUTO_ORDER.last(), Some(&"faer"));
        assert!(AUTO_ORDER.iter().all(|n| KNOWN_BACKENDS.contains(n)));
        for n in KNOWN_BACKENDS {
            assert_eq!(
                Selection::parse(n).unwrap(),
                Selection::Strict(Choice::Name((*n).to_owned()))
            );
        }
    }

    #[test]
    fn every_vendor_is_described_once_and_consistently() {
        for (i, d) in VENDORS.iter().enumerate() {
            assert_eq!(
                d.lib_var,
                linmux_cblas::profile::lib_var(d.name),
                "{}",
                d.name
            );
            assert!(!d.install_hint.is_empty(), "{}", d.name);
            assert!(
                VENDORS[..i].iter().all(|o| o.name != d.name),
                "{} listed twice",
                d.name
            );
            assert_eq!(vendor(d.name).map(|v| v.name), Some(d.name));
        }
        assert_eq!(KNOWN_BACKENDS.len(), VENDORS.len() + 1);
        assert_eq!(KNOWN_BACKENDS.last(), Some(&FAER));
        assert!(vendor(FAER).is_none());
    }

    #[test]
    fn a_list_skips_what_does_not_load_and_says_why() {
        let r = Selection::parse("/nonexistent/libblas.so,faer")
            .unwrap()
            .resolve()
            .unwrap();
        assert_eq!(r.backend.info().name, "faer");
        assert_eq!(r.skipped.len(), 1);
        assert!(r.skipped[0].0.contains("/nonexistent/libblas.so"));
    }

    #[test]
    fn strict_failure_is_an_error_with_reasons() {
        let err = Selection::parse("/nonexistent/libblas.so")
            .unwrap()
            .resolve()
            .unwrap_err();
        match err {
            Error::BackendUnavailable { reasons, .. } => assert!(!reasons.is_empty()),
            other => panic!("unexpected {other:?}"),
        }
    }
}
