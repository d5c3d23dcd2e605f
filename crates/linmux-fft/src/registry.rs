//! The provider registry: every provider name, loaded once per process.

use std::sync::{Arc, OnceLock};

use crate::provider::Provider;

/// Every provider this build knows, the embedded one first.
pub const PROVIDERS: &[&str] = &["rustfft", "fftw", "mkl"];

type Loaded = Result<Arc<dyn Provider>, Vec<String>>;

static CELLS: [OnceLock<Loaded>; PROVIDERS.len()] = [const { OnceLock::new() }; PROVIDERS.len()];

fn build(name: &str) -> Loaded {
    match name {
        "rustfft" => Ok(Arc::new(crate::rust::RustFft::new())),
        "fftw" => crate::fftw::load_fftw().map(|p| Arc::new(p) as Arc<dyn Provider>),
        "mkl" => crate::fftw::load_mkl().map(|p| Arc::new(p) as Arc<dyn Provider>),
        other => Err(vec![format!(
            "unknown FFT provider `{other}`; known: {}",
            PROVIDERS.join(", ")
        )]),
    }
}

/// The provider `name` (a [`PROVIDERS`] entry), loaded on first use and
/// shared by the whole process afterwards (with its plan cache). A failed
/// load is remembered too: the reasons are returned on every call.
///
/// # Errors
/// The reasons it could not be loaded (paths tried, `dlerror()`'s text,
/// how to install it), or that the name is unknown.
pub fn load(name: &str) -> Result<Arc<dyn Provider>, Vec<String>> {
    match PROVIDERS.iter().position(|p| *p == name) {
        Some(i) => CELLS[i].get_or_init(|| build(name)).clone(),
        None => build(name),
    }
}

/// The provider `name` if it has already been loaded successfully.
pub fn loaded(name: &str) -> Option<Arc<dyn Provider>> {
    let i = PROVIDERS.iter().position(|p| *p == name)?;
    CELLS[i].get().and_then(|r| r.as_ref().ok().cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rustfft_always_loads_and_is_shared() {
        let a = load("rustfft").unwrap();
        let b = load("rustfft").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(a.info().name, "rustfft");
        assert!(load("nonsense").is_err());
    }
}
