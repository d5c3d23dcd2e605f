//! The checked surface: one function per operation of the table, the only
//! place arguments are validated.
//!
//! Each function checks every argument (shapes, lengths, flags for the type,
//! pivot sequences) with the helpers of `check`, so every path — the engine, a direct [`Ops`] call on any
//! backend, the C ABI — gives the same typed error in the same words and
//! leaves outputs untouched. It then applies the BLAS policy a backend never
//! sees: empty problems return at once, `α = 0` (or an empty inner
//! dimension) applies `β` here, pending conjugations are folded into a
//! [`Trans`] flag or materialized. Only then does it call the backend's
//! trusting `…_unchecked` method, and after it returns, `on_call` with the
//! routine that ran (the engine counts provenance there): a call that failed
//! validation, returned early, or that the backend does not serve
//! (`Unsupported`) counts nothing.
//!
//! The functions are generic over the backend (`O: Ops<T> + ?Sized`, so a
//! `&dyn Ops<T>` works) and are what [`Ops`]'s checked methods call.

use num_traits::Zero;

use crate::backend::Ops;
use crate::band::BandRef;
use crate::check::{
    Part, finite, finite_slice, gels_trans, len, pivots, rank_k_trans, real_only, shape, square,
    square_band,
};
use crate::error::{Error, Result};
use crate::flags::{Diag, EigJob, Side, SvdJob, Trans, Uplo};
use crate::packed::{PackedMut, PackedRef};
use crate::routine::Routine;
use crate::scalar::Scalar;
use crate::view::{MatMut, MatRef, VecMut, VecRef};

/// Reports `routine` to `on_call` once the backend has run it: on success
/// and on any error it returned while running (singular, not positive
/// definite, no convergence, a vendor's rejection), but not when it does
/// not serve the operation (`Unsupported`, `BackendUnavailable`).
#[inline(always)]
fn ran<R>(on_call: impl FnOnce(Routine), routine: Routine, r: Result<R>) -> Result<R> {
    match &r {
        Err(Error::Unsupported { .. } | Error::BackendUnavailable { .. }) => {}
        _ => on_call(routine),
    }
    r
}

/// Replaces a conjugated view by an owned copy (kept alive in a local).
macro_rules! materialize {
    (mat $v:ident) => {
        let tmp;
        let $v = if $v.is_conj() {
            tmp = $v.try_to_owned()?;
            tmp.as_ref()
        } else {
            $v
        };
    };
    (vec $v:ident) => {
        let tmp;
        let $v = if $v.is_conj() {
            tmp = {
                let mut t = crate::view::try_vec_with_capacity("vector", $v.len(), 1)?;
                t.extend($v.iter());
                t
            };
            VecRef::from_slice(&tmp)
        } else {
            $v
        };
    };
}

/// Folds a pending conjugation of `a` into `t`. Returns the view to pass, the
/// new flag, and whether the storage was transposed (triangles then flip).
fn fold<T: Scalar>(a: MatRef<'_, T>, t: Trans) -> (MatRef<'_, T>, Trans, bool) {
    if !a.is_conj() {
        return (a, t, false);
    }
    let s = a.unconjugated();
    match t {
        // conj(S) = (Sᵀ)ᴴ
        Trans::No => (s.transpose(), Trans::ConjTrans, true),
        // conj(S)ᵀ = Sᴴ
        Trans::Trans => (s, Trans::ConjTrans, false),
        // conj(S)ᴴ = Sᵀ
        Trans::ConjTrans => (s, Trans::Trans, false),
    }
}

/// `x` without its pending conjugation (for norms, and where a flag absorbs it).
fn unconj<T: Scalar>(x: VecRef<'_, T>) -> VecRef<'_, T> {
    if x.is_conj() { x.conjugate() } else { x }
}

/// `y ← β·y`; `β = 0` writes zeros without reading `y`.
fn scale_vec<T: Scalar>(mut y: VecMut<'_, T>, beta: T) {
    if beta == T::one() {
        return;
    }
    for i in 0..y.len() {
        let v = y.at_mut(i);
        *v = if beta == T::zero() {
            T::zero()
        } else {
            beta * *v
        };
    }
}

/// `C ← β·C`; `β = 0` writes zeros without reading `C`.
fn scale_mat<T: Scalar>(mut c: MatMut<'_, T>, beta: T) {
    if beta == T::one() || c.is_empty() {
        return;
    }
    for j in 0..c.ncols() {
        for i in 0..c.nrows() {
            let v = c.at_mut(i, j);
            *v = if beta == T::zero() {
                T::zero()
            } else {
                beta * *v
            };
        }
    }
}

/// `C ← β·C` on the `uplo` triangle; `real_diag` zeroes diagonal imaginary
/// parts (`herk`, `her2k`).
fn scale_triangle<T: Scalar>(mut c: MatMut<'_, T>, uplo: Uplo, beta: T, real_diag: bool) {
    let n = c.nrows();
    for j in 0..n {
        let rows = match uplo {
            Uplo::Upper => 0..j + 1,
            Uplo::Lower => j..n,
        };
        for i in rows {
            let v = c.at_mut(i, j);
            let mut x = if beta == T::zero() {
                T::zero()
            } else {
                beta * *v
            };
            if real_diag && i == j {
                x = T::from_real(x.re());
            }
            *v = x;
        }
    }
}

fn set_identity<T: Scalar>(m: &mut MatMut<'_, T>) {
    if m.is_empty() {
        return;
    }
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            *m.at_mut(i, j) = if i == j { T::one() } else { T::zero() };
        }
    }
}

/// `a` must be `expected × expected`, `expected` being `c`'s row count on the
/// left side and its column count on the right (`symm`, `trmm`...).
fn side_square(
    op: &'static str,
    side: Side,
    a: (usize, usize),
    c_name: &'static str,
    (m, n): (usize, usize),
) -> Result<usize> {
    let k = square(op, "a", a)?;
    let expected = if side == Side::Left { m } else { n };
    if k == expected {
        Ok(k)
    } else {
        Err(Error::mismatch(
            op,
            "a",
            format!(
                "a is {k}×{k} but must be {expected}×{expected} for a {m}×{n} {c_name} on the {side:?} side"
            ),
        ))
    }
}

// ---- BLAS 1 ------------------------------------------------------------

/// [`Ops::dot`]: `y` as long as `x`. Empty: `0`. Pending conjugations turn
/// into `dotc` (or the conjugate of `dot`).
///
/// # Errors
/// `DimensionMismatch` naming `y`.
#[inline]
pub fn dot<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
) -> Result<T> {
    len("dot", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(T::zero());
    }
    // Σ conj(x)·y = dotc(x, y); Σ x·conj(y) = dotc(y, x); both conjugated: conj(dot).
    // All four calls: lengths agree and are non-zero; the views
    // passed carry no pending conjugation.
    match (x.is_conj(), y.is_conj()) {
        (false, false) => {
            // SAFETY: as stated above the branches.
            ran(on_call, Routine::Dot, unsafe { ops.dot_unchecked(x, y) })
        }
        (true, false) => {
            // SAFETY: as stated above the branches.
            ran(on_call, Routine::Dotc, unsafe {
                ops.dotc_unchecked(x.conjugate(), y)
            })
        }
        (false, true) => {
            // SAFETY: as stated above the branches.
            ran(on_call, Routine::Dotc, unsafe {
                ops.dotc_unchecked(y.conjugate(), x)
            })
        }
        (true, true) => {
            // SAFETY: as stated above the branches.
            Ok(ran(on_call, Routine::Dot, unsafe {
                ops.dot_unchecked(x.conjugate(), y.conjugate())
            })?
            .conj())
        }
    }
}

/// [`Ops::dotc`]: `Σ conj(xᵢ)·yᵢ`, as [`dot`] of `conj(x)` and `y`.
///
/// # Errors
/// As [`dot`].
#[inline]
pub fn dotc<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
) -> Result<T> {
    dot(ops, on_call, x.conjugate(), y)
}

/// [`Ops::axpy`]: `y` as long as `x`, not overlapping it. Empty or `α = 0`:
/// nothing happens.
///
/// # Errors
/// `DimensionMismatch` naming `y`.
#[inline]
pub fn axpy<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T,
    x: VecRef<'_, T>,
    y: VecMut<'_, T>,
) -> Result<()> {
    len("axpy", "y", y.len(), x.len())?;
    if x.is_empty() || alpha == T::zero() {
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: lengths agree and are non-zero, y does not overlap x, α ≠ 0,
    // x carries no pending conjugation.
    ran(on_call, Routine::Axpy, unsafe {
        ops.axpy_unchecked(alpha, x, y)
    })
}

/// [`Ops::scal`]. Empty: nothing happens.
///
/// # Errors
/// None of its own (a backend failure is passed on).
#[inline]
pub fn scal<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T,
    x: VecMut<'_, T>,
) -> Result<()> {
    if x.is_empty() {
        return Ok(());
    }
    // SAFETY: x is a valid non-empty view.
    ran(on_call, Routine::Scal, unsafe {
        ops.scal_unchecked(alpha, x)
    })
}

/// [`Ops::nrm2`]. Empty: `0`.
///
/// # Errors
/// None of its own.
#[inline]
pub fn nrm2<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
) -> Result<T::Real> {
    if x.is_empty() {
        return Ok(<T::Real as Zero>::zero());
    }
    // SAFETY: x is non-empty; the norm ignores conjugation, which is dropped.
    ran(on_call, Routine::Nrm2, unsafe {
        ops.nrm2_unchecked(unconj(x))
    })
}

/// [`Ops::asum`]. Empty: `0`.
///
/// # Errors
/// None of its own.
#[inline]
pub fn asum<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
) -> Result<T::Real> {
    if x.is_empty() {
        return Ok(<T::Real as Zero>::zero());
    }
    // SAFETY: x is non-empty; |re| + |im| ignores conjugation.
    ran(on_call, Routine::Asum, unsafe {
        ops.asum_unchecked(unconj(x))
    })
}

/// [`Ops::iamax`]: `x` must not be empty (the engine's `iamax` returns
/// `None` for an empty vector instead).
///
/// # Errors
/// `InvalidArgument` naming `x` if it is empty.
#[inline]
pub fn iamax<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
) -> Result<usize> {
    if x.is_empty() {
        return Err(Error::invalid("x", "iamax of an empty vector has no index"));
    }
    // SAFETY: x is non-empty; |re| + |im| ignores conjugation.
    ran(on_call, Routine::Iamax, unsafe {
        ops.iamax_unchecked(unconj(x))
    })
}

/// [`Ops::copy`]: `y` as long as `x`, not overlapping it.
///
/// # Errors
/// `DimensionMismatch` naming `y`.
#[inline]
pub fn copy<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
    y: VecMut<'_, T>,
) -> Result<()> {
    len("copy", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: lengths agree and are non-zero, no overlap, no conjugation.
    ran(on_call, Routine::Copy, unsafe { ops.copy_unchecked(x, y) })
}

/// [`Ops::swap`]: `y` as long as `x`, not overlapping it.
///
/// # Errors
/// `DimensionMismatch` naming `y`.
#[inline]
pub fn swap<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecMut<'_, T>,
    y: VecMut<'_, T>,
) -> Result<()> {
    len("swap", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(());
    }
    // SAFETY: lengths agree and are non-zero, no overlap.
    ran(on_call, Routine::Swap, unsafe { ops.swap_unchecked(x, y) })
}

/// [`Ops::rotg`]: nothing to check.
///
/// # Errors
/// None of its own.
#[inline]
pub fn rotg<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    a: &mut T,
    b: &mut T,
    c: &mut T::Real,
    s: &mut T,
) -> Result<()> {
    // SAFETY: four distinct scalars; nothing else to hold.
    ran(on_call, Routine::Rotg, unsafe {
        ops.rotg_unchecked(a, b, c, s)
    })
}

/// [`Ops::rot`]: `y` as long as `x`, not overlapping it.
///
/// # Errors
/// `DimensionMismatch` naming `y`.
#[inline]
pub fn rot<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecMut<'_, T>,
    y: VecMut<'_, T>,
    c: T::Real,
    s: T::Real,
) -> Result<()> {
    len("rot", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(());
    }
    // SAFETY: lengths agree and are non-zero, no overlap.
    ran(on_call, Routine::Rot, unsafe {
        ops.rot_unchecked(x, y, c, s)
    })
}

/// [`Ops::rotm`]: real types; `y` as long as `x`, not overlapping it.
///
/// # Errors
/// `InvalidArgument` naming `x` on complex types; `DimensionMismatch`
/// naming `y`.
#[inline]
pub fn rotm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecMut<'_, T>,
    y: VecMut<'_, T>,
    param: &[T; 5],
) -> Result<()> {
    real_only::<T>("rotm", "x")?;
    len("rotm", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(());
    }
    // SAFETY: real type, lengths agree and are non-zero, no overlap.
    ran(on_call, Routine::Rotm, unsafe {
        ops.rotm_unchecked(x, y, param)
    })
}

/// [`Ops::rotmg`]: real types, finite input. The one BLAS routine that does
/// not take NaN or ±∞: the vendors' rescaling loops (`drotmg`'s `gam`
/// loops) never end on them (measured: OpenBLAS, BLIS and Netlib hang).
///
/// # Errors
/// `InvalidArgument` naming `d1` on complex types; `NonFinite` naming `d1`,
/// `d2`, `x1` or `y1`.
#[inline]
pub fn rotmg<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    d1: &mut T,
    d2: &mut T,
    x1: &mut T,
    y1: T,
    param: &mut [T; 5],
) -> Result<()> {
    real_only::<T>("rotmg", "d1")?;
    for (arg, v) in [("d1", *d1), ("d2", *d2), ("x1", *x1), ("y1", y1)] {
        finite_slice("rotmg", arg, &[v])?;
    }
    // SAFETY: real type; distinct scalars.
    ran(on_call, Routine::Rotmg, unsafe {
        ops.rotmg_unchecked(d1, d2, x1, y1, param)
    })
}

/// [`Ops::sdsdot`]: real types; `y` as long as `x`. Empty: `sb`.
///
/// # Errors
/// `InvalidArgument` naming `x` on complex types; `DimensionMismatch` naming `y`.
#[inline]
pub fn sdsdot<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    sb: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
) -> Result<T> {
    real_only::<T>("sdsdot", "x")?;
    len("sdsdot", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(sb);
    }
    // SAFETY: real type (no conjugation), lengths agree and are non-zero.
    ran(on_call, Routine::Sdsdot, unsafe {
        ops.sdsdot_unchecked(sb, x, y)
    })
}

/// [`Ops::dsdot`]: real types; `y` as long as `x`. Empty: `0`.
///
/// # Errors
/// `InvalidArgument` naming `x` on complex types; `DimensionMismatch` naming `y`.
#[inline]
pub fn dsdot<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
) -> Result<f64> {
    real_only::<T>("dsdot", "x")?;
    len("dsdot", "y", y.len(), x.len())?;
    if x.is_empty() {
        return Ok(0.0);
    }
    // SAFETY: real type (no conjugation), lengths agree and are non-zero.
    ran(on_call, Routine::Dsdot, unsafe {
        ops.dsdot_unchecked(x, y)
    })
}

/// [`Ops::rscal`]. Empty: nothing happens.
///
/// # Errors
/// None of its own.
#[inline]
pub fn rscal<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T::Real,
    x: VecMut<'_, T>,
) -> Result<()> {
    if x.is_empty() {
        return Ok(());
    }
    // SAFETY: x is a valid non-empty view.
    ran(on_call, Routine::Rscal, unsafe {
        ops.rscal_unchecked(alpha, x)
    })
}

// ---- BLAS 2 ------------------------------------------------------------

/// [`Ops::gemv`]: `x` of length `ncols(op(A))`, `y` of length
/// `nrows(op(A))`, `y` overlapping neither. `α = 0` or an empty `x`:
/// `y ← β·y`.
///
/// # Errors
/// `DimensionMismatch` naming `x` or `y`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn gemv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    mut y: VecMut<'_, T>,
) -> Result<()> {
    let (m, n) = trans.apply_shape(a.nrows(), a.ncols());
    len("gemv", "x", x.len(), n)?;
    len("gemv", "y", y.len(), m)?;
    if m == 0 {
        return Ok(());
    }
    if n == 0 || alpha == T::zero() {
        scale_vec(y.rb_mut(), beta);
        return Ok(());
    }
    let (a, trans, _) = fold(a, trans);
    materialize!(vec x);
    // SAFETY: shapes checked, y overlaps nothing, non-empty, α ≠ 0,
    // conjugations folded or materialized.
    ran(on_call, Routine::Gemv, unsafe {
        ops.gemv_unchecked(trans, alpha, a, x, beta, y)
    })
}

/// `geru`/`gerc`: `x` of length `nrows(A)`, `y` of `ncols(A)`; a pending
/// conjugation of `y` switches between the two.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
fn rank1<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    conj_y: bool,
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatMut<'_, T>,
) -> Result<()> {
    let op = if conj_y { "gerc" } else { "geru" };
    len(op, "x", x.len(), a.nrows())?;
    len(op, "y", y.len(), a.ncols())?;
    if a.is_empty() || alpha == T::zero() {
        return Ok(());
    }
    materialize!(vec x);
    let conj_y = conj_y != y.is_conj();
    let y = unconj(y);
    // Both calls: lengths checked, a overlaps nothing, non-empty, α ≠ 0,
    // no pending conjugation.
    if conj_y {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Gerc, unsafe {
            ops.gerc_unchecked(alpha, x, y, a)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Geru, unsafe {
            ops.geru_unchecked(alpha, x, y, a)
        })
    }
}

/// [`Ops::geru`]: `A ← α·x·yᵀ + A`.
///
/// # Errors
/// `DimensionMismatch` naming `x` or `y`.
#[inline]
pub fn geru<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatMut<'_, T>,
) -> Result<()> {
    rank1(ops, on_call, false, alpha, x, y, a)
}

/// [`Ops::gerc`]: `A ← α·x·yᴴ + A`.
///
/// # Errors
/// As [`geru`].
#[inline]
pub fn gerc<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatMut<'_, T>,
) -> Result<()> {
    rank1(ops, on_call, true, alpha, x, y, a)
}

/// [`Ops::hemv`]: square `A`, `x` and `y` of its order, `y` overlapping
/// neither. `α = 0`: `y ← β·y`.
///
/// # Errors
/// `DimensionMismatch` naming `a`, `x` or `y`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn hemv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    mut y: VecMut<'_, T>,
) -> Result<()> {
    let n = square("hemv", "a", a.shape())?;
    len("hemv", "x", x.len(), n)?;
    len("hemv", "y", y.len(), n)?;
    if n == 0 {
        return Ok(());
    }
    if alpha == T::zero() {
        scale_vec(y.rb_mut(), beta);
        return Ok(());
    }
    materialize!(mat a);
    materialize!(vec x);
    // SAFETY: shapes checked, no overlap, non-empty, α ≠ 0, no conjugation.
    ran(on_call, Routine::Hemv, unsafe {
        ops.hemv_unchecked(uplo, alpha, a, x, beta, y)
    })
}

/// `trmv`/`trsv`: square `A`, `x` of its order, not overlapping it.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
fn triangular2<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    solve: bool,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    let op = if solve { "trsv" } else { "trmv" };
    let n = square(op, "a", a.shape())?;
    len(op, "x", x.len(), n)?;
    if n == 0 {
        return Ok(());
    }
    let (a, trans, flipped) = fold(a, trans);
    let uplo = if flipped { uplo.flip() } else { uplo };
    // Both calls: shapes checked, no overlap, non-empty, conjugation folded.
    if solve {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Trsv, unsafe {
            ops.trsv_unchecked(uplo, trans, diag, a, x)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Trmv, unsafe {
            ops.trmv_unchecked(uplo, trans, diag, a, x)
        })
    }
}

/// [`Ops::trmv`].
///
/// # Errors
/// `DimensionMismatch` naming `a` or `x`.
#[inline]
pub fn trmv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    triangular2(ops, on_call, false, uplo, trans, diag, a, x)
}

/// [`Ops::trsv`].
///
/// # Errors
/// As [`trmv`].
#[inline]
pub fn trsv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    triangular2(ops, on_call, true, uplo, trans, diag, a, x)
}

/// [`Ops::gbmv`]: `x` of length `ncols(op(A))`, `y` of `nrows(op(A))`,
/// `y` overlapping neither. `α = 0` or an empty `x`: `y ← β·y`.
///
/// # Errors
/// `DimensionMismatch` naming `x` or `y`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn gbmv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    trans: Trans,
    alpha: T,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    mut y: VecMut<'_, T>,
) -> Result<()> {
    let (m, n) = trans.apply_shape(a.nrows(), a.ncols());
    len("gbmv", "x", x.len(), n)?;
    len("gbmv", "y", y.len(), m)?;
    if m == 0 {
        return Ok(());
    }
    if n == 0 || alpha == T::zero() {
        scale_vec(y.rb_mut(), beta);
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: lengths checked, y overlaps nothing, non-empty, α ≠ 0, x
    // carries no conjugation.
    ran(on_call, Routine::Gbmv, unsafe {
        ops.gbmv_unchecked(trans, alpha, a, x, beta, y)
    })
}

/// [`Ops::hbmv`]: square band `A`, `x` and `y` of its order, `y`
/// overlapping neither. `α = 0`: `y ← β·y`.
///
/// # Errors
/// `DimensionMismatch` naming `a`, `x` or `y`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn hbmv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    alpha: T,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    mut y: VecMut<'_, T>,
) -> Result<()> {
    let n = square_band("hbmv", &a)?;
    len("hbmv", "x", x.len(), n)?;
    len("hbmv", "y", y.len(), n)?;
    if n == 0 {
        return Ok(());
    }
    if alpha == T::zero() {
        scale_vec(y.rb_mut(), beta);
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: square, lengths checked, no overlap, non-empty, α ≠ 0.
    ran(on_call, Routine::Hbmv, unsafe {
        ops.hbmv_unchecked(uplo, alpha, a, x, beta, y)
    })
}

/// [`Ops::hpmv`]: `x` and `y` of `ap`'s order, `y` overlapping neither.
/// `α = 0`: `y ← β·y`.
///
/// # Errors
/// `DimensionMismatch` naming `x` or `y`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn hpmv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T,
    ap: PackedRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    mut y: VecMut<'_, T>,
) -> Result<()> {
    let n = ap.n();
    len("hpmv", "x", x.len(), n)?;
    len("hpmv", "y", y.len(), n)?;
    if n == 0 {
        return Ok(());
    }
    if alpha == T::zero() {
        scale_vec(y.rb_mut(), beta);
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: lengths checked, no overlap, non-empty, α ≠ 0.
    ran(on_call, Routine::Hpmv, unsafe {
        ops.hpmv_unchecked(alpha, ap, x, beta, y)
    })
}

/// `tbmv`/`tbsv`: square band `A`, `x` of its order, not overlapping it.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
fn triangular_band<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    solve: bool,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    let op = if solve { "tbsv" } else { "tbmv" };
    let n = square_band(op, &a)?;
    len(op, "x", x.len(), n)?;
    if n == 0 {
        return Ok(());
    }
    // Both calls: square, length checked, no overlap, non-empty.
    if solve {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Tbsv, unsafe {
            ops.tbsv_unchecked(uplo, trans, diag, a, x)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Tbmv, unsafe {
            ops.tbmv_unchecked(uplo, trans, diag, a, x)
        })
    }
}

/// [`Ops::tbmv`].
///
/// # Errors
/// `DimensionMismatch` naming `a` or `x`.
#[inline]
pub fn tbmv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    triangular_band(ops, on_call, false, uplo, trans, diag, a, x)
}

/// [`Ops::tbsv`].
///
/// # Errors
/// As [`tbmv`].
#[inline]
pub fn tbsv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    triangular_band(ops, on_call, true, uplo, trans, diag, a, x)
}

/// `tpmv`/`tpsv`: `x` of `ap`'s order, not overlapping it.
fn triangular_packed<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    solve: bool,
    trans: Trans,
    diag: Diag,
    ap: PackedRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    let op = if solve { "tpsv" } else { "tpmv" };
    len(op, "x", x.len(), ap.n())?;
    if ap.n() == 0 {
        return Ok(());
    }
    // Both calls: length checked, no overlap, non-empty.
    if solve {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Tpsv, unsafe {
            ops.tpsv_unchecked(trans, diag, ap, x)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Tpmv, unsafe {
            ops.tpmv_unchecked(trans, diag, ap, x)
        })
    }
}

/// [`Ops::tpmv`].
///
/// # Errors
/// `DimensionMismatch` naming `x`.
#[inline]
pub fn tpmv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    trans: Trans,
    diag: Diag,
    ap: PackedRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    triangular_packed(ops, on_call, false, trans, diag, ap, x)
}

/// [`Ops::tpsv`].
///
/// # Errors
/// As [`tpmv`].
#[inline]
pub fn tpsv<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    trans: Trans,
    diag: Diag,
    ap: PackedRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    triangular_packed(ops, on_call, true, trans, diag, ap, x)
}

/// [`Ops::her`]: square `A`, `x` of its order, not overlapping it. An empty
/// problem or `α = 0`: nothing happens (the diagonal keeps its imaginary
/// parts, as reference BLAS).
///
/// # Errors
/// `DimensionMismatch` naming `a` or `x`.
#[inline]
pub fn her<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    alpha: T::Real,
    x: VecRef<'_, T>,
    a: MatMut<'_, T>,
) -> Result<()> {
    let n = square("her", "a", a.shape())?;
    len("her", "x", x.len(), n)?;
    if n == 0 || alpha == <T::Real as Zero>::zero() {
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: square, length checked, no overlap, non-empty, α ≠ 0, no conjugation.
    ran(on_call, Routine::Her, unsafe {
        ops.her_unchecked(uplo, alpha, x, a)
    })
}

/// [`Ops::her2`]: square `A`, `x` and `y` of its order, not overlapping it.
/// An empty problem or `α = 0`: nothing happens.
///
/// # Errors
/// `DimensionMismatch` naming `a`, `x` or `y`.
#[inline]
pub fn her2<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatMut<'_, T>,
) -> Result<()> {
    let n = square("her2", "a", a.shape())?;
    len("her2", "x", x.len(), n)?;
    len("her2", "y", y.len(), n)?;
    if n == 0 || alpha == T::zero() {
        return Ok(());
    }
    materialize!(vec x);
    materialize!(vec y);
    // SAFETY: square, lengths checked, no overlap, non-empty, α ≠ 0, no conjugation.
    ran(on_call, Routine::Her2, unsafe {
        ops.her2_unchecked(uplo, alpha, x, y, a)
    })
}

/// [`Ops::hpr`]: `x` of `ap`'s order, not overlapping it. An empty problem
/// or `α = 0`: nothing happens.
///
/// # Errors
/// `DimensionMismatch` naming `x`.
#[inline]
pub fn hpr<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T::Real,
    x: VecRef<'_, T>,
    ap: PackedMut<'_, T>,
) -> Result<()> {
    let n = ap.n();
    len("hpr", "x", x.len(), n)?;
    if n == 0 || alpha == <T::Real as Zero>::zero() {
        return Ok(());
    }
    materialize!(vec x);
    // SAFETY: length checked, no overlap, non-empty, α ≠ 0, no conjugation.
    ran(on_call, Routine::Hpr, unsafe {
        ops.hpr_unchecked(alpha, x, ap)
    })
}

/// [`Ops::hpr2`]: `x` and `y` of `ap`'s order, not overlapping it. An empty
/// problem or `α = 0`: nothing happens.
///
/// # Errors
/// `DimensionMismatch` naming `x` or `y`.
#[inline]
pub fn hpr2<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    ap: PackedMut<'_, T>,
) -> Result<()> {
    let n = ap.n();
    len("hpr2", "x", x.len(), n)?;
    len("hpr2", "y", y.len(), n)?;
    if n == 0 || alpha == T::zero() {
        return Ok(());
    }
    materialize!(vec x);
    materialize!(vec y);
    // SAFETY: lengths checked, no overlap, non-empty, α ≠ 0, no conjugation.
    ran(on_call, Routine::Hpr2, unsafe {
        ops.hpr2_unchecked(alpha, x, y, ap)
    })
}

// ---- BLAS 3 ------------------------------------------------------------

/// [`Ops::gemm`]: inner dimensions of `op(A)` and `op(B)` agree, `C` is
/// `m × n`, overlapping neither. `α = 0` or `k = 0`: `C ← β·C`.
///
/// # Errors
/// `DimensionMismatch` naming `b` or `c`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn gemm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    transa: Trans,
    transb: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let (m, k) = transa.apply_shape(a.nrows(), a.ncols());
    let (kb, n) = transb.apply_shape(b.nrows(), b.ncols());
    if kb != k {
        return Err(Error::mismatch(
            "gemm",
            "b",
            format!("op(a) is {m}×{k} but op(b) is {kb}×{n}: inner dimensions differ"),
        ));
    }
    shape("gemm", "c", c.shape(), (m, n))?;
    if m == 0 || n == 0 {
        return Ok(());
    }
    if k == 0 || alpha == T::zero() {
        scale_mat(c.rb_mut(), beta);
        return Ok(());
    }
    let (a, transa, _) = fold(a, transa);
    let (b, transb, _) = fold(b, transb);
    // SAFETY: shapes checked, c overlaps nothing, non-empty, k > 0, α ≠ 0,
    // conjugations folded.
    ran(on_call, Routine::Gemm, unsafe {
        ops.gemm_unchecked(transa, transb, alpha, a, b, beta, c)
    })
}

/// `symm`/`hemm`: square `A` of `C`'s order on `side`, `B` shaped as `C`.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
fn sym_or_hemm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    herm: bool,
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let op = if herm { "hemm" } else { "symm" };
    let (m, n) = c.shape();
    side_square(op, side, a.shape(), "c", (m, n))?;
    shape(op, "b", b.shape(), (m, n))?;
    if m == 0 || n == 0 {
        return Ok(());
    }
    if alpha == T::zero() {
        scale_mat(c.rb_mut(), beta);
        return Ok(());
    }
    materialize!(mat a);
    materialize!(mat b);
    // Both calls: shapes checked, c overlaps nothing, non-empty, α ≠ 0,
    // no conjugation.
    if herm {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Hemm, unsafe {
            ops.hemm_unchecked(side, uplo, alpha, a, b, beta, c)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Symm, unsafe {
            ops.symm_unchecked(side, uplo, alpha, a, b, beta, c)
        })
    }
}

/// [`Ops::symm`].
///
/// # Errors
/// `DimensionMismatch` naming `a` or `b`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn symm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    sym_or_hemm(ops, on_call, false, side, uplo, alpha, a, b, beta, c)
}

/// [`Ops::hemm`].
///
/// # Errors
/// As [`symm`].
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn hemm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    side: Side,
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    sym_or_hemm(ops, on_call, true, side, uplo, alpha, a, b, beta, c)
}

/// [`Ops::syrk`]: `trans` is `No` or `Trans` (either transpose on real
/// types), `C` square of `op(A)`'s row count. `α = 0` or `k = 0`: the
/// triangle is scaled by `β`.
///
/// # Errors
/// `InvalidArgument` naming `trans`; `DimensionMismatch` naming `c`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn syrk<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let trans = rank_k_trans::<T>(false, trans)?;
    let (n, k) = trans.apply_shape(a.nrows(), a.ncols());
    shape("syrk", "c", c.shape(), (n, n))?;
    if n == 0 {
        return Ok(());
    }
    if k == 0 || alpha == T::zero() {
        scale_triangle(c.rb_mut(), uplo, beta, false);
        return Ok(());
    }
    materialize!(mat a);
    // SAFETY: flag legal for T, shapes checked, no overlap, non-empty, k > 0,
    // α ≠ 0, no conjugation.
    ran(on_call, Routine::Syrk, unsafe {
        ops.syrk_unchecked(uplo, trans, alpha, a, beta, c)
    })
}

/// [`Ops::herk`]: `trans` is `No` or `ConjTrans` (either transpose on real
/// types). `α = 0` or `k = 0`: the triangle is scaled by `β`, its diagonal
/// made real.
///
/// # Errors
/// `InvalidArgument` naming `trans`; `DimensionMismatch` naming `c`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn herk<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    alpha: T::Real,
    a: MatRef<'_, T>,
    beta: T::Real,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let trans = rank_k_trans::<T>(true, trans)?;
    let (n, k) = trans.apply_shape(a.nrows(), a.ncols());
    shape("herk", "c", c.shape(), (n, n))?;
    if n == 0 {
        return Ok(());
    }
    if k == 0 || alpha == <T::Real as Zero>::zero() {
        scale_triangle(c.rb_mut(), uplo, T::from_real(beta), true);
        return Ok(());
    }
    materialize!(mat a);
    // SAFETY: as syrk.
    ran(on_call, Routine::Herk, unsafe {
        ops.herk_unchecked(uplo, trans, alpha, a, beta, c)
    })
}

/// `syr2k`/`her2k`: `B` shaped as `A`, `C` square of `op(A)`'s row count.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
fn rank2k<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    herm: bool,
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    mut c: MatMut<'_, T>,
) -> Result<()> {
    let op = if herm { "her2k" } else { "syr2k" };
    let trans = rank_k_trans::<T>(herm, trans)?;
    let (n, k) = trans.apply_shape(a.nrows(), a.ncols());
    shape(op, "b", b.shape(), a.shape())?;
    shape(op, "c", c.shape(), (n, n))?;
    if n == 0 {
        return Ok(());
    }
    if k == 0 || alpha == T::zero() {
        scale_triangle(c.rb_mut(), uplo, beta, herm);
        return Ok(());
    }
    materialize!(mat a);
    materialize!(mat b);
    // Both calls: flag legal for T, shapes checked, no overlap,
    // non-empty, k > 0, α ≠ 0, no conjugation.
    if herm {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Her2k, unsafe {
            ops.her2k_unchecked(uplo, trans, alpha, a, b, beta.re(), c)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Syr2k, unsafe {
            ops.syr2k_unchecked(uplo, trans, alpha, a, b, beta, c)
        })
    }
}

/// [`Ops::syr2k`].
///
/// # Errors
/// `InvalidArgument` naming `trans`; `DimensionMismatch` naming `b` or `c`;
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn syr2k<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T,
    c: MatMut<'_, T>,
) -> Result<()> {
    rank2k(ops, on_call, false, uplo, trans, alpha, a, b, beta, c)
}

/// [`Ops::her2k`].
///
/// # Errors
/// As [`syr2k`].
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn her2k<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatRef<'_, T>,
    beta: T::Real,
    c: MatMut<'_, T>,
) -> Result<()> {
    rank2k(
        ops,
        on_call,
        true,
        uplo,
        trans,
        alpha,
        a,
        b,
        T::from_real(beta),
        c,
    )
}

/// `trmm`/`trsm`: square `A` of `B`'s order on `side`, not overlapping `B`.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
fn triangular3<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    solve: bool,
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let op = if solve { "trsm" } else { "trmm" };
    let (m, n) = b.shape();
    side_square(op, side, a.shape(), "b", (m, n))?;
    if m == 0 || n == 0 {
        return Ok(());
    }
    if alpha == T::zero() {
        scale_mat(b.rb_mut(), T::zero());
        return Ok(());
    }
    let (a, trans, flipped) = fold(a, trans);
    let uplo = if flipped { uplo.flip() } else { uplo };
    // Both calls: shapes checked, no overlap, non-empty, α ≠ 0,
    // conjugation folded.
    if solve {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Trsm, unsafe {
            ops.trsm_unchecked(side, uplo, trans, diag, alpha, a, b)
        })
    } else {
        // SAFETY: as stated above the branches.
        ran(on_call, Routine::Trmm, unsafe {
            ops.trmm_unchecked(side, uplo, trans, diag, alpha, a, b)
        })
    }
}

/// [`Ops::trmm`]. `α = 0`: `B ← 0`.
///
/// # Errors
/// `DimensionMismatch` naming `a`.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn trmm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatMut<'_, T>,
) -> Result<()> {
    triangular3(ops, on_call, false, side, uplo, trans, diag, alpha, a, b)
}

/// [`Ops::trsm`]. `α = 0`: `B ← 0`.
///
/// # Errors
/// As [`trmm`].
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub fn trsm<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: MatRef<'_, T>,
    b: MatMut<'_, T>,
) -> Result<()> {
    triangular3(ops, on_call, true, side, uplo, trans, diag, alpha, a, b)
}

// ---- LAPACK ------------------------------------------------------------
//
// Non-finite input: every floating-point entry a LAPACK-backed operation
// reads is checked first (`check::finite`), on every backend, so NaN or ±∞
// is `Error::NonFinite` naming the argument, never a vendor's crash, hang,
// `xerbla` exit or complaint about "argument 4". The check is O(entries)
// against the routine's O(n³).
//
// Outputs on failure: separate outputs (`ipiv`, `tau`, `s`, `u`, `vt`, `w`,
// `vl`, `vr`) and right-hand sides (`b`) are copied before the call and
// written back if it fails, so a failed call leaves them as they were,
// whatever the backend wrote. The matrix a routine works on in place (`a`)
// is its workspace: untouched when validation fails (non-finite input
// included), unspecified after a numerical failure (`Singular`,
// `NotPositiveDefinite`, `NoConvergence`).

/// A copy of an output slice, written back by [`put_back`] if the call fails.
fn keep<E: Copy>(arg: &'static str, x: &[E]) -> Result<Vec<E>> {
    let mut v = Vec::new();
    v.try_reserve_exact(x.len())
        .map_err(|_| no_memory_to_keep(arg, x.len()))?;
    v.extend_from_slice(x);
    Ok(v)
}

fn put_back<E: Copy>(x: &mut [E], saved: &[E]) {
    x.copy_from_slice(saved);
}

/// A copy of an output matrix (column by column), for [`put_back_mat`].
fn keep_mat<E: Scalar>(arg: &'static str, a: Option<&MatMut<'_, E>>) -> Result<Vec<E>> {
    let Some(a) = a else {
        return Ok(Vec::new());
    };
    let (m, n) = a.shape();
    let len = m.saturating_mul(n);
    let mut v = Vec::new();
    v.try_reserve_exact(len)
        .map_err(|_| no_memory_to_keep(arg, len))?;
    let a = a.rb();
    for j in 0..n {
        for i in 0..m {
            v.push(a.at(i, j));
        }
    }
    Ok(v)
}

fn put_back_mat<E: Scalar>(a: Option<&mut MatMut<'_, E>>, saved: &[E]) {
    let Some(a) = a else { return };
    let m = a.nrows();
    for (k, &v) in saved.iter().enumerate() {
        *a.at_mut(k % m, k / m) = v;
    }
}

#[cold]
#[inline(never)]
fn no_memory_to_keep(arg: &'static str, len: usize) -> Error {
    Error::invalid_owned(
        arg,
        format!("no memory for the copy of its {len} entries kept in case the call fails"),
    )
}

/// [`Ops::getrf`]: `ipiv` of length `min(m, n)`, `a` finite.
///
/// # Errors
/// `DimensionMismatch` naming `ipiv`; `NonFinite` naming `a`; `Singular`
/// from the backend (then `ipiv` is as it was and `a` unspecified).
#[inline]
pub fn getrf<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    a: MatMut<'_, T>,
    ipiv: &mut [usize],
) -> Result<()> {
    len("getrf", "ipiv", ipiv.len(), a.nrows().min(a.ncols()))?;
    if a.is_empty() {
        return Ok(());
    }
    finite("getrf", "a", &a.rb(), Part::All)?;
    let ipiv0 = keep("ipiv", ipiv)?;
    // SAFETY: ipiv has min(m, n) entries and overlaps nothing; non-empty.
    let r = ran(on_call, Routine::Getrf, unsafe {
        ops.getrf_unchecked(a, &mut *ipiv)
    });
    if r.is_err() {
        put_back(ipiv, &ipiv0);
    }
    r
}

/// [`Ops::getrs`]: square `lu`, `ipiv` a valid interchange sequence of its
/// order, `b` with as many rows, not overlapping `lu`.
///
/// # Errors
/// `DimensionMismatch` naming `lu`, `ipiv` or `b`; `InvalidArgument` naming
/// `ipiv`; `NonFinite` naming `lu` or `b`.
#[inline]
pub fn getrs<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    trans: Trans,
    lu: MatRef<'_, T>,
    ipiv: &[usize],
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let n = square("getrs", "lu", lu.shape())?;
    pivots("getrs", ipiv, n)?;
    len("getrs", "b", b.nrows(), n)?;
    if b.is_empty() {
        return Ok(());
    }
    finite("getrs", "lu", &lu, Part::All)?;
    finite("getrs", "b", &b.rb(), Part::All)?;
    materialize!(mat lu);
    let b0 = keep_mat("b", Some(&b))?;
    // SAFETY: shapes and pivots checked, no overlap, non-empty, no conjugation.
    let r = ran(on_call, Routine::Getrs, unsafe {
        ops.getrs_unchecked(trans, lu, ipiv, b.rb_mut())
    });
    if r.is_err() {
        put_back_mat(Some(&mut b), &b0);
    }
    r
}

/// [`Ops::getri`]: square `a`, `ipiv` a valid interchange sequence.
///
/// # Errors
/// `DimensionMismatch` naming `a` or `ipiv`; `InvalidArgument` naming
/// `ipiv`; `NonFinite` naming `a`; `Singular` from the backend (then `a` is
/// unspecified).
#[inline]
pub fn getri<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    a: MatMut<'_, T>,
    ipiv: &[usize],
) -> Result<()> {
    let n = square("getri", "a", a.shape())?;
    pivots("getri", ipiv, n)?;
    if n == 0 {
        return Ok(());
    }
    finite("getri", "a", &a.rb(), Part::All)?;
    // SAFETY: square, pivots checked, non-empty.
    ran(on_call, Routine::Getri, unsafe {
        ops.getri_unchecked(a, ipiv)
    })
}

/// [`Ops::potrf`]: square `a`, its `uplo` triangle finite.
///
/// # Errors
/// `DimensionMismatch` naming `a`; `NonFinite` naming `a`;
/// `NotPositiveDefinite` from the backend (then `a` is unspecified).
#[inline]
pub fn potrf<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    a: MatMut<'_, T>,
) -> Result<()> {
    let n = square("potrf", "a", a.shape())?;
    if n == 0 {
        return Ok(());
    }
    finite("potrf", "a", &a.rb(), Part::Triangle(uplo))?;
    // SAFETY: square, non-empty.
    ran(on_call, Routine::Potrf, unsafe {
        ops.potrf_unchecked(uplo, a)
    })
}

/// [`Ops::potrs`]: square `a`, `b` with as many rows; `a`'s `uplo` triangle
/// and `b` finite.
///
/// # Errors
/// `DimensionMismatch` naming `a` or `b`; `NonFinite` naming `a` or `b`.
#[inline]
pub fn potrs<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    uplo: Uplo,
    a: MatRef<'_, T>,
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let n = square("potrs", "a", a.shape())?;
    len("potrs", "b", b.nrows(), n)?;
    if b.is_empty() {
        return Ok(());
    }
    finite("potrs", "a", &a, Part::Triangle(uplo))?;
    finite("potrs", "b", &b.rb(), Part::All)?;
    materialize!(mat a);
    let b0 = keep_mat("b", Some(&b))?;
    // SAFETY: shapes checked, no overlap, non-empty, no conjugation.
    let r = ran(on_call, Routine::Potrs, unsafe {
        ops.potrs_unchecked(uplo, a, b.rb_mut())
    });
    if r.is_err() {
        put_back_mat(Some(&mut b), &b0);
    }
    r
}

/// [`Ops::geqrf`]: `tau` of length `min(m, n)`, `a` finite.
///
/// # Errors
/// `DimensionMismatch` naming `tau`; `NonFinite` naming `a`.
#[inline]
pub fn geqrf<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    a: MatMut<'_, T>,
    tau: &mut [T],
) -> Result<()> {
    len("geqrf", "tau", tau.len(), a.nrows().min(a.ncols()))?;
    if a.is_empty() {
        return Ok(());
    }
    finite("geqrf", "a", &a.rb(), Part::All)?;
    let tau0 = keep("tau", tau)?;
    // SAFETY: tau has min(m, n) entries and overlaps nothing; non-empty.
    let r = ran(on_call, Routine::Geqrf, unsafe {
        ops.geqrf_unchecked(a, &mut *tau)
    });
    if r.is_err() {
        put_back(tau, &tau0);
    }
    r
}

/// [`Ops::ungqr`]: `m ≥ n ≥ tau.len()`, `tau` not overlapping `a`. No
/// reflectors: `a ← I`.
///
/// # Errors
/// `DimensionMismatch` naming `a` or `tau`; `NonFinite` naming `a` (its
/// reflectors) or `tau`.
#[inline]
pub fn ungqr<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    mut a: MatMut<'_, T>,
    tau: &[T],
) -> Result<()> {
    let (m, n) = a.shape();
    if m < n {
        return Err(Error::mismatch(
            "ungqr",
            "a",
            format!("a is {m}×{n}; ungqr needs m ≥ n"),
        ));
    }
    if tau.len() > n {
        return Err(Error::mismatch(
            "ungqr",
            "tau",
            format!("{} reflectors for {n} columns", tau.len()),
        ));
    }
    if n == 0 {
        return Ok(());
    }
    if tau.is_empty() {
        set_identity(&mut a);
        return Ok(());
    }
    finite("ungqr", "a", &a.rb(), Part::Reflectors(tau.len()))?;
    finite_slice("ungqr", "tau", tau)?;
    // SAFETY: m ≥ n ≥ k ≥ 1, no overlap.
    ran(on_call, Routine::Ungqr, unsafe {
        ops.ungqr_unchecked(a, tau)
    })
}

/// [`Ops::gesdd`]: `s` of length `min(m, n)`; `u`/`vt` present exactly when
/// the job computes vectors, shaped for it, overlapping nothing. `min(m, n)
/// = 0`: full factors become identities.
///
/// # Errors
/// `DimensionMismatch` naming `s`, `u` or `vt`; `InvalidArgument` naming
/// `u` or `vt`; `NonFinite` naming `a`; `NoConvergence` from the backend
/// (then `s`, `u`, `vt` are as they were and `a` is unspecified).
#[inline]
pub fn gesdd<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    job: SvdJob,
    a: MatMut<'_, T>,
    s: &mut [T::Real],
    mut u: Option<MatMut<'_, T>>,
    mut vt: Option<MatMut<'_, T>>,
) -> Result<()> {
    let (m, n) = a.shape();
    let k = m.min(n);
    len("gesdd", "s", s.len(), k)?;
    let (u_shape, vt_shape) = match job {
        SvdJob::ValuesOnly => {
            if u.is_some() {
                return Err(Error::invalid("u", "must be None when job is ValuesOnly"));
            }
            if vt.is_some() {
                return Err(Error::invalid("vt", "must be None when job is ValuesOnly"));
            }
            ((0, 0), (0, 0))
        }
        SvdJob::Thin => ((m, k), (k, n)),
        SvdJob::Full => ((m, m), (n, n)),
    };
    if job != SvdJob::ValuesOnly {
        match (&u, &vt) {
            (None, _) => {
                return Err(Error::invalid(
                    "u",
                    "is required when the job computes vectors",
                ));
            }
            (_, None) => {
                return Err(Error::invalid(
                    "vt",
                    "is required when the job computes vectors",
                ));
            }
            (Some(u), Some(vt)) => {
                shape("gesdd", "u", u.shape(), u_shape)?;
                shape("gesdd", "vt", vt.shape(), vt_shape)?;
            }
        }
    }
    if k == 0 {
        // No singular values; full factors are identities of their size.
        for mut f in [u, vt].into_iter().flatten() {
            set_identity(&mut f);
        }
        return Ok(());
    }
    finite("gesdd", "a", &a.rb(), Part::All)?;
    let s0 = keep("s", s)?;
    let u0 = keep_mat("u", u.as_ref())?;
    let vt0 = keep_mat("vt", vt.as_ref())?;
    // SAFETY: shapes match the job, nothing overlaps, k ≥ 1.
    let r = ran(on_call, Routine::Gesdd, unsafe {
        ops.gesdd_unchecked(
            job,
            a,
            &mut *s,
            u.as_mut().map(MatMut::rb_mut),
            vt.as_mut().map(MatMut::rb_mut),
        )
    });
    if r.is_err() {
        put_back(s, &s0);
        put_back_mat(u.as_mut(), &u0);
        put_back_mat(vt.as_mut(), &vt0);
    }
    r
}

/// [`Ops::heevd`]: square `a`, `w` of its order, not overlapping it.
///
/// # Errors
/// `DimensionMismatch` naming `a` or `w`; `NonFinite` naming `a` (its
/// `uplo` triangle); `NoConvergence` from the backend (then `w` is as it was
/// and `a` unspecified).
#[inline]
pub fn heevd<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    job: EigJob,
    uplo: Uplo,
    a: MatMut<'_, T>,
    w: &mut [T::Real],
) -> Result<()> {
    let n = square("heevd", "a", a.shape())?;
    len("heevd", "w", w.len(), n)?;
    if n == 0 {
        return Ok(());
    }
    finite("heevd", "a", &a.rb(), Part::Triangle(uplo))?;
    let w0 = keep("w", w)?;
    // SAFETY: square, w has n entries, no overlap, n ≥ 1.
    let r = ran(on_call, Routine::Heevd, unsafe {
        ops.heevd_unchecked(job, uplo, a, &mut *w)
    });
    if r.is_err() {
        put_back(w, &w0);
    }
    r
}

/// [`Ops::geev`]: square `a`, `w` of its order, `vl`/`vr` (when given)
/// `n × n`, nothing overlapping.
///
/// # Errors
/// `DimensionMismatch` naming `a`, `w`, `vl` or `vr`; `NonFinite` naming
/// `a`; `NoConvergence` from the backend (then `w`, `vl`, `vr` are as they
/// were and `a` unspecified).
#[inline]
pub fn geev<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    a: MatMut<'_, T>,
    w: &mut [T::Complex],
    mut vl: Option<MatMut<'_, T::Complex>>,
    mut vr: Option<MatMut<'_, T::Complex>>,
) -> Result<()> {
    let n = square("geev", "a", a.shape())?;
    len("geev", "w", w.len(), n)?;
    for (name, v) in [("vl", &vl), ("vr", &vr)] {
        if let Some(v) = v {
            shape("geev", name, v.shape(), (n, n))?;
        }
    }
    if n == 0 {
        return Ok(());
    }
    finite("geev", "a", &a.rb(), Part::All)?;
    let w0 = keep("w", w)?;
    let vl0 = keep_mat("vl", vl.as_ref())?;
    let vr0 = keep_mat("vr", vr.as_ref())?;
    // SAFETY: shapes checked, nothing overlaps, n ≥ 1.
    let r = ran(on_call, Routine::Geev, unsafe {
        ops.geev_unchecked(
            a,
            &mut *w,
            vl.as_mut().map(MatMut::rb_mut),
            vr.as_mut().map(MatMut::rb_mut),
        )
    });
    if r.is_err() {
        put_back(w, &w0);
        put_back_mat(vl.as_mut(), &vl0);
        put_back_mat(vr.as_mut(), &vr0);
    }
    r
}

/// [`Ops::gels`]: `trans` `No` or the adjoint, `b` with `max(m, n)` rows,
/// not overlapping `a`. An empty `a`: `B ← 0`.
///
/// # Errors
/// `InvalidArgument` naming `trans`; `DimensionMismatch` naming `b`;
/// `NonFinite` naming `a` or `b` (the rows it reads); `Singular` from the
/// backend (rank-deficient `A`; then `b` is as it was and `a` unspecified).
#[inline]
pub fn gels<T: Scalar, O: Ops<T> + ?Sized>(
    ops: &O,
    on_call: impl FnOnce(Routine),
    trans: Trans,
    a: MatMut<'_, T>,
    mut b: MatMut<'_, T>,
) -> Result<()> {
    let trans = gels_trans::<T>(trans)?;
    let (m, n) = a.shape();
    len("gels", "b", b.nrows(), m.max(n))?;
    if b.ncols() == 0 {
        return Ok(());
    }
    if m == 0 || n == 0 {
        scale_mat(b.rb_mut(), T::zero());
        return Ok(());
    }
    finite("gels", "a", &a.rb(), Part::All)?;
    let read = if trans == Trans::No { m } else { n };
    finite("gels", "b", &b.rb(), Part::Rows(read))?;
    let b0 = keep_mat("b", Some(&b))?;
    // SAFETY: flag legal, b has max(m, n) rows, no overlap, non-empty.
    let r = ran(on_call, Routine::Gels, unsafe {
        ops.gels_unchecked(trans, a, b.rb_mut())
    });
    if r.is_err() {
        put_back_mat(Some(&mut b), &b0);
    }
    r
}
