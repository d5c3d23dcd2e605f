//! BLAS 2: matrix-vector operations. Always sequential: their work is too
//! small for threads to pay off.

use faer::Par;
use faer::linalg::matmul::matmul_with_conj;
use faer::linalg::matmul::triangular;
use faer::linalg::matmul::triangular::BlockStructure;
use faer::reborrow::{Reborrow, ReborrowMut};
use linmux_core::{Diag, MatMut, MatRef, Result, Side, Trans, Uplo, VecMut, VecRef};

use crate::blas3::{sym_mul, tri_solve};
use crate::elem::{
    Elem, col_mut, col_ref, conj_flag, mat_mut, mat_ref, one, op_tri, op_view, prepare_beta,
    scale_mat, tri_structure, try_vec, zero,
};

/// `y ← α·op(A)·x + β·y`.
pub(crate) fn gemv<T: Elem>(
    trans: Trans,
    alpha: T,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecMut<'_, T>,
) {
    let mut y = col_mut(y).as_mat_mut();
    let (a, conj) = op_view(mat_ref(a), trans);
    if alpha == zero() || a.ncols() == 0 {
        scale_mat(y, beta);
        return;
    }
    let accum = prepare_beta(y.rb_mut(), beta);
    matmul_with_conj(
        y,
        accum,
        a,
        conj_flag(conj),
        col_ref(x).as_mat(),
        faer::Conj::No,
        alpha,
        Par::Seq,
    );
}

/// `A ← α·x·op(y)ᵀ + A`, `op` conjugating when `conj`.
pub(crate) fn ger<T: Elem>(
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatMut<'_, T>,
    conj: bool,
) {
    if alpha == zero() {
        return;
    }
    matmul_with_conj(
        mat_mut(a),
        faer::Accum::Add,
        col_ref(x).as_mat(),
        faer::Conj::No,
        col_ref(y).transpose().as_mat(),
        conj_flag(conj),
        alpha,
        Par::Seq,
    );
}

/// `y ← α·A·x + β·y`, `A` Hermitian (symmetric for real types) from its `uplo` triangle.
pub(crate) fn hemv<T: Elem>(
    uplo: Uplo,
    alpha: T,
    a: MatRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecMut<'_, T>,
) {
    sym_mul(
        Side::Left,
        uplo,
        true,
        alpha,
        mat_ref(a),
        col_ref(x).as_mat(),
        beta,
        col_mut(y).as_mat_mut(),
        Par::Seq,
    );
}

/// `x ← op(A)·x`, `A` triangular.
pub(crate) fn trmv<T: Elem>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecMut<'_, T>,
) -> Result<()> {
    let (a, uplo, conj) = op_tri(mat_ref(a), uplo, trans);
    let x = col_mut(x);
    let mut tmp = try_vec(x.nrows(), zero::<T>(), "trmv")?;
    let mut t = faer::ColMut::from_slice_mut(&mut tmp);
    t.copy_from(x.rb());
    triangular::matmul_with_conj(
        x.as_mat_mut(),
        BlockStructure::Rectangular,
        faer::Accum::Replace,
        a,
        tri_structure(uplo, diag),
        conj_flag(conj),
        t.rb().as_mat(),
        BlockStructure::Rectangular,
        faer::Conj::No,
        one(),
        Par::Seq,
    );
    Ok(())
}

/// `x ← op(A)⁻¹·x`, `A` triangular, no singularity check.
pub(crate) fn trsv<T: Elem>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: MatRef<'_, T>,
    x: VecMut<'_, T>,
) {
    let (a, uplo, conj) = op_tri(mat_ref(a), uplo, trans);
    tri_solve(a, uplo, diag, conj, col_mut(x).as_mat_mut(), Par::Seq);
}
