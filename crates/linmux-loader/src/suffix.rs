//! Symbol naming: the suffix a library appends to BLAS/LAPACK names.

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
///
/// The suffix says nothing reliable about integer width (Debian's
/// `libopenblas64.so.0` is ILP64 with plain names): width is probed separately.
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
}

impl SymbolSuffix {
    /// Every suffix, in the default probing order.
    pub const ALL: [SymbolSuffix; 5] = [
        SymbolSuffix::None,
        SymbolSuffix::Trailing64,
        SymbolSuffix::Underscore64,
        SymbolSuffix::NewLapack,
        SymbolSuffix::NewLapackIlp64,
    ];

    /// The suffix as recorded in `BackendInfo::symbol_suffix`.
    pub const fn as_str(self) -> &'static str {
        match self {
            SymbolSuffix::None => "",
            SymbolSuffix::Trailing64 => "64_",
            SymbolSuffix::Underscore64 => "_64",
            SymbolSuffix::NewLapack => "$NEWLAPACK",
            SymbolSuffix::NewLapackIlp64 => "$NEWLAPACK$ILP64",
        }
    }

    /// Parses [`SymbolSuffix::as_str`]'s output.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The symbol of C function `base` (`"cblas_dgemm"`).
    pub fn cblas(self, base: &str) -> String {
        format!("{base}{}", self.as_str())
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
        }
    }

    /// A name that takes no suffix (vendor extras).
    pub fn plain(self, base: &str) -> String {
        let _ = self;
        base.to_owned()
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
