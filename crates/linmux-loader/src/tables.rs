//! The symbol tables: one struct of typed function pointers per interface,
//! each generated from one list by [`symbol_table!`].
//!
//! Required entries are plain function pointers (a table cannot exist without
//! them); optional entries are `Option`s. Every table holds an
//! `Arc<Library>`, so the library stays open while the table lives.
//!
//! Calling any entry is `unsafe`: the caller must pass arguments that satisfy
//! the routine's BLAS/LAPACK contract (dimensions, leading dimensions and
//! increments that describe memory it owns), and must keep the table alive for
//! the duration of the call.
//!
//! Fortran routines take every argument by pointer and, after the listed
//! arguments, one hidden `usize` length per `CHARACTER` argument (gfortran's
//! convention; pass `1`). Complex scalars go by pointer in both interfaces,
//! except where CBLAS takes a real scalar (`cherk`'s `alpha`, `beta`).

use core::ffi::{c_char, c_int, c_void};
use std::sync::Arc;

use linmux_core::{c32, c64};

use crate::error::LoadError;
use crate::int::BlasInt;
use crate::library::Library;
use crate::suffix::SymbolSuffix;

/// Generates a table struct from one list of `name: fn(args) -> ret;`
/// entries, split into `required` and `optional`. Field names are the base
/// symbol names; `naming` turns a base name and a [`SymbolSuffix`] into the
/// exported symbol.
macro_rules! symbol_table {
    (
        $(#[$meta:meta])*
        pub struct $name:ident $(<$I:ident>)?;
        naming = $naming:ident;
        required {
            $( $field:ident : fn($($arg:ty),* $(,)?) $(-> $ret:ty)? ; )*
        }
        optional {
            $( $ofield:ident : fn($($oarg:ty),* $(,)?) $(-> $oret:ty)? ; )*
        }
    ) => {
        $(#[$meta])*
        #[allow(non_snake_case, reason = "fields are named after the C symbols")]
        #[derive(Clone)]
        pub struct $name $(<$I: BlasInt>)? {
            $(
                #[doc = concat!("`", stringify!($field), "` (required).")]
                pub $field: unsafe extern "C" fn($($arg),*) $(-> $ret)?,
            )*
            $(
                #[doc = concat!("`", stringify!($ofield), "` (optional).")]
                pub $ofield: Option<unsafe extern "C" fn($($oarg),*) $(-> $oret)?>,
            )*
            library: Arc<Library>,
            suffix: SymbolSuffix,
        }

        impl $(<$I: BlasInt>)? $name $(<$I>)? {
            /// Base names of the required entries.
            pub const REQUIRED: &'static [&'static str] = &[$(stringify!($field)),*];
            /// Base names of the optional entries.
            pub const OPTIONAL: &'static [&'static str] = &[$(stringify!($ofield)),*];

            /// The exported symbol of base name `base` under `suffix`.
            pub fn symbol_name(suffix: SymbolSuffix, base: &str) -> String {
                suffix.$naming(base)
            }

            /// Looks every entry up in `library` under `suffix`.
            ///
            /// # Errors
            /// [`LoadError::MissingSymbol`] for the first required entry absent.
            ///
            /// # Safety
            /// The library's symbols must have the C signatures this table
            /// declares for the integer type (the caller has probed it).
            pub unsafe fn load(library: &Arc<Library>, suffix: SymbolSuffix) -> Result<Self, LoadError> {
                Ok(Self {
                    $(
                        // SAFETY: the signature is the declared one (caller's contract).
                        $field: unsafe { library.required(&suffix.$naming(stringify!($field)))? },
                    )*
                    $(
                        // SAFETY: as above.
                        $ofield: unsafe { library.optional(&suffix.$naming(stringify!($ofield))) },
                    )*
                    library: Arc::clone(library),
                    suffix,
                })
            }

            /// Base names of the optional entries the library does not export.
            pub fn missing_optional(&self) -> Vec<&'static str> {
                let mut v = Vec::new();
                $( if self.$ofield.is_none() { v.push(stringify!($ofield)); } )*
                v
            }

            /// The library the entries come from.
            pub fn library(&self) -> &Arc<Library> {
                &self.library
            }

            /// The suffix the symbols were found under.
            pub fn suffix(&self) -> SymbolSuffix {
                self.suffix
            }
        }

        impl $(<$I: BlasInt>)? core::fmt::Debug for $name $(<$I>)? {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("library", &self.library.path())
                    .field("suffix", &self.suffix)
                    .field("missing_optional", &self.missing_optional())
                    .finish()
            }
        }
    };
}

/// CBLAS `enum` arguments (`CBLAS_ORDER`, `CBLAS_TRANSPOSE`, ...), which stay
/// C `int`s in ILP64 builds.
pub type CblasEnum = c_int;

/// `CblasRowMajor`.
pub const CBLAS_ROW_MAJOR: CblasEnum = 101;
/// `CblasColMajor`.
pub const CBLAS_COL_MAJOR: CblasEnum = 102;
/// `CblasNoTrans`.
pub const CBLAS_NO_TRANS: CblasEnum = 111;
/// `CblasTrans`.
pub const CBLAS_TRANS: CblasEnum = 112;
/// `CblasConjTrans`.
pub const CBLAS_CONJ_TRANS: CblasEnum = 113;
/// `CblasUpper`.
pub const CBLAS_UPPER: CblasEnum = 121;
/// `CblasLower`.
pub const CBLAS_LOWER: CblasEnum = 122;
/// `CblasNonUnit`.
pub const CBLAS_NON_UNIT: CblasEnum = 131;
/// `CblasUnit`.
pub const CBLAS_UNIT: CblasEnum = 132;
/// `CblasLeft`.
pub const CBLAS_LEFT: CblasEnum = 141;
/// `CblasRight`.
pub const CBLAS_RIGHT: CblasEnum = 142;

type E = CblasEnum;

symbol_table! {
    /// CBLAS levels 1–3 for `s`, `d`, `c`, `z` (complex dots through the
    /// `_sub` forms, which return through a pointer).
    ///
    /// `i?amax` return `CBLAS_INDEX` (`size_t` in OpenBLAS, MKL and Netlib);
    /// read only the low 32 bits from an LP64 library.
    pub struct CblasTable<I>;
    naming = cblas;
    required {
        cblas_sdot: fn(I, *const f32, I, *const f32, I) -> f32;
        cblas_ddot: fn(I, *const f64, I, *const f64, I) -> f64;
        cblas_cdotu_sub: fn(I, *const c32, I, *const c32, I, *mut c32);
        cblas_cdotc_sub: fn(I, *const c32, I, *const c32, I, *mut c32);
        cblas_zdotu_sub: fn(I, *const c64, I, *const c64, I, *mut c64);
        cblas_zdotc_sub: fn(I, *const c64, I, *const c64, I, *mut c64);
        cblas_saxpy: fn(I, f32, *const f32, I, *mut f32, I);
        cblas_daxpy: fn(I, f64, *const f64, I, *mut f64, I);
        cblas_caxpy: fn(I, *const c32, *const c32, I, *mut c32, I);
        cblas_zaxpy: fn(I, *const c64, *const c64, I, *mut c64, I);
        cblas_sscal: fn(I, f32, *mut f32, I);
        cblas_dscal: fn(I, f64, *mut f64, I);
        cblas_cscal: fn(I, *const c32, *mut c32, I);
        cblas_zscal: fn(I, *const c64, *mut c64, I);
        cblas_snrm2: fn(I, *const f32, I) -> f32;
        cblas_dnrm2: fn(I, *const f64, I) -> f64;
        cblas_scnrm2: fn(I, *const c32, I) -> f32;
        cblas_dznrm2: fn(I, *const c64, I) -> f64;
        cblas_sasum: fn(I, *const f32, I) -> f32;
        cblas_dasum: fn(I, *const f64, I) -> f64;
        cblas_scasum: fn(I, *const c32, I) -> f32;
        cblas_dzasum: fn(I, *const c64, I) -> f64;
        cblas_isamax: fn(I, *const f32, I) -> usize;
        cblas_idamax: fn(I, *const f64, I) -> usize;
        cblas_icamax: fn(I, *const c32, I) -> usize;
        cblas_izamax: fn(I, *const c64, I) -> usize;
        cblas_scopy: fn(I, *const f32, I, *mut f32, I);
        cblas_dcopy: fn(I, *const f64, I, *mut f64, I);
        cblas_ccopy: fn(I, *const c32, I, *mut c32, I);
        cblas_zcopy: fn(I, *const c64, I, *mut c64, I);
        cblas_sswap: fn(I, *mut f32, I, *mut f32, I);
        cblas_dswap: fn(I, *mut f64, I, *mut f64, I);
        cblas_cswap: fn(I, *mut c32, I, *mut c32, I);
        cblas_zswap: fn(I, *mut c64, I, *mut c64, I);

        cblas_sgemv: fn(E, E, I, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dgemv: fn(E, E, I, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_cgemv: fn(E, E, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zgemv: fn(E, E, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_sger: fn(E, I, I, f32, *const f32, I, *const f32, I, *mut f32, I);
        cblas_dger: fn(E, I, I, f64, *const f64, I, *const f64, I, *mut f64, I);
        cblas_cgeru: fn(E, I, I, *const c32, *const c32, I, *const c32, I, *mut c32, I);
        cblas_cgerc: fn(E, I, I, *const c32, *const c32, I, *const c32, I, *mut c32, I);
        cblas_zgeru: fn(E, I, I, *const c64, *const c64, I, *const c64, I, *mut c64, I);
        cblas_zgerc: fn(E, I, I, *const c64, *const c64, I, *const c64, I, *mut c64, I);
        cblas_ssymv: fn(E, E, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dsymv: fn(E, E, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_chemv: fn(E, E, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zhemv: fn(E, E, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_strmv: fn(E, E, E, E, I, *const f32, I, *mut f32, I);
        cblas_dtrmv: fn(E, E, E, E, I, *const f64, I, *mut f64, I);
        cblas_ctrmv: fn(E, E, E, E, I, *const c32, I, *mut c32, I);
        cblas_ztrmv: fn(E, E, E, E, I, *const c64, I, *mut c64, I);
        cblas_strsv: fn(E, E, E, E, I, *const f32, I, *mut f32, I);
        cblas_dtrsv: fn(E, E, E, E, I, *const f64, I, *mut f64, I);
        cblas_ctrsv: fn(E, E, E, E, I, *const c32, I, *mut c32, I);
        cblas_ztrsv: fn(E, E, E, E, I, *const c64, I, *mut c64, I);

        cblas_sgemm: fn(E, E, E, I, I, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dgemm: fn(E, E, E, I, I, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_cgemm: fn(E, E, E, I, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zgemm: fn(E, E, E, I, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_ssymm: fn(E, E, E, I, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dsymm: fn(E, E, E, I, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_csymm: fn(E, E, E, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zsymm: fn(E, E, E, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_chemm: fn(E, E, E, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zhemm: fn(E, E, E, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_ssyrk: fn(E, E, E, I, I, f32, *const f32, I, f32, *mut f32, I);
        cblas_dsyrk: fn(E, E, E, I, I, f64, *const f64, I, f64, *mut f64, I);
        cblas_csyrk: fn(E, E, E, I, I, *const c32, *const c32, I, *const c32, *mut c32, I);
        cblas_zsyrk: fn(E, E, E, I, I, *const c64, *const c64, I, *const c64, *mut c64, I);
        cblas_cherk: fn(E, E, E, I, I, f32, *const c32, I, f32, *mut c32, I);
        cblas_zherk: fn(E, E, E, I, I, f64, *const c64, I, f64, *mut c64, I);
        cblas_ssyr2k: fn(E, E, E, I, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dsyr2k: fn(E, E, E, I, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_csyr2k: fn(E, E, E, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zsyr2k: fn(E, E, E, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_cher2k: fn(E, E, E, I, I, *const c32, *const c32, I, *const c32, I, f32, *mut c32, I);
        cblas_zher2k: fn(E, E, E, I, I, *const c64, *const c64, I, *const c64, I, f64, *mut c64, I);
        cblas_strmm: fn(E, E, E, E, E, I, I, f32, *const f32, I, *mut f32, I);
        cblas_dtrmm: fn(E, E, E, E, E, I, I, f64, *const f64, I, *mut f64, I);
        cblas_ctrmm: fn(E, E, E, E, E, I, I, *const c32, *const c32, I, *mut c32, I);
        cblas_ztrmm: fn(E, E, E, E, E, I, I, *const c64, *const c64, I, *mut c64, I);
        cblas_strsm: fn(E, E, E, E, E, I, I, f32, *const f32, I, *mut f32, I);
        cblas_dtrsm: fn(E, E, E, E, E, I, I, f64, *const f64, I, *mut f64, I);
        cblas_ctrsm: fn(E, E, E, E, E, I, I, *const c32, *const c32, I, *mut c32, I);
        cblas_ztrsm: fn(E, E, E, E, E, I, I, *const c64, *const c64, I, *mut c64, I);

        cblas_srotg: fn(*mut f32, *mut f32, *mut f32, *mut f32);
        cblas_drotg: fn(*mut f64, *mut f64, *mut f64, *mut f64);
        cblas_srot: fn(I, *mut f32, I, *mut f32, I, f32, f32);
        cblas_drot: fn(I, *mut f64, I, *mut f64, I, f64, f64);
        cblas_srotm: fn(I, *mut f32, I, *mut f32, I, *const f32);
        cblas_drotm: fn(I, *mut f64, I, *mut f64, I, *const f64);
        cblas_srotmg: fn(*mut f32, *mut f32, *mut f32, f32, *mut f32);
        cblas_drotmg: fn(*mut f64, *mut f64, *mut f64, f64, *mut f64);
        cblas_sdsdot: fn(I, f32, *const f32, I, *const f32, I) -> f32;
        cblas_dsdot: fn(I, *const f32, I, *const f32, I) -> f64;

        cblas_sgbmv: fn(E, E, I, I, I, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dgbmv: fn(E, E, I, I, I, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_cgbmv: fn(E, E, I, I, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zgbmv: fn(E, E, I, I, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_ssbmv: fn(E, E, I, I, f32, *const f32, I, *const f32, I, f32, *mut f32, I);
        cblas_dsbmv: fn(E, E, I, I, f64, *const f64, I, *const f64, I, f64, *mut f64, I);
        cblas_chbmv: fn(E, E, I, I, *const c32, *const c32, I, *const c32, I, *const c32, *mut c32, I);
        cblas_zhbmv: fn(E, E, I, I, *const c64, *const c64, I, *const c64, I, *const c64, *mut c64, I);
        cblas_sspmv: fn(E, E, I, f32, *const f32, *const f32, I, f32, *mut f32, I);
        cblas_dspmv: fn(E, E, I, f64, *const f64, *const f64, I, f64, *mut f64, I);
        cblas_chpmv: fn(E, E, I, *const c32, *const c32, *const c32, I, *const c32, *mut c32, I);
        cblas_zhpmv: fn(E, E, I, *const c64, *const c64, *const c64, I, *const c64, *mut c64, I);
        cblas_stbmv: fn(E, E, E, E, I, I, *const f32, I, *mut f32, I);
        cblas_dtbmv: fn(E, E, E, E, I, I, *const f64, I, *mut f64, I);
        cblas_ctbmv: fn(E, E, E, E, I, I, *const c32, I, *mut c32, I);
        cblas_ztbmv: fn(E, E, E, E, I, I, *const c64, I, *mut c64, I);
        cblas_stbsv: fn(E, E, E, E, I, I, *const f32, I, *mut f32, I);
        cblas_dtbsv: fn(E, E, E, E, I, I, *const f64, I, *mut f64, I);
        cblas_ctbsv: fn(E, E, E, E, I, I, *const c32, I, *mut c32, I);
        cblas_ztbsv: fn(E, E, E, E, I, I, *const c64, I, *mut c64, I);
        cblas_stpmv: fn(E, E, E, E, I, *const f32, *mut f32, I);
        cblas_dtpmv: fn(E, E, E, E, I, *const f64, *mut f64, I);
        cblas_ctpmv: fn(E, E, E, E, I, *const c32, *mut c32, I);
        cblas_ztpmv: fn(E, E, E, E, I, *const c64, *mut c64, I);
        cblas_stpsv: fn(E, E, E, E, I, *const f32, *mut f32, I);
        cblas_dtpsv: fn(E, E, E, E, I, *const f64, *mut f64, I);
        cblas_ctpsv: fn(E, E, E, E, I, *const c32, *mut c32, I);
        cblas_ztpsv: fn(E, E, E, E, I, *const c64, *mut c64, I);
        cblas_ssyr: fn(E, E, I, f32, *const f32, I, *mut f32, I);
        cblas_dsyr: fn(E, E, I, f64, *const f64, I, *mut f64, I);
        cblas_cher: fn(E, E, I, f32, *const c32, I, *mut c32, I);
        cblas_zher: fn(E, E, I, f64, *const c64, I, *mut c64, I);
        cblas_ssyr2: fn(E, E, I, f32, *const f32, I, *const f32, I, *mut f32, I);
        cblas_dsyr2: fn(E, E, I, f64, *const f64, I, *const f64, I, *mut f64, I);
        cblas_cher2: fn(E, E, I, *const c32, *const c32, I, *const c32, I, *mut c32, I);
        cblas_zher2: fn(E, E, I, *const c64, *const c64, I, *const c64, I, *mut c64, I);
        cblas_sspr: fn(E, E, I, f32, *const f32, I, *mut f32);
        cblas_dspr: fn(E, E, I, f64, *const f64, I, *mut f64);
        cblas_chpr: fn(E, E, I, f32, *const c32, I, *mut c32);
        cblas_zhpr: fn(E, E, I, f64, *const c64, I, *mut c64);
        cblas_sspr2: fn(E, E, I, f32, *const f32, I, *const f32, I, *mut f32);
        cblas_dspr2: fn(E, E, I, f64, *const f64, I, *const f64, I, *mut f64);
        cblas_chpr2: fn(E, E, I, *const c32, *const c32, I, *const c32, I, *mut c32);
        cblas_zhpr2: fn(E, E, I, *const c64, *const c64, I, *const c64, I, *mut c64);
    }
    optional {
        cblas_csscal: fn(I, f32, *mut c32, I);
        cblas_zdscal: fn(I, f64, *mut c64, I);
        cblas_saxpby: fn(I, f32, *const f32, I, f32, *mut f32, I);
        cblas_daxpby: fn(I, f64, *const f64, I, f64, *mut f64, I);
        // Not in BLIS 0.9.0's CBLAS: [`FortranBlasTable`] has the fallbacks.
        cblas_crotg: fn(*mut c32, *const c32, *mut f32, *mut c32);
        cblas_zrotg: fn(*mut c64, *const c64, *mut f64, *mut c64);
        cblas_csrot: fn(I, *mut c32, I, *mut c32, I, f32, f32);
        cblas_zdrot: fn(I, *mut c64, I, *mut c64, I, f64, f64);
    }
}

symbol_table! {
    /// Fortran BLAS routines used where a library's CBLAS lacks the C form
    /// (BLIS 0.9.0 exports `crotg_` but no `cblas_crotg`). Every argument by
    /// pointer. All optional: a routine missing in both forms is reported
    /// as unsupported at call time, never a load failure.
    pub struct FortranBlasTable<I>;
    naming = fortran;
    required {}
    optional {
        crotg: fn(*mut c32, *const c32, *mut f32, *mut c32);
        zrotg: fn(*mut c64, *const c64, *mut f64, *mut c64);
        csrot: fn(*const I, *mut c32, *const I, *mut c32, *const I, *const f32, *const f32);
        zdrot: fn(*const I, *mut c64, *const I, *mut c64, *const I, *const f64, *const f64);
    }
}

/// Fortran `CHARACTER*1` argument.
pub type FChar = *const c_char;
/// gfortran's hidden length of a `CHARACTER` argument.
pub type FLen = usize;

symbol_table! {
    /// The Fortran LAPACK routines the operation set needs, for `s`, `d`,
    /// `c`, `z` (`?orgqr`/`?ungqr`, `?syevd`/`?heevd`). Every argument by
    /// pointer; hidden `CHARACTER` lengths last.
    pub struct LapackTable<I>;
    naming = fortran;
    required {
        sgetrf: fn(*const I, *const I, *mut f32, *const I, *mut I, *mut I);
        dgetrf: fn(*const I, *const I, *mut f64, *const I, *mut I, *mut I);
        cgetrf: fn(*const I, *const I, *mut c32, *const I, *mut I, *mut I);
        zgetrf: fn(*const I, *const I, *mut c64, *const I, *mut I, *mut I);
        sgetrs: fn(FChar, *const I, *const I, *const f32, *const I, *const I, *mut f32, *const I, *mut I, FLen);
        dgetrs: fn(FChar, *const I, *const I, *const f64, *const I, *const I, *mut f64, *const I, *mut I, FLen);
        cgetrs: fn(FChar, *const I, *const I, *const c32, *const I, *const I, *mut c32, *const I, *mut I, FLen);
        zgetrs: fn(FChar, *const I, *const I, *const c64, *const I, *const I, *mut c64, *const I, *mut I, FLen);
        sgetri: fn(*const I, *mut f32, *const I, *const I, *mut f32, *const I, *mut I);
        dgetri: fn(*const I, *mut f64, *const I, *const I, *mut f64, *const I, *mut I);
        cgetri: fn(*const I, *mut c32, *const I, *const I, *mut c32, *const I, *mut I);
        zgetri: fn(*const I, *mut c64, *const I, *const I, *mut c64, *const I, *mut I);
        spotrf: fn(FChar, *const I, *mut f32, *const I, *mut I, FLen);
        dpotrf: fn(FChar, *const I, *mut f64, *const I, *mut I, FLen);
        cpotrf: fn(FChar, *const I, *mut c32, *const I, *mut I, FLen);
        zpotrf: fn(FChar, *const I, *mut c64, *const I, *mut I, FLen);
        spotrs: fn(FChar, *const I, *const I, *const f32, *const I, *mut f32, *const I, *mut I, FLen);
        dpotrs: fn(FChar, *const I, *const I, *const f64, *const I, *mut f64, *const I, *mut I, FLen);
        cpotrs: fn(FChar, *const I, *const I, *const c32, *const I, *mut c32, *const I, *mut I, FLen);
        zpotrs: fn(FChar, *const I, *const I, *const c64, *const I, *mut c64, *const I, *mut I, FLen);
        sgeqrf: fn(*const I, *const I, *mut f32, *const I, *mut f32, *mut f32, *const I, *mut I);
        dgeqrf: fn(*const I, *const I, *mut f64, *const I, *mut f64, *mut f64, *const I, *mut I);
        cgeqrf: fn(*const I, *const I, *mut c32, *const I, *mut c32, *mut c32, *const I, *mut I);
        zgeqrf: fn(*const I, *const I, *mut c64, *const I, *mut c64, *mut c64, *const I, *mut I);
        sorgqr: fn(*const I, *const I, *const I, *mut f32, *const I, *const f32, *mut f32, *const I, *mut I);
        dorgqr: fn(*const I, *const I, *const I, *mut f64, *const I, *const f64, *mut f64, *const I, *mut I);
        cungqr: fn(*const I, *const I, *const I, *mut c32, *const I, *const c32, *mut c32, *const I, *mut I);
        zungqr: fn(*const I, *const I, *const I, *mut c64, *const I, *const c64, *mut c64, *const I, *mut I);
        sgesdd: fn(FChar, *const I, *const I, *mut f32, *const I, *mut f32, *mut f32, *const I, *mut f32, *const I, *mut f32, *const I, *mut I, *mut I, FLen);
        dgesdd: fn(FChar, *const I, *const I, *mut f64, *const I, *mut f64, *mut f64, *const I, *mut f64, *const I, *mut f64, *const I, *mut I, *mut I, FLen);
        cgesdd: fn(FChar, *const I, *const I, *mut c32, *const I, *mut f32, *mut c32, *const I, *mut c32, *const I, *mut c32, *const I, *mut f32, *mut I, *mut I, FLen);
        zgesdd: fn(FChar, *const I, *const I, *mut c64, *const I, *mut f64, *mut c64, *const I, *mut c64, *const I, *mut c64, *const I, *mut f64, *mut I, *mut I, FLen);
        ssyevd: fn(FChar, FChar, *const I, *mut f32, *const I, *mut f32, *mut f32, *const I, *mut I, *const I, *mut I, FLen, FLen);
        dsyevd: fn(FChar, FChar, *const I, *mut f64, *const I, *mut f64, *mut f64, *const I, *mut I, *const I, *mut I, FLen, FLen);
        cheevd: fn(FChar, FChar, *const I, *mut c32, *const I, *mut f32, *mut c32, *const I, *mut f32, *const I, *mut I, *const I, *mut I, FLen, FLen);
        zheevd: fn(FChar, FChar, *const I, *mut c64, *const I, *mut f64, *mut c64, *const I, *mut f64, *const I, *mut I, *const I, *mut I, FLen, FLen);
        sgeev: fn(FChar, FChar, *const I, *mut f32, *const I, *mut f32, *mut f32, *mut f32, *const I, *mut f32, *const I, *mut f32, *const I, *mut I, FLen, FLen);
        dgeev: fn(FChar, FChar, *const I, *mut f64, *const I, *mut f64, *mut f64, *mut f64, *const I, *mut f64, *const I, *mut f64, *const I, *mut I, FLen, FLen);
        cgeev: fn(FChar, FChar, *const I, *mut c32, *const I, *mut c32, *mut c32, *const I, *mut c32, *const I, *mut c32, *const I, *mut f32, *mut I, FLen, FLen);
        zgeev: fn(FChar, FChar, *const I, *mut c64, *const I, *mut c64, *mut c64, *const I, *mut c64, *const I, *mut c64, *const I, *mut f64, *mut I, FLen, FLen);
        sgels: fn(FChar, *const I, *const I, *const I, *mut f32, *const I, *mut f32, *const I, *mut f32, *const I, *mut I, FLen);
        dgels: fn(FChar, *const I, *const I, *const I, *mut f64, *const I, *mut f64, *const I, *mut f64, *const I, *mut I, FLen);
        cgels: fn(FChar, *const I, *const I, *const I, *mut c32, *const I, *mut c32, *const I, *mut c32, *const I, *mut I, FLen);
        zgels: fn(FChar, *const I, *const I, *const I, *mut c64, *const I, *mut c64, *const I, *mut c64, *const I, *mut I, FLen);
    }
    optional {
        ilaver: fn(*mut I, *mut I, *mut I);
    }
}

symbol_table! {
    /// Vendor extras: thread control, version and configuration queries,
    /// error handlers. Undecorated C names but in the SciPy builds
    /// ([`SymbolSuffix::plain`]); all optional. BLIS's `dim_t` is
    /// taken as `i64` (its default build).
    pub struct VendorExtras;
    naming = plain;
    required {}
    optional {
        openblas_set_num_threads: fn(c_int);
        openblas_get_num_threads: fn() -> c_int;
        openblas_get_config: fn() -> *const c_char;
        openblas_get_corename: fn() -> *const c_char;
        openblas_get_parallel: fn() -> c_int;
        MKL_Set_Num_Threads: fn(c_int);
        MKL_Get_Max_Threads: fn() -> c_int;
        MKL_Domain_Set_Num_Threads: fn(c_int, c_int) -> c_int;
        MKL_Domain_Get_Max_Threads: fn(c_int) -> c_int;
        MKL_Set_Num_Threads_Local: fn(c_int) -> c_int;
        MKL_Get_Version_String: fn(*mut c_char, c_int);
        MKL_Set_Threading_Layer: fn(c_int) -> c_int;
        MKL_CBWR_Set: fn(c_int) -> c_int;
        mkl_set_xerbla: fn(*mut c_void) -> *mut c_void;
        mkl_set_exit_handler: fn(*mut c_void) -> *mut c_void;
        bli_thread_set_num_threads: fn(i64);
        bli_thread_get_num_threads: fn() -> i64;
        bli_info_get_version_str: fn() -> *const c_char;
        bli_arch_query_id: fn() -> c_int;
        bli_arch_string: fn(c_int) -> *const c_char;
        BLASSetThreading: fn(c_int) -> c_int;
        BLASGetThreading: fn() -> c_int;
    }
}
