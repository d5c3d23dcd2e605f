//! Products whose destination is one triangle of a square matrix (`syrk`,
//! `herk`, `syr2k`, `her2k`, and the trailing update of Cholesky).
//!
//! faer can write a triangular destination itself
//! (`triangular::matmul_with_conj` with `BlockStructure::TriangularLower`),
//! but on x86-64 it hands that case to `private-gemm-x86` with
//! `DstKind::Lower`, whose AVX2 (`Avx256`) c64 kernel writes one element of
//! the strict upper triangle (faer 0.24.4, private-gemm-x86 0.1.22: on an
//! AVX2-only EPYC `C[1,3]` of a 4×4 c64 `syrk` changed; the AVX-512 kernel and
//! the other types were correct). So the triangle is built here from
//! rectangular products only: off-diagonal blocks go straight to faer's
//! rectangular matmul, diagonal blocks of at most [`DIAG_BLOCK`] are computed
//! whole into a stack block and only their triangle is copied out (no
//! allocation). The extra work is
//! `n·DIAG_BLOCK·k` multiply-adds against `n²·k/2`.

use faer::linalg::matmul::matmul_with_conj;
use faer::reborrow::ReborrowMut;
use faer::{Accum, Conj, Par};
use linmux_core::Uplo;

use crate::elem::{Elem, zero};

/// Largest diagonal block computed whole.
pub(crate) const DIAG_BLOCK: usize = 32;

/// `C ← α·op(L)·op(R) (+ C)` on the `uplo` triangle of the square `C`
/// (diagonal included), where `op` conjugates when the flag says so. The
/// other triangle is neither read nor written.
#[allow(clippy::too_many_arguments, reason = "a matmul signature")]
pub(crate) fn matmul_into_triangle<T: Elem>(
    c: faer::MatMut<'_, T>,
    uplo: Uplo,
    accum: Accum,
    l: faer::MatRef<'_, T>,
    conj_l: Conj,
    r: faer::MatRef<'_, T>,
    conj_r: Conj,
    alpha: T,
    par: Par,
) {
    // One diagonal block at a time: 32² elements (16 KiB for c64) on the stack.
    let mut scratch = [zero::<T>(); DIAG_BLOCK * DIAG_BLOCK];
    match uplo {
        Uplo::Lower => lower(c, accum, l, conj_l, r, conj_r, alpha, par, &mut scratch),
        // The upper triangle of C is the lower triangle of Cᵀ = op(R)ᵀ·op(L)ᵀ
        // (transposing does not change which operand is conjugated).
        Uplo::Upper => lower(
            c.transpose_mut(),
            accum,
            r.transpose(),
            conj_r,
            l.transpose(),
            conj_l,
            alpha,
            par,
            &mut scratch,
        ),
    }
}

#[allow(clippy::too_many_arguments, reason = "a matmul signature")]
fn lower<T: Elem>(
    mut c: faer::MatMut<'_, T>,
    accum: Accum,
    l: faer::MatRef<'_, T>,
    conj_l: Conj,
    r: faer::MatRef<'_, T>,
    conj_r: Conj,
    alpha: T,
    par: Par,
    scratch: &mut [T; DIAG_BLOCK * DIAG_BLOCK],
) {
    let n = c.nrows();
    if n <= DIAG_BLOCK {
        let mut t = faer::MatMut::from_column_major_slice_mut(&mut scratch[..n * n], n, n);
        matmul_with_conj(
            t.rb_mut(),
            Accum::Replace,
            l,
            conj_l,
            r,
            conj_r,
            alpha,
            Par::Seq,
        );
        for j in 0..n {
            for i in j..n {
                let v = t[(i, j)];
                let x = &mut c[(i, j)];
                *x = match accum {
                    Accum::Replace => v,
                    Accum::Add => *x + v,
                };
            }
        }
        return;
    }
    let h = n / 2;
    let (c11, _, c21, c22) = c.rb_mut().split_at_mut(h, h);
    let (l1, l2) = l.split_at_row(h);
    let (r1, r2) = r.split_at_col(h);
    matmul_with_conj(c21, accum, l2, conj_l, r1, conj_r, alpha, par);
    lower(c11, accum, l1, conj_l, r1, conj_r, alpha, par, scratch);
    lower(c22, accum, l2, conj_l, r2, conj_r, alpha, par, scratch);
}
