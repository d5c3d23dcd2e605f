//! Dense `c64` helpers shared by the generators, kernels and checkers.
//!
//! Everything here works on owned column-major `Mat<c64>` values; products
//! use compensated accumulation ([`crate::accum`]).

use linmux_core::{Mat, MatRef, Scalar, Trans, Uplo, VecRef, c64};

use crate::accum::ComplexSum;

/// `a` widened exactly to `c64` (a pending conjugation is applied).
pub fn widen<T: Scalar>(a: MatRef<'_, T>) -> Mat<c64> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| a.at(i, j).to_c64())
}

/// `x` widened exactly to `c64`, as an `n × 1` matrix.
pub fn widen_vec<T: Scalar>(x: VecRef<'_, T>) -> Mat<c64> {
    Mat::from_fn(x.len(), 1, |i, _| x.at(i).to_c64())
}

/// `a` rounded to `T`.
pub fn narrow<T: Scalar>(a: &Mat<c64>) -> Mat<T> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| T::from_c64(a[(i, j)]))
}

/// `op(a)`.
pub fn op(t: Trans, a: &Mat<c64>) -> Mat<c64> {
    match t {
        Trans::No => a.clone(),
        Trans::Trans => a.transpose(),
        Trans::ConjTrans => a.adjoint(),
    }
}

/// `a·b`, compensated.
///
/// # Panics
/// If the inner dimensions differ.
pub fn matmul(a: &Mat<c64>, b: &Mat<c64>) -> Mat<c64> {
    assert_eq!(a.ncols(), b.nrows(), "matmul: inner dimensions differ");
    Mat::from_fn(a.nrows(), b.ncols(), |i, j| {
        let mut s = ComplexSum::new();
        for l in 0..a.ncols() {
            // An exact zero contributes nothing, also against a NaN or ∞:
            // the structural zeros of band, packed and triangular operands
            // are never read by the operations these references check.
            let (x, y) = (a[(i, l)], b[(l, j)]);
            if x != c64::new(0.0, 0.0) && y != c64::new(0.0, 0.0) {
                s.add_product(x, y);
            }
        }
        s.value()
    })
}

/// `a − b`.
pub fn sub(a: &Mat<c64>, b: &Mat<c64>) -> Mat<c64> {
    assert_eq!(a.shape(), b.shape(), "sub: shapes differ");
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| a[(i, j)] - b[(i, j)])
}

/// Elementwise moduli `|aᵢⱼ|` (as real `c64` values).
pub fn abs(a: &Mat<c64>) -> Mat<c64> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| c64::new(a[(i, j)].norm(), 0.0))
}

/// Frobenius norm (`NaN` if any entry is `NaN`).
pub fn fro(a: &Mat<c64>) -> f64 {
    let mut scale = 0.0f64;
    let mut any_nan = false;
    for z in a.as_slice() {
        let m = z.re.abs().max(z.im.abs());
        any_nan |= z.re.is_nan() || z.im.is_nan();
        scale = scale.max(m);
    }
    if any_nan {
        return f64::NAN;
    }
    if scale == 0.0 || !scale.is_finite() {
        return scale;
    }
    let mut s = 0.0;
    for z in a.as_slice() {
        let (r, i) = (z.re / scale, z.im / scale);
        s += r * r + i * i;
    }
    scale * s.sqrt()
}

/// The `n × n` identity.
pub fn eye(n: usize) -> Mat<c64> {
    Mat::identity(n)
}

/// The Hermitian (`herm = true`) or symmetric matrix whose `uplo` triangle is
/// that of `a`; for Hermitian matrices the diagonal's imaginary part is dropped.
pub fn from_triangle(a: &Mat<c64>, uplo: Uplo, herm: bool) -> Mat<c64> {
    let n = a.nrows();
    Mat::from_fn(n, n, |i, j| {
        let stored = match uplo {
            Uplo::Upper => i <= j,
            Uplo::Lower => i >= j,
        };
        let v = if stored { a[(i, j)] } else { a[(j, i)] };
        if i == j && herm {
            c64::new(v.re, 0.0)
        } else if !stored && herm {
            v.conj()
        } else {
            v
        }
    })
}

/// The triangular matrix stored in the `uplo` triangle of `a` (other triangle
/// zero, diagonal one if `unit`).
pub fn triangle(a: &Mat<c64>, uplo: Uplo, unit: bool) -> Mat<c64> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
        if i == j && unit {
            c64::new(1.0, 0.0)
        } else if (uplo == Uplo::Upper && i <= j) || (uplo == Uplo::Lower && i >= j) {
            a[(i, j)]
        } else {
            c64::new(0.0, 0.0)
        }
    })
}

/// Solves `t·x = b` for triangular `t` (lower if `lower`) by substitution with
/// compensated inner products.
pub fn tri_solve(t: &Mat<c64>, lower: bool, b: &Mat<c64>) -> Mat<c64> {
    let n = t.nrows();
    assert_eq!(b.nrows(), n, "tri_solve: shapes differ");
    let mut x = Mat::zeros(n, b.ncols());
    for c in 0..b.ncols() {
        let order: Box<dyn Iterator<Item = usize>> = if lower {
            Box::new(0..n)
        } else {
            Box::new((0..n).rev())
        };
        for i in order {
            let mut s = ComplexSum::new();
            s.add(b[(i, c)]);
            let range = if lower { 0..i } else { i + 1..n };
            for l in range {
                // As in `matmul`: a structural zero is never read.
                if t[(i, l)] != c64::new(0.0, 0.0) {
                    s.add_product(-t[(i, l)], x[(l, c)]);
                }
            }
            x[(i, c)] = s.value() / t[(i, i)];
        }
    }
    x
}

/// Householder QR in LAPACK's `geqrf` form: returns the packed matrix (`R` on
/// and above the diagonal, `v` below, `v₀ = 1` implicit) and `τ`, with
/// `H = I − τ·v·vᴴ`, `Hᴴ·x = β·e₁`, `A = H₁⋯H_k·R`.
pub fn householder_qr(a: &Mat<c64>) -> (Mat<c64>, Vec<c64>) {
    let (m, n) = a.shape();
    let k = m.min(n);
    let mut r = a.clone();
    let mut tau = Vec::with_capacity(k);
    for i in 0..k {
        let alpha = r[(i, i)];
        let xnorm = fro(&Mat::from_fn(m - i - 1, 1, |l, _| r[(i + 1 + l, i)]));
        if xnorm == 0.0 && alpha.im == 0.0 {
            tau.push(c64::new(0.0, 0.0));
            continue;
        }
        let norm = alpha.norm().hypot(xnorm);
        let beta = if alpha.re >= 0.0 { -norm } else { norm };
        let t = c64::new((beta - alpha.re) / beta, -alpha.im / beta);
        let scale = c64::new(1.0, 0.0) / (alpha - beta);
        for l in i + 1..m {
            r[(l, i)] *= scale;
        }
        r[(i, i)] = c64::new(beta, 0.0);
        // Apply Hᴴ = I − conj(τ)·v·vᴴ to the trailing columns.
        for j in i + 1..n {
            let mut w = ComplexSum::new();
            w.add(r[(i, j)]);
            for l in i + 1..m {
                w.add_product(r[(l, i)].conj(), r[(l, j)]);
            }
            let w = w.value() * t.conj();
            r[(i, j)] -= w;
            for l in i + 1..m {
                let v = r[(l, i)];
                r[(l, j)] -= v * w;
            }
        }
        tau.push(t);
    }
    (r, tau)
}

/// The first `ncols` columns of `Q = H₁⋯H_k` from a packed `geqrf` result
/// (`k = tau.len()`, reflector `i` stored below the diagonal of column `i`).
pub fn form_q(packed: &Mat<c64>, tau: &[c64], ncols: usize) -> Mat<c64> {
    let m = packed.nrows();
    let mut q = Mat::from_fn(m, ncols, |i, j| {
        if i == j {
            c64::new(1.0, 0.0)
        } else {
            c64::new(0.0, 0.0)
        }
    });
    for (i, &t) in tau.iter().enumerate().rev() {
        let v = |l: usize| {
            if l == i {
                c64::new(1.0, 0.0)
            } else {
                packed[(l, i)]
            }
        };
        // Q ← (I − τ·v·vᴴ)·Q
        for j in 0..ncols {
            let mut w = ComplexSum::new();
            for l in i..m {
                w.add_product(v(l).conj(), q[(l, j)]);
            }
            let w = w.value() * t;
            for l in i..m {
                let vl = v(l);
                q[(l, j)] -= vl * w;
            }
        }
    }
    q
}

/// A random-phase unitary `n × n` matrix from the QR of `g` (square).
pub fn unitary_from(g: &Mat<c64>) -> Mat<c64> {
    let n = g.nrows();
    let (packed, tau) = householder_qr(g);
    let mut q = form_q(&packed, &tau, n);
    // Q·diag(sign(R_ii)) makes the distribution independent of the sign convention.
    for j in 0..n {
        let d = packed[(j, j)];
        let ph = if d.norm() > 0.0 {
            d / d.norm()
        } else {
            c64::new(1.0, 0.0)
        };
        for i in 0..n {
            q[(i, j)] *= ph;
        }
    }
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(rows: &[&[f64]]) -> Mat<c64> {
        Mat::from_fn(rows.len(), rows[0].len(), |i, j| c64::new(rows[i][j], 0.0))
    }

    #[test]
    fn householder_qr_reconstructs() {
        let a = Mat::from_fn(5, 3, |i, j| {
            c64::new(
                (i * 3 + j) as f64 % 7.0 - 3.0,
                (i + 2 * j) as f64 % 3.0 - 1.0,
            )
        });
        let (packed, tau) = householder_qr(&a);
        let q = form_q(&packed, &tau, 5);
        let r = Mat::from_fn(5, 3, |i, j| {
            if i <= j {
                packed[(i, j)]
            } else {
                c64::new(0.0, 0.0)
            }
        });
        let resid = fro(&sub(&matmul(&q, &r), &a));
        assert!(resid <= 1e-14 * fro(&a), "resid {resid}");
        let orth = fro(&sub(&matmul(&q.adjoint(), &q), &eye(5)));
        assert!(orth <= 1e-14, "orth {orth}");
        for i in 0..3 {
            assert_eq!(packed[(i, i)].im, 0.0, "R diagonal is real");
        }
    }

    #[test]
    fn tri_solve_by_hand() {
        // [2 0; 1 4] x = [2; 9] → x = [1; 2]
        let t = m(&[&[2.0, 0.0], &[1.0, 4.0]]);
        let x = tri_solve(&t, true, &m(&[&[2.0], &[9.0]]));
        assert_eq!(x, m(&[&[1.0], &[2.0]]));
        let u = t.transpose();
        // [2 1; 0 4] x = [4; 8] → x = [1; 2]
        let x = tri_solve(&u, false, &m(&[&[4.0], &[8.0]]));
        assert_eq!(x, m(&[&[1.0], &[2.0]]));
    }

    #[test]
    fn from_triangle_builds_hermitian() {
        let a = Mat::from_fn(2, 2, |i, j| c64::new((i + 2 * j) as f64, 1.0 + i as f64));
        let h = from_triangle(&a, Uplo::Upper, true);
        assert_eq!(h[(1, 0)], a[(0, 1)].conj());
        assert_eq!(h[(0, 0)].im, 0.0);
        let s = from_triangle(&a, Uplo::Lower, false);
        assert_eq!(s[(0, 1)], a[(1, 0)]);
        assert_eq!(s[(1, 1)], a[(1, 1)]);
    }

    #[test]
    fn fro_is_scaled() {
        let a = m(&[&[3e200, 4e200]]);
        assert!((fro(&a) / 5e200 - 1.0).abs() < 1e-15);
        assert_eq!(fro(&Mat::zeros(0, 3)), 0.0);
        assert!(fro(&m(&[&[f64::NAN, f64::INFINITY]])).is_nan());
    }
}
