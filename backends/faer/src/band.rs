//! Banded BLAS 2 (`gbmv`, `hbmv`/`sbmv`, `tbmv`, `tbsv`): loops over the band
//! only, `O(n·k)`, as reference BLAS. Elements are addressed from the view's
//! pointer and strides, so column- and row-major band storage (and their
//! transposes) run the same code; nothing outside the band is read.

use faer::reborrow::ReborrowMut;
use linmux_core::{BandRef, Diag, Scalar, Trans, Uplo, VecMut, VecRef};

use crate::blas2::{Stored, hermitian_mv, scale_col, triangular_mv, triangular_sv};
use crate::elem::{Elem, col_mut, col_ref, zero};

/// Band element `(i, j)`.
///
/// # Safety
/// `(i, j)` is in the band of `a` (`i < m`, `j < n`, `j − ku ≤ i ≤ j + kl`).
#[inline]
#[allow(
    clippy::cast_possible_wrap,
    reason = "the offset is computed modulo 2⁶⁴; its true value fits isize"
)]
unsafe fn band_get<T: Scalar>(a: &BandRef<'_, T>, i: usize, j: usize) -> T {
    // `i·rs + j·cs` in wrapping arithmetic is the element's true offset, which
    // fits `isize` because the element lies inside the borrowed slice.
    let offset = (i as isize)
        .wrapping_mul(a.row_stride())
        .wrapping_add((j as isize).wrapping_mul(a.col_stride()));
    // SAFETY: a `BandRef` guarantees every band element is in bounds of its
    // slice at this offset from `as_ptr()`, initialized and not mutated while
    // the view lives; the caller guarantees `(i, j)` is in the band.
    unsafe { *a.as_ptr().offset(offset) }
}

/// The band rows of column `j`: `j − ku ≤ i ≤ j + kl`, `i < m`.
#[inline]
fn band_rows(m: usize, kl: usize, ku: usize, j: usize) -> core::ops::Range<usize> {
    j.saturating_sub(ku)..j.saturating_add(kl).saturating_add(1).min(m)
}

/// The `uplo` side of a square band: its upper `ku` or lower `kl` diagonals.
struct BandSide<'a, T> {
    a: BandRef<'a, T>,
    uplo: Uplo,
}

// SAFETY: `n` is the smaller dimension, so `i, j < n` is inside the matrix; on
// the upper side `j − ku ≤ i ≤ j`, on the lower `j ≤ i ≤ j + kl`: in the band.
unsafe impl<T: Scalar> Stored<T> for BandSide<'_, T> {
    fn n(&self) -> usize {
        self.a.nrows().min(self.a.ncols())
    }
    fn uplo(&self) -> Uplo {
        self.uplo
    }
    fn k(&self) -> usize {
        match self.uplo {
            Uplo::Upper => self.a.ku(),
            Uplo::Lower => self.a.kl(),
        }
    }
    unsafe fn get(&self, i: usize, j: usize) -> T {
        // SAFETY: in the band, as stated on the impl.
        unsafe { band_get(&self.a, i, j) }
    }
}

/// `y ← α·op(A)·x + β·y`, `A` banded (`β = 0`: `y` not read).
pub(crate) fn gbmv<T: Elem>(
    trans: Trans,
    alpha: T,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecMut<'_, T>,
) {
    let (x, mut y) = (col_ref(x), col_mut(y));
    let (m, n, kl, ku) = (a.nrows(), a.ncols(), a.kl(), a.ku());
    scale_col(y.rb_mut(), beta);
    match trans {
        Trans::No => {
            for j in 0..n {
                let temp = alpha * x[j];
                for i in band_rows(m, kl, ku, j) {
                    // SAFETY: `i` from `band_rows`, `j < n`: in the band.
                    y[i] += temp * unsafe { band_get(&a, i, j) };
                }
            }
        }
        Trans::Trans | Trans::ConjTrans => {
            let conj = trans == Trans::ConjTrans && T::IS_COMPLEX;
            for j in 0..n {
                let mut temp = zero::<T>();
                for i in band_rows(m, kl, ku, j) {
                    // SAFETY: `i` from `band_rows`, `j < n`: in the band.
                    let aij = unsafe { band_get(&a, i, j) };
                    temp += if conj { Scalar::conj(aij) } else { aij } * x[i];
                }
                y[j] += alpha * temp;
            }
        }
    }
}

/// `y ← α·A·x + β·y`, `A` Hermitian (symmetric) from its `uplo` band side.
pub(crate) fn hbmv<T: Elem>(
    uplo: Uplo,
    alpha: T,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecMut<'_, T>,
) {
    hermitian_mv(&BandSide { a, uplo }, alpha, col_ref(x), beta, col_mut(y));
}

/// `x ← op(A)·x`, `A` triangular from its `uplo` band side.
pub(crate) fn tbmv<T: Elem>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecMut<'_, T>,
) {
    triangular_mv(&BandSide { a, uplo }, trans, diag, col_mut(x));
}

/// `x ← op(A)⁻¹·x`, `A` triangular from its `uplo` band side.
pub(crate) fn tbsv<T: Elem>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecMut<'_, T>,
) {
    triangular_sv(&BandSide { a, uplo }, trans, diag, col_mut(x));
}
