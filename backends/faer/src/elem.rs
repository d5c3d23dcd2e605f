//! The bridge between linmux's types and faer's: the element trait, view
//! conversions, scratch memory and the per-call parallelism decision.

use faer::dyn_stack::{MemBuffer, MemStack, StackReq};
use faer::linalg::matmul::triangular::BlockStructure;
use faer::traits::{ComplexField, RealField};
use faer::{Accum, Par};
use linmux_core::{Diag, Error, MatMut, MatRef, Result, Scalar, Trans, Uplo, VecMut, VecRef};

/// The real type of `T`.
pub(crate) type Real<T> = <T as Scalar>::Real;

/// A linmux scalar that faer computes with: `f32`, `f64`, `c32`, `c64`.
///
/// Everything is generic over this trait except the general eigensolver,
/// whose faer entry points differ for real and complex matrices.
pub(crate) trait Elem:
    Scalar<Real: RealField> + ComplexField<Real = <Self as Scalar>::Real>
{
    /// `geev` for this type (see [`crate::eig`]).
    fn geev_impl(
        a: faer::MatRef<'_, Self>,
        w: &mut [<Self as Scalar>::Complex],
        vl: Option<MatMut<'_, <Self as Scalar>::Complex>>,
        vr: Option<MatMut<'_, <Self as Scalar>::Complex>>,
        par: Par,
    ) -> Result<()>;
}

/// `0` of `T`.
#[inline]
pub(crate) fn zero<T: Scalar>() -> T {
    T::default()
}

/// `1` of `T`.
#[inline]
pub(crate) fn one<T: Scalar>() -> T {
    T::one()
}

/// faer's conjugation flag.
#[inline]
pub(crate) fn conj_flag(conj: bool) -> faer::Conj {
    if conj {
        faer::Conj::Yes
    } else {
        faer::Conj::No
    }
}

// ---- views ---------------------------------------------------------------

/// A linmux read view as a faer view of the same elements.
#[inline]
pub(crate) fn mat_ref<T: Scalar>(a: MatRef<'_, T>) -> faer::MatRef<'_, T> {
    // SAFETY: a linmux `MatRef` guarantees that every `(i, j)` offset is in
    // bounds of one allocation, aligned, initialized, not mutated for its
    // lifetime and that the pointer is non-null: faer's requirements.
    unsafe {
        faer::MatRef::from_raw_parts(
            a.as_ptr(),
            a.nrows(),
            a.ncols(),
            a.row_stride(),
            a.col_stride(),
        )
    }
}

/// A linmux mutable view as a faer mutable view of the same elements.
#[inline]
pub(crate) fn mat_mut<T: Scalar>(mut a: MatMut<'_, T>) -> faer::MatMut<'_, T> {
    let (m, n, rs, cs) = (a.nrows(), a.ncols(), a.row_stride(), a.col_stride());
    // SAFETY: a linmux `MatMut` is a unique borrow whose distinct indices
    // address distinct, in-bounds, aligned elements (faer's requirements);
    // consuming it hands that uniqueness to the faer view.
    unsafe { faer::MatMut::from_raw_parts_mut(a.as_mut_ptr(), m, n, rs, cs) }
}

/// A linmux vector as a faer column.
#[inline]
pub(crate) fn col_ref<T: Scalar>(x: VecRef<'_, T>) -> faer::ColRef<'_, T> {
    // SAFETY: a `VecRef` guarantees every `i·stride` offset is in bounds,
    // aligned, initialized and not mutated for its lifetime. A zero stride is
    // fine for a read-only view.
    unsafe { faer::ColRef::from_raw_parts(x.as_ptr(), x.len(), x.stride()) }
}

/// A linmux mutable vector as a faer mutable column.
#[inline]
pub(crate) fn col_mut<T: Scalar>(mut x: VecMut<'_, T>) -> faer::ColMut<'_, T> {
    let (n, s) = (x.len(), x.stride());
    // SAFETY: a `VecMut` is a unique borrow whose distinct indices address
    // distinct in-bounds elements; the faer view inherits that uniqueness.
    unsafe { faer::ColMut::from_raw_parts_mut(x.as_mut_ptr(), n, s) }
}

/// `op(A)` as a view and a conjugation flag (`op` never conjugates real data).
#[inline]
pub(crate) fn op_view<T: Elem>(
    a: faer::MatRef<'_, T>,
    trans: Trans,
) -> (faer::MatRef<'_, T>, bool) {
    match trans {
        Trans::No => (a, false),
        Trans::Trans => (a.transpose(), false),
        Trans::ConjTrans => (a.transpose(), T::IS_COMPLEX),
    }
}

/// `op(A)` of a triangular `A`: the view, the triangle it shows, and conjugation.
#[inline]
pub(crate) fn op_tri<T: Elem>(
    a: faer::MatRef<'_, T>,
    uplo: Uplo,
    trans: Trans,
) -> (faer::MatRef<'_, T>, Uplo, bool) {
    let (v, conj) = op_view(a, trans);
    let uplo = if trans.is_transposed() {
        uplo.flip()
    } else {
        uplo
    };
    (v, uplo, conj)
}

/// faer's block structure of a triangular operand.
#[inline]
pub(crate) fn tri_structure(uplo: Uplo, diag: Diag) -> BlockStructure {
    match (uplo, diag) {
        (Uplo::Lower, Diag::NonUnit) => BlockStructure::TriangularLower,
        (Uplo::Lower, Diag::Unit) => BlockStructure::UnitTriangularLower,
        (Uplo::Upper, Diag::NonUnit) => BlockStructure::TriangularUpper,
        (Uplo::Upper, Diag::Unit) => BlockStructure::UnitTriangularUpper,
    }
}

// ---- element-wise helpers ------------------------------------------------

/// `C ← β·C`, where `β = 0` writes zeros without reading `C` (BLAS rule).
pub(crate) fn scale_mat<T: Elem>(c: faer::MatMut<'_, T>, beta: T) {
    if beta == one() {
        return;
    }
    if beta == zero() {
        faer::zip!(c).for_each(|faer::unzip!(x)| *x = zero());
    } else {
        faer::zip!(c).for_each(|faer::unzip!(x)| *x = beta * *x);
    }
}

/// Prepares `C` for `C ← … + β·C`: scales it when needed and says how the
/// product must be accumulated (`Replace` when `β = 0`: `C` is then not read).
#[inline]
pub(crate) fn prepare_beta<T: Elem>(c: faer::MatMut<'_, T>, beta: T) -> Accum {
    if beta == zero() {
        Accum::Replace
    } else {
        scale_mat(c, beta);
        Accum::Add
    }
}

/// Scales the `uplo` triangle (diagonal included) of square `C` by `β`
/// (`β = 0`: zeros, `C` not read).
pub(crate) fn scale_triangle<T: Elem>(mut c: faer::MatMut<'_, T>, uplo: Uplo, beta: T) {
    if beta == one() {
        return;
    }
    let n = c.nrows();
    for j in 0..n {
        let rows = match uplo {
            Uplo::Lower => j..n,
            Uplo::Upper => 0..j + 1,
        };
        for i in rows {
            let x = &mut c[(i, j)];
            *x = if beta == zero() { zero() } else { beta * *x };
        }
    }
}

/// Sets the imaginary part of the diagonal of square `C` to zero.
pub(crate) fn realify_diagonal<T: Elem>(mut c: faer::MatMut<'_, T>) {
    if T::IS_COMPLEX {
        for i in 0..c.nrows().min(c.ncols()) {
            let x = &mut c[(i, i)];
            *x = T::from_real(x.re());
        }
    }
}

/// Conjugates every element of `C` in place (no-op for real types).
pub(crate) fn conj_in_place<T: Elem>(c: faer::MatMut<'_, T>) {
    if T::IS_COMPLEX {
        faer::zip!(c).for_each(|faer::unzip!(x)| *x = Scalar::conj(*x));
    }
}

// ---- scratch memory ------------------------------------------------------

fn alloc_error(routine: &'static str) -> Error {
    Error::Backend {
        backend: String::from("faer"),
        routine,
        detail: String::from("could not allocate scratch memory"),
    }
}

/// A zero-filled vector, or an error (never an abort) if it cannot be allocated.
pub(crate) fn try_vec<X: Clone>(len: usize, value: X, routine: &'static str) -> Result<Vec<X>> {
    let mut v = Vec::new();
    v.try_reserve_exact(len).map_err(|_| alloc_error(routine))?;
    v.resize(len, value);
    Ok(v)
}

/// An owned column-major scratch matrix.
pub(crate) struct Scratch<T> {
    data: Vec<T>,
    nrows: usize,
    ncols: usize,
}

impl<T: Elem> Scratch<T> {
    /// A zero `nrows × ncols` matrix.
    pub(crate) fn zeros(nrows: usize, ncols: usize, routine: &'static str) -> Result<Self> {
        let len = nrows
            .checked_mul(ncols)
            .ok_or_else(|| alloc_error(routine))?;
        Ok(Self {
            data: try_vec(len, zero(), routine)?,
            nrows,
            ncols,
        })
    }
    /// A copy of `a`.
    pub(crate) fn copy_of(a: faer::MatRef<'_, T>, routine: &'static str) -> Result<Self> {
        let mut s = Self::zeros(a.nrows(), a.ncols(), routine)?;
        s.as_mut().copy_from(a);
        Ok(s)
    }
    pub(crate) fn as_ref(&self) -> faer::MatRef<'_, T> {
        faer::MatRef::from_column_major_slice(&self.data, self.nrows, self.ncols)
    }
    pub(crate) fn as_mut(&mut self) -> faer::MatMut<'_, T> {
        faer::MatMut::from_column_major_slice_mut(&mut self.data, self.nrows, self.ncols)
    }
}

/// Runs `f` with a faer scratch stack of the given size.
pub(crate) fn with_stack<R>(
    req: StackReq,
    routine: &'static str,
    f: impl FnOnce(&mut MemStack) -> R,
) -> Result<R> {
    let mut buf = MemBuffer::try_new(req).map_err(|_| alloc_error(routine))?;
    Ok(f(MemStack::new(&mut buf)))
}

// ---- parallelism ---------------------------------------------------------

/// Below this many flops a call runs sequentially. `Par::rayon(2)` made an
/// n = 64 matmul 6× slower than `Par::Seq`. At the former threshold,
/// 2·128³, `bash scripts/thread-policy.sh` (each count timed in
/// alternation with the other, two rounds; 2 AVX2 cores, AMD) measured
/// 2 threads against 1 at 1.35× and 1.54× for dgemm 128, 1.29× at 160,
/// 1.02× at 192, 1.06× at 224 and 0.92× at 256 (0.68× in another run), and
/// dpotrf 384, whose products stayed under 2·256³, at 1.37×.
pub(crate) const PAR_MIN_FLOPS: f64 = 2.0 * 256.0 * 256.0 * 256.0;

/// The thread budget of one call, fixed when the call starts.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ctx {
    pub(crate) threads: usize,
}

impl Ctx {
    /// Parallelism for a (sub)problem of `flops` floating-point operations.
    #[inline]
    pub(crate) fn par(self, flops: f64) -> Par {
        if self.threads > 1 && flops >= PAR_MIN_FLOPS {
            Par::rayon(self.threads)
        } else {
            Par::Seq
        }
    }
    /// Flop count of an `m × n × k` product, as `f64` (saturating, so no
    /// overflow). The product is formed in integers and converted once
    /// through `i64`: a `usize → f64` conversion is a dozen instructions on
    /// x86 without AVX-512, and three of them were 25 of the engine's
    /// per-call instructions on a small `gemm` (callgrind).
    #[inline]
    pub(crate) fn mnk(m: usize, n: usize, k: usize) -> f64 {
        let p = m.saturating_mul(n).saturating_mul(k).saturating_mul(2);
        #[allow(clippy::cast_precision_loss, reason = "a flop estimate")]
        let f = i64::try_from(p).unwrap_or(i64::MAX) as f64;
        f
    }
}
