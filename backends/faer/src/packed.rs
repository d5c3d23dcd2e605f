//! Packed BLAS 2 (`hpmv`/`spmv`, `tpmv`, `tpsv`, `hpr`/`spr`, `hpr2`/`spr2`):
//! `O(n²)` loops over the stored triangle, as reference BLAS. Elements are
//! addressed by their packed offset, so column- and row-major packed storage
//! run the same code.

use linmux_core::{Diag, PackedMut, PackedOrder, PackedRef, Scalar, Trans, Uplo, VecMut, VecRef};

use crate::blas2::{
    Stored, StoredMut, hermitian_mv, hermitian_rank1, hermitian_rank2, triangular_mv, triangular_sv,
};
use crate::elem::{Elem, Real, col_mut, col_ref};

/// Offset of stored element `(i, j)` of an `n × n` packed triangle.
///
/// The caller keeps `(i, j)` in the stored triangle with `i, j < n`; the view
/// constructors checked `n(n+1)/2 ≤ isize::MAX`, so nothing below overflows
/// and the offset is below `n(n+1)/2`.
#[inline]
fn packed_offset(n: usize, uplo: Uplo, order: PackedOrder, i: usize, j: usize) -> usize {
    // Row-major storage of A is column-major storage of Aᵀ, other triangle.
    let (i, j, upper) = match order {
        PackedOrder::ColMajor => (i, j, uplo == Uplo::Upper),
        PackedOrder::RowMajor => (j, i, uplo == Uplo::Lower),
    };
    if upper {
        i + j * (j + 1) / 2
    } else {
        i + (2 * n - j - 1) * j / 2
    }
}

/// A packed triangle as a [`Stored`] operand.
struct Packed<'a, T>(PackedRef<'a, T>);

// SAFETY: for `(i, j)` in the stored triangle with `i, j < n`,
// `packed_offset` is below `n(n+1)/2`, which the view guarantees in bounds
// of its slice, initialized and not mutated while it lives. `k = n` covers
// the whole triangle.
unsafe impl<T: Scalar> Stored<T> for Packed<'_, T> {
    fn n(&self) -> usize {
        self.0.n()
    }
    fn uplo(&self) -> Uplo {
        self.0.uplo()
    }
    fn k(&self) -> usize {
        self.0.n()
    }
    unsafe fn get(&self, i: usize, j: usize) -> T {
        let a = &self.0;
        let k = packed_offset(a.n(), a.uplo(), a.order(), i, j);
        // SAFETY: as stated on the impl; the caller keeps (i, j) stored.
        unsafe { *a.as_ptr().add(k) }
    }
}

/// A mutable packed triangle as a [`StoredMut`] target.
struct PackedSlots<'a, T>(PackedMut<'a, T>);

// SAFETY: as for `Packed`; moreover distinct stored `(i, j)` have distinct
// offsets and the `PackedMut` is a unique borrow.
unsafe impl<T: Scalar> StoredMut<T> for PackedSlots<'_, T> {
    fn n(&self) -> usize {
        self.0.n()
    }
    fn uplo(&self) -> Uplo {
        self.0.uplo()
    }
    unsafe fn slot(&mut self, i: usize, j: usize) -> &mut T {
        let a = &mut self.0;
        let k = packed_offset(a.n(), a.uplo(), a.order(), i, j);
        // SAFETY: as stated on the impl; the caller keeps (i, j) stored, and
        // `&mut self` makes the reference exclusive.
        unsafe { &mut *a.as_mut_ptr().add(k) }
    }
}

/// `y ← α·A·x + β·y`, `A` Hermitian (symmetric) from its packed triangle.
pub(crate) fn hpmv<T: Elem>(
    alpha: T,
    ap: PackedRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecMut<'_, T>,
) {
    hermitian_mv(&Packed(ap), alpha, col_ref(x), beta, col_mut(y));
}

/// `x ← op(A)·x`, `A` triangular in packed storage.
pub(crate) fn tpmv<T: Elem>(trans: Trans, diag: Diag, ap: PackedRef<'_, T>, x: VecMut<'_, T>) {
    triangular_mv(&Packed(ap), trans, diag, col_mut(x));
}

/// `x ← op(A)⁻¹·x`, `A` triangular in packed storage.
pub(crate) fn tpsv<T: Elem>(trans: Trans, diag: Diag, ap: PackedRef<'_, T>, x: VecMut<'_, T>) {
    triangular_sv(&Packed(ap), trans, diag, col_mut(x));
}

/// `A ← α·x·xᴴ + A`, packed (`hpr`; `spr` on real types).
pub(crate) fn hpr<T: Elem>(alpha: Real<T>, x: VecRef<'_, T>, ap: PackedMut<'_, T>) {
    hermitian_rank1(&mut PackedSlots(ap), alpha, col_ref(x));
}

/// `A ← α·x·yᴴ + conj(α)·y·xᴴ + A`, packed (`hpr2`; `spr2` on real types).
pub(crate) fn hpr2<T: Elem>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>, ap: PackedMut<'_, T>) {
    hermitian_rank2(&mut PackedSlots(ap), alpha, col_ref(x), col_ref(y));
}
