//! The pure-Rust [faer](https://docs.rs/faer) backend of linmux: compiled in,
//! always available, the embedded default and the fallback of `auto`.
//!
//! [`FaerBackend`] implements the whole operation set for `f32`, `f64`, `c32`
//! and `c64`. Where faer has the routine with LAPACK's semantics it is called
//! directly (matmul, triangular solves and inverses, SVD, eigensolvers); where
//! faer's semantics differ from LAPACK's (LU on a zero pivot, Cholesky's other
//! triangle, QR's representation) the LAPACK algorithm runs here on faer's
//! level-3 kernels. See each module for the reason. The banded and packed
//! BLAS 2 operations, the plane rotations and the rank-1/2 updates run
//! reference BLAS's loops directly on the storage (`O(n·k)` for a band).
//!
//! # Threads
//!
//! faer takes its parallelism per call. The backend keeps a thread count
//! ([`ThreadControl::set`], process-wide for this backend instance) and a
//! per-thread override ([`ThreadControl::set_thread_local`]); each call reads
//! the effective count once and runs sequentially when the problem is small
//! (below about `2·256³` flops, and always for BLAS 1 and 2), else on rayon's
//! global pool with that many tasks.
//!
//! ```
//! use linmux_core::{Backend, MatMut, MatRef, Ops, Trans};
//! use linmux_faer::FaerBackend;
//!
//! let be = FaerBackend::new();
//! let a = [1.0, 2.0, 3.0, 4.0]; // column-major 2×2
//! let b = [1.0, 0.0, 0.0, 1.0];
//! let mut c = [0.0; 4];
//! Ops::<f64>::gemm(
//!     &be,
//!     Trans::No,
//!     Trans::No,
//!     1.0,
//!     MatRef::from_col_major(&a, 2, 2)?,
//!     MatRef::from_col_major(&b, 2, 2)?,
//!     0.0,
//!     MatMut::from_col_major(&mut c, 2, 2)?,
//! )?;
//! assert_eq!(c, a);
//! assert_eq!(be.info().name, "faer");
//! # Ok::<(), linmux_core::Error>(())
//! ```

mod band;
mod blas1;
mod blas2;
mod blas3;
mod cholesky;
mod eig;
mod elem;
mod lu;
mod packed;
mod qr;
#[cfg(test)]
mod tests;
mod tri;

use faer::Par;
use linmux_core::{
    Backend, BackendInfo, BandRef, Diag, EigJob, IntWidth, MatMut, MatRef, Ops, Origin, PackedMut,
    PackedRef, Result, Scalar, Side, SvdJob, ThreadCapability, ThreadControl, ThreadCount,
    ThreadScope, Trans, Uplo, VecMut, VecRef,
};

use crate::elem::{Ctx, Elem, PAR_MIN_FLOPS, Real, mat_mut, mat_ref};

/// The faer version this crate is built against (the workspace pins it).
pub const FAER_VERSION: &str = "0.24.4";

/// The faer backend. Cheap to create; `Send + Sync`.
#[derive(Debug)]
pub struct FaerBackend {
    info: BackendInfo,
    threads: FaerThreads,
}

impl FaerBackend {
    /// A backend using every available core.
    pub fn new() -> Self {
        Self::with_threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }

    /// A backend using `n` threads by default (`0` is taken as 1).
    pub fn with_threads(n: usize) -> Self {
        let mut info = BackendInfo::new("faer", "faer", Origin::Embedded);
        info.version = Some(String::from(FAER_VERSION));
        info.int_width = IntWidth::Native;
        info.threading = String::from("rayon");
        Self {
            info,
            threads: FaerThreads(ThreadCount::new(n)),
        }
    }

    /// Parallelism for a call of `flops` operations: the thread count is only
    /// read when the problem is large enough to use it.
    #[inline]
    fn par(&self, flops: f64) -> Par {
        if flops < PAR_MIN_FLOPS {
            Par::Seq
        } else {
            self.ctx().par(flops)
        }
    }

    /// The thread budget of one LAPACK call.
    #[inline]
    fn ctx(&self) -> Ctx {
        Ctx {
            threads: self.threads.get(),
        }
    }
}

impl Default for FaerBackend {
    fn default() -> Self {
        Self::new()
    }
}

/// [`PAR_MIN_FLOPS`] as a [`linmux_core::SizePolicy`]: extents at which
/// every call of a family runs on one thread whatever the count (`linmux
/// info` shows it, and the tuned router sets no count there). Products:
/// below n = 256. LAPACK: below 150, where the eigen and SVD drivers, whose
/// whole flop count decides (`geev` 10·n³ from n = 150, `gesdd` 8·n³ from
/// 162, `heevd` 4·n³ from 204), still run sequentially; the factorizations
/// thread their blocked products, which reach the threshold later.
const FAER_POLICY: linmux_core::SizePolicy = linmux_core::SizePolicy {
    blas1: linmux_core::Serial::below(usize::MAX),
    blas2: linmux_core::Serial::below(usize::MAX),
    blas3: linmux_core::Serial::below(256),
    lapack: linmux_core::Serial::below(150),
};

/// Thread control of [`FaerBackend`]: an exact count, process-wide, with
/// per-thread overrides.
#[derive(Debug)]
struct FaerThreads(ThreadCount);

impl ThreadControl for FaerThreads {
    fn capability(&self) -> ThreadCapability {
        ThreadCapability::Exact { max: None }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn local_scope(&self) -> ThreadScope {
        ThreadScope::CallingThread
    }
    fn get(&self) -> usize {
        self.0.get()
    }
    fn set(&self, n: usize) -> Result<()> {
        self.0.set(n)
    }
    /// faer threads a product (and each product inside a factorization)
    /// of at least [`PAR_MIN_FLOPS`] = 2·256³ flops: in extents of the
    /// square case, products from n = 256; level 1 and 2 never.
    fn size_policy(&self) -> Option<linmux_core::SizePolicy> {
        Some(FAER_POLICY)
    }
    fn set_thread_local(&self, n: Option<usize>) -> Result<()> {
        self.0.set_thread_local(n, "faer")
    }
}

#[allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]
impl<T: Elem> Ops<T> for FaerBackend {
    // ---- BLAS 1 --------------------------------------------------------
    unsafe fn dot_unchecked(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        Ok(blas1::dot(x, y, false))
    }
    unsafe fn dotc_unchecked(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        Ok(blas1::dot(x, y, true))
    }
    unsafe fn axpy_unchecked(&self, alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        blas1::axpy(alpha, x, y);
        Ok(())
    }
    unsafe fn scal_unchecked(&self, alpha: T, x: VecMut<'_, T>) -> Result<()> {
        blas1::scal(alpha, x);
        Ok(())
    }
    unsafe fn nrm2_unchecked(&self, x: VecRef<'_, T>) -> Result<<T as Scalar>::Real> {
        Ok(blas1::nrm2(x))
    }
    unsafe fn asum_unchecked(&self, x: VecRef<'_, T>) -> Result<<T as Scalar>::Real> {
        Ok(blas1::asum(x))
    }
    unsafe fn iamax_unchecked(&self, x: VecRef<'_, T>) -> Result<usize> {
        Ok(blas1::iamax(x))
    }
    unsafe fn copy_unchecked(&self, x: VecRef<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        blas1::copy(x, y);
        Ok(())
    }
    unsafe fn swap_unchecked(&self, x: VecMut<'_, T>, y: VecMut<'_, T>) -> Result<()> {
        blas1::swap(x, y);
        Ok(())
    }
    unsafe fn rotg_unchecked(
        &self,
        a: &mut T,
        b: &mut T,
        c: &mut <T as Scalar>::Real,
        s: &mut T,
    ) -> Result<()> {
        blas1::rotg(a, b, c, s);
        Ok(())
    }
    unsafe fn rot_unchecked(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        c: <T as Scalar>::Real,
        s: <T as Scalar>::Real,
    ) -> Result<()> {
        blas1::rot(x, y, c, s);
        Ok(())
    }
    unsafe fn rotm_unchecked(
        &self,
        x: VecMut<'_, T>,
        y: VecMut<'_, T>,
        param: &[T; 5],
    ) -> Result<()> {
        blas1::rotm(x, y, param);
        Ok(())
    }
    unsafe fn rotmg_unchecked(
        &self,
        d1: &mut T,
        d2: &mut T,
        x1: &mut T,
        y1: T,
        param: &mut [T; 5],
    ) -> Result<()> {
        blas1::rotmg(d1, d2, x1, y1, param);
        Ok(())
    }
    unsafe fn sdsdot_unchecked(&self, sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        Ok(blas1::sdsdot(sb, x, y))
    }
    unsafe fn dsdot_unchecked(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<f64> {
        Ok(blas1::dsdot(x, y))
    }
    unsafe fn rscal_unchecked(&self, alpha: <T as Scalar>::Real, x: VecMut<'_, T>) -> Result<()> {
        blas1::rscal(alpha, x);
        Ok(())
    }

    // ---- BLAS 2 --------------------------------------------------------
    unsafe fn gemv_unchecked(
        &self,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas2::gemv(trans, alpha, a, x, beta, y);
        Ok(())
    }
    unsafe fn geru_unchecked(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas2::ger(alpha, x, y, a, false);
        Ok(())
    }
    unsafe fn gerc_unchecked(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas2::ger(alpha, x, y, a, true);
        Ok(())
    }
    unsafe fn hemv_unchecked(
        &self,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        blas2::hemv(uplo, alpha, a, x, beta, y);
        Ok(())
    }
    unsafe fn trmv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas2::trmv(uplo, trans, diag, a, x)
    }
    unsafe fn trsv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: MatRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        blas2::trsv(uplo, trans, diag, a, x);
        Ok(())
    }
    unsafe fn gbmv_unchecked(
        &self,
        trans: Trans,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        band::gbmv(trans, alpha, a, x, beta, y);
        Ok(())
    }
    unsafe fn hbmv_unchecked(
        &self,
        uplo: Uplo,
        alpha: T,
        a: BandRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        band::hbmv(uplo, alpha, a, x, beta, y);
        Ok(())
    }
    unsafe fn hpmv_unchecked(
        &self,
        alpha: T,
        ap: PackedRef<'_, T>,
        x: VecRef<'_, T>,
        beta: T,
        y: VecMut<'_, T>,
    ) -> Result<()> {
        packed::hpmv(alpha, ap, x, beta, y);
        Ok(())
    }
    unsafe fn tbmv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        band::tbmv(uplo, trans, diag, a, x);
        Ok(())
    }
    unsafe fn tbsv_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        a: BandRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        band::tbsv(uplo, trans, diag, a, x);
        Ok(())
    }
    unsafe fn tpmv_unchecked(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        packed::tpmv(trans, diag, ap, x);
        Ok(())
    }
    unsafe fn tpsv_unchecked(
        &self,
        trans: Trans,
        diag: Diag,
        ap: PackedRef<'_, T>,
        x: VecMut<'_, T>,
    ) -> Result<()> {
        packed::tpsv(trans, diag, ap, x);
        Ok(())
    }
    unsafe fn her_unchecked(
        &self,
        uplo: Uplo,
        alpha: <T as Scalar>::Real,
        x: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas2::her(uplo, alpha, x, a);
        Ok(())
    }
    unsafe fn her2_unchecked(
        &self,
        uplo: Uplo,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        a: MatMut<'_, T>,
    ) -> Result<()> {
        blas2::her2(uplo, alpha, x, y, a);
        Ok(())
    }
    unsafe fn hpr_unchecked(
        &self,
        alpha: <T as Scalar>::Real,
        x: VecRef<'_, T>,
        ap: PackedMut<'_, T>,
    ) -> Result<()> {
        packed::hpr(alpha, x, ap);
        Ok(())
    }
    unsafe fn hpr2_unchecked(
        &self,
        alpha: T,
        x: VecRef<'_, T>,
        y: VecRef<'_, T>,
        ap: PackedMut<'_, T>,
    ) -> Result<()> {
        packed::hpr2(alpha, x, y, ap);
        Ok(())
    }

    // ---- BLAS 3 --------------------------------------------------------
    unsafe fn gemm_unchecked(
        &self,
        transa: Trans,
        transb: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::gemm(
            transa,
            transb,
            alpha,
            mat_ref(a),
            mat_ref(b),
            beta,
            mat_mut(c),
            |f| self.par(f),
        );
        Ok(())
    }
    unsafe fn symm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let par = self.par(Ctx::mnk(c.nrows(), c.ncols(), a.nrows()));
        blas3::sym_mul(
            side,
            uplo,
            false,
            alpha,
            mat_ref(a),
            mat_ref(b),
            beta,
            mat_mut(c),
            par,
        );
        Ok(())
    }
    unsafe fn hemm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        let par = self.par(Ctx::mnk(c.nrows(), c.ncols(), a.nrows()));
        blas3::sym_mul(
            side,
            uplo,
            true,
            alpha,
            mat_ref(a),
            mat_ref(b),
            beta,
            mat_mut(c),
            par,
        );
        Ok(())
    }
    unsafe fn syrk_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::rank_k(
            uplo,
            trans,
            false,
            alpha,
            mat_ref(a),
            beta,
            mat_mut(c),
            |f| self.par(f),
        )
    }
    unsafe fn herk_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: <T as Scalar>::Real,
        a: MatRef<'_, T>,
        beta: <T as Scalar>::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::rank_k(
            uplo,
            trans,
            true,
            T::from_real(alpha),
            mat_ref(a),
            T::from_real(beta),
            mat_mut(c),
            |f| self.par(f),
        )
    }
    unsafe fn syr2k_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: T,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::rank_2k(
            uplo,
            trans,
            false,
            alpha,
            mat_ref(a),
            mat_ref(b),
            beta,
            mat_mut(c),
            |f| self.par(f),
        )
    }
    unsafe fn her2k_unchecked(
        &self,
        uplo: Uplo,
        trans: Trans,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatRef<'_, T>,
        beta: <T as Scalar>::Real,
        c: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::rank_2k(
            uplo,
            trans,
            true,
            alpha,
            mat_ref(a),
            mat_ref(b),
            T::from_real(beta),
            mat_mut(c),
            |f| self.par(f),
        )
    }
    unsafe fn trmm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::trmm(
            side,
            uplo,
            trans,
            diag,
            alpha,
            mat_ref(a),
            mat_mut(b),
            |f| self.par(f),
        )
    }
    unsafe fn trsm_unchecked(
        &self,
        side: Side,
        uplo: Uplo,
        trans: Trans,
        diag: Diag,
        alpha: T,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        blas3::trsm(
            side,
            uplo,
            trans,
            diag,
            alpha,
            mat_ref(a),
            mat_mut(b),
            |f| self.par(f),
        );
        Ok(())
    }

    // ---- LAPACK --------------------------------------------------------
    unsafe fn getrf_unchecked(&self, a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<()> {
        lu::getrf(mat_mut(a), ipiv, self.ctx())
    }
    unsafe fn getrs_unchecked(
        &self,
        trans: Trans,
        lu: MatRef<'_, T>,
        ipiv: &[usize],
        b: MatMut<'_, T>,
    ) -> Result<()> {
        lu::getrs(trans, mat_ref(lu), ipiv, mat_mut(b), self.ctx())
    }
    unsafe fn getri_unchecked(&self, a: MatMut<'_, T>, ipiv: &[usize]) -> Result<()> {
        lu::getri(mat_mut(a), ipiv, self.ctx())
    }
    unsafe fn potrf_unchecked(&self, uplo: Uplo, a: MatMut<'_, T>) -> Result<()> {
        cholesky::potrf(uplo, mat_mut(a), self.ctx())
    }
    unsafe fn potrs_unchecked(&self, uplo: Uplo, a: MatRef<'_, T>, b: MatMut<'_, T>) -> Result<()> {
        cholesky::potrs(uplo, mat_ref(a), mat_mut(b), self.ctx());
        Ok(())
    }
    unsafe fn geqrf_unchecked(&self, a: MatMut<'_, T>, tau: &mut [T]) -> Result<()> {
        qr::geqrf(mat_mut(a), tau, self.ctx())
    }
    unsafe fn ungqr_unchecked(&self, a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
        qr::ungqr(mat_mut(a), tau, self.ctx())
    }
    unsafe fn gesdd_unchecked(
        &self,
        job: SvdJob,
        a: MatMut<'_, T>,
        s: &mut [<T as Scalar>::Real],
        u: Option<MatMut<'_, T>>,
        vt: Option<MatMut<'_, T>>,
    ) -> Result<()> {
        let (m, n) = a.shape();
        let par = self.par(Ctx::mnk(m, n, m.min(n)) * 4.0);
        eig::gesdd(
            job,
            mat_ref(a.into_const()),
            s,
            u.map(mat_mut),
            vt.map(mat_mut),
            par,
        )
    }
    unsafe fn heevd_unchecked(
        &self,
        job: EigJob,
        uplo: Uplo,
        a: MatMut<'_, T>,
        w: &mut [<T as Scalar>::Real],
    ) -> Result<()> {
        let n = a.nrows();
        let par = self.par(Ctx::mnk(n, n, n) * 2.0);
        eig::heevd(job, uplo, mat_mut(a), w, par)
    }
    unsafe fn geev_unchecked(
        &self,
        a: MatMut<'_, T>,
        w: &mut [<T as Scalar>::Complex],
        vl: Option<MatMut<'_, <T as Scalar>::Complex>>,
        vr: Option<MatMut<'_, <T as Scalar>::Complex>>,
    ) -> Result<()> {
        let n = a.nrows();
        let par = self.par(Ctx::mnk(n, n, n) * 5.0);
        T::geev_impl(mat_ref(a.into_const()), w, vl, vr, par)
    }
    unsafe fn gels_unchecked(
        &self,
        trans: Trans,
        a: MatMut<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        qr::gels(trans, mat_mut(a), mat_mut(b), self.ctx())
    }
}

impl Backend for FaerBackend {
    fn info(&self) -> &BackendInfo {
        &self.info
    }
    fn threads(&self) -> &dyn ThreadControl {
        &self.threads
    }
}

#[allow(dead_code, reason = "compile-time check of the contract")]
fn assert_contract() {
    fn is_backend<B: Backend + Send + Sync + Default>() {}
    is_backend::<FaerBackend>();
    let _: Option<Real<f64>> = None;
    let _ = <f64 as Scalar>::KIND;
}
