//! The pure-Rust faer backend of linmux: always available, the embedded default.

use std::sync::atomic::{AtomicUsize, Ordering};

use linmux_core::{
    Backend, BackendInfo, Diag, EigJob, Error, IntWidth, MatMut, MatRef, Ops, Origin, Result,
    Scalar, Side, SvdJob, ThreadCapability, ThreadControl, ThreadScope, Trans, Uplo, VecMut,
    VecRef, c32, c64,
};

/// The faer version this crate is pinned to (the workspace dependency).
pub const FAER_VERSION: &str = "0.24.4";

/// The faer backend.
#[derive(Debug)]
pub struct FaerBackend {
    info: BackendInfo,
    threads: FaerThreads,
}

/// Thread control of [`FaerBackend`].
#[derive(Debug)]
struct FaerThreads {
    count: AtomicUsize,
}

impl FaerBackend {
    /// A backend using all available cores.
    pub fn new() -> Self {
        Self::with_threads(std::thread::available_parallelism().map_or(1, |n| n.get()))
    }
    /// A backend using `n` threads (`0` is taken as 1).
    pub fn with_threads(n: usize) -> Self {
        let mut info = BackendInfo::new("faer", "faer", Origin::Embedded);
        info.version = Some(String::from(FAER_VERSION));
        info.int_width = IntWidth::Native;
        info.threading = String::from("rayon");
        Self {
            info,
            threads: FaerThreads {
                count: AtomicUsize::new(n.max(1)),
            },
        }
    }
}

impl Default for FaerBackend {
    fn default() -> Self {
        Self::new()
    }
}

impl ThreadControl for FaerThreads {
    fn capability(&self) -> ThreadCapability {
        ThreadCapability::Exact { max: None }
    }
    fn scope(&self) -> ThreadScope {
        ThreadScope::Process
    }
    fn get(&self) -> usize {
        self.count.load(Ordering::Relaxed)
    }
    fn set(&self, n: usize) -> Result<()> {
        if n == 0 {
            return Err(Error::invalid("n", "thread count must be at least 1"));
        }
        self.count.store(n, Ordering::Relaxed);
        Ok(())
    }
}

fn unsupported<R>(op: &'static str) -> Result<R> {
    Err(Error::Unsupported {
        op,
        backend: String::from("faer"),
    })
}

#[allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]
impl<T: Scalar> Ops<T> for FaerBackend {
    fn dot(&self, _x: VecRef<'_, T>, _y: VecRef<'_, T>) -> Result<T> {
        unsupported("dot")
    }

    fn dotc(&self, _x: VecRef<'_, T>, _y: VecRef<'_, T>) -> Result<T> {
        unsupported("dotc")
    }

    fn axpy(&self, _alpha: T, _x: VecRef<'_, T>, _y: VecMut<'_, T>) -> Result<()> {
        unsupported("axpy")
    }

    fn scal(&self, _alpha: T, _x: VecMut<'_, T>) -> Result<()> {
        unsupported("scal")
    }

    fn nrm2(&self, _x: VecRef<'_, T>) -> Result<T::Real> {
        unsupported("nrm2")
    }

    fn asum(&self, _x: VecRef<'_, T>) -> Result<T::Real> {
        unsupported("asum")
    }

    fn iamax(&self, _x: VecRef<'_, T>) -> Result<usize> {
        unsupported("iamax")
    }

    fn copy(&self, _x: VecRef<'_, T>, _y: VecMut<'_, T>) -> Result<()> {
        unsupported("copy")
    }

    fn swap(&self, _x: VecMut<'_, T>, _y: VecMut<'_, T>) -> Result<()> {
        unsupported("swap")
    }

    fn gemv(
        &self,
        _trans: Trans,
        _alpha: T,
        _a: MatRef<'_, T>,
        _x: VecRef<'_, T>,
        _beta: T,
        _y: VecMut<'_, T>,
    ) -> Result<()> {
        unsupported("gemv")
    }

    fn geru(
        &self,
        _alpha: T,
        _x: VecRef<'_, T>,
        _y: VecRef<'_, T>,
        _a: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("geru")
    }

    fn gerc(
        &self,
        _alpha: T,
        _x: VecRef<'_, T>,
        _y: VecRef<'_, T>,
        _a: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("gerc")
    }

    fn hemv(
        &self,
        _uplo: Uplo,
        _alpha: T,
        _a: MatRef<'_, T>,
        _x: VecRef<'_, T>,
        _beta: T,
        _y: VecMut<'_, T>,
    ) -> Result<()> {
        unsupported("hemv")
    }

    fn trmv(
        &self,
        _uplo: Uplo,
        _trans: Trans,
        _diag: Diag,
        _a: MatRef<'_, T>,
        _x: VecMut<'_, T>,
    ) -> Result<()> {
        unsupported("trmv")
    }

    fn trsv(
        &self,
        _uplo: Uplo,
        _trans: Trans,
        _diag: Diag,
        _a: MatRef<'_, T>,
        _x: VecMut<'_, T>,
    ) -> Result<()> {
        unsupported("trsv")
    }

    fn gemm(
        &self,
        _transa: Trans,
        _transb: Trans,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatRef<'_, T>,
        _beta: T,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("gemm")
    }

    fn symm(
        &self,
        _side: Side,
        _uplo: Uplo,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatRef<'_, T>,
        _beta: T,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("symm")
    }

    fn hemm(
        &self,
        _side: Side,
        _uplo: Uplo,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatRef<'_, T>,
        _beta: T,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("hemm")
    }

    fn syrk(
        &self,
        _uplo: Uplo,
        _trans: Trans,
        _alpha: T,
        _a: MatRef<'_, T>,
        _beta: T,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("syrk")
    }

    fn herk(
        &self,
        _uplo: Uplo,
        _trans: Trans,
        _alpha: T::Real,
        _a: MatRef<'_, T>,
        _beta: T::Real,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("herk")
    }

    fn syr2k(
        &self,
        _uplo: Uplo,
        _trans: Trans,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatRef<'_, T>,
        _beta: T,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("syr2k")
    }

    fn her2k(
        &self,
        _uplo: Uplo,
        _trans: Trans,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatRef<'_, T>,
        _beta: T::Real,
        _c: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("her2k")
    }

    fn trmm(
        &self,
        _side: Side,
        _uplo: Uplo,
        _trans: Trans,
        _diag: Diag,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("trmm")
    }

    fn trsm(
        &self,
        _side: Side,
        _uplo: Uplo,
        _trans: Trans,
        _diag: Diag,
        _alpha: T,
        _a: MatRef<'_, T>,
        _b: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("trsm")
    }

    fn getrf(&self, _a: MatMut<'_, T>, _ipiv: &mut [usize]) -> Result<()> {
        unsupported("getrf")
    }

    fn getrs(
        &self,
        _trans: Trans,
        _lu: MatRef<'_, T>,
        _ipiv: &[usize],
        _b: MatMut<'_, T>,
    ) -> Result<()> {
        unsupported("getrs")
    }

    fn getri(&self, _a: MatMut<'_, T>, _ipiv: &[usize]) -> Result<()> {
        unsupported("getri")
    }

    fn potrf(&self, _uplo: Uplo, _a: MatMut<'_, T>) -> Result<()> {
        unsupported("potrf")
    }

    fn potrs(&self, _uplo: Uplo, _a: MatRef<'_, T>, _b: MatMut<'_, T>) -> Result<()> {
        unsupported("potrs")
    }

    fn geqrf(&self, _a: MatMut<'_, T>, _tau: &mut [T]) -> Result<()> {
        unsupported("geqrf")
    }

    fn ungqr(&self, _a: MatMut<'_, T>, _tau: &[T]) -> Result<()> {
        unsupported("ungqr")
    }

    fn gesdd(
        &self,
        _job: SvdJob,
        _a: MatMut<'_, T>,
        _s: &mut [T::Real],
        _u: Option<MatMut<'_, T>>,
        _vt: Option<MatMut<'_, T>>,
    ) -> Result<()> {
        unsupported("gesdd")
    }

    fn heevd(
        &self,
        _job: EigJob,
        _uplo: Uplo,
        _a: MatMut<'_, T>,
        _w: &mut [T::Real],
    ) -> Result<()> {
        unsupported("heevd")
    }

    fn geev(
        &self,
        _a: MatMut<'_, T>,
        _w: &mut [T::Complex],
        _vl: Option<MatMut<'_, T::Complex>>,
        _vr: Option<MatMut<'_, T::Complex>>,
    ) -> Result<()> {
        unsupported("geev")
    }

    fn gels(&self, _trans: Trans, _a: MatMut<'_, T>, _b: MatMut<'_, T>) -> Result<()> {
        unsupported("gels")
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

#[allow(dead_code, reason = "the four scalar types must be covered")]
fn assert_backend() {
    fn is_backend<B: Backend>() {}
    is_backend::<FaerBackend>();
    let _ = (
        core::marker::PhantomData::<c32>,
        core::marker::PhantomData::<c64>,
    );
}
