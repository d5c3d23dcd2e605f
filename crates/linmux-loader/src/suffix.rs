//! Symbol naming: the suffix (and, for SciPy's OpenBLAS, the prefix) a
//! library puts around BLAS/LAPACK names.

use std::fmt;

/// How a library decorates BLAS/LAPACK symbol names.
///
/// | suffix | CBLAS (`cblas_dgemm`) | Fortran (`dgemm`) |
/// |---|---|---|
/// | `None` | `cblas_dgemm` | `dgemm_` |
/// | `Trailing64` (OpenBLAS `SYMBOLSUFFIX=64_`) | `cblas_dgemm64_` | `dgemm_64_` |
/// | `Underscore64` (Netlib `INDEX64_EXT_API`) | `cblas_dgemm_64` | `dgemm_64_` |
/// | `NewLapack` (Accelerate) | `cblas_dgemm$NEWLAPACK` | `dgemm$NEWLAPACK` |
/// | `NewLapackIlp64` (Accelerate) | `cblas_dgemm$NEWLAPACK$ILP64` | `dgemm$NEWLAPACK$ILP64` |
/// | `Scipy` (`scipy-openblas32`, inside SciPy's wheels) | `scipy_cblas_dgemm` | `scipy_dgemm_` |
/// | `Scipy64` (`scipy-openblas64`, inside NumPy's wheels) | `scipy_cblas_dgemm64_` | `scipy_dgemm_64_` |
///
/// The suffix says nothing reliable about integer width (Debian's
/// `libopenblas64.so.0` is ILP64 with plain names): width is probed separately.
///
/// Vendor extras (`openblas_get_config`, `MKL_Set_Num_Threads`, ...) take no
/// decoration, except in the SciPy builds, which decorate them as C names
/// (`scipy_openblas_get_config64_`): [`SymbolSuffix::plain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SymbolSuffix {
    /// Plain names.
    #[default]
    None,
    /// `64_` (OpenBLAS, Julia's ILP64 builds).
    Trailing64,
    /// `_64` (Netlib's 64-bit API extension).
    Underscore64,
    /// Accelerate's `$NEWLAPACK` (LP64).
    NewLapack,
    /// Accelerate's `$NEWLAPACK$ILP64`.
    NewLapackIlp64,
    /// The `scipy_` prefix of OpenBLAS built with `SYMBOLPREFIX=scipy_` (the
    /// PyPI `scipy-openblas32` wheel, and the `libscipy_openblas` inside
    /// SciPy's wheels).
    Scipy,
    /// The `scipy_` prefix and the `64_` suffix (`SYMBOLPREFIX=scipy_
    /// SYMBOLSUFFIX=64_`: the PyPI `scipy-openblas64` wheel, and the
    /// `libscipy_openblas64_` inside NumPy's wheels).
    Scipy64,
}

impl SymbolSuffix {
    /// Every suffix, in the default probing order.
    pub const ALL: [SymbolSuffix; 7] = [
        SymbolSuffix::None,
        SymbolSuffix::Trailing64,
        SymbolSuffix::Underscore64,
        SymbolSuffix::NewLapack,
        SymbolSuffix::NewLapackIlp64,
        SymbolSuffix::Scipy64,
        SymbolSuffix::Scipy,
    ];

    /// The decoration as recorded in `BackendInfo::symbol_suffix`: the
    /// suffix, or for a prefixed scheme the pattern with `*` for the name
    /// (`scipy_*64_`).
    pub const fn as_str(self) -> &'static str {
        match self {
            SymbolSuffix::None => "",
            SymbolSuffix::Trailing64 => "64_",
            SymbolSuffix::Underscore64 => "_64",
            SymbolSuffix::NewLapack => "$NEWLAPACK",
            SymbolSuffix::NewLapackIlp64 => "$NEWLAPACK$ILP64",
            SymbolSuffix::Scipy => "scipy_*",
            SymbolSuffix::Scipy64 => "scipy_*64_",
        }
    }

    /// Parses [`SymbolSuffix::as_str`]'s output.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The symbol of C function `base` (`"cblas_dgemm"`).
    pub fn cblas(self, base: &str) -> String {
        match self {
            SymbolSuffix::Scipy => format!("scipy_{base}"),
            SymbolSuffix::Scipy64 => format!("scipy_{base}64_"),
            _ => format!("{base}{}", self.as_str()),
        }
    }

    /// The symbol of Fortran routine `base`, given without its trailing
    /// underscore (`"dgemm"`).
    pub fn fortran(self, base: &str) -> String {
        match self {
            SymbolSuffix::None => format!("{base}_"),
            SymbolSuffix::Trailing64 | SymbolSuffix::Underscore64 => format!("{base}_64_"),
            SymbolSuffix::NewLapack | SymbolSuffix::NewLapackIlp64 => {
                format!("{base}{}", self.as_str())
            }
            SymbolSuffix::Scipy => format!("scipy_{base}_"),
            SymbolSuffix::Scipy64 => format!("scipy_{base}_64_"),
        }
    }

    /// A vendor extra (`openblas_get_config`): undecorated, but in the
    /// SciPy builds, which decorate it as a C name.
    pub fn plain(self, base: &str) -> String {
        match self {
            SymbolSuffix::Scipy | SymbolSuffix::Scipy64 => self.cblas(base),
            _ => base.to_owned(),
        }
    }
}

impl fmt::Display for SymbolSuffix {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if matches!(self, SymbolSuffix::None) {
            f.write_str("(none)")
        } else {
            f.write_str(self.as_str())
        }
    }
}
