//! BLAS 2: matrix-vector operations. Always sequential: their work is too
//! small for threads to pay off.

use faer::Par;
use faer::linalg::matmul::matmul_with_conj;
use faer::reborrow::ReborrowMut;
use linmux_core::{Diag, MatMut, MatRef, Result, Scalar, Side, Trans, Uplo, VecMut, VecRef};

use crate::blas1::scale_by_real;
use crate::blas3::{sym_mul, tri_solve};
use crate::elem::{
    Elem, Real, col_mut, col_ref, conj_flag, mat_mut, mat_ref, op_tri, op_view, prepare_beta,
    scale_mat, zero,
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
    // Reference BLAS's column sweep, in place: a column whose x element is
    // zero is skipped, and no element outside the triangle is ever formed
    // into a product. faer's triangular product was measured turning a NaN
    // in x into NaN in elements that do not depend on it (a structural zero
    // times NaN), which the contract's NaN rule forbids.
    let (a, uplo, conj) = op_tri(mat_ref(a), uplo, trans);
    let mut x = col_mut(x);
    let n = x.nrows();
    let at = |i: usize, j: usize| {
        let v = a[(i, j)];
        if conj { v.conj() } else { v }
    };
    let unit = diag == Diag::Unit;
    let column = |x: &mut faer::ColMut<'_, T>, j: usize, rows: &mut dyn Iterator<Item = usize>| {
        let xj = x[j];
        if xj == zero::<T>() {
            return;
        }
        for i in rows {
            x[i] += at(i, j) * xj;
        }
        if !unit {
            x[j] = xj * at(j, j);
        }
    };
    match uplo {
        Uplo::Upper => {
            for j in 0..n {
                column(&mut x, j, &mut (0..j));
            }
        }
        Uplo::Lower => {
            for j in (0..n).rev() {
                column(&mut x, j, &mut (j + 1..n).rev());
            }
        }
    }
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

// ---- structured operands: band, packed ---------------------------------------

/// Read access to the stored part of an `n × n` Hermitian, symmetric or
/// triangular operand: its `uplo` triangle within `k` of the diagonal (a
/// band side, a packed triangle). The kernels below only read there.
///
/// # Safety
/// An implementor guarantees that [`Stored::get`] is sound for every `(i, j)`
/// with `i, j < n()`, on the `uplo()` side of the diagonal (diagonal
/// included) and `|i − j| ≤ k()`.
pub(crate) unsafe trait Stored<T> {
    /// Order of the matrix.
    fn n(&self) -> usize;
    /// The triangle that is stored.
    fn uplo(&self) -> Uplo;
    /// How many off-diagonals of that triangle are stored.
    fn k(&self) -> usize;
    /// Element `(i, j)`.
    ///
    /// # Safety
    /// `(i, j)` is in the stored part described in the trait documentation.
    unsafe fn get(&self, i: usize, j: usize) -> T;
}

/// Write access to the stored triangle of an `n × n` matrix, for the rank
/// updates.
///
/// # Safety
/// An implementor guarantees that [`StoredMut::slot`] is sound for every
/// `(i, j)` with `i, j < n()` in the `uplo()` triangle (diagonal included),
/// and that distinct such `(i, j)` are distinct elements.
pub(crate) unsafe trait StoredMut<T> {
    /// Order of the matrix.
    fn n(&self) -> usize;
    /// The triangle that is stored.
    fn uplo(&self) -> Uplo;
    /// Element `(i, j)`.
    ///
    /// # Safety
    /// `(i, j)` is in the stored triangle described in the trait documentation.
    unsafe fn slot(&mut self, i: usize, j: usize) -> &mut T;
}

/// The stored rows of column `j`: the `uplo` side within `k` of the diagonal,
/// diagonal excluded.
#[inline]
fn off_diagonal_rows(n: usize, uplo: Uplo, k: usize, j: usize) -> core::ops::Range<usize> {
    match uplo {
        Uplo::Upper => j.saturating_sub(k)..j,
        Uplo::Lower => (j + 1)..j.saturating_add(k).saturating_add(1).min(n),
    }
}

/// Element `(i, j)` of `a`, conjugated when `conj`.
///
/// # Safety
/// As [`Stored::get`].
#[inline]
unsafe fn stored_at<T: Elem>(a: &impl Stored<T>, conj: bool, i: usize, j: usize) -> T {
    // SAFETY: the caller's guarantee, forwarded.
    let v = unsafe { a.get(i, j) };
    if conj { Scalar::conj(v) } else { v }
}

/// `y ← β·y` (`β = 0` writes zeros without reading `y`, BLAS rule).
#[inline]
pub(crate) fn scale_col<T: Elem>(y: faer::ColMut<'_, T>, beta: T) {
    scale_mat(y.as_mat_mut(), beta);
}

/// `y ← α·A·x + β·y`, `A` Hermitian (symmetric for real types) from its
/// stored part, the imaginary parts of its diagonal taken as zero
/// (`hbmv`/`hpmv`, reference BLAS's loops).
pub(crate) fn hermitian_mv<T: Elem>(
    a: &impl Stored<T>,
    alpha: T,
    x: faer::ColRef<'_, T>,
    beta: T,
    mut y: faer::ColMut<'_, T>,
) {
    let (n, uplo, k) = (a.n(), a.uplo(), a.k());
    scale_col(y.rb_mut(), beta);
    for j in 0..n {
        let temp1 = alpha * x[j];
        let mut temp2 = zero::<T>();
        for i in off_diagonal_rows(n, uplo, k, j) {
            // SAFETY: `i` is on the `uplo` side of `j`, within `k` of it, and
            // below `n`: the stored part.
            let aij = unsafe { a.get(i, j) };
            y[i] += temp1 * aij;
            temp2 += Scalar::conj(aij) * x[i];
        }
        // SAFETY: the diagonal is stored.
        let ajj = unsafe { a.get(j, j) }.re();
        y[j] += scale_by_real(ajj, temp1) + alpha * temp2;
    }
}

/// `x ← op(A)·x`, `A` triangular from its stored part (`tbmv`/`tpmv`,
/// reference BLAS's loops: a column whose `xⱼ` is zero is skipped).
pub(crate) fn triangular_mv<T: Elem>(
    a: &impl Stored<T>,
    trans: Trans,
    diag: Diag,
    mut x: faer::ColMut<'_, T>,
) {
    let (n, uplo, k) = (a.n(), a.uplo(), a.k());
    let nounit = diag == Diag::NonUnit;
    let conj = trans == Trans::ConjTrans && T::IS_COMPLEX;
    if !trans.is_transposed() {
        // x ← A·x by columns, in the order that reads each xⱼ before it is
        // overwritten.
        let column = |j: usize, x: &mut faer::ColMut<'_, T>| {
            let temp = x[j];
            if temp == zero() {
                return;
            }
            for i in off_diagonal_rows(n, uplo, k, j) {
                // SAFETY: `i` from `off_diagonal_rows(n, uplo, k, j)`, `j < n`: stored.
                x[i] += temp * unsafe { stored_at(a, conj, i, j) };
            }
            if nounit {
                // SAFETY: `j < n`; the diagonal is stored.
                x[j] = temp * unsafe { stored_at(a, conj, j, j) };
            }
        };
        match uplo {
            Uplo::Upper => (0..n).for_each(|j| column(j, &mut x)),
            Uplo::Lower => (0..n).rev().for_each(|j| column(j, &mut x)),
        }
    } else {
        // x ← op(A)ᵀ·x: xⱼ ← Σᵢ op(aᵢⱼ)·xᵢ, again reading xᵢ before it changes.
        let row = |j: usize, x: &mut faer::ColMut<'_, T>| {
            let mut temp = x[j];
            if nounit {
                // SAFETY: `j < n`; the diagonal is stored.
                temp *= unsafe { stored_at(a, conj, j, j) };
            }
            for i in off_diagonal_rows(n, uplo, k, j) {
                // SAFETY: `i` from `off_diagonal_rows(n, uplo, k, j)`, `j < n`: stored.
                temp += unsafe { stored_at(a, conj, i, j) } * x[i];
            }
            x[j] = temp;
        };
        match uplo {
            Uplo::Upper => (0..n).rev().for_each(|j| row(j, &mut x)),
            Uplo::Lower => (0..n).for_each(|j| row(j, &mut x)),
        }
    }
}

/// `x ← op(A)⁻¹·x`, `A` triangular from its stored part, no singularity
/// check (`tbsv`/`tpsv`, reference BLAS's loops).
pub(crate) fn triangular_sv<T: Elem>(
    a: &impl Stored<T>,
    trans: Trans,
    diag: Diag,
    mut x: faer::ColMut<'_, T>,
) {
    let (n, uplo, k) = (a.n(), a.uplo(), a.k());
    let nounit = diag == Diag::NonUnit;
    let conj = trans == Trans::ConjTrans && T::IS_COMPLEX;
    if !trans.is_transposed() {
        // Column-oriented substitution: solve for xⱼ, then eliminate it.
        let column = |j: usize, x: &mut faer::ColMut<'_, T>| {
            if x[j] == zero() {
                return;
            }
            if nounit {
                // Complex division without overflow or underflow of |d|²
                // (as Fortran's complex division in reference BLAS).
                // SAFETY: `j < n`; the diagonal is stored.
                x[j] = crate::lu::div(x[j], unsafe { stored_at(a, conj, j, j) });
            }
            let temp = x[j];
            for i in off_diagonal_rows(n, uplo, k, j) {
                // SAFETY: `i` from `off_diagonal_rows(n, uplo, k, j)`, `j < n`: stored.
                x[i] -= temp * unsafe { stored_at(a, conj, i, j) };
            }
        };
        match uplo {
            Uplo::Upper => (0..n).rev().for_each(|j| column(j, &mut x)),
            Uplo::Lower => (0..n).for_each(|j| column(j, &mut x)),
        }
    } else {
        // Row-oriented substitution with op(A)ᵀ.
        let row = |j: usize, x: &mut faer::ColMut<'_, T>| {
            let mut temp = x[j];
            for i in off_diagonal_rows(n, uplo, k, j) {
                // SAFETY: `i` from `off_diagonal_rows(n, uplo, k, j)`, `j < n`: stored.
                temp -= unsafe { stored_at(a, conj, i, j) } * x[i];
            }
            if nounit {
                // SAFETY: `j < n`; the diagonal is stored.
                temp = crate::lu::div(temp, unsafe { stored_at(a, conj, j, j) });
            }
            x[j] = temp;
        };
        match uplo {
            Uplo::Upper => (0..n).for_each(|j| row(j, &mut x)),
            Uplo::Lower => (0..n).rev().for_each(|j| row(j, &mut x)),
        }
    }
}

/// The stored rows of column `j` of an `n × n` triangle, diagonal included.
#[inline]
fn triangle_rows(n: usize, uplo: Uplo, j: usize) -> core::ops::Range<usize> {
    match uplo {
        Uplo::Upper => 0..j + 1,
        Uplo::Lower => j..n,
    }
}

/// `A ← α·x·xᴴ + A` on the stored triangle, real `α` (`her`/`hpr`; `syr`/`spr`
/// on real types), as reference BLAS: a column with `xⱼ = 0` is skipped, and
/// the whole diagonal is made real.
pub(crate) fn hermitian_rank1<T: Elem>(
    a: &mut impl StoredMut<T>,
    alpha: Real<T>,
    x: faer::ColRef<'_, T>,
) {
    let (n, uplo) = (a.n(), a.uplo());
    for j in 0..n {
        let xj = x[j];
        if xj == zero() {
            // SAFETY: `j < n`; the diagonal is in the stored triangle.
            let d = unsafe { a.slot(j, j) };
            *d = T::from_real(d.re());
            continue;
        }
        let temp = scale_by_real(alpha, Scalar::conj(xj));
        for i in triangle_rows(n, uplo, j) {
            // SAFETY: `i` from `triangle_rows(n, uplo, j)`, `j < n`: stored.
            let e = unsafe { a.slot(i, j) };
            if i == j {
                *e = T::from_real(e.re() + (xj * temp).re());
            } else {
                *e += x[i] * temp;
            }
        }
    }
}

/// `A ← α·x·yᴴ + conj(α)·y·xᴴ + A` on the stored triangle (`her2`/`hpr2`;
/// `syr2`/`spr2` on real types), as reference BLAS: a column with
/// `xⱼ = yⱼ = 0` is skipped, and the whole diagonal is made real.
pub(crate) fn hermitian_rank2<T: Elem>(
    a: &mut impl StoredMut<T>,
    alpha: T,
    x: faer::ColRef<'_, T>,
    y: faer::ColRef<'_, T>,
) {
    let (n, uplo) = (a.n(), a.uplo());
    for j in 0..n {
        let (xj, yj) = (x[j], y[j]);
        if xj == zero() && yj == zero() {
            // SAFETY: `j < n`; the diagonal is in the stored triangle.
            let d = unsafe { a.slot(j, j) };
            *d = T::from_real(d.re());
            continue;
        }
        let temp1 = alpha * Scalar::conj(yj);
        let temp2 = Scalar::conj(alpha * xj);
        for i in triangle_rows(n, uplo, j) {
            // SAFETY: `i` from `triangle_rows(n, uplo, j)`, `j < n`: stored.
            let e = unsafe { a.slot(i, j) };
            if i == j {
                *e = T::from_real(e.re() + (xj * temp1 + yj * temp2).re());
            } else {
                *e = *e + x[i] * temp1 + y[i] * temp2;
            }
        }
    }
}

/// A dense square matrix's `uplo` triangle as a rank-update target.
struct Triangle<'a, T> {
    a: faer::MatMut<'a, T>,
    uplo: Uplo,
}

// SAFETY: `n` is the smaller dimension, so every `(i, j)` with `i, j < n` is
// inside the faer view; its distinct indices are distinct elements.
unsafe impl<T> StoredMut<T> for Triangle<'_, T> {
    fn n(&self) -> usize {
        self.a.nrows().min(self.a.ncols())
    }
    fn uplo(&self) -> Uplo {
        self.uplo
    }
    unsafe fn slot(&mut self, i: usize, j: usize) -> &mut T {
        // SAFETY: i, j < n ≤ nrows, ncols (the trait's contract).
        unsafe { self.a.rb_mut().get_mut_unchecked(i, j) }
    }
}

/// `A ← α·x·xᴴ + A` on the `uplo` triangle (`her`; `syr` on real types).
pub(crate) fn her<T: Elem>(uplo: Uplo, alpha: Real<T>, x: VecRef<'_, T>, a: MatMut<'_, T>) {
    let mut t = Triangle {
        a: mat_mut(a),
        uplo,
    };
    hermitian_rank1(&mut t, alpha, col_ref(x));
}

/// `A ← α·x·yᴴ + conj(α)·y·xᴴ + A` on the `uplo` triangle (`her2`; `syr2`
/// on real types).
pub(crate) fn her2<T: Elem>(
    uplo: Uplo,
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatMut<'_, T>,
) {
    let mut t = Triangle {
        a: mat_mut(a),
        uplo,
    };
    hermitian_rank2(&mut t, alpha, col_ref(x), col_ref(y));
}
