//! Loading a vendor: open the libraries, probe the ABI, fill the tables.

use std::path::PathBuf;
use std::sync::Arc;

use linmux_core::IntWidth;

use crate::error::LoadError;
use crate::int::BlasInt;
use crate::library::{Library, Visibility};
use crate::probe;
use crate::suffix::SymbolSuffix;
use crate::tables::{CblasTable, FortranBlasTable, LapackTable, VendorExtras};

/// Where LAPACK comes from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum LapackSource {
    /// The BLAS library, if it exports LAPACK (`dgetrf`); otherwise the
    /// vendor has none (BLIS) and [`Vendor::lapack`] is `None`.
    #[default]
    FromBlasIfPresent,
    /// The BLAS library, which must export it.
    FromBlas,
    /// A second library, the first of these candidates that opens (Netlib:
    /// `liblapack.so.3` next to `libblas.so.3`). Opened after the BLAS library
    /// so that its own `libblas.so.3` dependency resolves to the one already
    /// loaded.
    Separate(Vec<PathBuf>),
    /// Do not load LAPACK.
    None,
}

/// What to load: candidate paths and probing options. Vendor profiles fill
/// one of these; [`load`] does the rest.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadSpec {
    /// Candidate paths (or bare file names) of the BLAS library, in order;
    /// the first that opens is used.
    pub blas: Vec<PathBuf>,
    /// Where LAPACK comes from.
    pub lapack: LapackSource,
    /// Libraries opened `RTLD_NOW | RTLD_GLOBAL` first, each from the first of
    /// its candidates that opens (MKL needs `libm.so.6` in the global scope).
    pub preload_global: Vec<Vec<PathBuf>>,
    /// Suffixes to probe, in order of preference.
    pub suffixes: Vec<SymbolSuffix>,
    /// Keep the libraries mapped when the tables are dropped (default: true;
    /// vendor worker threads may outlive the last call).
    pub keep_loaded: bool,
    /// Open the BLAS and LAPACK libraries with `RTLD_DEEPBIND` (see
    /// [`Visibility::LocalDeepBind`]); default false.
    pub deep_bind: bool,
}

impl LoadSpec {
    /// A spec for one library serving BLAS and (if it has it) LAPACK.
    pub fn new(blas: impl IntoIterator<Item = impl Into<PathBuf>>) -> Self {
        Self {
            blas: blas.into_iter().map(Into::into).collect(),
            lapack: LapackSource::default(),
            preload_global: Vec::new(),
            suffixes: SymbolSuffix::ALL.to_vec(),
            keep_loaded: true,
            deep_bind: false,
        }
    }

    /// Sets where LAPACK comes from.
    #[must_use]
    pub fn lapack(mut self, source: LapackSource) -> Self {
        self.lapack = source;
        self
    }

    /// Adds a library to open `RTLD_GLOBAL` first (first candidate that opens).
    #[must_use]
    pub fn preload_global(
        mut self,
        candidates: impl IntoIterator<Item = impl Into<PathBuf>>,
    ) -> Self {
        self.preload_global
            .push(candidates.into_iter().map(Into::into).collect());
        self
    }

    /// Restricts or reorders the suffixes probed.
    #[must_use]
    pub fn suffixes(mut self, suffixes: impl IntoIterator<Item = SymbolSuffix>) -> Self {
        self.suffixes = suffixes.into_iter().collect();
        self
    }

    /// Whether to open with `RTLD_DEEPBIND`.
    #[must_use]
    pub fn deep_bind(mut self, deep: bool) -> Self {
        self.deep_bind = deep;
        self
    }

    /// Whether to keep the libraries mapped after the tables are dropped.
    #[must_use]
    pub fn keep_loaded(mut self, keep: bool) -> Self {
        self.keep_loaded = keep;
        self
    }
}

/// What probing found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Abi {
    /// Integer width of the interface.
    pub int_width: IntWidth,
    /// Suffix of the BLAS symbols.
    pub suffix: SymbolSuffix,
    /// Suffix of the LAPACK symbols, if LAPACK was loaded.
    pub lapack_suffix: Option<SymbolSuffix>,
    /// LAPACK's version from `ilaver`, if exported.
    pub lapack_version: Option<(u32, u32, u32)>,
    /// The BLAS library's path.
    pub blas_path: PathBuf,
    /// The LAPACK library's path (equal to `blas_path` when one library serves both).
    pub lapack_path: Option<PathBuf>,
    /// Libraries preloaded `RTLD_GLOBAL`.
    pub preloaded: Vec<PathBuf>,
}

/// A loaded vendor with a known integer type: its tables and what probing found.
#[derive(Debug)]
#[non_exhaustive]
pub struct Vendor<I: BlasInt> {
    /// CBLAS.
    pub cblas: CblasTable<I>,
    /// Fortran BLAS fallbacks for CBLAS entries the library lacks, from the
    /// BLAS library under the BLAS suffix.
    pub fortran_blas: FortranBlasTable<I>,
    /// LAPACK, if the vendor has it.
    pub lapack: Option<LapackTable<I>>,
    /// Vendor extras found in the BLAS library.
    pub extras: VendorExtras,
    /// Vendor extras found in the LAPACK library, when it is a separate one.
    pub lapack_extras: Option<VendorExtras>,
    /// What probing found.
    pub abi: Abi,
    // Held so preloaded libraries stay in the global scope as long as needed.
    _preloaded: Vec<Arc<Library>>,
}

/// A loaded vendor of either integer width.
#[derive(Debug)]
pub enum LoadedVendor {
    /// 32-bit integers.
    Lp64(Vendor<i32>),
    /// 64-bit integers.
    Ilp64(Vendor<i64>),
}

impl LoadedVendor {
    /// What probing found.
    pub fn abi(&self) -> &Abi {
        match self {
            LoadedVendor::Lp64(v) => &v.abi,
            LoadedVendor::Ilp64(v) => &v.abi,
        }
    }
    /// Vendor extras of the BLAS library.
    pub fn extras(&self) -> &VendorExtras {
        match self {
            LoadedVendor::Lp64(v) => &v.extras,
            LoadedVendor::Ilp64(v) => &v.extras,
        }
    }
    /// Whether LAPACK was loaded.
    pub fn has_lapack(&self) -> bool {
        match self {
            LoadedVendor::Lp64(v) => v.lapack.is_some(),
            LoadedVendor::Ilp64(v) => v.lapack.is_some(),
        }
    }
}

/// Opens the libraries `spec` names, probes suffix and integer width, and
/// fills the tables.
///
/// # Errors
/// [`LoadError`]: a library that does not open (every path tried with its
/// `dlerror()`), no BLAS symbols under any suffix, an inconclusive or
/// contradictory width probe, a missing required symbol (named).
///
/// # Safety
/// Opening runs the libraries' initializers, and probing calls their
/// `isamax` and `ilaver`: the files must be BLAS/LAPACK libraries (or ones
/// that do not export those names).
pub unsafe fn load(spec: &LoadSpec) -> Result<LoadedVendor, LoadError> {
    let unload = !spec.keep_loaded;
    let local = if spec.deep_bind {
        Visibility::LocalDeepBind
    } else {
        Visibility::Local
    };
    let mut preloaded = Vec::new();
    for cands in &spec.preload_global {
        // SAFETY: forwarded to the caller.
        let lib = unsafe { Library::open_first("preload", cands, Visibility::Global, unload)? };
        preloaded.push(Arc::new(lib));
    }
    // SAFETY: forwarded to the caller.
    let blas = Arc::new(unsafe { Library::open_first("BLAS", &spec.blas, local, unload)? });
    let suffix = probe::blas_suffix(&blas, &spec.suffixes)?;
    // SAFETY: the library exports BLAS under `suffix` (caller's contract).
    let width = unsafe { probe::blas_int_width(&blas, suffix)? };

    // LAPACK under the BLAS suffix first (`64_` and `_64` share Fortran names).
    let lapack_suffixes: Vec<SymbolSuffix> = core::iter::once(suffix)
        .chain(spec.suffixes.iter().copied().filter(|&s| s != suffix))
        .collect();
    let lapack_lib: Option<(Arc<Library>, SymbolSuffix)> = match &spec.lapack {
        LapackSource::None => None,
        LapackSource::FromBlasIfPresent => {
            probe::lapack_suffix(&blas, &lapack_suffixes).map(|s| (Arc::clone(&blas), s))
        }
        LapackSource::FromBlas => match probe::lapack_suffix(&blas, &lapack_suffixes) {
            Some(s) => Some((Arc::clone(&blas), s)),
            None => {
                return Err(LoadError::MissingSymbol {
                    symbol: suffix.fortran("dgetrf"),
                    library: blas.path().to_path_buf(),
                    message: String::from("no LAPACK symbols under any suffix probed"),
                });
            }
        },
        LapackSource::Separate(cands) => {
            // SAFETY: forwarded to the caller.
            let lib = Arc::new(unsafe { Library::open_first("LAPACK", cands, local, unload)? });
            match probe::lapack_suffix(&lib, &lapack_suffixes) {
                Some(s) => Some((lib, s)),
                None => {
                    return Err(LoadError::MissingSymbol {
                        symbol: String::from("dgetrf_"),
                        library: lib.path().to_path_buf(),
                        message: String::from("no LAPACK symbols under any suffix probed"),
                    });
                }
            }
        }
    };

    let mut lapack_version = None;
    if let Some((lib, s)) = &lapack_lib {
        // SAFETY: the library exports LAPACK under `s`.
        if let Some(v) = unsafe { probe::lapack_version(lib, *s)? } {
            if v.int_width != width {
                return Err(LoadError::Probe {
                    library: lib.path().to_path_buf(),
                    detail: format!(
                        "LAPACK's ilaver looks {} but BLAS ({}) is {}",
                        v.int_width.as_str(),
                        blas.path().display(),
                        width.as_str()
                    ),
                });
            }
            lapack_version = Some(v.version);
        }
    }

    let abi = Abi {
        int_width: width,
        suffix,
        lapack_suffix: lapack_lib.as_ref().map(|(_, s)| *s),
        lapack_version,
        blas_path: blas
            .mapped_file(&suffix.cblas("cblas_isamax"))
            .unwrap_or_else(|| blas.path().to_path_buf()),
        lapack_path: lapack_lib.as_ref().map(|(l, s)| {
            l.mapped_file(&s.fortran("dgetrf"))
                .unwrap_or_else(|| l.path().to_path_buf())
        }),
        preloaded: preloaded.iter().map(|l| l.path().to_path_buf()).collect(),
    };
    match width {
        // SAFETY: the width was probed; the libraries are BLAS/LAPACK.
        IntWidth::Ilp64 => Ok(LoadedVendor::Ilp64(unsafe {
            fill(&blas, lapack_lib, abi, preloaded)?
        })),
        // SAFETY: as above.
        _ => Ok(LoadedVendor::Lp64(unsafe {
            fill(&blas, lapack_lib, abi, preloaded)?
        })),
    }
}

/// # Safety
/// `I` is the probed integer type of both libraries.
unsafe fn fill<I: BlasInt>(
    blas: &Arc<Library>,
    lapack: Option<(Arc<Library>, SymbolSuffix)>,
    abi: Abi,
    preloaded: Vec<Arc<Library>>,
) -> Result<Vendor<I>, LoadError> {
    // SAFETY: `I` matches the library (caller's contract).
    let cblas = unsafe { CblasTable::<I>::load(blas, abi.suffix)? };
    // SAFETY: as above (Fortran BLAS shares the CBLAS integer type).
    let fortran_blas = unsafe { FortranBlasTable::<I>::load(blas, abi.suffix)? };
    // SAFETY: vendor extras have fixed C signatures. Undecorated but in the
    // SciPy builds (`SymbolSuffix::plain`).
    let extras = unsafe { VendorExtras::load(blas, abi.suffix)? };
    let (lapack, lapack_extras) = match lapack {
        None => (None, None),
        Some((lib, s)) => {
            // SAFETY: `I` matches the library (caller's contract).
            let table = unsafe { LapackTable::<I>::load(&lib, s)? };
            let extras = if Arc::ptr_eq(&lib, blas) {
                None
            } else {
                // SAFETY: as above.
                Some(unsafe { VendorExtras::load(&lib, s)? })
            };
            (Some(table), extras)
        }
    };
    Ok(Vendor {
        cblas,
        fortran_blas,
        lapack,
        extras,
        lapack_extras,
        abi,
        _preloaded: preloaded,
    })
}
