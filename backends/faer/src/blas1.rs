//! BLAS 1: vector-vector operations. Always sequential.

use faer::linalg::matmul::dot::inner_prod;
use linmux_core::{RealScalar, VecMut, VecRef, c64};
use num_traits::{Float, One, Zero};

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

// ---- plane rotations, mixed precision, real scaling -----------------------

/// `r·z` for a real `r`, part by part (never a complex product with `(r, 0)`,
/// which would turn an infinite part into NaNs in the other).
#[inline]
pub(crate) fn scale_by_real<T: Elem>(r: Real<T>, z: T) -> T {
    if T::IS_COMPLEX {
        T::from_parts(r * z.re(), r * z.im())
    } else {
        T::from_real(r * z.re())
    }
}

/// `z / r` for a real `r`, part by part.
#[inline]
fn div_by_real<T: Elem>(z: T, r: Real<T>) -> T {
    if T::IS_COMPLEX {
        T::from_parts(z.re() / r, z.im() / r)
    } else {
        T::from_real(z.re() / r)
    }
}

/// The real number `v` in `R` (exact for the small constants used here).
#[inline]
fn real_const<R: RealScalar>(v: f64) -> R {
    R::from_f64(v)
}

/// `|re|² + |im|²`.
#[inline]
fn abssq<T: Elem>(z: T) -> Real<T> {
    z.re() * z.re() + z.im() * z.im()
}

/// Constructs a Givens rotation (`rotg`): `drotg` for real types, `zrotg`
/// for complex ones, as reference BLAS 3.12 computes them (with its safe
/// scaling, so no intermediate overflows or underflows needlessly).
pub(crate) fn rotg<T: Elem>(a: &mut T, b: &mut T, c: &mut Real<T>, s: &mut T) {
    if T::IS_COMPLEX {
        zrotg(a, b, c, s);
    } else {
        drotg(a, b, c, s);
    }
}

#[allow(
    clippy::many_single_char_names,
    reason = "the names of drotg.f90, so the two read side by side"
)]
fn drotg<T: Elem>(a: &mut T, b: &mut T, c: &mut Real<T>, s: &mut T) {
    let (zero, one) = (Real::<T>::zero(), Real::<T>::one());
    let safmin = Real::<T>::min_positive_value();
    let safmax = one / safmin;
    let (fa, fb) = (a.re(), b.re());
    let (anorm, bnorm) = (Float::abs(fa), Float::abs(fb));
    if bnorm == zero {
        *c = one;
        *s = T::zero();
        *b = T::zero();
    } else if anorm == zero {
        *c = zero;
        *s = T::one();
        *a = *b;
        *b = T::one();
    } else {
        let scl = Float::min(safmax, Float::max(safmin, Float::max(anorm, bnorm)));
        let sigma = if anorm > bnorm {
            Float::signum(fa)
        } else {
            Float::signum(fb)
        };
        let (u, v) = (fa / scl, fb / scl);
        let r = sigma * (scl * Float::sqrt(u * u + v * v));
        let cc = fa / r;
        let ss = fb / r;
        let z = if anorm > bnorm {
            ss
        } else if cc != zero {
            one / cc
        } else {
            one
        };
        *c = cc;
        *s = T::from_real(ss);
        *a = T::from_real(r);
        *b = T::from_real(z);
    }
}

#[allow(
    clippy::many_single_char_names,
    reason = "the names of zrotg.f90, so the two read side by side"
)]
fn zrotg<T: Elem>(a: &mut T, b: &mut T, c: &mut Real<T>, s: &mut T) {
    let (zero, one) = (Real::<T>::zero(), Real::<T>::one());
    let safmin = Real::<T>::min_positive_value();
    let safmax = one / safmin;
    let rtmin = Float::sqrt(safmin);
    let (f, g) = (*a, *b);
    let max_part = |z: T| Float::max(Float::abs(z.re()), Float::abs(z.im()));
    if g == T::zero() {
        *c = one;
        *s = T::zero();
        return;
    }
    if f == T::zero() {
        *c = zero;
        let r = if g.re() == zero {
            Float::abs(g.im())
        } else if g.im() == zero {
            Float::abs(g.re())
        } else {
            let g1 = max_part(g);
            let rtmax = Float::sqrt(safmax / real_const::<Real<T>>(2.0));
            if g1 > rtmin && g1 < rtmax {
                Float::sqrt(abssq(g))
            } else {
                let u = Float::min(safmax, Float::max(safmin, g1));
                let gs = div_by_real(g, u);
                let d = Float::sqrt(abssq(gs));
                *s = div_by_real(gs.conj(), d);
                *a = T::from_real(d * u);
                return;
            }
        };
        *s = div_by_real(g.conj(), r);
        *a = T::from_real(r);
        return;
    }
    let f1 = max_part(f);
    let g1 = max_part(g);
    let mut rtmax = Float::sqrt(safmax / real_const::<Real<T>>(4.0));
    // Scaled copies fs = f/v, gs = g/u with the weight w = v/u (all 1 when
    // f and g are comfortably in range).
    let (fs, gs, u, w, f2, g2, h2);
    if f1 > rtmin && f1 < rtmax && g1 > rtmin && g1 < rtmax {
        (fs, gs, u, w) = (f, g, one, one);
        f2 = abssq(f);
        g2 = abssq(g);
        h2 = f2 + g2;
    } else {
        u = Float::min(safmax, Float::max(safmin, Float::max(f1, g1)));
        gs = div_by_real(g, u);
        g2 = abssq(gs);
        if f1 / u < rtmin {
            let v = Float::min(safmax, Float::max(safmin, f1));
            w = v / u;
            fs = div_by_real(f, v);
            f2 = abssq(fs);
            h2 = f2 * w * w + g2;
        } else {
            w = one;
            fs = div_by_real(f, u);
            f2 = abssq(fs);
            h2 = f2 + g2;
        }
    }
    let (cc, r, ss);
    if f2 >= h2 * safmin {
        cc = Float::sqrt(f2 / h2);
        r = div_by_real(fs, cc);
        rtmax *= real_const::<Real<T>>(2.0);
        ss = if f2 > rtmin && h2 < rtmax {
            gs.conj() * div_by_real(fs, Float::sqrt(f2 * h2))
        } else {
            gs.conj() * div_by_real(r, h2)
        };
    } else {
        let d = Float::sqrt(f2 * h2);
        cc = f2 / d;
        r = if cc >= safmin {
            div_by_real(fs, cc)
        } else {
            scale_by_real(h2 / d, fs)
        };
        ss = gs.conj() * div_by_real(fs, d);
    }
    *c = cc * w;
    *s = ss;
    *a = scale_by_real(u, r);
}

/// `xᵢ ← c·xᵢ + s·yᵢ`, `yᵢ ← c·yᵢ − s·xᵢ` with real `c`, `s` (`drot`;
/// `zdrot` on complex vectors: both parts rotated alike).
pub(crate) fn rot<T: Elem>(x: VecMut<'_, T>, y: VecMut<'_, T>, c: Real<T>, s: Real<T>) {
    let (x, y) = (col_mut(x), col_mut(y));
    faer::zip!(x, y).for_each(|faer::unzip!(x, y)| {
        let (u, v) = (*x, *y);
        *x = scale_by_real(c, u) + scale_by_real(s, v);
        *y = scale_by_real(c, v) - scale_by_real(s, u);
    });
}

/// Applies the modified Givens transformation of `param` (`drotm`). For
/// complex types (unreachable through the checked surface) the entries are
/// used as they are and the flag is the real part of `param[0]`.
pub(crate) fn rotm<T: Elem>(x: VecMut<'_, T>, y: VecMut<'_, T>, param: &[T; 5]) {
    let flag = param[0].re();
    let zero = Real::<T>::zero();
    if flag + real_const::<Real<T>>(2.0) == zero {
        return;
    }
    // drotm's three forms; the implicit entries (±1) are exact, so the
    // general formula gives the same values as its special-cased loops.
    let (h11, h12, h21, h22) = if flag < zero {
        (param[1], param[3], param[2], param[4])
    } else if flag == zero {
        (T::one(), param[3], param[2], T::one())
    } else {
        (param[1], T::one(), -T::one(), param[4])
    };
    let (x, y) = (col_mut(x), col_mut(y));
    faer::zip!(x, y).for_each(|faer::unzip!(x, y)| {
        let (w, z) = (*x, *y);
        *x = w * h11 + z * h12;
        *y = w * h21 + z * h22;
    });
}

/// Most rescaling rounds `rotmg` runs: each moves `d` by `2²⁴`, and the `f64`
/// range, subnormals included, spans about `2²¹⁰⁰`. Only an infinite `d`
/// needs more (reference BLAS then loops forever); here the loop stops.
const ROTMG_MAX_ROUNDS: usize = 200;

/// Constructs the modified Givens transformation (`drotmg`, reference BLAS
/// 3.12 with the flag guard of Reference-LAPACK#1344: the rescaling loops
/// only make an implicit `H` explicit when the flag is 0 or 1). For complex
/// types (unreachable through the checked surface) it runs on the real parts.
#[allow(
    clippy::many_single_char_names,
    clippy::similar_names,
    reason = "the names of drotmg.f, so the two read side by side"
)]
pub(crate) fn rotmg<T: Elem>(d1: &mut T, d2: &mut T, x1: &mut T, y1: T, param: &mut [T; 5]) {
    let (zero, one) = (Real::<T>::zero(), Real::<T>::one());
    let gam: Real<T> = real_const::<Real<T>>(4096.0);
    let gamsq: Real<T> = real_const::<Real<T>>(16_777_216.0);
    let rgamsq: Real<T> = real_const::<Real<T>>(5.960_464_5e-8);
    let (mut dd1, mut dd2, mut dx1, dy1) = (d1.re(), d2.re(), x1.re(), y1.re());
    let (mut h11, mut h12, mut h21, mut h22) = (zero, zero, zero, zero);
    let mut flag;
    if dd1 < zero {
        flag = -one;
        (dd1, dd2, dx1) = (zero, zero, zero);
    } else {
        let p2 = dd2 * dy1;
        if p2 == zero {
            param[0] = T::from_real(real_const::<Real<T>>(-2.0));
            return;
        }
        let p1 = dd1 * dx1;
        let q2 = p2 * dy1;
        let q1 = p1 * dx1;
        if Float::abs(q1) > Float::abs(q2) {
            h21 = -dy1 / dx1;
            h12 = p2 / p1;
            let u = one - h12 * h21;
            if u > zero {
                flag = zero;
                dd1 /= u;
                dd2 /= u;
                dx1 *= u;
            } else {
                flag = -one;
                (h11, h12, h21, h22) = (zero, zero, zero, zero);
                (dd1, dd2, dx1) = (zero, zero, zero);
            }
        } else if q2 < zero {
            flag = -one;
            (h11, h12, h21, h22) = (zero, zero, zero, zero);
            (dd1, dd2, dx1) = (zero, zero, zero);
        } else {
            flag = one;
            h11 = p1 / p2;
            h22 = dx1 / dy1;
            let u = one + h11 * h22;
            let t = dd2 / u;
            dd2 = dd1 / u;
            dd1 = t;
            dx1 = dy1 * u;
        }
        // Rescaling makes an implicit H explicit.
        let explicit = |flag: &mut Real<T>, h: [&mut Real<T>; 4]| {
            let [h11, h21, h12, h22] = h;
            if *flag == zero {
                (*h11, *h22) = (one, one);
                *flag = -one;
            } else if *flag == one {
                (*h21, *h12) = (-one, one);
                *flag = -one;
            }
        };
        if dd1 != zero {
            let mut rounds = 0;
            while (dd1 <= rgamsq || dd1 >= gamsq) && rounds < ROTMG_MAX_ROUNDS {
                rounds += 1;
                explicit(&mut flag, [&mut h11, &mut h21, &mut h12, &mut h22]);
                if dd1 <= rgamsq {
                    dd1 *= gamsq;
                    dx1 /= gam;
                    h11 /= gam;
                    h12 /= gam;
                } else {
                    dd1 /= gamsq;
                    dx1 *= gam;
                    h11 *= gam;
                    h12 *= gam;
                }
            }
        }
        if dd2 != zero {
            let mut rounds = 0;
            while (Float::abs(dd2) <= rgamsq || Float::abs(dd2) >= gamsq)
                && rounds < ROTMG_MAX_ROUNDS
            {
                rounds += 1;
                explicit(&mut flag, [&mut h11, &mut h21, &mut h12, &mut h22]);
                if Float::abs(dd2) <= rgamsq {
                    dd2 *= gamsq;
                    h21 /= gam;
                    h22 /= gam;
                } else {
                    dd2 /= gamsq;
                    h21 *= gam;
                    h22 *= gam;
                }
            }
        }
    }
    // Only the entries the flag says are explicit are written.
    if flag < zero {
        param[1] = T::from_real(h11);
        param[2] = T::from_real(h21);
        param[3] = T::from_real(h12);
        param[4] = T::from_real(h22);
    } else if flag == zero {
        param[2] = T::from_real(h21);
        param[3] = T::from_real(h12);
    } else {
        param[1] = T::from_real(h11);
        param[4] = T::from_real(h22);
    }
    param[0] = T::from_real(flag);
    *d1 = T::from_real(dd1);
    *d2 = T::from_real(dd2);
    *x1 = T::from_real(dx1);
}

/// `start + Σ xᵢ·yᵢ` (unconjugated) accumulated in double precision: every
/// product of `f32` values is exact in `f64`. Complex types (unreachable for
/// `sdsdot`/`dsdot`) accumulate in `c64`.
fn dot_f64<T: Elem>(start: c64, x: VecRef<'_, T>, y: VecRef<'_, T>) -> c64 {
    let (x, y) = (col_ref(x), col_ref(y));
    if T::IS_COMPLEX {
        let mut s = start;
        for i in 0..x.nrows() {
            s += x[i].to_c64() * y[i].to_c64();
        }
        s
    } else {
        let mut s = start.re;
        for i in 0..x.nrows() {
            s += x[i].re().to_f64() * y[i].re().to_f64();
        }
        c64::new(s, 0.0)
    }
}

/// `sb + Σ xᵢ·yᵢ` accumulated in `f64`, rounded once (`sdsdot`).
pub(crate) fn sdsdot<T: Elem>(sb: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> T {
    T::from_c64(dot_f64(sb.to_c64(), x, y))
}

/// `Σ xᵢ·yᵢ` accumulated and returned in `f64` (`dsdot`; for complex types,
/// unreachable, the real part of the unconjugated sum).
pub(crate) fn dsdot<T: Elem>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> f64 {
    dot_f64(c64::new(0.0, 0.0), x, y).re
}

/// `x ← α·x` with a real `α`, both parts scaled alike (`zdscal`); `α = 1`
/// returns at once, as reference BLAS does.
pub(crate) fn rscal<T: Elem>(alpha: Real<T>, x: VecMut<'_, T>) {
    if alpha == Real::<T>::one() {
        return;
    }
    faer::zip!(col_mut(x)).for_each(|faer::unzip!(x)| *x = scale_by_real(alpha, *x));
}
