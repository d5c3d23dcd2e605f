//! LU with partial pivoting (`getrf`, `getrs`, `getri`).
//!
//! The factorization is LAPACK's recursive `getrf2` on faer's triangular
//! solve and matmul, not faer's own LU: faer divides by a zero pivot (the
//! factors become NaN) where LAPACK skips the scaling, completes the
//! factorization and reports the first zero pivot. Row interchanges are
//! recorded directly in LAPACK's sequential form.

use faer::linalg::matmul::matmul;
use faer::linalg::triangular_solve as ts;
use faer::reborrow::{Reborrow, ReborrowMut};
use linmux_core::{Error, Result, Trans};
use num_traits::Float;

use crate::elem::{Ctx, Elem, Real, Scratch, conj_flag, one, zero};

/// Below this many columns a panel is factored column by column.
const UNBLOCKED_COLS: usize = 16;

/// `A = P·L·U` in place; `ipiv[i]` is the row swapped with row `i`.
pub(crate) fn getrf<T: Elem>(a: faer::MatMut<'_, T>, ipiv: &mut [usize], ctx: Ctx) -> Result<()> {
    let mut first_zero = None;
    recursive(a, ipiv, 0, &mut first_zero, ctx);
    match first_zero {
        Some(j) => Err(Error::Singular { pivot: j + 1 }),
        None => Ok(()),
    }
}

/// Swaps rows `i` and `ipiv[i]` of `a`, for `i` in order (or in reverse).
fn apply_swaps<T: Elem>(mut a: faer::MatMut<'_, T>, ipiv: &[usize], reverse: bool) {
    let mut one_swap = |i: usize, p: usize| {
        if i != p {
            faer::perm::swap_rows_idx(a.rb_mut(), i, p);
        }
    };
    if reverse {
        for (i, &p) in ipiv.iter().enumerate().rev() {
            one_swap(i, p);
        }
    } else {
        for (i, &p) in ipiv.iter().enumerate() {
            one_swap(i, p);
        }
    }
}

fn recursive<T: Elem>(
    mut a: faer::MatMut<'_, T>,
    ipiv: &mut [usize],
    offset: usize,
    first_zero: &mut Option<usize>,
    ctx: Ctx,
) {
    let (m, n) = (a.nrows(), a.ncols());
    let k = m.min(n);
    if k == 0 {
        return;
    }
    if n <= UNBLOCKED_COLS || m == 1 {
        unblocked(a, ipiv, offset, first_zero);
        return;
    }
    let n1 = k / 2;
    let (ipiv1, ipiv2) = ipiv.split_at_mut(n1);
    let ipiv2 = &mut ipiv2[..k - n1];
    // [A11; A21]
    recursive(a.rb_mut().get_mut(.., ..n1), ipiv1, offset, first_zero, ctx);
    // [A12; A22]
    apply_swaps(a.rb_mut().get_mut(.., n1..), ipiv1, false);
    {
        let (a11, mut a12, a21, a22) = a.rb_mut().split_at_mut(n1, n1);
        let par = ctx.par(Ctx::mnk(n1, n - n1, n1) / 2.0);
        ts::solve_unit_lower_triangular_in_place(a11.rb(), a12.rb_mut(), par);
        let par = ctx.par(Ctx::mnk(m - n1, n - n1, n1));
        matmul(a22, faer::Accum::Add, a21.rb(), a12.rb(), -one::<T>(), par);
    }
    recursive(
        a.rb_mut().get_mut(n1.., n1..),
        ipiv2,
        offset + n1,
        first_zero,
        ctx,
    );
    apply_swaps(a.rb_mut().get_mut(n1.., ..n1), ipiv2, false);
    for p in ipiv2.iter_mut() {
        *p += n1;
    }
}

/// LAPACK `getf2`: right-looking, one column at a time.
fn unblocked<T: Elem>(
    mut a: faer::MatMut<'_, T>,
    ipiv: &mut [usize],
    offset: usize,
    first_zero: &mut Option<usize>,
) {
    let (m, n) = (a.nrows(), a.ncols());
    let sfmin = <Real<T> as Float>::min_positive_value();
    for j in 0..m.min(n) {
        let mut p = j;
        let mut max = a[(j, j)].abs1();
        for i in j + 1..m {
            let v = a[(i, j)].abs1();
            if v > max {
                max = v;
                p = i;
            }
        }
        ipiv[j] = p;
        let piv = a[(p, j)];
        if piv != zero() {
            if p != j {
                faer::perm::swap_rows_idx(a.rb_mut(), j, p);
            }
            // LAPACK: scale by the reciprocal when it is representable,
            // else divide each element. Both the reciprocal and the
            // division of complex values avoid forming |piv|², which
            // under- or overflows long before piv does (issue 7).
            if piv.modulus() >= sfmin {
                let r = recip(piv);
                for i in j + 1..m {
                    a[(i, j)] *= r;
                }
            } else {
                for i in j + 1..m {
                    a[(i, j)] = div(a[(i, j)], piv);
                }
            }
        } else if first_zero.is_none() {
            *first_zero = Some(offset + j);
        }
        if j + 1 < m && j + 1 < n {
            let (_, a01, a10, a11) = a.rb_mut().split_at_mut(j + 1, j + 1);
            let row = a01.rb().get(j..j + 1, ..);
            let col = a10.rb().get(.., j..j + 1);
            matmul(a11, faer::Accum::Add, col, row, -one::<T>(), faer::Par::Seq);
        }
    }
}

/// `1/z` for a pivot `z ≠ 0`.
///
/// Real `z` and complex `z` whose `|z|²` is a normal number take the plain
/// `1/z` (for complex types `z̄/|z|²`; unchanged, bit for bit, for
/// well-scaled pivots). Below `|z| ≈ √min_positive` (≈ 1e-19 for `c32`)
/// `|z|²` underflows to zero or to a subnormal, above `√(max/2)` it
/// overflows: then Smith's algorithm, as LAPACK's `ladiv` (issue 7).
#[inline]
pub(crate) fn recip<T: Elem>(z: T) -> T {
    if T::IS_COMPLEX {
        let big = Float::max(Float::abs(z.re()), Float::abs(z.im()));
        let tiny = <Real<T> as Float>::min_positive_value();
        let huge = <Real<T> as Float>::max_value();
        let two = one::<Real<T>>() + one::<Real<T>>();
        if !(big >= Float::sqrt(tiny) && big <= Float::sqrt(huge / two)) {
            return div(one(), z);
        }
    }
    one::<T>() / z
}

/// `x / z` without the spurious under- or overflow of `x·z̄/|z|²`: Smith's
/// algorithm for complex types, with Stewart's fix when the ratio of the
/// parts of `z` underflows. Plain division for real types.
#[inline]
pub(crate) fn div<T: Elem>(x: T, z: T) -> T {
    if !T::IS_COMPLEX {
        return x / z;
    }
    let (a, b) = (x.re(), x.im());
    let (c, d) = (z.re(), z.im());
    let rzero = Real::<T>::default();
    if Float::abs(c) >= Float::abs(d) {
        if c == rzero {
            // z = 0: the plain quotient (Inf or NaN).
            return x / z;
        }
        let r = d / c;
        let den = c + d * r;
        if r == rzero {
            T::from_parts((a + d * (b / c)) / den, (b - d * (a / c)) / den)
        } else {
            T::from_parts((a + b * r) / den, (b - a * r) / den)
        }
    } else {
        // |d| > |c| (or a NaN part: the quotient is NaN).
        let r = c / d;
        let den = d + c * r;
        if r == rzero {
            T::from_parts((c * (a / d) + b) / den, (c * (b / d) - a) / den)
        } else {
            T::from_parts((a * r + b) / den, (b * r - a) / den)
        }
    }
}

/// Checks that `ipiv` describes interchanges within `n` rows.
fn check_ipiv(ipiv: &[usize], n: usize) -> Result<()> {
    if ipiv.len() != n || ipiv.iter().any(|&p| p >= n) {
        return Err(Error::invalid(
            "ipiv",
            "pivot indices must come from getrf on this matrix",
        ));
    }
    Ok(())
}

/// Solves `op(A)·X = B` with the factors of [`getrf`].
pub(crate) fn getrs<T: Elem>(
    trans: Trans,
    lu: faer::MatRef<'_, T>,
    ipiv: &[usize],
    mut b: faer::MatMut<'_, T>,
    ctx: Ctx,
) -> Result<()> {
    let n = lu.nrows();
    check_ipiv(ipiv, n)?;
    let par = ctx.par(Ctx::mnk(n, b.ncols(), n) / 2.0);
    match trans {
        Trans::No => {
            apply_swaps(b.rb_mut(), ipiv, false);
            ts::solve_unit_lower_triangular_in_place(lu, b.rb_mut(), par);
            ts::solve_upper_triangular_in_place(lu, b.rb_mut(), par);
        }
        Trans::Trans | Trans::ConjTrans => {
            let conj = trans == Trans::ConjTrans && T::IS_COMPLEX;
            let lt = lu.transpose();
            // op(U) is lower, op(L) unit upper.
            ts::solve_lower_triangular_in_place_with_conj(lt, conj_flag(conj), b.rb_mut(), par);
            ts::solve_unit_upper_triangular_in_place_with_conj(
                lt,
                conj_flag(conj),
                b.rb_mut(),
                par,
            );
            apply_swaps(b, ipiv, true);
        }
    }
    Ok(())
}

/// Replaces the factors of [`getrf`] by `A⁻¹`.
pub(crate) fn getri<T: Elem>(mut a: faer::MatMut<'_, T>, ipiv: &[usize], ctx: Ctx) -> Result<()> {
    let n = a.nrows();
    check_ipiv(ipiv, n)?;
    if let Some(i) = (0..n).find(|&i| a[(i, i)] == zero()) {
        return Err(Error::Singular { pivot: i + 1 });
    }
    // A⁻¹ = U⁻¹·L⁻¹·P: invert the triangles into a copy, then undo the row
    // interchanges on the columns, last first.
    let mut lu = Scratch::copy_of(a.rb(), "getri")?;
    let par = ctx.par(Ctx::mnk(n, n, n) / 3.0);
    {
        let mut inv = lu.as_mut();
        faer::linalg::triangular_inverse::invert_unit_lower_triangular(a.rb_mut(), inv.rb(), par);
        faer::linalg::triangular_inverse::invert_upper_triangular(a.rb_mut(), inv.rb(), par);
        // inv ← U⁻¹ · L⁻¹ (both stored in `a`).
        faer::linalg::matmul::triangular::matmul(
            inv.rb_mut(),
            faer::linalg::matmul::triangular::BlockStructure::Rectangular,
            faer::Accum::Replace,
            a.rb(),
            faer::linalg::matmul::triangular::BlockStructure::TriangularUpper,
            a.rb(),
            faer::linalg::matmul::triangular::BlockStructure::UnitTriangularLower,
            one::<T>(),
            ctx.par(Ctx::mnk(n, n, n) / 3.0),
        );
    }
    a.copy_from(lu.as_ref());
    // A⁻¹·P: apply the column interchanges in reverse order.
    let mut at = a.transpose_mut();
    apply_swaps(at.rb_mut(), ipiv, true);
    Ok(())
}
