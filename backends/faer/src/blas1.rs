//! BLAS 1: vector-vector operations. Always sequential.

use faer::linalg::matmul::dot::inner_prod;
use linmux_core::{VecMut, VecRef};
use num_traits::Float;

use crate::elem::{Elem, Real, col_mut, col_ref, conj_flag, zero};

/// `Σ op(xᵢ)·yᵢ`, `op` conjugating when `conj`.
pub(crate) fn dot<T: Elem>(x: VecRef<'_, T>, y: VecRef<'_, T>, conj: bool) -> T {
    let (x, y) = (col_ref(x), col_ref(y));
    inner_prod(x.transpose(), conj_flag(conj), y, faer::Conj::No)
}

/// `y ← α·x + y` (`α = 0`: `y` untouched, as BLAS).
pub(crate) fn axpy<T: Elem>(alpha: T, x: VecRef<'_, T>, y: VecMut<'_, T>) {
    if alpha == zero() {
        return;
    }
    let (x, y) = (col_ref(x), col_mut(y));
    faer::zip!(y, x).for_each(|faer::unzip!(y, x)| *y += alpha * *x);
}

/// `x ← α·x`.
pub(crate) fn scal<T: Elem>(alpha: T, x: VecMut<'_, T>) {
    faer::zip!(col_mut(x)).for_each(|faer::unzip!(x)| *x = alpha * *x);
}

/// `‖x‖₂` without overflow or underflow: the running scaled sum of squares
/// of LAPACK's classic `nrm2` over the real and imaginary parts. An infinite
/// element gives ∞, a NaN gives NaN.
pub(crate) fn nrm2<T: Elem>(x: VecRef<'_, T>) -> Real<T> {
    nrm2_col(col_ref(x))
}

/// [`nrm2`] of a faer column.
pub(crate) fn nrm2_col<T: Elem>(x: faer::ColRef<'_, T>) -> Real<T> {
    let rzero = Real::<T>::default();
    let mut scale = rzero;
    let mut ssq = crate::elem::one::<Real<T>>();
    let mut inf = false;
    let mut acc = |v: Real<T>| {
        let a = v.abs();
        if a.is_infinite() {
            inf = true;
        } else if a != rzero || a.is_nan() {
            if scale < a {
                let r = scale / a;
                ssq = crate::elem::one::<Real<T>>() + ssq * r * r;
                scale = a;
            } else {
                let r = a / scale;
                ssq += r * r;
            }
        }
    };
    for i in 0..x.nrows() {
        let v = x[i];
        acc(v.re());
        if T::IS_COMPLEX {
            acc(v.im());
        }
    }
    let r = scale * ssq.sqrt();
    if inf && !r.is_nan() {
        Real::<T>::infinity()
    } else {
        r
    }
}

/// `Σ |re xᵢ| + |im xᵢ|`.
pub(crate) fn asum<T: Elem>(x: VecRef<'_, T>) -> Real<T> {
    let mut s = Real::<T>::default();
    for v in x.iter() {
        s += v.abs1();
    }
    s
}

/// First index of the largest `|re| + |im|`; NaNs are skipped as reference
/// BLAS skips them (a comparison with NaN is false).
pub(crate) fn iamax<T: Elem>(x: VecRef<'_, T>) -> usize {
    let mut best = 0;
    let mut max = match x.get(0) {
        Some(v) => v.abs1(),
        None => return 0,
    };
    for (i, v) in x.iter().enumerate().skip(1) {
        let a = v.abs1();
        if a > max {
            max = a;
            best = i;
        }
    }
    best
}

/// `y ← x`.
pub(crate) fn copy<T: Elem>(x: VecRef<'_, T>, y: VecMut<'_, T>) {
    let (x, y) = (col_ref(x), col_mut(y));
    faer::zip!(y, x).for_each(|faer::unzip!(y, x)| *y = *x);
}

/// `x ↔ y`.
pub(crate) fn swap<T: Elem>(x: VecMut<'_, T>, y: VecMut<'_, T>) {
    let (x, y) = (col_mut(x), col_mut(y));
    faer::zip!(x, y).for_each(|faer::unzip!(x, y)| core::mem::swap(x, y));
}
