//! BLAS 3: matrix-matrix operations, on faer's (triangular) matmul and
//! triangular solves. Symmetric/Hermitian products use the stored triangle
//! directly (strict triangle, its (conjugate) transpose, and the diagonal), so
//! nothing is materialized.

use faer::linalg::matmul::matmul_with_conj;
use faer::linalg::matmul::triangular::{self, BlockStructure};
use faer::linalg::triangular_solve as ts;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Par};
use linmux_core::{Diag, Result, Side, Trans, Uplo};

use crate::elem::{
    Elem, Scratch, conj_flag, op_tri, op_view, prepare_beta, scale_mat, scale_triangle,
    tri_structure, zero,
};

/// `C ← α·op(A)·op(B) + β·C`. Inlined into the trusting method: a small
/// product pays for every layer's argument moves.
#[inline]
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub(crate) fn gemm<T: Elem>(
    transa: Trans,
    transb: Trans,
    alpha: T,
    a: faer::MatRef<'_, T>,
    b: faer::MatRef<'_, T>,
    beta: T,
    mut c: faer::MatMut<'_, T>,
    par: impl FnOnce(f64) -> Par,
) {
    let (a, ca) = op_view(a, transa);
    let (b, cb) = op_view(b, transb);
    let k = a.ncols();
    // The checked surface applied β itself for these (`Ops::gemm_unchecked`'s
    // contract).
    debug_assert!(alpha != zero() && k != 0, "α = 0 or k = 0 reached gemm");
    let par = par(crate::elem::Ctx::mnk(c.nrows(), c.ncols(), k));
    let accum = prepare_beta(c.rb_mut(), beta);
    matmul_with_conj(c, accum, a, conj_flag(ca), b, conj_flag(cb), alpha, par);
}

/// `C ← α·A·B + β·C` (left) or `α·B·A + β·C` (right), `A` symmetric
/// (`herm = false`) or Hermitian (`herm = true`, diagonal taken real) from its
/// `uplo` triangle.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub(crate) fn sym_mul<T: Elem>(
    side: Side,
    uplo: Uplo,
    herm: bool,
    alpha: T,
    a: faer::MatRef<'_, T>,
    b: faer::MatRef<'_, T>,
    beta: T,
    mut c: faer::MatMut<'_, T>,
    par: Par,
) {
    if alpha == zero() {
        scale_mat(c, beta);
        return;
    }
    let accum = prepare_beta(c.rb_mut(), beta);
    let diag = |i: usize| {
        let d = a[(i, i)];
        if herm { T::from_real(d.re()) } else { d }
    };
    // The diagonal part first: it may replace C (β = 0), the rest adds.
    let (m, n) = (c.nrows(), c.ncols());
    for j in 0..n {
        for i in 0..m {
            let d = match side {
                Side::Left => diag(i),
                Side::Right => diag(j),
            };
            let v = alpha * d * b[(i, j)];
            let x = &mut c[(i, j)];
            *x = match accum {
                Accum::Replace => v,
                Accum::Add => *x + v,
            };
        }
    }
    if a.nrows() < 2 {
        return;
    }
    let (strict, strict_t) = match uplo {
        Uplo::Lower => (
            BlockStructure::StrictTriangularLower,
            BlockStructure::StrictTriangularUpper,
        ),
        Uplo::Upper => (
            BlockStructure::StrictTriangularUpper,
            BlockStructure::StrictTriangularLower,
        ),
    };
    let rect = BlockStructure::Rectangular;
    let no = faer::Conj::No;
    let ct = conj_flag(herm && T::IS_COMPLEX);
    for (a, s, conj) in [(a, strict, no), (a.transpose(), strict_t, ct)] {
        match side {
            Side::Left => triangular::matmul_with_conj(
                c.rb_mut(),
                rect,
                Accum::Add,
                a,
                s,
                conj,
                b,
                rect,
                no,
                alpha,
                par,
            ),
            Side::Right => triangular::matmul_with_conj(
                c.rb_mut(),
                rect,
                Accum::Add,
                b,
                rect,
                no,
                a,
                s,
                conj,
                alpha,
                par,
            ),
        }
    }
}

/// `C ← α·op(A)·op(A)ᵀ/ᴴ + β·C` on the `uplo` triangle (`syrk`/`herk`).
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub(crate) fn rank_k<T: Elem>(
    uplo: Uplo,
    trans: Trans,
    herm: bool,
    alpha: T,
    a: faer::MatRef<'_, T>,
    beta: T,
    mut c: faer::MatMut<'_, T>,
    par: impl FnOnce(f64) -> Par,
) -> Result<()> {
    let ch = herm && T::IS_COMPLEX;
    let (l, cl, r, cr) = if trans.is_transposed() {
        (a.transpose(), ch, a, false)
    } else {
        (a, false, a.transpose(), ch)
    };
    let k = l.ncols();
    if alpha == zero() || k == 0 {
        scale_triangle(c.rb_mut(), uplo, beta);
    } else {
        let n = c.nrows();
        let par = par(crate::elem::Ctx::mnk(n, n, k) / 2.0);
        let accum = if beta == zero() {
            Accum::Replace
        } else {
            scale_triangle(c.rb_mut(), uplo, beta);
            Accum::Add
        };
        crate::tri::matmul_into_triangle(
            c.rb_mut(),
            uplo,
            accum,
            l,
            conj_flag(cl),
            r,
            conj_flag(cr),
            alpha,
            par,
        );
    }
    if herm {
        crate::elem::realify_diagonal(c);
    }
    Ok(())
}

/// `C ← α·op(A)·op(B)ᵀ/ᴴ + α'·op(B)·op(A)ᵀ/ᴴ + β·C` on the `uplo` triangle
/// (`syr2k`: `α' = α`; `her2k`: `α' = conj(α)`, conjugate transposes).
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub(crate) fn rank_2k<T: Elem>(
    uplo: Uplo,
    trans: Trans,
    herm: bool,
    alpha: T,
    a: faer::MatRef<'_, T>,
    b: faer::MatRef<'_, T>,
    beta: T,
    mut c: faer::MatMut<'_, T>,
    par: impl FnOnce(f64) -> Par,
) -> Result<()> {
    let ch = herm && T::IS_COMPLEX;
    let tr = trans.is_transposed();
    let k = if tr { a.nrows() } else { a.ncols() };
    if alpha == zero() || k == 0 {
        scale_triangle(c.rb_mut(), uplo, beta);
    } else {
        let n = c.nrows();
        let par = par(crate::elem::Ctx::mnk(n, n, k));
        let mut accum = if beta == zero() {
            Accum::Replace
        } else {
            scale_triangle(c.rb_mut(), uplo, beta);
            Accum::Add
        };
        let alpha2 = if herm { alpha.conj() } else { alpha };
        for (x, y, s) in [(a, b, alpha), (b, a, alpha2)] {
            let (l, cl, r, cr) = if tr {
                (x.transpose(), ch, y, false)
            } else {
                (x, false, y.transpose(), ch)
            };
            crate::tri::matmul_into_triangle(
                c.rb_mut(),
                uplo,
                accum,
                l,
                conj_flag(cl),
                r,
                conj_flag(cr),
                s,
                par,
            );
            accum = Accum::Add;
        }
    }
    if herm {
        crate::elem::realify_diagonal(c);
    }
    Ok(())
}

/// `B ← α·op(A)·B` (left) or `α·B·op(A)` (right), `A` triangular.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub(crate) fn trmm<T: Elem>(
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: faer::MatRef<'_, T>,
    b: faer::MatMut<'_, T>,
    par: impl FnOnce(f64) -> Par,
) -> Result<()> {
    if alpha == zero() {
        scale_mat(b, zero());
        return Ok(());
    }
    let (a, uplo, conj) = op_tri(a, uplo, trans);
    let tmp = Scratch::copy_of(b.rb(), "trmm")?;
    let (m, n) = (b.nrows(), b.ncols());
    let par = par(match side {
        Side::Left => crate::elem::Ctx::mnk(m, n, m) / 2.0,
        Side::Right => crate::elem::Ctx::mnk(m, n, n) / 2.0,
    });
    let st = tri_structure(uplo, diag);
    let rect = BlockStructure::Rectangular;
    let no = faer::Conj::No;
    match side {
        Side::Left => triangular::matmul_with_conj(
            b,
            rect,
            Accum::Replace,
            a,
            st,
            conj_flag(conj),
            tmp.as_ref(),
            rect,
            no,
            alpha,
            par,
        ),
        Side::Right => triangular::matmul_with_conj(
            b,
            rect,
            Accum::Replace,
            tmp.as_ref(),
            rect,
            no,
            a,
            st,
            conj_flag(conj),
            alpha,
            par,
        ),
    }
    Ok(())
}

/// Solves `T·X = B` in place, `T` triangular (`uplo` as seen through the view),
/// conjugated when `conj`.
pub(crate) fn tri_solve<T: Elem>(
    t: faer::MatRef<'_, T>,
    uplo: Uplo,
    diag: Diag,
    conj: bool,
    b: faer::MatMut<'_, T>,
    par: Par,
) {
    let c = conj_flag(conj);
    match (uplo, diag) {
        (Uplo::Lower, Diag::NonUnit) => ts::solve_lower_triangular_in_place_with_conj(t, c, b, par),
        (Uplo::Lower, Diag::Unit) => {
            ts::solve_unit_lower_triangular_in_place_with_conj(t, c, b, par)
        }
        (Uplo::Upper, Diag::NonUnit) => ts::solve_upper_triangular_in_place_with_conj(t, c, b, par),
        (Uplo::Upper, Diag::Unit) => {
            ts::solve_unit_upper_triangular_in_place_with_conj(t, c, b, par)
        }
    }
}

/// `B ← α·op(A)⁻¹·B` (left) or `α·B·op(A)⁻¹` (right), `A` triangular.
#[allow(clippy::too_many_arguments, reason = "BLAS signature")]
pub(crate) fn trsm<T: Elem>(
    side: Side,
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    alpha: T,
    a: faer::MatRef<'_, T>,
    mut b: faer::MatMut<'_, T>,
    par: impl FnOnce(f64) -> Par,
) {
    if alpha == zero() {
        scale_mat(b, zero());
        return;
    }
    scale_mat(b.rb_mut(), alpha);
    let (a, uplo, conj) = op_tri(a, uplo, trans);
    let (m, n) = (b.nrows(), b.ncols());
    match side {
        Side::Left => {
            let par = par(crate::elem::Ctx::mnk(m, n, m) / 2.0);
            tri_solve(a, uplo, diag, conj, b, par);
        }
        Side::Right => {
            // X·op(A) = B  ⇔  op(A)ᵀ·Xᵀ = Bᵀ (conjugation is element-wise).
            let par = par(crate::elem::Ctx::mnk(m, n, n) / 2.0);
            tri_solve(
                a.transpose(),
                uplo.flip(),
                diag,
                conj,
                b.transpose_mut(),
                par,
            );
        }
    }
}
