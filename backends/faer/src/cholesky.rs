//! Cholesky factorization (`potrf`, `potrs`).
//!
//! faer's in-place Cholesky writes scratch values into the strict upper
//! triangle of small diagonal blocks, and LAPACK promises that the other
//! triangle is untouched. So the recursion (LAPACK `potrf2`: factor, solve,
//! Hermitian rank-k update, factor) runs here on faer's triangular solve and
//! [`crate::tri`]'s triangle-only product, and only the small diagonal blocks go through faer's
//! kernel, on a copy of their lower triangle.

use faer::dyn_stack::MemStack;
use faer::linalg::cholesky::llt::factor::{
    LltRegularization, cholesky_in_place, cholesky_in_place_scratch,
};
use faer::linalg::triangular_solve as ts;
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Conj, Par};
use linmux_core::{Error, Result, Uplo};

use crate::elem::{Ctx, Elem, Scratch, one, with_stack};

/// Order of the diagonal blocks handed to faer's kernel.
const BASE: usize = 64;

/// `A = L·Lᴴ` (`Lower`) or `UᴴU` (`Upper`) in the `uplo` triangle.
pub(crate) fn potrf<T: Elem>(uplo: Uplo, a: faer::MatMut<'_, T>, ctx: Ctx) -> Result<()> {
    // A's upper triangle is the lower triangle of the transposed view, which
    // shows Aᵀ = conj(A). If Aᵀ = L·Lᴴ then A = conj(L)·Lᵀ = UᴴU with U = Lᵀ,
    // and L written through the transposed view is exactly U in A's upper
    // triangle.
    let a = match uplo {
        Uplo::Lower => a,
        Uplo::Upper => a.transpose_mut(),
    };
    let b = a.nrows().min(BASE);
    let mut block = Scratch::<T>::zeros(b, b, "potrf")?;
    let req = cholesky_in_place_scratch::<T>(b, Par::Seq, Default::default());
    let res = with_stack(req, "potrf", |stack| {
        recursive(a, 0, &mut block, stack, ctx)
    })?;
    res.map_err(|j| Error::NotPositiveDefinite { minor: j + 1 })
}

/// Factors the lower triangle of `a`; `Err(j)` with the global 0-based index
/// of the first non-positive pivot.
fn recursive<T: Elem>(
    mut a: faer::MatMut<'_, T>,
    offset: usize,
    block: &mut Scratch<T>,
    stack: &mut MemStack,
    ctx: Ctx,
) -> core::result::Result<(), usize> {
    let n = a.nrows();
    if n <= BASE {
        return base(a, offset, block, stack);
    }
    let n1 = n / 2;
    let (mut a11, _, mut a21, mut a22) = a.rb_mut().split_at_mut(n1, n1);
    recursive(a11.rb_mut(), offset, block, stack, ctx)?;
    let cj = if T::IS_COMPLEX { Conj::Yes } else { Conj::No };
    let m2 = n - n1;
    // A21 ← A21·L11⁻ᴴ, i.e. conj(L11)·A21ᵀ = A21ᵀ solved in place.
    let par = ctx.par(Ctx::mnk(m2, n1, n1) / 2.0);
    ts::solve_lower_triangular_in_place_with_conj(a11.rb(), cj, a21.rb_mut().transpose_mut(), par);
    // A22 ← A22 − A21·A21ᴴ, lower triangle only (never faer's triangular
    // destination: see crate::tri).
    let par = ctx.par(Ctx::mnk(m2, m2, n1) / 2.0);
    crate::tri::matmul_into_triangle(
        a22.rb_mut(),
        Uplo::Lower,
        Accum::Add,
        a21.rb(),
        Conj::No,
        a21.rb().transpose(),
        cj,
        -one::<T>(),
        par,
    );
    recursive(a22, offset + n1, block, stack, ctx)
}

/// faer's kernel on a copy of the lower triangle of a small block.
fn base<T: Elem>(
    mut a: faer::MatMut<'_, T>,
    offset: usize,
    block: &mut Scratch<T>,
    stack: &mut MemStack,
) -> core::result::Result<(), usize> {
    let n = a.nrows();
    let mut s = block.as_mut().submatrix_mut(0, 0, n, n);
    s.copy_from_triangular_lower(a.rb());
    // A Hermitian matrix has a real diagonal: only its real part is read
    // (as LAPACK does). The Schur-complement update leaves rounding-level
    // imaginary parts there (a fused x·conj(x)), and faer's kernel would
    // carry them into a complex square root: R's diagonal must be exactly
    // real and positive.
    if T::IS_COMPLEX {
        for i in 0..n {
            let d = s.rb_mut().get_mut(i, i);
            *d = T::from_real(d.re());
        }
    }
    let res = cholesky_in_place(
        s.rb_mut(),
        LltRegularization::default(),
        Par::Seq,
        stack,
        Default::default(),
    );
    if T::IS_COMPLEX {
        // faer's kernel updates its own diagonal the same way: the
        // factor's diagonal is the real square root, exactly real.
        for i in 0..n {
            let d = s.rb_mut().get_mut(i, i);
            *d = T::from_real(d.re());
        }
    }
    a.copy_from_triangular_lower(s.rb());
    res.map(|_| ()).map_err(|e| match e {
        faer::linalg::cholesky::llt::factor::LltError::NonPositivePivot { index } => offset + index,
    })
}

/// Solves `A·X = B` with the factor of [`potrf`].
pub(crate) fn potrs<T: Elem>(
    uplo: Uplo,
    a: faer::MatRef<'_, T>,
    mut b: faer::MatMut<'_, T>,
    ctx: Ctx,
) {
    let n = a.nrows();
    let par = ctx.par(Ctx::mnk(n, b.ncols(), n) / 2.0);
    let cj = if T::IS_COMPLEX { Conj::Yes } else { Conj::No };
    match uplo {
        Uplo::Lower => {
            ts::solve_lower_triangular_in_place(a, b.rb_mut(), par);
            ts::solve_upper_triangular_in_place_with_conj(a.transpose(), cj, b, par);
        }
        Uplo::Upper => {
            ts::solve_lower_triangular_in_place_with_conj(a.transpose(), cj, b.rb_mut(), par);
            ts::solve_upper_triangular_in_place(a, b, par);
        }
    }
}
