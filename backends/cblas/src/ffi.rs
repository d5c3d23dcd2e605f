//! One typed entry point per routine family, implemented for the four scalar
//! types by one macro line each (`impl_real!(f64, d)`), in lax's style.
//!
//! | family | f32 | f64 | c32 | c64 |
//! |---|---|---|---|---|
//! | `dotu` / `dotc` | sdot | ddot | cdotu_sub / cdotc_sub | zdotu_sub / zdotc_sub |
//! | `nrm2` / `asum` | snrm2 / sasum | dnrm2 / dasum | scnrm2 / scasum | dznrm2 / dzasum |
//! | `geru` / `gerc` | sger | dger | cgeru / cgerc | zgeru / zgerc |
//! | `hemv` / `hemm` | ssymv / ssymm | dsymv / dsymm | chemv / chemm | zhemv / zhemm |
//! | `herk` / `her2k` | ssyrk / ssyr2k | dsyrk / dsyr2k | cherk / cher2k | zherk / zher2k |
//! | `ungqr` | sorgqr | dorgqr | cungqr | zungqr |
//! | `heevd` | ssyevd | dsyevd | cheevd | zheevd |
//! | `rotg` | srotg | drotg | crotg (or `crotg_`) | zrotg (or `zrotg_`) |
//! | `rot` | srot | drot | csrot (or `csrot_`) | zdrot (or `zdrot_`) |
//! | `rotm` / `rotmg` | srotm / srotmg | drotm / drotmg | — | — |
//! | `sdsdot` / `dsdot` | sdsdot / dsdot | `sb +` ddot / ddot | — | — |
//! | `rscal` | sscal | dscal | csscal (or cscal) | zdscal (or zscal) |
//! | `hbmv` / `hpmv` | ssbmv / sspmv | dsbmv / dspmv | chbmv / chpmv | zhbmv / zhpmv |
//! | `her` / `her2` | ssyr / ssyr2 | dsyr / dsyr2 | cher / cher2 | zher / zher2 |
//! | `hpr` / `hpr2` | sspr / sspr2 | dspr / dspr2 | chpr / chpr2 | zhpr / zhpr2 |
//!
//! `gbmv`, `tbmv`, `tbsv`, `tpmv`, `tpsv` carry the type's prefix.
//!
//! # Safety (every method)
//! The arguments satisfy the routine's BLAS/LAPACK contract: dimensions,
//! leading dimensions and increments describe memory the caller owns for
//! reading (and writing, for outputs) for the whole call; the table outlives
//! the call.

#![allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]

use linmux_core::{Diag, Result, Scalar, Side, Trans, Uplo, c32, c64};
use linmux_loader::{
    BlasInt, CBLAS_CONJ_TRANS, CBLAS_LEFT, CBLAS_LOWER, CBLAS_NO_TRANS, CBLAS_NON_UNIT,
    CBLAS_RIGHT, CBLAS_TRANS, CBLAS_UNIT, CBLAS_UPPER, CblasEnum, CblasEnum as E, CblasTable as Cb,
    FortranBlasTable as Fb, LapackTable as Lp,
};

use crate::convert::{Positive, check_info, int, lwork_from};
use crate::layout::try_vec;

/// The scalar types with a CBLAS/LAPACK binding.
pub(crate) trait Ffi: Scalar {
    /// # Safety
    /// See the module docs.
    unsafe fn dotu<I: BlasInt>(
        t: &Cb<I>,
        n: I,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
    ) -> Self;
    /// # Safety
    /// See the module docs.
    unsafe fn dotc<I: BlasInt>(
        t: &Cb<I>,
        n: I,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
    ) -> Self;
    /// # Safety
    /// See the module docs.
    unsafe fn axpy<I: BlasInt>(
        t: &Cb<I>,
        n: I,
        alpha: Self,
        x: *const Self,
        incx: I,
        y: *mut Self,
        incy: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn scal<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self, x: *mut Self, incx: I);
    /// # Safety
    /// See the module docs.
    unsafe fn nrm2<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> Self::Real;
    /// # Safety
    /// See the module docs.
    unsafe fn asum<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> Self::Real;
    /// # Safety
    /// See the module docs.
    unsafe fn iamax<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> usize;
    /// # Safety
    /// See the module docs.
    unsafe fn copy<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *mut Self, incy: I);
    /// # Safety
    /// See the module docs.
    unsafe fn swap<I: BlasInt>(t: &Cb<I>, n: I, x: *mut Self, incx: I, y: *mut Self, incy: I);
    /// # Safety
    /// See the module docs.
    unsafe fn gemv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        tr: E,
        m: I,
        n: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        x: *const Self,
        incx: I,
        beta: Self,
        y: *mut Self,
        incy: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn geru<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        m: I,
        n: I,
        alpha: Self,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
        a: *mut Self,
        lda: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn gerc<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        m: I,
        n: I,
        alpha: Self,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
        a: *mut Self,
        lda: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn hemv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        x: *const Self,
        incx: I,
        beta: Self,
        y: *mut Self,
        incy: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn trmv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        diag: E,
        n: I,
        a: *const Self,
        lda: I,
        x: *mut Self,
        incx: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn trsv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        diag: E,
        n: I,
        a: *const Self,
        lda: I,
        x: *mut Self,
        incx: I,
    );
    /// The address of the library's `cblas_?gemm` for `Self`.
    fn gemm_addr<I: BlasInt>(t: &Cb<I>) -> core::ptr::NonNull<core::ffi::c_void>;
    /// # Safety
    /// See the module docs.
    unsafe fn gemm<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        ta: E,
        tb: E,
        m: I,
        n: I,
        k: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *const Self,
        ldb: I,
        beta: Self,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn symm<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        side: E,
        uplo: E,
        m: I,
        n: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *const Self,
        ldb: I,
        beta: Self,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn hemm<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        side: E,
        uplo: E,
        m: I,
        n: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *const Self,
        ldb: I,
        beta: Self,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn syrk<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        n: I,
        k: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        beta: Self,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn herk<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        n: I,
        k: I,
        alpha: Self::Real,
        a: *const Self,
        lda: I,
        beta: Self::Real,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn syr2k<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        n: I,
        k: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *const Self,
        ldb: I,
        beta: Self,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn her2k<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        n: I,
        k: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *const Self,
        ldb: I,
        beta: Self::Real,
        c: *mut Self,
        ldc: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn trmm<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        side: E,
        uplo: E,
        tr: E,
        diag: E,
        m: I,
        n: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *mut Self,
        ldb: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn trsm<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        side: E,
        uplo: E,
        tr: E,
        diag: E,
        m: I,
        n: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        b: *mut Self,
        ldb: I,
    );

    /// `rotg`; `false` when the library has neither the CBLAS nor the
    /// Fortran form (complex types on BLIS have only the Fortran one).
    ///
    /// # Safety
    /// See the module docs; each pointer is one valid scalar.
    unsafe fn rotg<I: BlasInt>(
        t: &Cb<I>,
        f: &Fb<I>,
        a: *mut Self,
        b: *mut Self,
        c: *mut Self::Real,
        s: *mut Self,
    ) -> bool;
    /// `rot` with real `c`, `s` (`csrot`/`zdrot` on complex vectors);
    /// `false` when neither form exists.
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn rot<I: BlasInt>(
        t: &Cb<I>,
        f: &Fb<I>,
        n: I,
        x: *mut Self,
        incx: I,
        y: *mut Self,
        incy: I,
        c: Self::Real,
        s: Self::Real,
    ) -> bool;
    /// `rotm`; `false` for complex types (real only).
    ///
    /// # Safety
    /// See the module docs; `param` points to 5 values.
    unsafe fn rotm<I: BlasInt>(
        t: &Cb<I>,
        n: I,
        x: *mut Self,
        incx: I,
        y: *mut Self,
        incy: I,
        param: *const Self,
    ) -> bool;
    /// `rotmg`; `false` for complex types (real only).
    ///
    /// # Safety
    /// See the module docs; `param` points to 5 values.
    unsafe fn rotmg<I: BlasInt>(
        t: &Cb<I>,
        d1: *mut Self,
        d2: *mut Self,
        x1: *mut Self,
        y1: Self,
        param: *mut Self,
    ) -> bool;
    /// `sb + x·y` accumulated in double precision; `None` for complex types.
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn sdsdot<I: BlasInt>(
        t: &Cb<I>,
        n: I,
        sb: Self,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
    ) -> Option<Self>;
    /// `x·y` accumulated and returned in double precision; `None` for
    /// complex types.
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn dsdot<I: BlasInt>(
        t: &Cb<I>,
        n: I,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
    ) -> Option<f64>;
    /// `x ← α·x` with real `α`.
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn rscal<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self::Real, x: *mut Self, incx: I);
    /// # Safety
    /// See the module docs.
    unsafe fn gbmv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        tr: E,
        m: I,
        n: I,
        kl: I,
        ku: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        x: *const Self,
        incx: I,
        beta: Self,
        y: *mut Self,
        incy: I,
    );
    /// `hbmv` (`sbmv` on real types).
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn hbmv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        k: I,
        alpha: Self,
        a: *const Self,
        lda: I,
        x: *const Self,
        incx: I,
        beta: Self,
        y: *mut Self,
        incy: I,
    );
    /// `hpmv` (`spmv` on real types).
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn hpmv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        alpha: Self,
        ap: *const Self,
        x: *const Self,
        incx: I,
        beta: Self,
        y: *mut Self,
        incy: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn tbmv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        diag: E,
        n: I,
        k: I,
        a: *const Self,
        lda: I,
        x: *mut Self,
        incx: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn tbsv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        diag: E,
        n: I,
        k: I,
        a: *const Self,
        lda: I,
        x: *mut Self,
        incx: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn tpmv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        diag: E,
        n: I,
        ap: *const Self,
        x: *mut Self,
        incx: I,
    );
    /// # Safety
    /// See the module docs.
    unsafe fn tpsv<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        tr: E,
        diag: E,
        n: I,
        ap: *const Self,
        x: *mut Self,
        incx: I,
    );
    /// `her` (`syr` on real types).
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn her<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        alpha: Self::Real,
        x: *const Self,
        incx: I,
        a: *mut Self,
        lda: I,
    );
    /// `her2` (`syr2` on real types).
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn her2<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        alpha: Self,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
        a: *mut Self,
        lda: I,
    );
    /// `hpr` (`spr` on real types).
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn hpr<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        alpha: Self::Real,
        x: *const Self,
        incx: I,
        ap: *mut Self,
    );
    /// `hpr2` (`spr2` on real types).
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn hpr2<I: BlasInt>(
        t: &Cb<I>,
        o: E,
        uplo: E,
        n: I,
        alpha: Self,
        x: *const Self,
        incx: I,
        y: *const Self,
        incy: I,
        ap: *mut Self,
    );

    /// # Safety
    /// See the module docs.
    unsafe fn getrf<I: BlasInt>(t: &Lp<I>, m: I, n: I, a: *mut Self, lda: I, ipiv: *mut I) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn getrs<I: BlasInt>(
        t: &Lp<I>,
        tr: u8,
        n: I,
        nrhs: I,
        a: *const Self,
        lda: I,
        ipiv: *const I,
        b: *mut Self,
        ldb: I,
    ) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn getri<I: BlasInt>(
        t: &Lp<I>,
        n: I,
        a: *mut Self,
        lda: I,
        ipiv: *const I,
        work: *mut Self,
        lwork: I,
    ) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn potrf<I: BlasInt>(t: &Lp<I>, uplo: u8, n: I, a: *mut Self, lda: I) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn potrs<I: BlasInt>(
        t: &Lp<I>,
        uplo: u8,
        n: I,
        nrhs: I,
        a: *const Self,
        lda: I,
        b: *mut Self,
        ldb: I,
    ) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn geqrf<I: BlasInt>(
        t: &Lp<I>,
        m: I,
        n: I,
        a: *mut Self,
        lda: I,
        tau: *mut Self,
        work: *mut Self,
        lwork: I,
    ) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn ungqr<I: BlasInt>(
        t: &Lp<I>,
        m: I,
        n: I,
        k: I,
        a: *mut Self,
        lda: I,
        tau: *const Self,
        work: *mut Self,
        lwork: I,
    ) -> I;
    /// # Safety
    /// See the module docs.
    unsafe fn gels<I: BlasInt>(
        t: &Lp<I>,
        tr: u8,
        m: I,
        n: I,
        nrhs: I,
        a: *mut Self,
        lda: I,
        b: *mut Self,
        ldb: I,
        work: *mut Self,
        lwork: I,
    ) -> I;
    /// Whole `gesdd` (workspace queries included); returns `info`.
    ///
    /// # Safety
    /// See the module docs; `mn = min(m, n)`, `mx = max(m, n)`.
    unsafe fn gesdd<I: BlasInt>(
        t: &Lp<I>,
        be: &str,
        jobz: u8,
        m: I,
        n: I,
        mn: usize,
        mx: usize,
        a: *mut Self,
        lda: I,
        s: *mut Self::Real,
        u: *mut Self,
        ldu: I,
        vt: *mut Self,
        ldvt: I,
    ) -> Result<I>;
    /// Whole `syevd`/`heevd`; returns `info`.
    ///
    /// # Safety
    /// See the module docs.
    unsafe fn heevd<I: BlasInt>(
        t: &Lp<I>,
        be: &str,
        jobz: u8,
        uplo: u8,
        n: I,
        a: *mut Self,
        lda: I,
        w: *mut Self::Real,
    ) -> Result<I>;
    /// Whole `geev` into complex outputs: `w` (`n`), and `vl`/`vr` as
    /// contiguous column-major `n × n` buffers; returns `info`.
    ///
    /// # Safety
    /// See the module docs; `a` is `n × n` with leading dimension `lda`.
    unsafe fn geev<I: BlasInt>(
        t: &Lp<I>,
        be: &str,
        n: usize,
        a: *mut Self,
        lda: I,
        w: &mut [Self::Complex],
        vl: Option<&mut [Self::Complex]>,
        vr: Option<&mut [Self::Complex]>,
    ) -> Result<I>;
}

const C1: usize = 1;

macro_rules! lapack_common {
    ($p:ident, $ungqr:ident) => {
        paste::paste! {
            unsafe fn getrf<I: BlasInt>(t: &Lp<I>, m: I, n: I, a: *mut Self, lda: I, ipiv: *mut I) -> I {
                let mut info = I::ZERO;
                // SAFETY: caller's contract.
                unsafe { (t.[<$p getrf>])(&m, &n, a, &lda, ipiv, &mut info) };
                info
            }
            unsafe fn getrs<I: BlasInt>(t: &Lp<I>, tr: u8, n: I, nrhs: I, a: *const Self, lda: I, ipiv: *const I, b: *mut Self, ldb: I) -> I {
                let mut info = I::ZERO;
                let tr = tr.cast_signed();
                // SAFETY: caller's contract.
                unsafe { (t.[<$p getrs>])(&tr, &n, &nrhs, a, &lda, ipiv, b, &ldb, &mut info, C1) };
                info
            }
            unsafe fn getri<I: BlasInt>(t: &Lp<I>, n: I, a: *mut Self, lda: I, ipiv: *const I, work: *mut Self, lwork: I) -> I {
                let mut info = I::ZERO;
                // SAFETY: caller's contract.
                unsafe { (t.[<$p getri>])(&n, a, &lda, ipiv, work, &lwork, &mut info) };
                info
            }
            unsafe fn potrf<I: BlasInt>(t: &Lp<I>, uplo: u8, n: I, a: *mut Self, lda: I) -> I {
                let mut info = I::ZERO;
                let uplo = uplo.cast_signed();
                // SAFETY: caller's contract.
                unsafe { (t.[<$p potrf>])(&uplo, &n, a, &lda, &mut info, C1) };
                info
            }
            unsafe fn potrs<I: BlasInt>(t: &Lp<I>, uplo: u8, n: I, nrhs: I, a: *const Self, lda: I, b: *mut Self, ldb: I) -> I {
                let mut info = I::ZERO;
                let uplo = uplo.cast_signed();
                // SAFETY: caller's contract.
                unsafe { (t.[<$p potrs>])(&uplo, &n, &nrhs, a, &lda, b, &ldb, &mut info, C1) };
                info
            }
            unsafe fn geqrf<I: BlasInt>(t: &Lp<I>, m: I, n: I, a: *mut Self, lda: I, tau: *mut Self, work: *mut Self, lwork: I) -> I {
                let mut info = I::ZERO;
                // SAFETY: caller's contract.
                unsafe { (t.[<$p geqrf>])(&m, &n, a, &lda, tau, work, &lwork, &mut info) };
                info
            }
            unsafe fn ungqr<I: BlasInt>(t: &Lp<I>, m: I, n: I, k: I, a: *mut Self, lda: I, tau: *const Self, work: *mut Self, lwork: I) -> I {
                let mut info = I::ZERO;
                // SAFETY: caller's contract.
                unsafe { (t.[<$p $ungqr>])(&m, &n, &k, a, &lda, tau, work, &lwork, &mut info) };
                info
            }
            unsafe fn gels<I: BlasInt>(t: &Lp<I>, tr: u8, m: I, n: I, nrhs: I, a: *mut Self, lda: I, b: *mut Self, ldb: I, work: *mut Self, lwork: I) -> I {
                let mut info = I::ZERO;
                let tr = tr.cast_signed();
                // SAFETY: caller's contract.
                unsafe { (t.[<$p gels>])(&tr, &m, &n, &nrhs, a, &lda, b, &ldb, work, &lwork, &mut info, C1) };
                info
            }
        }
    };
}

fn query_info<I: BlasInt>(be: &str, routine: &'static str, prefix: char, info: I) -> Result<()> {
    check_info(be, routine, prefix, info, Positive::Never)
}

/// `tbmv`, `tbsv`, `tpmv`, `tpsv`: the same signature for every type.
macro_rules! band_packed_tri {
    ($p:ident) => {
        paste::paste! {
            unsafe fn tbmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, k: I, a: *const Self, lda: I, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p tbmv>])(o, uplo, tr, diag, n, k, a, lda, x, incx) }
            }
            unsafe fn tbsv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, k: I, a: *const Self, lda: I, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p tbsv>])(o, uplo, tr, diag, n, k, a, lda, x, incx) }
            }
            unsafe fn tpmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, ap: *const Self, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p tpmv>])(o, uplo, tr, diag, n, ap, x, incx) }
            }
            unsafe fn tpsv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, ap: *const Self, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p tpsv>])(o, uplo, tr, diag, n, ap, x, incx) }
            }
        }
    };
}

/// `sdsdot` and `dsdot`: the CBLAS routines on `f32`; on `f64`, where CBLAS
/// defines neither, `sb + ddot` and `ddot` (already double precision).
macro_rules! mixed_dots {
    (s) => {
        unsafe fn sdsdot<I: BlasInt>(
            t: &Cb<I>,
            n: I,
            sb: Self,
            x: *const Self,
            incx: I,
            y: *const Self,
            incy: I,
        ) -> Option<Self> {
            // SAFETY: caller's contract.
            Some(unsafe { (t.cblas_sdsdot)(n, sb, x, incx, y, incy) })
        }
        unsafe fn dsdot<I: BlasInt>(
            t: &Cb<I>,
            n: I,
            x: *const Self,
            incx: I,
            y: *const Self,
            incy: I,
        ) -> Option<f64> {
            // SAFETY: caller's contract.
            Some(unsafe { (t.cblas_dsdot)(n, x, incx, y, incy) })
        }
    };
    (d) => {
        unsafe fn sdsdot<I: BlasInt>(
            t: &Cb<I>,
            n: I,
            sb: Self,
            x: *const Self,
            incx: I,
            y: *const Self,
            incy: I,
        ) -> Option<Self> {
            // SAFETY: caller's contract.
            Some(sb + unsafe { (t.cblas_ddot)(n, x, incx, y, incy) })
        }
        unsafe fn dsdot<I: BlasInt>(
            t: &Cb<I>,
            n: I,
            x: *const Self,
            incx: I,
            y: *const Self,
            incy: I,
        ) -> Option<f64> {
            // SAFETY: caller's contract.
            Some(unsafe { (t.cblas_ddot)(n, x, incx, y, incy) })
        }
    };
}

macro_rules! impl_real {
    ($t:ty, $p:ident) => {
        paste::paste! {
        impl Ffi for $t {
            unsafe fn dotu<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *const Self, incy: I) -> Self {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p dot>])(n, x, incx, y, incy) }
            }
            unsafe fn dotc<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *const Self, incy: I) -> Self {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p dot>])(n, x, incx, y, incy) }
            }
            unsafe fn axpy<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self, x: *const Self, incx: I, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p axpy>])(n, alpha, x, incx, y, incy) }
            }
            unsafe fn scal<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p scal>])(n, alpha, x, incx) }
            }
            unsafe fn nrm2<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> Self {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p nrm2>])(n, x, incx) }
            }
            unsafe fn asum<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> Self {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p asum>])(n, x, incx) }
            }
            unsafe fn iamax<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> usize {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_i $p amax>])(n, x, incx) }
            }
            unsafe fn copy<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p copy>])(n, x, incx, y, incy) }
            }
            unsafe fn swap<I: BlasInt>(t: &Cb<I>, n: I, x: *mut Self, incx: I, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p swap>])(n, x, incx, y, incy) }
            }
            unsafe fn gemv<I: BlasInt>(t: &Cb<I>, o: E, tr: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gemv>])(o, tr, m, n, alpha, a, lda, x, incx, beta, y, incy) }
            }
            unsafe fn geru<I: BlasInt>(t: &Cb<I>, o: E, m: I, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p ger>])(o, m, n, alpha, x, incx, y, incy, a, lda) }
            }
            unsafe fn gerc<I: BlasInt>(t: &Cb<I>, o: E, m: I, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p ger>])(o, m, n, alpha, x, incx, y, incy, a, lda) }
            }
            unsafe fn hemv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p symv>])(o, uplo, n, alpha, a, lda, x, incx, beta, y, incy) }
            }
            unsafe fn trmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, a: *const Self, lda: I, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trmv>])(o, uplo, tr, diag, n, a, lda, x, incx) }
            }
            unsafe fn trsv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, a: *const Self, lda: I, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trsv>])(o, uplo, tr, diag, n, a, lda, x, incx) }
            }
            unsafe fn gemm<I: BlasInt>(t: &Cb<I>, o: E, ta: E, tb: E, m: I, n: I, k: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gemm>])(o, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            fn gemm_addr<I: BlasInt>(t: &Cb<I>) -> core::ptr::NonNull<core::ffi::c_void> {
                // SAFETY: a function pointer is never null.
                unsafe { core::ptr::NonNull::new_unchecked(t.[<cblas_ $p gemm>] as *mut core::ffi::c_void) }
            }
            unsafe fn symm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p symm>])(o, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            unsafe fn hemm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p symm>])(o, side, uplo, m, n, alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            unsafe fn syrk<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syrk>])(o, uplo, tr, n, k, alpha, a, lda, beta, c, ldc) }
            }
            unsafe fn herk<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syrk>])(o, uplo, tr, n, k, alpha, a, lda, beta, c, ldc) }
            }
            unsafe fn syr2k<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syr2k>])(o, uplo, tr, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            unsafe fn her2k<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syr2k>])(o, uplo, tr, n, k, alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            unsafe fn trmm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, tr: E, diag: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *mut Self, ldb: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trmm>])(o, side, uplo, tr, diag, m, n, alpha, a, lda, b, ldb) }
            }
            unsafe fn trsm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, tr: E, diag: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *mut Self, ldb: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trsm>])(o, side, uplo, tr, diag, m, n, alpha, a, lda, b, ldb) }
            }

                        unsafe fn rotg<I: BlasInt>(t: &Cb<I>, _f: &Fb<I>, a: *mut Self, b: *mut Self, c: *mut Self, s: *mut Self) -> bool {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p rotg>])(a, b, c, s) };
                true
            }
            unsafe fn rot<I: BlasInt>(t: &Cb<I>, _f: &Fb<I>, n: I, x: *mut Self, incx: I, y: *mut Self, incy: I, c: Self, s: Self) -> bool {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p rot>])(n, x, incx, y, incy, c, s) };
                true
            }
            unsafe fn rotm<I: BlasInt>(t: &Cb<I>, n: I, x: *mut Self, incx: I, y: *mut Self, incy: I, param: *const Self) -> bool {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p rotm>])(n, x, incx, y, incy, param) };
                true
            }
            unsafe fn rotmg<I: BlasInt>(t: &Cb<I>, d1: *mut Self, d2: *mut Self, x1: *mut Self, y1: Self, param: *mut Self) -> bool {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p rotmg>])(d1, d2, x1, y1, param) };
                true
            }
            mixed_dots!($p);
            unsafe fn rscal<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p scal>])(n, alpha, x, incx) }
            }
            unsafe fn gbmv<I: BlasInt>(t: &Cb<I>, o: E, tr: E, m: I, n: I, kl: I, ku: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gbmv>])(o, tr, m, n, kl, ku, alpha, a, lda, x, incx, beta, y, incy) }
            }
            unsafe fn hbmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p sbmv>])(o, uplo, n, k, alpha, a, lda, x, incx, beta, y, incy) }
            }
            unsafe fn hpmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, ap: *const Self, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p spmv>])(o, uplo, n, alpha, ap, x, incx, beta, y, incy) }
            }
            band_packed_tri!($p);
            unsafe fn her<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, x: *const Self, incx: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syr>])(o, uplo, n, alpha, x, incx, a, lda) }
            }
            unsafe fn her2<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syr2>])(o, uplo, n, alpha, x, incx, y, incy, a, lda) }
            }
            unsafe fn hpr<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, x: *const Self, incx: I, ap: *mut Self) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p spr>])(o, uplo, n, alpha, x, incx, ap) }
            }
            unsafe fn hpr2<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, ap: *mut Self) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p spr2>])(o, uplo, n, alpha, x, incx, y, incy, ap) }
            }

            lapack_common!($p, orgqr);

            unsafe fn gesdd<I: BlasInt>(t: &Lp<I>, be: &str, jobz: u8, m: I, n: I, mn: usize, _mx: usize, a: *mut Self, lda: I, s: *mut Self, u: *mut Self, ldu: I, vt: *mut Self, ldvt: I) -> Result<I> {
                let jobz = jobz.cast_signed();
                let mut iwork = try_vec(I::ZERO, 8 * mn.max(1), "iwork")?;
                let mut info = I::ZERO;
                let mut q: [Self; 1] = [0.0];
                // SAFETY: workspace query (lwork = -1): only work[0] is written.
                unsafe { (t.[<$p gesdd>])(&jobz, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, q.as_mut_ptr(), &I::MINUS_ONE, iwork.as_mut_ptr(), &mut info, C1) };
                query_info(be, "gesdd", stringify!($p).chars().next().unwrap_or('?'), info)?;
                let lwork = lwork_from(f64::from(q[0]), 1);
                let mut work = try_vec(Self::default(), lwork, "work")?;
                let lw: I = int(lwork, "lwork")?;
                // SAFETY: caller's contract, with workspaces of the queried sizes.
                unsafe { (t.[<$p gesdd>])(&jobz, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, work.as_mut_ptr(), &lw, iwork.as_mut_ptr(), &mut info, C1) };
                Ok(info)
            }

            unsafe fn heevd<I: BlasInt>(t: &Lp<I>, be: &str, jobz: u8, uplo: u8, n: I, a: *mut Self, lda: I, w: *mut Self) -> Result<I> {
                let (jobz, uplo) = (jobz.cast_signed(), uplo.cast_signed());
                let mut info = I::ZERO;
                let mut q: [Self; 1] = [0.0];
                let mut qi = [I::ZERO; 1];
                // SAFETY: workspace query: only work[0] and iwork[0] are written.
                unsafe { (t.[<$p syevd>])(&jobz, &uplo, &n, a, &lda, w, q.as_mut_ptr(), &I::MINUS_ONE, qi.as_mut_ptr(), &I::MINUS_ONE, &mut info, C1, C1) };
                query_info(be, "heevd", stringify!($p).chars().next().unwrap_or('?'), info)?;
                let lwork = lwork_from(f64::from(q[0]), 1);
                let liwork = crate::convert::to_usize(qi[0], be, "heevd")?.max(1);
                let mut work = try_vec(Self::default(), lwork, "work")?;
                let mut iwork = try_vec(I::ZERO, liwork, "iwork")?;
                let (lw, liw): (I, I) = (int(lwork, "lwork")?, int(liwork, "liwork")?);
                // SAFETY: caller's contract, with workspaces of the queried sizes.
                unsafe { (t.[<$p syevd>])(&jobz, &uplo, &n, a, &lda, w, work.as_mut_ptr(), &lw, iwork.as_mut_ptr(), &liw, &mut info, C1, C1) };
                Ok(info)
            }

            unsafe fn geev<I: BlasInt>(t: &Lp<I>, be: &str, n: usize, a: *mut Self, lda: I, w: &mut [<Self as Scalar>::Complex], vl: Option<&mut [<Self as Scalar>::Complex]>, vr: Option<&mut [<Self as Scalar>::Complex]>) -> Result<I> {
                let ni: I = int(n, "n")?;
                let jobvl = if vl.is_some() { b'V' } else { b'N' }.cast_signed();
                let jobvr = if vr.is_some() { b'V' } else { b'N' }.cast_signed();
                let mut wr = try_vec(Self::default(), n.max(1), "w")?;
                let mut wi = try_vec(Self::default(), n.max(1), "w")?;
                let nn = if vl.is_some() || vr.is_some() { crate::layout::elements(n, n, "vl")? } else { 0 };
                let mut rvl = try_vec(Self::default(), if vl.is_some() { nn.max(1) } else { 1 }, "vl")?;
                let mut rvr = try_vec(Self::default(), if vr.is_some() { nn.max(1) } else { 1 }, "vr")?;
                let ldv: I = int(n.max(1), "n")?;
                let ldvl = if vl.is_some() { ldv } else { int(1usize, "ldvl")? };
                let ldvr = if vr.is_some() { ldv } else { int(1usize, "ldvr")? };
                let mut info = I::ZERO;
                let mut q: [Self; 1] = [0.0];
                // SAFETY: workspace query: only work[0] is written.
                unsafe { (t.[<$p geev>])(&jobvl, &jobvr, &ni, a, &lda, wr.as_mut_ptr(), wi.as_mut_ptr(), rvl.as_mut_ptr(), &ldvl, rvr.as_mut_ptr(), &ldvr, q.as_mut_ptr(), &I::MINUS_ONE, &mut info, C1, C1) };
                query_info(be, "geev", stringify!($p).chars().next().unwrap_or('?'), info)?;
                let lwork = lwork_from(f64::from(q[0]), 4 * n);
                let mut work = try_vec(Self::default(), lwork, "work")?;
                let lw: I = int(lwork, "lwork")?;
                // SAFETY: caller's contract; every buffer has the size LAPACK documents.
                unsafe { (t.[<$p geev>])(&jobvl, &jobvr, &ni, a, &lda, wr.as_mut_ptr(), wi.as_mut_ptr(), rvl.as_mut_ptr(), &ldvl, rvr.as_mut_ptr(), &ldvr, work.as_mut_ptr(), &lw, &mut info, C1, C1) };
                if info != I::ZERO {
                    return Ok(info);
                }
                for j in 0..n {
                    w[j] = <Self as Scalar>::Complex::new(wr[j], wi[j]);
                }
                for (out, real) in [(vl, &rvl), (vr, &rvr)] {
                    if let Some(out) = out {
                        unpack_real_eigvecs(n, &wi, real, out);
                    }
                }
                Ok(info)
            }
        }
        }
    };
}

/// LAPACK's real `geev` stores a conjugate pair's vectors as two real
/// columns `(re, im)`; expand them to complex columns `re ± i·im`.
fn unpack_real_eigvecs<R>(n: usize, wi: &[R], v: &[R], out: &mut [num_complex::Complex<R>])
where
    R: linmux_core::RealScalar,
{
    let zero = R::zero();
    let mut j = 0;
    while j < n {
        if wi[j] != zero && j + 1 < n {
            for i in 0..n {
                let (re, im) = (v[i + j * n], v[i + (j + 1) * n]);
                out[i + j * n] = num_complex::Complex::new(re, im);
                out[i + (j + 1) * n] = num_complex::Complex::new(re, -im);
            }
            j += 2;
        } else {
            for i in 0..n {
                out[i + j * n] = num_complex::Complex::new(v[i + j * n], zero);
            }
            j += 1;
        }
    }
}

macro_rules! impl_complex {
    ($t:ty, $p:ident, $r:ident, $re:ty) => {
        paste::paste! {
        impl Ffi for $t {
            unsafe fn dotu<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *const Self, incy: I) -> Self {
                let mut r = Self::default();
                // SAFETY: caller's contract; `r` receives the result.
                unsafe { (t.[<cblas_ $p dotu_sub>])(n, x, incx, y, incy, &mut r) };
                r
            }
            unsafe fn dotc<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *const Self, incy: I) -> Self {
                let mut r = Self::default();
                // SAFETY: caller's contract; `r` receives the result.
                unsafe { (t.[<cblas_ $p dotc_sub>])(n, x, incx, y, incy, &mut r) };
                r
            }
            unsafe fn axpy<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self, x: *const Self, incx: I, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p axpy>])(n, &alpha, x, incx, y, incy) }
            }
            unsafe fn scal<I: BlasInt>(t: &Cb<I>, n: I, alpha: Self, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p scal>])(n, &alpha, x, incx) }
            }
            unsafe fn nrm2<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> $re {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $r $p nrm2>])(n, x, incx) }
            }
            unsafe fn asum<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> $re {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $r $p asum>])(n, x, incx) }
            }
            unsafe fn iamax<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I) -> usize {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_i $p amax>])(n, x, incx) }
            }
            unsafe fn copy<I: BlasInt>(t: &Cb<I>, n: I, x: *const Self, incx: I, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p copy>])(n, x, incx, y, incy) }
            }
            unsafe fn swap<I: BlasInt>(t: &Cb<I>, n: I, x: *mut Self, incx: I, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p swap>])(n, x, incx, y, incy) }
            }
            unsafe fn gemv<I: BlasInt>(t: &Cb<I>, o: E, tr: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gemv>])(o, tr, m, n, &alpha, a, lda, x, incx, &beta, y, incy) }
            }
            unsafe fn geru<I: BlasInt>(t: &Cb<I>, o: E, m: I, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p geru>])(o, m, n, &alpha, x, incx, y, incy, a, lda) }
            }
            unsafe fn gerc<I: BlasInt>(t: &Cb<I>, o: E, m: I, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gerc>])(o, m, n, &alpha, x, incx, y, incy, a, lda) }
            }
            unsafe fn hemv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p hemv>])(o, uplo, n, &alpha, a, lda, x, incx, &beta, y, incy) }
            }
            unsafe fn trmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, a: *const Self, lda: I, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trmv>])(o, uplo, tr, diag, n, a, lda, x, incx) }
            }
            unsafe fn trsv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, diag: E, n: I, a: *const Self, lda: I, x: *mut Self, incx: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trsv>])(o, uplo, tr, diag, n, a, lda, x, incx) }
            }
            unsafe fn gemm<I: BlasInt>(t: &Cb<I>, o: E, ta: E, tb: E, m: I, n: I, k: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gemm>])(o, ta, tb, m, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc) }
            }
            fn gemm_addr<I: BlasInt>(t: &Cb<I>) -> core::ptr::NonNull<core::ffi::c_void> {
                // SAFETY: a function pointer is never null.
                unsafe { core::ptr::NonNull::new_unchecked(t.[<cblas_ $p gemm>] as *mut core::ffi::c_void) }
            }
            unsafe fn symm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p symm>])(o, side, uplo, m, n, &alpha, a, lda, b, ldb, &beta, c, ldc) }
            }
            unsafe fn hemm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p hemm>])(o, side, uplo, m, n, &alpha, a, lda, b, ldb, &beta, c, ldc) }
            }
            unsafe fn syrk<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syrk>])(o, uplo, tr, n, k, &alpha, a, lda, &beta, c, ldc) }
            }
            unsafe fn herk<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: $re, a: *const Self, lda: I, beta: $re, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p herk>])(o, uplo, tr, n, k, alpha, a, lda, beta, c, ldc) }
            }
            unsafe fn syr2k<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: Self, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p syr2k>])(o, uplo, tr, n, k, &alpha, a, lda, b, ldb, &beta, c, ldc) }
            }
            unsafe fn her2k<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, tr: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, b: *const Self, ldb: I, beta: $re, c: *mut Self, ldc: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p her2k>])(o, uplo, tr, n, k, &alpha, a, lda, b, ldb, beta, c, ldc) }
            }
            unsafe fn trmm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, tr: E, diag: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *mut Self, ldb: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trmm>])(o, side, uplo, tr, diag, m, n, &alpha, a, lda, b, ldb) }
            }
            unsafe fn trsm<I: BlasInt>(t: &Cb<I>, o: E, side: E, uplo: E, tr: E, diag: E, m: I, n: I, alpha: Self, a: *const Self, lda: I, b: *mut Self, ldb: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p trsm>])(o, side, uplo, tr, diag, m, n, &alpha, a, lda, b, ldb) }
            }

                        unsafe fn rotg<I: BlasInt>(t: &Cb<I>, f: &Fb<I>, a: *mut Self, b: *mut Self, c: *mut $re, s: *mut Self) -> bool {
                if let Some(g) = t.[<cblas_ $p rotg>] {
                    // SAFETY: caller's contract.
                    unsafe { g(a, b, c, s) };
                } else if let Some(g) = f.[<$p rotg>] {
                    // SAFETY: caller's contract; the Fortran form takes the same pointers.
                    unsafe { g(a, b, c, s) };
                } else {
                    return false;
                }
                true
            }
            unsafe fn rot<I: BlasInt>(t: &Cb<I>, f: &Fb<I>, n: I, x: *mut Self, incx: I, y: *mut Self, incy: I, c: $re, s: $re) -> bool {
                if let Some(g) = t.[<cblas_ $p $r rot>] {
                    // SAFETY: caller's contract.
                    unsafe { g(n, x, incx, y, incy, c, s) };
                } else if let Some(g) = f.[<$p $r rot>] {
                    // SAFETY: caller's contract; every argument by pointer to a local.
                    unsafe { g(&n, x, &incx, y, &incy, &c, &s) };
                } else {
                    return false;
                }
                true
            }
            unsafe fn rotm<I: BlasInt>(_t: &Cb<I>, _n: I, _x: *mut Self, _incx: I, _y: *mut Self, _incy: I, _param: *const Self) -> bool {
                false
            }
            unsafe fn rotmg<I: BlasInt>(_t: &Cb<I>, _d1: *mut Self, _d2: *mut Self, _x1: *mut Self, _y1: Self, _param: *mut Self) -> bool {
                false
            }
            unsafe fn sdsdot<I: BlasInt>(_t: &Cb<I>, _n: I, _sb: Self, _x: *const Self, _incx: I, _y: *const Self, _incy: I) -> Option<Self> {
                None
            }
            unsafe fn dsdot<I: BlasInt>(_t: &Cb<I>, _n: I, _x: *const Self, _incx: I, _y: *const Self, _incy: I) -> Option<f64> {
                None
            }
            unsafe fn rscal<I: BlasInt>(t: &Cb<I>, n: I, alpha: $re, x: *mut Self, incx: I) {
                match t.[<cblas_ $p $r scal>] {
                    // SAFETY: caller's contract.
                    Some(g) => unsafe { g(n, alpha, x, incx) },
                    // Without the real-α form: the complex one with (α, 0),
                    // which differs only where a part of x is not finite.
                    // SAFETY: caller's contract.
                    None => unsafe { (t.[<cblas_ $p scal>])(n, &Self::new(alpha, 0.0), x, incx) },
                }
            }
            unsafe fn gbmv<I: BlasInt>(t: &Cb<I>, o: E, tr: E, m: I, n: I, kl: I, ku: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p gbmv>])(o, tr, m, n, kl, ku, &alpha, a, lda, x, incx, &beta, y, incy) }
            }
            unsafe fn hbmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, k: I, alpha: Self, a: *const Self, lda: I, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p hbmv>])(o, uplo, n, k, &alpha, a, lda, x, incx, &beta, y, incy) }
            }
            unsafe fn hpmv<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, ap: *const Self, x: *const Self, incx: I, beta: Self, y: *mut Self, incy: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p hpmv>])(o, uplo, n, &alpha, ap, x, incx, &beta, y, incy) }
            }
            band_packed_tri!($p);
            unsafe fn her<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: $re, x: *const Self, incx: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p her>])(o, uplo, n, alpha, x, incx, a, lda) }
            }
            unsafe fn her2<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, a: *mut Self, lda: I) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p her2>])(o, uplo, n, &alpha, x, incx, y, incy, a, lda) }
            }
            unsafe fn hpr<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: $re, x: *const Self, incx: I, ap: *mut Self) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p hpr>])(o, uplo, n, alpha, x, incx, ap) }
            }
            unsafe fn hpr2<I: BlasInt>(t: &Cb<I>, o: E, uplo: E, n: I, alpha: Self, x: *const Self, incx: I, y: *const Self, incy: I, ap: *mut Self) {
                // SAFETY: caller's contract.
                unsafe { (t.[<cblas_ $p hpr2>])(o, uplo, n, &alpha, x, incx, y, incy, ap) }
            }

            lapack_common!($p, ungqr);

            unsafe fn gesdd<I: BlasInt>(t: &Lp<I>, be: &str, jobz: u8, m: I, n: I, mn: usize, mx: usize, a: *mut Self, lda: I, s: *mut $re, u: *mut Self, ldu: I, vt: *mut Self, ldvt: I) -> Result<I> {
                let lrwork = if jobz == b'N' { 7 * mn } else { (5 * mn * mn + 7 * mn).max(2 * mx * mn + 2 * mn * mn + mn) };
                let mut rwork = try_vec(<$re>::default(), lrwork.max(1), "rwork")?;
                let jobz = jobz.cast_signed();
                let mut iwork = try_vec(I::ZERO, 8 * mn.max(1), "iwork")?;
                let mut info = I::ZERO;
                let mut q = [Self::default(); 1];
                // SAFETY: workspace query (lwork = -1): only work[0] is written.
                unsafe { (t.[<$p gesdd>])(&jobz, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, q.as_mut_ptr(), &I::MINUS_ONE, rwork.as_mut_ptr(), iwork.as_mut_ptr(), &mut info, C1) };
                query_info(be, "gesdd", stringify!($p).chars().next().unwrap_or('?'), info)?;
                let lwork = lwork_from(f64::from(q[0].re), 1);
                let mut work = try_vec(Self::default(), lwork, "work")?;
                let lw: I = int(lwork, "lwork")?;
                // SAFETY: caller's contract, with workspaces of the documented sizes.
                unsafe { (t.[<$p gesdd>])(&jobz, &m, &n, a, &lda, s, u, &ldu, vt, &ldvt, work.as_mut_ptr(), &lw, rwork.as_mut_ptr(), iwork.as_mut_ptr(), &mut info, C1) };
                Ok(info)
            }

            unsafe fn heevd<I: BlasInt>(t: &Lp<I>, be: &str, jobz: u8, uplo: u8, n: I, a: *mut Self, lda: I, w: *mut $re) -> Result<I> {
                let (jobz, uplo) = (jobz.cast_signed(), uplo.cast_signed());
                let mut info = I::ZERO;
                let mut q = [Self::default(); 1];
                let mut qr = [<$re>::default(); 1];
                let mut qi = [I::ZERO; 1];
                // SAFETY: workspace query: only work[0], rwork[0], iwork[0] are written.
                unsafe { (t.[<$p heevd>])(&jobz, &uplo, &n, a, &lda, w, q.as_mut_ptr(), &I::MINUS_ONE, qr.as_mut_ptr(), &I::MINUS_ONE, qi.as_mut_ptr(), &I::MINUS_ONE, &mut info, C1, C1) };
                query_info(be, "heevd", stringify!($p).chars().next().unwrap_or('?'), info)?;
                let lwork = lwork_from(f64::from(q[0].re), 1);
                let lrwork = lwork_from(f64::from(qr[0]), 1);
                let liwork = crate::convert::to_usize(qi[0], be, "heevd")?.max(1);
                let mut work = try_vec(Self::default(), lwork, "work")?;
                let mut rwork = try_vec(<$re>::default(), lrwork, "rwork")?;
                let mut iwork = try_vec(I::ZERO, liwork, "iwork")?;
                let (lw, lrw, liw): (I, I, I) = (int(lwork, "lwork")?, int(lrwork, "lrwork")?, int(liwork, "liwork")?);
                // SAFETY: caller's contract, with workspaces of the queried sizes.
                unsafe { (t.[<$p heevd>])(&jobz, &uplo, &n, a, &lda, w, work.as_mut_ptr(), &lw, rwork.as_mut_ptr(), &lrw, iwork.as_mut_ptr(), &liw, &mut info, C1, C1) };
                Ok(info)
            }

            unsafe fn geev<I: BlasInt>(t: &Lp<I>, be: &str, n: usize, a: *mut Self, lda: I, w: &mut [Self], mut vl: Option<&mut [Self]>, mut vr: Option<&mut [Self]>) -> Result<I> {
                let ni: I = int(n, "n")?;
                let jobvl = if vl.is_some() { b'V' } else { b'N' }.cast_signed();
                let jobvr = if vr.is_some() { b'V' } else { b'N' }.cast_signed();
                let mut dummy_l = [Self::default(); 1];
                let mut dummy_r = [Self::default(); 1];
                let ldv: I = int(n.max(1), "n")?;
                let one: I = int(1usize, "ldv")?;
                let (pvl, ldvl) = match vl.as_deref_mut() { Some(v) if !v.is_empty() => (v.as_mut_ptr(), ldv), _ => (dummy_l.as_mut_ptr(), one) };
                let (pvr, ldvr) = match vr.as_deref_mut() { Some(v) if !v.is_empty() => (v.as_mut_ptr(), ldv), _ => (dummy_r.as_mut_ptr(), one) };
                let mut rwork = try_vec(<$re>::default(), (2 * n).max(1), "rwork")?;
                let mut wdummy = [Self::default(); 1];
                let pw = if w.is_empty() { wdummy.as_mut_ptr() } else { w.as_mut_ptr() };
                let mut info = I::ZERO;
                let mut q = [Self::default(); 1];
                // SAFETY: workspace query: only work[0] is written.
                unsafe { (t.[<$p geev>])(&jobvl, &jobvr, &ni, a, &lda, pw, pvl, &ldvl, pvr, &ldvr, q.as_mut_ptr(), &I::MINUS_ONE, rwork.as_mut_ptr(), &mut info, C1, C1) };
                query_info(be, "geev", stringify!($p).chars().next().unwrap_or('?'), info)?;
                let lwork = lwork_from(f64::from(q[0].re), 2 * n);
                let mut work = try_vec(Self::default(), lwork, "work")?;
                let lw: I = int(lwork, "lwork")?;
                // SAFETY: caller's contract; every buffer has the size LAPACK documents.
                unsafe { (t.[<$p geev>])(&jobvl, &jobvr, &ni, a, &lda, pw, pvl, &ldvl, pvr, &ldvr, work.as_mut_ptr(), &lw, rwork.as_mut_ptr(), &mut info, C1, C1) };
                Ok(info)
            }
        }
        }
    };
}

impl_real!(f32, s);
impl_real!(f64, d);
impl_complex!(c32, c, s, f32);
impl_complex!(c64, z, d, f64);

// ---- linmux flags as CBLAS enum values ----

pub(crate) fn trans_e(t: Trans) -> CblasEnum {
    match t {
        Trans::No => CBLAS_NO_TRANS,
        Trans::Trans => CBLAS_TRANS,
        Trans::ConjTrans => CBLAS_CONJ_TRANS,
    }
}
pub(crate) fn uplo_e(u: Uplo) -> CblasEnum {
    match u {
        Uplo::Upper => CBLAS_UPPER,
        Uplo::Lower => CBLAS_LOWER,
    }
}
pub(crate) fn diag_e(d: Diag) -> CblasEnum {
    match d {
        Diag::NonUnit => CBLAS_NON_UNIT,
        Diag::Unit => CBLAS_UNIT,
    }
}
pub(crate) fn side_e(s: Side) -> CblasEnum {
    match s {
        Side::Left => CBLAS_LEFT,
        Side::Right => CBLAS_RIGHT,
    }
}
/// `op` of a matrix seen through its transpose (`op(A) = op'(Aᵀ)`); `None`
/// when that needs a conjugation CBLAS cannot express.
pub(crate) fn flip_trans(t: Trans) -> Option<Trans> {
    match t {
        Trans::No => Some(Trans::Trans),
        Trans::Trans => Some(Trans::No),
        Trans::ConjTrans => None,
    }
}
