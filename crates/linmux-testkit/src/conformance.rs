//! The conformance suite: every operation of the table, the four scalar
//! types, random shapes (0 and 1 included) and layouts, against the
//! testkit's compensated references ([`crate::reference`],
//! [`crate::reference_ext`]) and residual checkers ([`crate::check`]) — one
//! implementation that every backend's tests run.
//!
//! A [`Subject`] is what is tested: a backend called directly (`dyn
//! Backend`), or anything that serves the operations through a backend —
//! the engine suite wraps an `Engine` and reports its provenance through
//! [`Subject::served`], so each call is also checked to have reached the
//! backend exactly when it should (never for an empty problem or `α = 0`,
//! which the checked surface handles).
//!
//! The entry points are [`check`] (one [`Family`]), [`check_all`] (every
//! family, every failure reported), and [`conformance_tests!`](crate::conformance_tests)
//! (one `#[test]` per family):
//!
//! ```no_run
//! use linmux_core::Backend;
//! use linmux_testkit::conformance::{self, Family};
//! # fn backend() -> Box<dyn Backend> { unimplemented!() }
//! let b: Box<dyn Backend> = backend();
//! conformance::assert(&*b, Family::Gemm);
//! ```
//!
//! Each family is a property run by proptest with the fixed seed
//! ([`crate::strategies::with_cases`], `PROPTEST_CASES` cases, default 24),
//! plus deterministic cases: edge values (rotations, `iamax` ties, `nrm2`
//! scaling, numerical failures) and one size past 128 for the blocked and
//! parallel paths. Every case runs on `f32`, `f64`, `c32` and `c64` (the
//! real-only routines on `f32`, `f64`, and their refusal on complex types).
//!
//! Inputs and outputs live in sentinel-padded buffers ([`TestMat`],
//! [`TestVec`], reversed vectors for negative increments, guarded band and
//! packed storage); whatever an operation must not read holds NaN, and
//! whatever it must not write is checked afterwards. A failure names the
//! backend, the type, the routine and the case:
//!
//! ```text
//! [openblas c64] gemm: ta=No tb=ConjTrans m=3 n=2 k=4 A col-major B strided C padded(+2): gemm: element (1, 0) ...
//! ```

use core::fmt::{self, Debug, Display};

use linmux_core::{
    Backend, BandRef, Diag, EigJob, Error, Mat, MatRef, Ops, PackedMut, PackedOrder, PackedRef,
    RealScalar, Routine, Scalar, ScalarKind, Side, SvdJob, Trans, Uplo, VecMut, VecRef, c32, c64,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

use crate::layout::{GUARD, same_bits, sentinel};
use crate::reference_ext::{self as rx, band_storage, packed_storage};
use crate::strategies::{self as st, seed};
use crate::{Layout, Rng, TestMat, TestVec, check as ck, data, reference, tol};

// ---- subjects ----------------------------------------------------------------

/// What the suite tests: a backend's operations, and optionally how many
/// calls of each routine reached the backend.
pub trait Subject: Sync {
    /// The backend whose operations are called (`T::ops(subject.backend())`).
    /// Its `info().name` names the subject in failure messages.
    fn backend(&self) -> &dyn Backend;

    /// Calls of `routine` on `kind` the backend has served so far, when the
    /// subject counts them (the engine's provenance); `None` (the default)
    /// for a backend called directly.
    fn served(&self, kind: ScalarKind, routine: Routine) -> Option<u64> {
        let _ = (kind, routine);
        None
    }
}

impl Subject for dyn Backend + '_ {
    fn backend(&self) -> &dyn Backend {
        self
    }
}

// ---- families ----------------------------------------------------------------

/// A group of operations checked by one property.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// `dot`, `dotc`, `nrm2`, `asum`, `iamax`, `axpy`, `scal`, `copy`, `swap`.
    Blas1,
    /// `rotg`, `rot`, `rscal`; real types: `rotm`, `rotmg`, `sdsdot`, `dsdot`.
    Rotations,
    /// `gemv`, `geru`, `gerc`, `hemv`, `trmv`, `trsv`.
    Blas2,
    /// `gbmv`, `hbmv`, `tbmv`, `tbsv`.
    Banded,
    /// `hpmv`, `tpmv`, `tpsv`, `hpr`, `hpr2`.
    Packed,
    /// `her`, `her2`.
    RankUpdates,
    /// `gemm`.
    Gemm,
    /// `symm`, `hemm`, `syrk`, `herk`, `syr2k`, `her2k`.
    Symmetric3,
    /// `trmm`, `trsm`.
    Triangular3,
    /// `getrf`, `getrs`, `getri`, and a singular matrix.
    Lu,
    /// `potrf`, `potrs`, and matrices that are not positive definite.
    Cholesky,
    /// `geqrf`, `ungqr`.
    Qr,
    /// `gesdd`, every job.
    Svd,
    /// `heevd`, with and without vectors.
    HermitianEigen,
    /// `geev`, left and right vectors.
    GeneralEigen,
    /// `gels`.
    LeastSquares,
}

impl Family {
    /// Every family.
    pub const ALL: [Family; 16] = [
        Family::Blas1,
        Family::Rotations,
        Family::Blas2,
        Family::Banded,
        Family::Packed,
        Family::RankUpdates,
        Family::Gemm,
        Family::Symmetric3,
        Family::Triangular3,
        Family::Lu,
        Family::Cholesky,
        Family::Qr,
        Family::Svd,
        Family::HermitianEigen,
        Family::GeneralEigen,
        Family::LeastSquares,
    ];

    /// The routines the family's property calls.
    pub fn routines(self) -> &'static [Routine] {
        use Routine as R;
        match self {
            Family::Blas1 => &[
                R::Dot,
                R::Dotc,
                R::Nrm2,
                R::Asum,
                R::Iamax,
                R::Axpy,
                R::Scal,
                R::Copy,
                R::Swap,
            ],
            Family::Rotations => &[
                R::Rotg,
                R::Rot,
                R::Rscal,
                R::Rotm,
                R::Rotmg,
                R::Sdsdot,
                R::Dsdot,
            ],
            Family::Blas2 => &[R::Gemv, R::Geru, R::Gerc, R::Hemv, R::Trmv, R::Trsv],
            Family::Banded => &[R::Gbmv, R::Hbmv, R::Tbmv, R::Tbsv],
            Family::Packed => &[R::Hpmv, R::Tpmv, R::Tpsv, R::Hpr, R::Hpr2],
            Family::RankUpdates => &[R::Her, R::Her2],
            Family::Gemm => &[R::Gemm],
            Family::Symmetric3 => &[R::Symm, R::Hemm, R::Syrk, R::Herk, R::Syr2k, R::Her2k],
            Family::Triangular3 => &[R::Trmm, R::Trsm],
            Family::Lu => &[R::Getrf, R::Getrs, R::Getri],
            Family::Cholesky => &[R::Potrf, R::Potrs],
            Family::Qr => &[R::Geqrf, R::Ungqr],
            Family::Svd => &[R::Gesdd],
            Family::HermitianEigen => &[R::Heevd],
            Family::GeneralEigen => &[R::Geev],
            Family::LeastSquares => &[R::Gels],
        }
    }
}

impl Display for Family {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Debug::fmt(self, f)
    }
}

/// One `#[test]` per [`Family`], each calling `$run(family)`:
///
/// ```ignore
/// fn run(family: Family) {
///     conformance::assert(&FaerBackend::with_threads(2) as &dyn Backend, family);
/// }
/// linmux_testkit::conformance_tests!(run);
/// ```
#[macro_export]
macro_rules! conformance_tests {
    ($run:path) => {
        $crate::conformance_tests!(@each $run:
            blas1 Blas1, rotations Rotations, blas2 Blas2, banded Banded, packed Packed,
            rank_updates RankUpdates, gemm Gemm, symmetric3 Symmetric3,
            triangular3 Triangular3, lu Lu, cholesky Cholesky, qr Qr, svd Svd,
            hermitian_eigen HermitianEigen, general_eigen GeneralEigen,
            least_squares LeastSquares
        );
    };
    (@each $run:path: $($test:ident $family:ident),* $(,)?) => {
        $(
            #[test]
            fn $test() {
                $run($crate::conformance::Family::$family);
            }
        )*
    };
}

// ---- entry points --------------------------------------------------------------

/// The property configuration: the fixed seed, `PROPTEST_CASES` cases
/// (default 24), or the number [`with_cases`] sets.
pub fn config() -> Config {
    let n = CASES.with(std::cell::Cell::get);
    st::with_cases(n.unwrap_or_else(|| st::cases_from_env(24)))
}

thread_local! {
    static CASES: std::cell::Cell<Option<u32>> = const { std::cell::Cell::new(None) };
    static WITHOUT_LARGE_AND_HARD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with `cases` property cases per family on this thread (for
/// second passes over the suite, such as the non-finite inputs of
/// [`crate::data::with_poison`], that need less depth than the first).
pub fn with_cases<R>(cases: u32, f: impl FnOnce() -> R) -> R {
    let before = CASES.with(|c| c.replace(Some(cases)));
    let r = f();
    CASES.with(|c| c.set(before));
    r
}

/// Runs `f` without the deterministic cases at large sizes (`LARGE`,
/// `HUGE`, `LONG`, the exact 400×400 `gemm`) and the LAPACK families'
/// hard inputs (conformance/hard.rs: ill-conditioned, nearly singular,
/// near overflow and underflow) on this thread; the properties and the
/// small edge cases still run. For a second
/// pass over a library whose large and hard cases already run elsewhere in
/// the suite (the vendor-direct tests in backends/cblas/tests/vendors.rs:
/// tests/tests/conformance.rs runs the whole suite on the same libraries
/// through the engine).
pub fn without_large_and_hard<R>(f: impl FnOnce() -> R) -> R {
    let before = WITHOUT_LARGE_AND_HARD.with(|c| c.replace(true));
    let r = f();
    WITHOUT_LARGE_AND_HARD.with(|c| c.set(before));
    r
}

/// Whether the deterministic large and hard cases run on this thread (see
/// [`without_large_and_hard`]).
fn large_and_hard() -> bool {
    !WITHOUT_LARGE_AND_HARD.with(std::cell::Cell::get)
}

/// Runs `family` on `subject`.
///
/// # Errors
/// The first failure: the subject, the type, the routine, the case and what
/// differed (proptest adds the minimal failing input).
pub fn check<S: Subject + ?Sized>(subject: &S, family: Family) -> Result<(), String> {
    match family {
        Family::Blas1 => blas1::run(subject),
        Family::Rotations => rotations::run(subject),
        Family::Blas2 => blas2::run(subject),
        Family::Banded => banded::run(subject),
        Family::Packed => packed::run(subject),
        Family::RankUpdates => packed::run_rank_updates(subject),
        Family::Gemm => blas3::run_gemm(subject),
        Family::Symmetric3 => blas3::run_symmetric(subject),
        Family::Triangular3 => blas3::run_triangular(subject),
        Family::Lu => lapack::run_lu(subject),
        Family::Cholesky => lapack::run_cholesky(subject),
        Family::Qr => lapack::run_qr(subject),
        Family::Svd => lapack::run_svd(subject),
        Family::HermitianEigen => lapack::run_eigh(subject),
        Family::GeneralEigen => lapack::run_eig(subject),
        Family::LeastSquares => lapack::run_gels(subject),
    }
    .map_err(|e| {
        format!(
            "conformance {family} on {}: {e}",
            subject.backend().info().name
        )
    })
}

/// [`check`], panicking with its message.
///
/// # Panics
/// If the family fails on the subject.
#[track_caller]
pub fn assert<S: Subject + ?Sized>(subject: &S, family: Family) {
    if let Err(e) = check(subject, family) {
        panic!("{e}");
    }
}

/// Every family on `subject`; all failures are reported, not just the first.
///
/// # Errors
/// The failures, one paragraph each.
pub fn check_all<S: Subject + ?Sized>(subject: &S) -> Result<(), String> {
    let failures: Vec<String> = Family::ALL
        .into_iter()
        .filter_map(|f| check(subject, f).err())
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n\n"))
    }
}

/// [`check_all`], panicking with its message.
///
/// # Panics
/// If any family fails on the subject.
#[track_caller]
pub fn assert_all<S: Subject + ?Sized>(subject: &S) {
    if let Err(e) = check_all(subject) {
        panic!("{e}");
    }
}

// ---- machinery ---------------------------------------------------------------

type Check = Result<(), String>;

/// Runs a property with [`config`]; the failure message carries the minimal
/// failing input.
fn prop<V: Debug>(strategy: impl Strategy<Value = V>, case: impl Fn(V) -> Check) -> Check {
    TestRunner::new(config())
        .run(&strategy, |v| case(v).map_err(TestCaseError::fail))
        .map_err(|e| e.to_string())
}

/// Runs `$f::<T>(args)` for the four scalar types.
macro_rules! each_type {
    ($f:ident($($arg:expr),*)) => {{
        $f::<_, f32>($($arg),*)?;
        $f::<_, f64>($($arg),*)?;
        $f::<_, c32>($($arg),*)?;
        $f::<_, c64>($($arg),*)?;
    }};
}

/// Runs `$f::<R>(args)` for the two real types.
macro_rules! each_real {
    ($f:ident($($arg:expr),*)) => {{
        $f::<_, f32>($($arg),*)?;
        $f::<_, f64>($($arg),*)?;
    }};
}

/// The calls of one case on one type: what is called, and how failures are
/// named.
struct Cx<'a, S: ?Sized, T: Scalar> {
    subject: &'a S,
    ops: &'a dyn Ops<T>,
    /// The seed the case's data came from, for the failure report.
    seed: Option<u64>,
}

impl<'a, S: Subject + ?Sized, T: Scalar> Cx<'a, S, T> {
    fn new(subject: &'a S) -> Self {
        Self {
            subject,
            ops: T::ops(subject.backend()),
            seed: None,
        }
    }

    /// Names `seed` (the case's data: `Rng::new(seed)`) in failure reports.
    fn seeded(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self
    }

    /// Runs `f` (one call of `routine` and its checks) on case `case`, then
    /// checks provenance: the call reached the backend once when `reaches`,
    /// never otherwise.
    fn call(
        &self,
        routine: Routine,
        reaches: bool,
        case: &dyn Display,
        f: impl FnOnce(&dyn Ops<T>) -> Check,
    ) -> Check {
        let tag = || {
            let seed = self.seed.map(|s| format!(" seed={s}")).unwrap_or_default();
            format!(
                "[{} {}] {}:{seed} {case}",
                self.subject.backend().info().name,
                T::KIND.name(),
                routine.method()
            )
        };
        let before = self.subject.served(T::KIND, routine);
        f(self.ops).map_err(|m| format!("{}: {m}", tag()))?;
        if let (Some(b), Some(a)) = (before, self.subject.served(T::KIND, routine)) {
            let expected = u64::from(reaches);
            if a - b != expected {
                return Err(format!(
                    "{}: reached the backend {} times, expected {expected}",
                    tag(),
                    a - b
                ));
            }
        }
        Ok(())
    }
}

fn op_err(e: Error) -> String {
    format!("unexpected error: {e}")
}

fn real<T: Scalar>(x: f64) -> T::Real {
    <T::Real as RealScalar>::from_f64(x)
}

/// `α`/`β`: zero, one or random (the quick-return and special paths).
fn coef<T: Scalar>(rng: &mut Rng, pick: u8) -> T {
    match pick % 4 {
        0 => T::zero(),
        1 => T::one(),
        _ => data::random_scalar(rng),
    }
}

/// How a vector operand is stored: increment `inc ≥ 1`, and whether it is
/// seen reversed (BLAS's negative increment, `VecRef::rev`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VecLayout {
    /// The increment's magnitude.
    pub inc: usize,
    /// Seen back to front (a negative increment).
    pub rev: bool,
}

impl VecLayout {
    const UNIT: VecLayout = VecLayout { inc: 1, rev: false };
}

impl Display for VecLayout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "inc {}{}", if self.rev { "-" } else { "" }, self.inc)
    }
}

fn vec_layout() -> impl Strategy<Value = VecLayout> + Clone {
    (1usize..=3, any::<bool>()).prop_map(|(inc, rev)| VecLayout { inc, rev })
}

/// A vector operand in a sentinel-padded buffer, in a [`VecLayout`].
#[derive(Clone, Debug)]
struct Vector<T: Scalar> {
    tv: TestVec<T>,
    rev: bool,
}

impl<T: Scalar> Vector<T> {
    fn new(x: &[T], l: VecLayout) -> Self {
        let mut d = x.to_vec();
        if l.rev {
            d.reverse();
        }
        Self {
            tv: TestVec::from_slice(&d, l.inc),
            rev: l.rev,
        }
    }
    fn random(rng: &mut Rng, n: usize, l: VecLayout) -> Self {
        Self::new(&data::random_vec(rng, n), l)
    }
    /// Garbage that must not be read (`β = 0`).
    fn dirty(n: usize, l: VecLayout) -> Self {
        Self::new(&vec![data::nan::<T>(); n], l)
    }
    fn view(&self) -> VecRef<'_, T> {
        let v = self.tv.as_ref();
        if self.rev { v.rev() } else { v }
    }
    fn view_mut(&mut self) -> VecMut<'_, T> {
        let rev = self.rev;
        let v = self.tv.as_mut();
        if rev { v.rev() } else { v }
    }
    fn to_vec(&self) -> Vec<T> {
        self.view().to_vec()
    }
    fn check_padding(&self) -> Check {
        self.tv.check_padding()
    }
}

/// A matrix operand whose logical value is `a`, stored conjugated and seen
/// through `.conjugate()` when `conj` (so the conjugation folding runs).
struct Operand<T: Scalar> {
    store: TestMat<T>,
    conj: bool,
}

impl<T: Scalar> Operand<T> {
    fn new(a: &Mat<T>, layout: Layout, conj: bool) -> Self {
        let stored = if conj {
            Mat::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)].conj())
        } else {
            a.clone()
        };
        Self {
            store: TestMat::from_mat(&stored, layout),
            conj,
        }
    }
    fn view(&self) -> MatRef<'_, T> {
        if self.conj {
            self.store.as_ref().conjugate()
        } else {
            self.store.as_ref()
        }
    }
}

/// A matrix output: garbage when `β = 0` (it must not be read), else `a`.
fn output<T: Scalar>(a: &Mat<T>, layout: Layout, beta_zero: bool) -> TestMat<T> {
    if beta_zero {
        TestMat::dirty(a.nrows(), a.ncols(), layout)
    } else {
        TestMat::from_mat(a, layout)
    }
}

/// Band or packed storage between two guards of sentinels.
#[derive(Clone)]
struct Guarded<T: Scalar> {
    buf: Vec<T>,
    len: usize,
}

impl<T: Scalar> Guarded<T> {
    fn new(data: &[T]) -> Self {
        let mut buf = vec![sentinel::<T>(); data.len() + 2 * GUARD];
        buf[GUARD..GUARD + data.len()].copy_from_slice(data);
        Self {
            buf,
            len: data.len(),
        }
    }
    fn data(&self) -> &[T] {
        &self.buf[GUARD..GUARD + self.len]
    }
    fn data_mut(&mut self) -> &mut [T] {
        &mut self.buf[GUARD..GUARD + self.len]
    }
    /// The guards hold their sentinels, and (read-only operands) the data is
    /// bitwise `original`.
    fn check_unchanged(&self, original: Option<&[T]>) -> Check {
        let s = sentinel::<T>();
        let mut guards = self.buf[..GUARD]
            .iter()
            .chain(&self.buf[GUARD + self.len..]);
        if !guards.all(|&v| same_bits(v, s)) {
            return Err(String::from(
                "the guard around band/packed storage was written",
            ));
        }
        if let Some(d) = original
            && !d.iter().zip(self.data()).all(|(&a, &b)| same_bits(a, b))
        {
            return Err(String::from("read-only band/packed storage was written"));
        }
        Ok(())
    }
}

fn ensure(ok: bool, msg: impl FnOnce() -> String) -> Check {
    if ok { Ok(()) } else { Err(msg()) }
}

/// A random matrix with the triangle the operation must not read poisoned
/// (NaN), and for Hermitian operands the diagonal's imaginary parts too.
fn triangle<T: Scalar>(
    rng: &mut Rng,
    n: usize,
    (uplo, diag): (Uplo, Diag),
    herm: bool,
    well_conditioned: bool,
) -> Mat<T> {
    let mut a = if well_conditioned {
        data::random_triangular::<T>(rng, n, uplo)
    } else {
        data::random_mat::<T>(rng, n, n)
    };
    data::poison_unreferenced(&mut a, uplo, diag, data::nan::<T>());
    if herm {
        data::poison_diagonal_imag(&mut a, real::<T>(f64::NAN));
    }
    a
}

/// The size past the blocking and parallel thresholds the deterministic
/// level-2, band and packed cases use.
const LARGE: usize = 130;

/// The order of the deterministic level-3 and factorization cases: past
/// the vendors' blocked and threaded paths (docs/contract.md, "Sizes").
const HUGE: usize = 300;

/// The length of the deterministic level-1 cases.
const LONG: usize = 100_000;

mod banded;
mod blas1;
mod blas2;
mod blas3;
mod hard;
mod lapack;
mod packed;
mod rotations;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_of_the_table_is_in_one_family() {
        let mut seen: Vec<Routine> = Family::ALL
            .iter()
            .flat_map(|f| f.routines().iter().copied())
            .collect();
        seen.sort_by_key(|r| *r as usize);
        let before = seen.len();
        seen.dedup();
        assert_eq!(before, seen.len(), "a routine is in two families");
        assert_eq!(
            seen,
            Routine::ALL,
            "routines without a conformance property"
        );
    }

    #[test]
    fn vector_layouts_round_trip() {
        let x = [1.0f64, 2.0, 3.0];
        for l in [
            VecLayout::UNIT,
            VecLayout { inc: 2, rev: true },
            VecLayout { inc: 3, rev: false },
        ] {
            let mut v = Vector::new(&x, l);
            assert_eq!(v.to_vec(), x, "{l}");
            *v.view_mut().at_mut(0) = 7.0;
            assert_eq!(v.to_vec()[0], 7.0);
            v.check_padding().unwrap();
        }
    }
}
