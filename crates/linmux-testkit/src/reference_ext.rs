//! Reference kernels for the BLAS routines [`crate::reference`] does not
//! cover: plane rotations, the mixed-precision dots, real scaling of complex
//! vectors, the banded and packed Level 2 operations, and the symmetric and
//! Hermitian rank-1 and rank-2 updates.
//!
//! The contract is [`crate::reference`]'s: inputs are widened exactly to
//! `c64`, sums are compensated ([`crate::accum`]), every result is rounded
//! once to `T` and returned as an [`Expected`] with an elementwise bound
//! `c·(k+2)·ε_T·|terms|` ([`crate::tol::blas_factor`], `k` the number of
//! terms actually summed: the band width, not `n`). Elements the operation
//! must not change carry their input value and a bound of zero.
//!
//! Where reference BLAS (Netlib, `BLAS/SRC/*.f`) specifies more than the
//! mathematics, the kernels follow it exactly:
//! - `gbmv`, `hbmv`, `hpmv`: `α = 0` and `β = 1` leave `y` unchanged;
//!   `β = 0` does not read `y`; `α = 0` does not read `A` or `x`. One
//!   deliberate difference: an empty `op(A)·x` gives `β·y`, linmux's contract
//!   (as [`crate::reference::gemv`]), where reference BLAS returns `y`
//!   unchanged;
//! - banded operands: only the band is read; Hermitian/symmetric band and
//!   packed operands only their `uplo` part (the upper band `k = ku` or the
//!   lower band `k = kl` of a [`BandRef`]), with the imaginary parts of the
//!   diagonal taken as zero; triangular ones with [`Diag::Unit`] not the
//!   diagonal;
//! - `tbsv`/`tpsv` do not test for singularity: a zero pivot gives the
//!   infinities and NaNs of plain substitution;
//! - rank updates (`syr`, `her`, `syr2`, `her2` and the packed `spr`, `hpr`,
//!   `spr2`, `hpr2`): `α = 0` returns `A` unchanged (the diagonal of a
//!   Hermitian `A` keeps its imaginary parts); otherwise only the `uplo`
//!   triangle is written, an element whose update is exactly zero
//!   (`xᵢ = 0` or `xⱼ = 0`, for `syr`) keeps its value — reference BLAS skips
//!   a column `j` with `xⱼ = 0` entirely — and the Hermitian updates make
//!   the whole diagonal exactly real, skipped columns included;
//! - packed results are returned as the `n × n` matrix with the stored
//!   triangle in place and zeros elsewhere (bound zero): compare them with
//!   [`packed_to_mat`] of the updated storage.
//!
//! ```
//! use linmux_core::{BandRef, PackedOrder, Trans, VecRef};
//! use linmux_testkit::reference_ext::{band_storage, gbmv};
//! use linmux_testkit::{Rng, data::random_mat};
//! let a = random_mat::<f64>(&mut Rng::new(3), 4, 5);
//! // A's tridiagonal part in CBLAS row-major band storage, lda = 4 (padded).
//! let data = band_storage(&a, 1, 1, 4, PackedOrder::RowMajor);
//! let band = BandRef::from_row_major(&data, 4, 5, 1, 1, 4)?;
//! let x = [1.0, 0.0, 0.0, 0.0, 0.0];
//! let y = [f64::NAN; 4]; // β = 0: never read
//! let e = gbmv(Trans::No, 2.0, band, VecRef::from_slice(&x), 0.0, VecRef::from_slice(&y));
//! // 2·A·e₀ is twice A's first column, cut to the band.
//! e.assert_vec(VecRef::from_slice(&[2.0 * a[(0, 0)], 2.0 * a[(1, 0)], 0.0, 0.0]));
//! # Ok::<(), linmux_core::Error>(())
//! ```

use linmux_core::{
    BandRef, Diag, Mat, MatRef, PackedOrder, PackedRef, RealScalar, Scalar, Trans, Uplo, VecRef,
    c64,
};

use crate::accum::{CompensatedSum, ComplexSum};
use crate::dense;
use crate::reference::Expected;
use crate::tol::{BLAS_C, blas_factor, eps};

// ---- assembling results ----------------------------------------------------

/// One element of a result.
#[derive(Clone, Copy)]
enum Out<T> {
    /// Computed: the exact value (before the final rounding to `T`) and the
    /// magnitude `|terms|` its bound scales with.
    Computed(c64, f64),
    /// A value the operation must leave (or produce) bit for bit: bound zero.
    Kept(T),
}

fn assemble<T: Scalar>(
    op: &'static str,
    nrows: usize,
    ncols: usize,
    factor: f64,
    real_diagonal: bool,
    mut f: impl FnMut(usize, usize) -> Out<T>,
) -> Expected<T> {
    let mut value = Mat::zeros(nrows, ncols);
    let mut bound = Mat::zeros(nrows, ncols);
    for j in 0..ncols {
        for i in 0..nrows {
            match f(i, j) {
                Out::Computed(z, mag) => {
                    value[(i, j)] = T::from_c64(z);
                    bound[(i, j)] = factor * mag;
                }
                Out::Kept(v) => value[(i, j)] = v,
            }
        }
    }
    Expected {
        op,
        value,
        bound,
        real_diagonal,
    }
}

fn assemble_vec<T: Scalar>(
    op: &'static str,
    len: usize,
    factor: f64,
    mut f: impl FnMut(usize) -> Out<T>,
) -> Expected<T> {
    assemble(op, len, 1, factor, false, |i, _| f(i))
}

fn unchanged<T: Scalar>(op: &'static str, x: VecRef<'_, T>) -> Expected<T> {
    assemble_vec(op, x.len(), 0.0, |i| Out::Kept(x.at(i)))
}

fn widened<T: Scalar>(x: VecRef<'_, T>) -> Vec<c64> {
    x.iter().map(Scalar::to_c64).collect()
}

fn real(x: f64) -> c64 {
    c64::new(x, 0.0)
}

// ---- operands as the entries an operation reads ------------------------------

/// A matrix as the entries an operation reads — plus the ones it assumes
/// (unit diagonals, Hermitian mirrors) — row by row in column order. Every
/// other entry is a structural zero that is never read.
#[derive(Clone, Debug)]
struct Entries {
    nrows: usize,
    ncols: usize,
    rows: Vec<Vec<(usize, c64)>>,
}

impl Entries {
    fn new(
        nrows: usize,
        ncols: usize,
        entries: impl IntoIterator<Item = (usize, usize, c64)>,
    ) -> Self {
        let mut rows = vec![Vec::new(); nrows];
        for (i, j, v) in entries {
            rows[i].push((j, v));
        }
        for r in &mut rows {
            r.sort_by_key(|e| e.0);
        }
        Self { nrows, ncols, rows }
    }

    fn entries(&self) -> impl Iterator<Item = (usize, usize, c64)> + '_ {
        self.rows
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.iter().map(move |&(j, v)| (i, j, v)))
    }

    /// `op(A)`.
    fn op(&self, trans: Trans) -> Self {
        match trans {
            Trans::No => self.clone(),
            Trans::Trans => Self::new(
                self.ncols,
                self.nrows,
                self.entries().map(|(i, j, v)| (j, i, v)),
            ),
            Trans::ConjTrans => Self::new(
                self.ncols,
                self.nrows,
                self.entries().map(|(i, j, v)| (j, i, v.conj())),
            ),
        }
    }

    /// The largest number of entries in a row: the length of the longest
    /// inner product.
    fn width(&self) -> usize {
        self.rows.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Row `i` times `x`, and `Σ |aᵢₗ|·|xₗ|`.
    fn row_dot(&self, i: usize, x: &[c64]) -> (c64, f64) {
        let mut s = ComplexSum::new();
        let mut m = CompensatedSum::new();
        for &(l, v) in &self.rows[i] {
            s.add_product(v, x[l]);
            m.add_product(v.norm(), x[l].norm());
        }
        (s.value(), m.value())
    }

    fn to_mat(&self) -> Mat<c64> {
        let mut a = Mat::zeros(self.nrows, self.ncols);
        for (i, j, v) in self.entries() {
            a[(i, j)] = v;
        }
        a
    }
}

/// The `(i, j)` of the `uplo` triangle of an `n × n` matrix within `k` of the
/// diagonal (`0 ≤ j − i ≤ k` or `0 ≤ i − j ≤ k`), column by column.
fn triangle_band(n: usize, uplo: Uplo, k: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |j| {
        let (lo, hi) = match uplo {
            Uplo::Upper => (j.saturating_sub(k), j),
            Uplo::Lower => (j, j.saturating_add(k).min(n - 1)),
        };
        (lo..=hi).map(move |i| (i, j))
    })
}

/// The triangular matrix stored in the `uplo` triangle within `k` of the
/// diagonal; with [`Diag::Unit`] the diagonal is one and not read.
fn triangular<T: Scalar>(
    n: usize,
    uplo: Uplo,
    diag: Diag,
    k: usize,
    read: impl Fn(usize, usize) -> T,
) -> Entries {
    Entries::new(
        n,
        n,
        triangle_band(n, uplo, k).map(|(i, j)| {
            let v = if i == j && diag == Diag::Unit {
                real(1.0)
            } else {
                read(i, j).to_c64()
            };
            (i, j, v)
        }),
    )
}

/// The Hermitian (symmetric for real `T`) matrix whose `uplo` triangle
/// within `k` of the diagonal is stored; the diagonal's imaginary parts are
/// taken as zero.
fn hermitian<T: Scalar>(
    n: usize,
    uplo: Uplo,
    k: usize,
    read: impl Fn(usize, usize) -> T,
) -> Entries {
    Entries::new(
        n,
        n,
        triangle_band(n, uplo, k).flat_map(|(i, j)| {
            let v = read(i, j).to_c64();
            if i == j {
                vec![(i, i, real(v.re))]
            } else {
                vec![(i, j, v), (j, i, v.conj())]
            }
        }),
    )
}

fn band_read<T: Scalar>(a: BandRef<'_, T>) -> impl Fn(usize, usize) -> T {
    move |i, j| match a.get(i, j) {
        Some(v) => v,
        None => unreachable!("({i}, {j}) is inside the band"),
    }
}

fn packed_read<T: Scalar>(ap: PackedRef<'_, T>) -> impl Fn(usize, usize) -> T {
    move |i, j| match ap.get(i, j) {
        Some(v) => v,
        None => unreachable!("({i}, {j}) is in the stored triangle"),
    }
}

/// The band part `k` of a square [`BandRef`] on the `uplo` side.
#[track_caller]
fn square_band<T: Scalar>(name: &str, uplo: Uplo, a: BandRef<'_, T>) -> (usize, usize) {
    assert_eq!(
        a.nrows(),
        a.ncols(),
        "{name}: the band matrix must be square, it is {:?}",
        a.shape()
    );
    let k = match uplo {
        Uplo::Upper => a.ku(),
        Uplo::Lower => a.kl(),
    };
    (a.nrows(), k)
}

// ---- storage helpers -------------------------------------------------------

/// The band of `a` (`kl` sub-, `ku` superdiagonals) in BLAS column-major or
/// CBLAS row-major band storage with leading dimension `ld`; every slot
/// outside the band holds the NaN [`crate::layout::sentinel`], so an
/// operation that reads one shows it.
///
/// # Panics
/// If `ld < kl + ku + 1`.
pub fn band_storage<T: Scalar>(
    a: &Mat<T>,
    kl: usize,
    ku: usize,
    ld: usize,
    order: PackedOrder,
) -> Vec<T> {
    let (m, n) = a.shape();
    assert!(
        kl.checked_add(ku).is_some_and(|w| w < ld),
        "band_storage: ld = {ld} is smaller than kl + ku + 1"
    );
    let outer = match order {
        PackedOrder::ColMajor => n,
        PackedOrder::RowMajor => m,
    };
    let mut data = vec![crate::layout::sentinel::<T>(); ld * outer];
    for j in 0..n {
        for i in 0..m {
            if j <= i + ku && i <= j + kl {
                let k = match order {
                    PackedOrder::ColMajor => (ku + i - j) + j * ld,
                    PackedOrder::RowMajor => (kl + j - i) + i * ld,
                };
                data[k] = a[(i, j)];
            }
        }
    }
    data
}

/// The `uplo` triangle of the square `a` in column- or row-major packed
/// storage (`n(n+1)/2` elements).
///
/// # Panics
/// If `a` is not square.
pub fn packed_storage<T: Scalar>(a: &Mat<T>, uplo: Uplo, order: PackedOrder) -> Vec<T> {
    let n = a.nrows();
    assert_eq!(a.ncols(), n, "packed_storage: the matrix is not square");
    let stored = |i: usize, j: usize| match uplo {
        Uplo::Upper => i <= j,
        Uplo::Lower => i >= j,
    };
    let mut out = Vec::with_capacity(n * (n + 1) / 2);
    for outer in 0..n {
        for inner in 0..n {
            let (i, j) = match order {
                PackedOrder::ColMajor => (inner, outer),
                PackedOrder::RowMajor => (outer, inner),
            };
            if stored(i, j) {
                out.push(a[(i, j)]);
            }
        }
    }
    out
}

/// The `m × n` matrix of a band view: the band, and zeros elsewhere.
pub fn band_to_mat<T: Scalar>(a: BandRef<'_, T>) -> Mat<T> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| {
        a.get(i, j).unwrap_or_else(T::zero)
    })
}

/// The `n × n` matrix of a packed view: the stored triangle, and zeros in the
/// other (the form the packed rank updates' [`Expected`] values take).
pub fn packed_to_mat<T: Scalar>(ap: PackedRef<'_, T>) -> Mat<T> {
    Mat::from_fn(ap.n(), ap.n(), |i, j| ap.get(i, j).unwrap_or_else(T::zero))
}

// ---- BLAS 1 ----------------------------------------------------------------

/// Constructs a plane rotation, as `rotg`: the value is the 4-vector
/// `[a, b, c, s]` as the four arguments stand after the call (`c` real).
///
/// Real types (`srotg`, `drotg`): `[r, z, c, s]` with
/// `[c s; −s c]·[a; b] = [r; 0]`, `r = σ·√(a² + b²)` where `σ` is the sign
/// of `a` if `|a| > |b|` and of `b` otherwise; `z = s` if `|a| > |b|`,
/// `1/c` if `c ≠ 0`, else `1`. `b = 0` gives `(a, 0, 1, 0)` and `a = 0`
/// gives `(b, 1, 0, 1)`, exactly.
///
/// Complex types (`crotg`, `zrotg`): `[r, b, c, s]` with real `c`,
/// `[c s; −s̄ c]·[a; b] = [r; 0]`, `c = |a|/√(|a|² + |b|²)`,
/// `s = sgn(a)·b̄/√(…)`, `r = sgn(a)·√(…)`, `sgn(0) = 1`; `b` is an input
/// only. For real `a`, `b` this agrees with `drotg` only when `|a| > |b|`
/// or the signs match: `zrotg(−3, 4)` gives `r = −5, c = 0.6, s = −0.8`
/// where `drotg` gives `r = 5, c = −0.6, s = 0.8`.
///
/// Bound: `c·(k+2)·ε·|value|` (`k = 2` real, `4` complex), zero for the
/// exact special cases.
pub fn rotg<T: Scalar>(a: T, b: T) -> Expected<T> {
    let (f, g) = (a.to_c64(), b.to_c64());
    let zero = real(0.0);
    let kept = |v: [T; 4]| assemble_vec("rotg", 4, 0.0, |i| Out::Kept(v[i]));
    if !T::IS_COMPLEX {
        let (fa, ga) = (f.re.abs(), g.re.abs());
        if ga == 0.0 {
            return kept([a, T::zero(), T::one(), T::zero()]);
        }
        if fa == 0.0 {
            return kept([b, T::one(), T::zero(), T::one()]);
        }
        let sigma = if fa > ga {
            f.re.signum()
        } else {
            g.re.signum()
        };
        let r = sigma * f.re.hypot(g.re);
        let (c, s) = (f.re / r, g.re / r);
        // Which z depends on c rounded to T, as the routine sees it.
        let z = if fa > ga {
            s
        } else if T::from_c64(real(c)) != T::zero() {
            1.0 / c
        } else {
            1.0
        };
        let v = [r, z, c, s];
        return assemble_vec("rotg", 4, blas_factor::<T>(2), |i| {
            Out::Computed(real(v[i]), v[i].abs())
        });
    }
    if g == zero {
        return kept([a, b, T::one(), T::zero()]);
    }
    let (fa, ga) = (f.norm(), g.norm());
    let (r, c, s) = if f == zero {
        (real(ga), 0.0, g.conj() / ga)
    } else {
        let h = fa.hypot(ga);
        (f * (h / fa), fa / h, (f / fa) * (g.conj() / h))
    };
    assemble_vec("rotg", 4, blas_factor::<T>(4), |i| match i {
        0 => Out::Computed(r, r.norm()),
        1 => Out::Kept(b),
        2 if c == 0.0 => Out::Kept(T::zero()),
        2 => Out::Computed(real(c), c),
        _ => Out::Computed(s, s.norm()),
    })
}

fn check_pair<T: Scalar>(name: &str, x: VecRef<'_, T>, y: VecRef<'_, T>) {
    assert_eq!(x.len(), y.len(), "{name}: x and y lengths differ");
}

/// Applies the plane rotation with real `c`, `s`: `xᵢ ← c·xᵢ + s·yᵢ`,
/// `yᵢ ← c·yᵢ − s·xᵢ`, returning the new `(x, y)`. For complex types this is
/// `csrot`/`zdrot` (real and imaginary parts rotated alike). Bound
/// `c·4·ε·(|c|·|x| + |s|·|y|)`.
///
/// # Panics
/// If the lengths differ.
#[doc(alias = "csrot")]
#[doc(alias = "zdrot")]
pub fn rot<T: Scalar>(
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    c: T::Real,
    s: T::Real,
) -> (Expected<T>, Expected<T>) {
    check_pair("rot", x, y);
    let (c, s) = (c.to_f64(), s.to_f64());
    let (xs, ys) = (widened(x), widened(y));
    // Componentwise (a real times a complex), so an infinite imaginary part
    // does not leak into the real part.
    let comb = |p: f64, u: c64, q: f64, v: c64| {
        let mut re = CompensatedSum::new();
        let mut im = CompensatedSum::new();
        re.add_product(p, u.re);
        re.add_product(q, v.re);
        im.add_product(p, u.im);
        im.add_product(q, v.im);
        let mag = p.abs() * u.norm() + q.abs() * v.norm();
        Out::Computed(c64::new(re.value(), im.value()), mag)
    };
    let factor = blas_factor::<T>(2);
    (
        assemble_vec("rot", x.len(), factor, |i| comb(c, xs[i], s, ys[i])),
        assemble_vec("rot", y.len(), factor, |i| comb(c, ys[i], -s, xs[i])),
    )
}

/// Applies the rotation with real `c` and complex `s` of LAPACK's
/// `crot`/`zrot` (not a BLAS or CBLAS routine): `xᵢ ← c·xᵢ + s·yᵢ`,
/// `yᵢ ← c·yᵢ − s̄·xᵢ` — the rotation [`rotg`] constructs for complex types.
/// For real types it is [`rot`]. Bound `c·4·ε·(|c|·|x| + |s|·|y|)`.
///
/// # Panics
/// If the lengths differ.
pub fn rot_complex_sine<T: Scalar>(
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    c: T::Real,
    s: T,
) -> (Expected<T>, Expected<T>) {
    check_pair("rot_complex_sine", x, y);
    let (c, s) = (real(c.to_f64()), s.to_c64());
    let (xs, ys) = (widened(x), widened(y));
    let comb = |p: c64, u: c64, q: c64, v: c64| {
        let mut acc = ComplexSum::new();
        acc.add_product(p, u);
        acc.add_product(q, v);
        Out::Computed(acc.value(), p.norm() * u.norm() + q.norm() * v.norm())
    };
    let factor = blas_factor::<T>(2);
    (
        assemble_vec("rot_complex_sine", x.len(), factor, |i| {
            comb(c, xs[i], s, ys[i])
        }),
        assemble_vec("rot_complex_sine", y.len(), factor, |i| {
            comb(c, ys[i], -s.conj(), xs[i])
        }),
    )
}

/// Applies the modified rotation `H` of `param = [flag, h11, h21, h12, h22]`
/// (`srotm`, `drotm`): `[xᵢ; yᵢ] ← H·[xᵢ; yᵢ]` with
/// - `flag = −2`: `H = I`, nothing changes (bound zero);
/// - `flag < 0` (−1): `H = [h11 h12; h21 h22]`;
/// - `flag = 0`: `H = [1 h12; h21 1]` (`h11`, `h22` not read);
/// - any other flag (1, but also NaN, as the routine's `else` branch):
///   `H = [h11 1; −1 h22]` (`h12`, `h21` not read).
///
/// Bound `c·4·ε·|H|·[|x|; |y|]`.
///
/// # Panics
/// If the lengths differ.
pub fn rotm<R: RealScalar>(
    x: VecRef<'_, R>,
    y: VecRef<'_, R>,
    param: [R; 5],
) -> (Expected<R>, Expected<R>) {
    check_pair("rotm", x, y);
    let p = param.map(RealScalar::to_f64);
    let flag = p[0];
    if flag == -2.0 {
        return (unchanged("rotm", x), unchanged("rotm", y));
    }
    let (h11, h12, h21, h22) = if flag < 0.0 {
        (p[1], p[3], p[2], p[4])
    } else if flag == 0.0 {
        (1.0, p[3], p[2], 1.0)
    } else {
        (p[1], 1.0, -1.0, p[4])
    };
    let (xs, ys) = (widened(x), widened(y));
    let comb = |p: f64, u: f64, q: f64, v: f64| {
        let mut s = CompensatedSum::new();
        s.add_product(p, u);
        s.add_product(q, v);
        Out::Computed(real(s.value()), p.abs() * u.abs() + q.abs() * v.abs())
    };
    let factor = blas_factor::<R>(2);
    (
        assemble_vec("rotm", x.len(), factor, |i| {
            comb(h11, xs[i].re, h12, ys[i].re)
        }),
        assemble_vec("rotm", y.len(), factor, |i| {
            comb(h21, xs[i].re, h22, ys[i].re)
        }),
    )
}

/// Most rescaling rounds `rotmg` can need: each moves `d` by `2²⁴`, and the
/// whole `f64` range (subnormals included) spans about `2²¹⁰⁰`.
const ROTMG_MAX_ROUNDS: usize = 200;

/// Constructs the modified Givens transformation that zeroes the second
/// component of `(√d1·x1, √d2·y1)`, as `srotmg`/`drotmg` (`cblas_drotmg(d1,
/// d2, b1 = x1, b2 = y1, P)`): the value is the 8-vector
/// `[d1, d2, x1, flag, h11, h21, h12, h22]` as `d1`, `d2`, `b1` and `P`
/// stand after the call.
///
/// Computed in `R`'s own arithmetic, step by step as `drotmg.f`, since its
/// branches (which `H` form, how many rescalings by `γ = 4096`) depend on
/// rounded intermediates; there is no widening to do. Reference BLAS
/// details kept:
/// - `d2·y1 = 0`: only `flag = −2` is written; `d1`, `d2`, `x1` and
///   `param[1..]` keep their values;
/// - `d1 < 0`, or a transformation that does not exist: `flag = −1` and
///   `d1 = d2 = x1 = 0`, `H = 0`;
/// - `param` entries the flag makes implicit are not written (`h11`, `h22`
///   for flag 0; `h21`, `h12` for flag 1), so they keep their input values.
///
/// Bound `c·6·ε·|value|` for the computed entries, zero for the flag and the
/// entries not written.
///
/// # Panics
/// If `d1` or `d2` is infinite (the routine's rescaling loop never ends).
#[allow(
    clippy::many_single_char_names,
    reason = "the names of drotmg.f, so the two read side by side"
)]
pub fn rotmg<R: RealScalar>(d1: R, d2: R, x1: R, y1: R, param: [R; 5]) -> Expected<R> {
    let k = |v: f64| R::from_f64(v);
    let (zero, one) = (R::zero(), R::one());
    let (gam, gamsq, rgamsq) = (k(4096.0), k(16_777_216.0), k(5.960_464_5e-8));
    let (d1_in, d2_in, x1_in) = (d1, d2, x1);
    let (mut d1, mut d2, mut x1) = (d1, d2, x1);
    let (mut h11, mut h12, mut h21, mut h22) = (zero, zero, zero, zero);
    let mut flag;
    if d1 < zero {
        flag = -one;
        (d1, d2, x1) = (zero, zero, zero);
    } else {
        let p2 = d2 * y1;
        if p2 == zero {
            let mut p = param;
            p[0] = k(-2.0);
            let v = [d1_in, d2_in, x1_in, p[0], p[1], p[2], p[3], p[4]];
            return assemble_vec("rotmg", 8, 0.0, |i| Out::Kept(v[i]));
        }
        let p1 = d1 * x1;
        let q2 = p2 * y1;
        let q1 = p1 * x1;
        if q1.abs() > q2.abs() {
            h21 = -y1 / x1;
            h12 = p2 / p1;
            let u = one - h12 * h21;
            if u > zero {
                flag = zero;
                d1 /= u;
                d2 /= u;
                x1 *= u;
            } else {
                flag = -one;
                (h11, h12, h21, h22) = (zero, zero, zero, zero);
                (d1, d2, x1) = (zero, zero, zero);
            }
        } else if q2 < zero {
            flag = -one;
            (h11, h12, h21, h22) = (zero, zero, zero, zero);
            (d1, d2, x1) = (zero, zero, zero);
        } else {
            flag = one;
            h11 = p1 / p2;
            h22 = x1 / y1;
            let u = one + h11 * h22;
            let t = d2 / u;
            d2 = d1 / u;
            d1 = t;
            x1 = y1 * u;
        }
        // Rescaling makes H explicit: flag 0 or 1 becomes −1.
        let explicit = |flag: &mut R, h11: &mut R, h12: &mut R, h21: &mut R, h22: &mut R| {
            if *flag == zero {
                (*h11, *h22) = (one, one);
                *flag = -one;
            } else if *flag == one {
                (*h21, *h12) = (-one, one);
                *flag = -one;
            }
        };
        if d1 != zero {
            let mut rounds = 0;
            while d1 <= rgamsq || d1 >= gamsq {
                rounds += 1;
                assert!(
                    rounds <= ROTMG_MAX_ROUNDS,
                    "rotmg: d1 = {d1:?} cannot be rescaled"
                );
                explicit(&mut flag, &mut h11, &mut h12, &mut h21, &mut h22);
                if d1 <= rgamsq {
                    d1 *= gamsq;
                    x1 /= gam;
                    h11 /= gam;
                    h12 /= gam;
                } else {
                    d1 /= gamsq;
                    x1 *= gam;
                    h11 *= gam;
                    h12 *= gam;
                }
            }
        }
        if d2 != zero {
            let mut rounds = 0;
            while d2.abs() <= rgamsq || d2.abs() >= gamsq {
                rounds += 1;
                assert!(
                    rounds <= ROTMG_MAX_ROUNDS,
                    "rotmg: d2 = {d2:?} cannot be rescaled"
                );
                explicit(&mut flag, &mut h11, &mut h12, &mut h21, &mut h22);
                if d2.abs() <= rgamsq {
                    d2 *= gamsq;
                    h21 /= gam;
                    h22 /= gam;
                } else {
                    d2 /= gamsq;
                    h21 *= gam;
                    h22 *= gam;
                }
            }
        }
    }
    // Which H entries the flag says are written.
    let (w11, w21, w12, w22) = if flag < zero {
        (true, true, true, true)
    } else if flag == zero {
        (false, true, true, false)
    } else {
        (true, false, false, true)
    };
    let computed = |v: R| Out::Computed(v.to_c64(), v.to_f64().abs());
    let entry = |written: bool, h: R, old: R| if written { computed(h) } else { Out::Kept(old) };
    let outs = [
        computed(d1),
        computed(d2),
        computed(x1),
        Out::Kept(flag),
        entry(w11, h11, param[1]),
        entry(w21, h21, param[2]),
        entry(w12, h12, param[3]),
        entry(w22, h22, param[4]),
    ];
    assemble_vec("rotmg", 8, blas_factor::<R>(4), |i| outs[i])
}

/// `sb + Σ xᵢ·yᵢ` accumulated in `f64`, rounded to `f32` (`sdsdot`;
/// `cblas_sdsdot(n, alpha = sb, x, incx, y, incy)`). Bound
/// `c·(ε_f32·|value| + (n+2)·ε_f64·(|sb| + Σ|xᵢ·yᵢ|))`: the final rounding
/// plus an `f64` accumulation — an `f32` accumulation fails it under
/// cancellation.
///
/// # Panics
/// If the lengths differ.
pub fn sdsdot(sb: f32, x: VecRef<'_, f32>, y: VecRef<'_, f32>) -> Expected<f32> {
    check_pair("sdsdot", x, y);
    let (v, mag) = mixed_dot(f64::from(sb), x, y);
    let bound = BLAS_C * eps::<f32>() * v.abs() + blas_factor::<f64>(x.len()) * mag;
    let mut e = assemble_vec("sdsdot", 1, 0.0, |_| Out::Computed(real(v), 0.0));
    e.bound[(0, 0)] = bound;
    e
}

/// `Σ xᵢ·yᵢ` of `f32` vectors accumulated and returned in `f64` (`dsdot`).
/// Bound `c·(n+2)·ε_f64·Σ|xᵢ·yᵢ|`.
///
/// # Panics
/// If the lengths differ.
pub fn dsdot(x: VecRef<'_, f32>, y: VecRef<'_, f32>) -> Expected<f64> {
    check_pair("dsdot", x, y);
    let (v, mag) = mixed_dot(0.0, x, y);
    assemble_vec("dsdot", 1, blas_factor::<f64>(x.len()), |_| {
        Out::Computed(real(v), mag)
    })
}

fn mixed_dot(start: f64, x: VecRef<'_, f32>, y: VecRef<'_, f32>) -> (f64, f64) {
    let mut s = CompensatedSum::new();
    let mut m = CompensatedSum::new();
    s.add(start);
    m.add(start.abs());
    for (a, b) in x.iter().zip(y.iter()) {
        // An f32 product is exact in f64.
        s.add_product(f64::from(a), f64::from(b));
        m.add_product(f64::from(a).abs(), f64::from(b).abs());
    }
    (s.value(), m.value())
}

/// `α·x` with real `α`, real and imaginary parts scaled separately
/// (`csscal`, `zdscal`; `sscal`, `dscal` for real types). `α = 1` returns `x`
/// unchanged (the routines return at once). Bound `c·3·ε·|α|·|xᵢ|`.
#[doc(alias = "csscal")]
#[doc(alias = "zdscal")]
pub fn scal_real<T: Scalar>(alpha: T::Real, x: VecRef<'_, T>) -> Expected<T> {
    let a = alpha.to_f64();
    if a == 1.0 {
        return unchanged("scal_real", x);
    }
    assemble_vec("scal_real", x.len(), blas_factor::<T>(1), |i| {
        let z = x.at(i).to_c64();
        // Componentwise: α·(re, im), never a complex product with (α, 0).
        Out::Computed(c64::new(a * z.re, a * z.im), a.abs() * z.norm())
    })
}

// ---- BLAS 2: banded and packed -------------------------------------------

/// `α·op(A)·x + β·y` with the reference BLAS special cases (module docs).
fn matvec<T: Scalar>(
    name: &'static str,
    alpha: T,
    a: &Entries,
    x: VecRef<'_, T>,
    beta: T,
    y: VecRef<'_, T>,
    empty: bool,
) -> Expected<T> {
    assert!(
        a.ncols == x.len() && a.nrows == y.len(),
        "{name}: op(A) is {}×{}, x has {}, y has {}",
        a.nrows,
        a.ncols,
        x.len(),
        y.len()
    );
    if empty || (alpha == T::zero() && beta == T::one()) {
        return unchanged(name, y);
    }
    let xs = widened(x);
    let (al, be) = (alpha.to_c64(), beta.to_c64());
    assemble_vec(name, y.len(), blas_factor::<T>(a.width()), |i| {
        let mut s = ComplexSum::new();
        let mut mag = CompensatedSum::new();
        if alpha != T::zero() {
            let (v, m) = a.row_dot(i, &xs);
            s.add_product(al, v);
            mag.add_product(al.norm(), m);
        }
        if beta != T::zero() {
            let yi = y.at(i).to_c64();
            s.add_product(be, yi);
            mag.add_product(be.norm(), yi.norm());
        }
        Out::Computed(s.value(), mag.value())
    })
}

/// `α·op(A)·x + β·y`, `A` an `m × n` band matrix (`gbmv`): only the band is
/// read; `α = 0` and `β = 1` leave `y` unchanged, and an empty `op(A)·x`
/// gives `β·y` (linmux's contract, as for `gemv`; reference BLAS returns
/// early there).
///
/// # Panics
/// If the shapes do not fit.
pub fn gbmv<T: Scalar>(
    trans: Trans,
    alpha: T,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecRef<'_, T>,
) -> Expected<T> {
    let (m, n) = a.shape();
    let entries = Entries::new(
        m,
        n,
        (0..n)
            .flat_map(|j| {
                let lo = j.saturating_sub(a.ku());
                let hi = j.saturating_add(a.kl()).saturating_add(1).min(m);
                (lo..hi).map(move |i| (i, j))
            })
            .map(|(i, j)| (i, j, band_read(a)(i, j).to_c64())),
    );
    matvec(
        "gbmv",
        alpha,
        &entries.op(trans),
        x,
        beta,
        y,
        // linmux's contract, as for gemv: an empty op(A)·x still gives
        // y ← β·y (reference BLAS returns early and leaves y as it was).
        false,
    )
}

/// `α·A·x + β·y`, `A` Hermitian (symmetric for real types: `ssbmv`,
/// `dsbmv`; `chbmv`, `zhbmv`) with `k` super- or subdiagonals, stored as
/// the upper band `k = ku` (`uplo = Upper`) or the lower band `k = kl`
/// (`Lower`) of the square `a`; the other side of the band is not read, nor
/// the imaginary parts of the diagonal.
///
/// # Panics
/// If `a` is not square or the lengths do not fit.
#[doc(alias = "sbmv")]
pub fn hbmv<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecRef<'_, T>,
) -> Expected<T> {
    let (n, k) = square_band("hbmv", uplo, a);
    let h = hermitian(n, uplo, k, band_read(a));
    matvec("hbmv", alpha, &h, x, beta, y, n == 0)
}

/// `α·A·x + β·y`, `A` Hermitian (symmetric for real types: `sspmv`,
/// `dspmv`; `chpmv`, `zhpmv`) from its packed triangle `ap.uplo()`,
/// diagonal imaginary parts taken as zero.
///
/// # Panics
/// If the lengths do not fit.
#[doc(alias = "spmv")]
pub fn hpmv<T: Scalar>(
    alpha: T,
    ap: PackedRef<'_, T>,
    x: VecRef<'_, T>,
    beta: T,
    y: VecRef<'_, T>,
) -> Expected<T> {
    let n = ap.n();
    let h = hermitian(n, ap.uplo(), n, packed_read(ap));
    matvec("hpmv", alpha, &h, x, beta, y, n == 0)
}

fn trimul<T: Scalar>(name: &'static str, t: &Entries, x: VecRef<'_, T>) -> Expected<T> {
    assert_eq!(
        t.nrows,
        x.len(),
        "{name}: A is {0}×{0} but x has {1}",
        t.nrows,
        x.len()
    );
    let xs = widened(x);
    assemble_vec(name, x.len(), blas_factor::<T>(t.width()), |i| {
        let (v, m) = t.row_dot(i, &xs);
        Out::Computed(v, m)
    })
}

/// Solves `t·X = x` by substitution (no singularity test) with the forward
/// error magnitude `|t⁻¹|·|t|·|X|`.
fn trisolve<T: Scalar>(
    name: &'static str,
    t: &Entries,
    lower: bool,
    x: VecRef<'_, T>,
) -> Expected<T> {
    assert_eq!(
        t.nrows,
        x.len(),
        "{name}: A is {0}×{0} but x has {1}",
        t.nrows,
        x.len()
    );
    let tm = t.to_mat();
    let sol = dense::tri_solve(&tm, lower, &dense::widen_vec(x));
    let tinv = dense::tri_solve(&tm, lower, &dense::eye(t.nrows));
    let mag = dense::matmul(
        &dense::matmul(&dense::abs(&tinv), &dense::abs(&tm)),
        &dense::abs(&sol),
    );
    assemble_vec(name, x.len(), blas_factor::<T>(t.width()), |i| {
        Out::Computed(sol[(i, 0)], mag[(i, 0)].re)
    })
}

/// Whether `op(T)` is lower triangular.
fn op_is_lower(uplo: Uplo, trans: Trans) -> bool {
    (uplo == Uplo::Lower) != trans.is_transposed()
}

/// `op(A)·x`, `A` triangular with `k` super- (`Upper`, `k = ku`) or
/// subdiagonals (`Lower`, `k = kl`) in the square band `a` (`tbmv`); the
/// other side of the band is not read, nor the diagonal with [`Diag::Unit`].
///
/// # Panics
/// If `a` is not square or `x` has the wrong length.
pub fn tbmv<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
) -> Expected<T> {
    let (n, k) = square_band("tbmv", uplo, a);
    let t = triangular(n, uplo, diag, k, band_read(a)).op(trans);
    trimul("tbmv", &t, x)
}

/// `op(A)⁻¹·x`, `A` triangular banded as in [`tbmv`] (`tbsv`), without a
/// singularity test. Bound: the forward error bound
/// `c·(k+3)·ε·|op(A)⁻¹|·|op(A)|·|x̂|`.
///
/// # Panics
/// If `a` is not square or `x` has the wrong length.
pub fn tbsv<T: Scalar>(
    uplo: Uplo,
    trans: Trans,
    diag: Diag,
    a: BandRef<'_, T>,
    x: VecRef<'_, T>,
) -> Expected<T> {
    let (n, k) = square_band("tbsv", uplo, a);
    let t = triangular(n, uplo, diag, k, band_read(a)).op(trans);
    trisolve("tbsv", &t, op_is_lower(uplo, trans), x)
}

/// `op(A)·x`, `A` triangular from its packed triangle `ap.uplo()` (`tpmv`);
/// with [`Diag::Unit`] the diagonal is not read.
///
/// # Panics
/// If `x` has the wrong length.
pub fn tpmv<T: Scalar>(
    trans: Trans,
    diag: Diag,
    ap: PackedRef<'_, T>,
    x: VecRef<'_, T>,
) -> Expected<T> {
    let n = ap.n();
    let t = triangular(n, ap.uplo(), diag, n, packed_read(ap)).op(trans);
    trimul("tpmv", &t, x)
}

/// `op(A)⁻¹·x`, `A` triangular from its packed triangle (`tpsv`), without a
/// singularity test. Bound as [`tbsv`].
///
/// # Panics
/// If `x` has the wrong length.
pub fn tpsv<T: Scalar>(
    trans: Trans,
    diag: Diag,
    ap: PackedRef<'_, T>,
    x: VecRef<'_, T>,
) -> Expected<T> {
    let n = ap.n();
    let t = triangular(n, ap.uplo(), diag, n, packed_read(ap)).op(trans);
    trisolve("tpsv", &t, op_is_lower(ap.uplo(), trans), x)
}

// ---- BLAS 2: rank-1 and rank-2 updates --------------------------------------

/// One term `coef·uᵢ·vⱼ` of an update (`v` already conjugated if need be).
struct Term {
    coef: c64,
    u: Vec<c64>,
    v: Vec<c64>,
}

/// How the stored triangle of `A` is read and what the rest holds.
struct Target<R, O> {
    n: usize,
    uplo: Uplo,
    read: R,
    outside: O,
}

fn rank_update<T: Scalar>(
    name: &'static str,
    herm: bool,
    alpha_is_zero: bool,
    terms: &[Term],
    target: Target<impl Fn(usize, usize) -> T, impl Fn(usize, usize) -> T>,
) -> Expected<T> {
    let Target {
        n,
        uplo,
        read,
        outside,
    } = target;
    let stored = |i: usize, j: usize| match uplo {
        Uplo::Upper => i <= j,
        Uplo::Lower => i >= j,
    };
    if alpha_is_zero {
        return assemble(name, n, n, 0.0, false, |i, j| {
            Out::Kept(if stored(i, j) {
                read(i, j)
            } else {
                outside(i, j)
            })
        });
    }
    assemble(name, n, n, blas_factor::<T>(terms.len()), herm, |i, j| {
        if !stored(i, j) {
            return Out::Kept(outside(i, j));
        }
        let a = read(i, j).to_c64();
        // Hermitian: the diagonal's imaginary part is ignored, and dropped.
        let a = if herm && i == j { real(a.re) } else { a };
        let mut s = ComplexSum::new();
        let mut upd = CompensatedSum::new();
        s.add(a);
        for t in terms {
            s.add_product(t.coef, t.u[i] * t.v[j]);
            upd.add_product(t.coef.norm(), t.u[i].norm() * t.v[j].norm());
        }
        let upd = upd.value();
        if upd == 0.0 {
            // The update is exactly zero: the element keeps its value (made
            // real on a Hermitian diagonal).
            return Out::Kept(T::from_c64(a));
        }
        let mut v = s.value();
        if herm && i == j {
            v.im = 0.0;
        }
        Out::Computed(v, a.norm() + upd)
    })
}

fn check_square<T: Scalar>(name: &str, a: MatRef<'_, T>, n: usize) {
    assert!(
        a.nrows() == n && a.ncols() == n,
        "{name}: A is {:?} but the vectors have length {n}",
        a.shape()
    );
}

fn mat_target<'a, T: Scalar>(
    uplo: Uplo,
    a: MatRef<'a, T>,
) -> Target<impl Fn(usize, usize) -> T + 'a, impl Fn(usize, usize) -> T + 'a> {
    Target {
        n: a.nrows(),
        uplo,
        read: move |i, j| a.at(i, j),
        outside: move |i, j| a.at(i, j),
    }
}

fn packed_target<'a, T: Scalar>(
    ap: PackedRef<'a, T>,
) -> Target<impl Fn(usize, usize) -> T + 'a, impl Fn(usize, usize) -> T + 'a> {
    Target {
        n: ap.n(),
        uplo: ap.uplo(),
        read: packed_read(ap),
        outside: |_, _| T::zero(),
    }
}

fn conj_all(x: &[c64]) -> Vec<c64> {
    x.iter().map(c64::conj).collect()
}

fn syr_terms<T: Scalar>(alpha: T, x: VecRef<'_, T>) -> [Term; 1] {
    let xs = widened(x);
    [Term {
        coef: alpha.to_c64(),
        u: xs.clone(),
        v: xs,
    }]
}

fn her_terms<T: Scalar>(alpha: T::Real, x: VecRef<'_, T>) -> [Term; 1] {
    let xs = widened(x);
    [Term {
        coef: real(alpha.to_f64()),
        v: conj_all(&xs),
        u: xs,
    }]
}

fn syr2_terms<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> [Term; 2] {
    let (xs, ys) = (widened(x), widened(y));
    let al = alpha.to_c64();
    [
        Term {
            coef: al,
            u: xs.clone(),
            v: ys.clone(),
        },
        Term {
            coef: al,
            u: ys,
            v: xs,
        },
    ]
}

fn her2_terms<T: Scalar>(alpha: T, x: VecRef<'_, T>, y: VecRef<'_, T>) -> [Term; 2] {
    let (xs, ys) = (widened(x), widened(y));
    let al = alpha.to_c64();
    [
        Term {
            coef: al,
            v: conj_all(&ys),
            u: xs.clone(),
        },
        Term {
            coef: al.conj(),
            v: conj_all(&xs),
            u: ys,
        },
    ]
}

/// `A + α·x·xᵀ` on the `uplo` triangle of the square `a` (`ssyr`, `dsyr`);
/// the other triangle is returned unchanged. For complex types this is the
/// unconjugated update of LAPACK's `csyr`/`zsyr` (CBLAS has no complex
/// `syr`; use [`her`] for `cblas_cher`/`cblas_zher`).
///
/// # Panics
/// If `a` is not `len(x) × len(x)`.
pub fn syr<T: Scalar>(uplo: Uplo, alpha: T, x: VecRef<'_, T>, a: MatRef<'_, T>) -> Expected<T> {
    check_square("syr", a, x.len());
    rank_update(
        "syr",
        false,
        alpha == T::zero(),
        &syr_terms(alpha, x),
        mat_target(uplo, a),
    )
}

/// `A + α·x·xᴴ` with real `α` on the `uplo` triangle of the Hermitian `a`
/// (`cher`, `zher`; `ssyr`, `dsyr` for real types). The imaginary parts of
/// the diagonal are ignored and, when `α ≠ 0`, the whole diagonal of the
/// result is exactly real; `α = 0` returns `A` as it is.
///
/// # Panics
/// If `a` is not `len(x) × len(x)`.
pub fn her<T: Scalar>(
    uplo: Uplo,
    alpha: T::Real,
    x: VecRef<'_, T>,
    a: MatRef<'_, T>,
) -> Expected<T> {
    check_square("her", a, x.len());
    let zero = alpha.to_f64() == 0.0;
    rank_update("her", true, zero, &her_terms(alpha, x), mat_target(uplo, a))
}

/// `A + α·x·yᵀ + α·y·xᵀ` on the `uplo` triangle (`ssyr2`, `dsyr2`; for
/// complex types the unconjugated update, which no BLAS, CBLAS or LAPACK
/// routine performs).
///
/// # Panics
/// If `a` is not `len(x) × len(x)` or the vector lengths differ.
pub fn syr2<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatRef<'_, T>,
) -> Expected<T> {
    check_pair("syr2", x, y);
    check_square("syr2", a, x.len());
    rank_update(
        "syr2",
        false,
        alpha == T::zero(),
        &syr2_terms(alpha, x, y),
        mat_target(uplo, a),
    )
}

/// `A + α·x·yᴴ + ᾱ·y·xᴴ` on the `uplo` triangle of the Hermitian `a`
/// (`cher2`, `zher2`; `ssyr2`, `dsyr2` for real types); diagonal as [`her`].
///
/// # Panics
/// If `a` is not `len(x) × len(x)` or the vector lengths differ.
pub fn her2<T: Scalar>(
    uplo: Uplo,
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    a: MatRef<'_, T>,
) -> Expected<T> {
    check_pair("her2", x, y);
    check_square("her2", a, x.len());
    rank_update(
        "her2",
        true,
        alpha == T::zero(),
        &her2_terms(alpha, x, y),
        mat_target(uplo, a),
    )
}

fn check_packed<T: Scalar>(name: &str, ap: PackedRef<'_, T>, n: usize) {
    assert_eq!(
        ap.n(),
        n,
        "{name}: A is {0}×{0} but x has length {n}",
        ap.n()
    );
}

/// [`syr`] on packed storage (`sspr`, `dspr`; LAPACK's `cspr`/`zspr` for
/// complex types). The value is the `n × n` matrix of the updated storage as
/// [`packed_to_mat`] shows it.
///
/// ```
/// use linmux_core::{PackedRef, Uplo, VecRef};
/// use linmux_testkit::reference_ext::{packed_to_mat, spr};
/// let mut ap = vec![1.0, 0.0, 1.0]; // upper triangle of I₂
/// let x = [1.0, 2.0];
/// let e = spr(0.5, VecRef::from_slice(&x), PackedRef::from_col_major(&ap, 2, Uplo::Upper)?);
/// // A backend's sspr would update `ap` in place; here, by hand:
/// ap = vec![1.5, 1.0, 3.0];
/// e.assert_mat(packed_to_mat(PackedRef::from_col_major(&ap, 2, Uplo::Upper)?).as_ref());
/// # Ok::<(), linmux_core::Error>(())
/// ```
///
/// # Panics
/// If `ap` is not `len(x) × len(x)`.
pub fn spr<T: Scalar>(alpha: T, x: VecRef<'_, T>, ap: PackedRef<'_, T>) -> Expected<T> {
    check_packed("spr", ap, x.len());
    rank_update(
        "spr",
        false,
        alpha == T::zero(),
        &syr_terms(alpha, x),
        packed_target(ap),
    )
}

/// [`her`] on packed storage (`chpr`, `zhpr`; `sspr`, `dspr` for real types).
///
/// # Panics
/// If `ap` is not `len(x) × len(x)`.
pub fn hpr<T: Scalar>(alpha: T::Real, x: VecRef<'_, T>, ap: PackedRef<'_, T>) -> Expected<T> {
    check_packed("hpr", ap, x.len());
    let zero = alpha.to_f64() == 0.0;
    rank_update("hpr", true, zero, &her_terms(alpha, x), packed_target(ap))
}

/// [`syr2`] on packed storage (`sspr2`, `dspr2`).
///
/// # Panics
/// If `ap` is not `len(x) × len(x)` or the vector lengths differ.
pub fn spr2<T: Scalar>(
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    ap: PackedRef<'_, T>,
) -> Expected<T> {
    check_pair("spr2", x, y);
    check_packed("spr2", ap, x.len());
    rank_update(
        "spr2",
        false,
        alpha == T::zero(),
        &syr2_terms(alpha, x, y),
        packed_target(ap),
    )
}

/// [`her2`] on packed storage (`chpr2`, `zhpr2`; `sspr2`, `dspr2` for real
/// types).
///
/// # Panics
/// If `ap` is not `len(x) × len(x)` or the vector lengths differ.
pub fn hpr2<T: Scalar>(
    alpha: T,
    x: VecRef<'_, T>,
    y: VecRef<'_, T>,
    ap: PackedRef<'_, T>,
) -> Expected<T> {
    check_pair("hpr2", x, y);
    check_packed("hpr2", ap, x.len());
    rank_update(
        "hpr2",
        true,
        alpha == T::zero(),
        &her2_terms(alpha, x, y),
        packed_target(ap),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{
        nan, random_hermitian, random_mat, random_scalar, random_triangular, random_vec,
    };
    use crate::reference;
    use crate::rng::Rng;
    use linmux_core::{c32, c64};

    fn z(re: f64, im: f64) -> c64 {
        c64::new(re, im)
    }
    fn v<T: Scalar>(x: &[T]) -> VecRef<'_, T> {
        VecRef::from_slice(x)
    }

    macro_rules! for_each_type {
        ($f:ident) => {
            $f::<f32>();
            $f::<f64>();
            $f::<c32>();
            $f::<c64>();
        };
    }

    const ORDERS: [PackedOrder; 2] = [PackedOrder::ColMajor, PackedOrder::RowMajor];
    const UPLOS: [Uplo; 2] = [Uplo::Upper, Uplo::Lower];
    const TRANS: [Trans; 3] = [Trans::No, Trans::Trans, Trans::ConjTrans];
    const DIAGS: [Diag; 2] = [Diag::NonUnit, Diag::Unit];
    const SIZES: [usize; 4] = [0, 1, 2, 5];
    const BANDS: [(usize, usize); 7] = [(0, 0), (1, 0), (0, 1), (1, 1), (2, 1), (1, 3), (6, 6)];
    const WIDTHS: [usize; 4] = [0, 1, 2, 6];

    fn band_view<T: Scalar>(
        data: &[T],
        (m, n, kl, ku): (usize, usize, usize, usize),
        ld: usize,
        order: PackedOrder,
    ) -> BandRef<'_, T> {
        match order {
            PackedOrder::ColMajor => BandRef::from_col_major(data, m, n, kl, ku, ld),
            PackedOrder::RowMajor => BandRef::from_row_major(data, m, n, kl, ku, ld),
        }
        .unwrap()
    }

    fn packed_view<T: Scalar>(
        data: &[T],
        n: usize,
        uplo: Uplo,
        order: PackedOrder,
    ) -> PackedRef<'_, T> {
        match order {
            PackedOrder::ColMajor => PackedRef::from_col_major(data, n, uplo),
            PackedOrder::RowMajor => PackedRef::from_row_major(data, n, uplo),
        }
        .unwrap()
    }

    fn on_side(uplo: Uplo, i: usize, j: usize) -> bool {
        match uplo {
            Uplo::Upper => i <= j,
            Uplo::Lower => i >= j,
        }
    }

    /// Each result accepts the other's value.
    #[track_caller]
    fn assert_agree<T: Scalar>(a: &Expected<T>, b: &Expected<T>, what: &str) {
        if let Err(e) = a.check_mat(b.value.as_ref()) {
            panic!("{what}: {e}");
        }
        if let Err(e) = b.check_mat(a.value.as_ref()) {
            panic!("{what}: {e}");
        }
    }

    /// The same result, bit for bit (NaNs included).
    #[track_caller]
    fn assert_same<T: Scalar>(a: &Expected<T>, b: &Expected<T>, what: &str) {
        assert_eq!(
            (a.op, a.real_diagonal, &a.bound),
            (b.op, b.real_diagonal, &b.bound),
            "{what}"
        );
        assert_eq!(a.value.shape(), b.value.shape(), "{what}");
        let same = a.value.as_slice().iter().zip(b.value.as_slice());
        assert!(
            same.into_iter()
                .all(|(&x, &y)| crate::layout::same_bits(x, y)),
            "{what}"
        );
    }

    /// `a`'s bound is no looser than `b`'s (the band width, not `n`, counts).
    #[track_caller]
    fn assert_no_looser<T: Scalar>(a: &Expected<T>, b: &Expected<T>, what: &str) {
        let slack = 1.0 + 4.0 * f64::EPSILON;
        for (x, y) in a.bound.as_slice().iter().zip(b.bound.as_slice()) {
            assert!(*x <= *y * slack, "{what}: bound {x:e} > dense bound {y:e}");
        }
    }

    /// `d` with the elements outside `mask` replaced by `e`'s.
    fn masked<T: Scalar>(
        e: &Expected<T>,
        d: &Expected<T>,
        mask: impl Fn(usize, usize) -> bool,
    ) -> Expected<T> {
        let mut out = d.clone();
        let (m, n) = d.value.shape();
        for j in 0..n {
            for i in 0..m {
                if !mask(i, j) {
                    out.value[(i, j)] = e.value[(i, j)];
                    out.bound[(i, j)] = 0.0;
                }
            }
        }
        out.real_diagonal = e.real_diagonal;
        out
    }

    // ---- storage helpers ---------------------------------------------------

    #[test]
    fn storage_helpers_round_trip_through_the_views() {
        let mut rng = Rng::new(5);
        for (m, n) in [(0, 3), (1, 1), (3, 5), (5, 2)] {
            for (kl, ku) in BANDS {
                let a = random_mat::<c64>(&mut rng, m, n);
                for order in ORDERS {
                    let ld = kl + ku + 3;
                    let data = band_storage(&a, kl, ku, ld, order);
                    let view = band_view(&data, (m, n, kl, ku), ld, order);
                    let want = Mat::from_fn(m, n, |i, j| {
                        if j <= i + ku && i <= j + kl {
                            a[(i, j)]
                        } else {
                            c64::new(0.0, 0.0)
                        }
                    });
                    assert_eq!(band_to_mat(view), want);
                    // Exactly the band is stored; the rest is the NaN sentinel.
                    let stored = data.iter().filter(|x| !x.re.is_nan()).count();
                    assert_eq!(
                        stored,
                        (0..n)
                            .flat_map(|j| (0..m).map(move |i| (i, j)))
                            .filter(|&(i, j)| j <= i + ku && i <= j + kl)
                            .count()
                    );
                }
            }
        }
        for n in SIZES {
            let a = random_mat::<f32>(&mut rng, n, n);
            for uplo in UPLOS {
                for order in ORDERS {
                    let ap = packed_storage(&a, uplo, order);
                    assert_eq!(ap.len(), n * (n + 1) / 2);
                    let want =
                        Mat::from_fn(
                            n,
                            n,
                            |i, j| if on_side(uplo, i, j) { a[(i, j)] } else { 0.0 },
                        );
                    assert_eq!(packed_to_mat(packed_view(&ap, n, uplo, order)), want);
                }
            }
        }
    }

    // ---- BLAS 1 ------------------------------------------------------------

    #[test]
    fn real_rotg_follows_drotg() {
        let g = |a: f64, b: f64| rotg(a, b).to_vec();
        // |b| ≥ |a|: σ = sign(b), z = 1/c.
        let e = g(3.0, 4.0);
        assert_eq!((e[0], e[2], e[3]), (5.0, 0.6, 0.8));
        assert!((e[1] - 1.0 / 0.6).abs() <= 4.0 * f64::EPSILON);
        let e = g(-3.0, 4.0);
        assert_eq!((e[0], e[2], e[3]), (5.0, -0.6, 0.8));
        let e = g(3.0, -4.0);
        assert_eq!((e[0], e[2], e[3]), (-5.0, -0.6, 0.8));
        // |a| > |b|: σ = sign(a), z = s.
        assert_eq!(g(-4.0, 3.0), vec![-5.0, -0.6, 0.8, -0.6]);
        assert_eq!(g(4.0, -3.0), vec![5.0, -0.6, 0.8, -0.6]);
        // Special cases, exact and with zero bounds.
        let e = rotg(2.0f32, 0.0);
        assert_eq!(e.to_vec(), vec![2.0, 0.0, 1.0, 0.0]);
        assert!(e.bound.as_slice().iter().all(|&b| b == 0.0));
        assert_eq!(g(0.0, -2.0), vec![-2.0, 1.0, 0.0, 1.0]);
        assert_eq!(g(0.0, 0.0), vec![0.0, 0.0, 1.0, 0.0]);
        // c underflows in f32: z = 1, not 1/c.
        let e = rotg(1e-30f32, 1e30);
        assert_eq!((e.to_vec()[1], e.to_vec()[2]), (1.0, 0.0));
        // The rotation zeroes b: [c s; −s c]·[a; b] = [r; 0].
        let (a, b) = (0.3f64, -1.7);
        let e = g(a, b);
        let (rx, ry) = rot(v(&[a]), v(&[b]), e[2], e[3]);
        rx.assert_scalar(e[0]);
        ry.assert_scalar(0.0);
    }

    #[test]
    fn complex_rotg_follows_zrotg() {
        let g = |a: c64, b: c64| rotg(a, b).to_vec();
        // Real inputs with |b| ≥ |a| and different signs: not drotg's answer.
        let e = g(z(-3.0, 0.0), z(4.0, 0.0));
        assert_eq!(
            (e[0], e[1], e[2], e[3]),
            (z(-5.0, 0.0), z(4.0, 0.0), z(0.6, 0.0), z(-0.8, 0.0))
        );
        let e = g(z(3.0, 0.0), z(4.0, 0.0));
        assert_eq!((e[0], e[2], e[3]), (z(5.0, 0.0), z(0.6, 0.0), z(0.8, 0.0)));
        // b = 0: c = 1, s = 0, r = a; a = 0: c = 0, r = |b|, s = b̄/|b|.
        assert_eq!(
            g(z(1.0, 1.0), z(0.0, 0.0)),
            vec![z(1.0, 1.0), z(0.0, 0.0), z(1.0, 0.0), z(0.0, 0.0)]
        );
        let e = g(z(0.0, 0.0), z(0.0, 2.0));
        assert_eq!(e, vec![z(2.0, 0.0), z(0.0, 2.0), z(0.0, 0.0), z(0.0, -1.0)]);
        // General: the rotation zeroes b (real c, complex s).
        let (a, b) = (c32::new(0.5, -1.25), c32::new(-2.0, 0.75));
        let e = rotg(a, b);
        let w = e.to_vec();
        assert_eq!(w[1], b, "b is an input only");
        assert_eq!(w[2].im, 0.0);
        let c = w[2].re;
        assert!((c * c + w[3].norm_sqr() - 1.0).abs() <= 8.0 * f32::EPSILON);
        let (rx, ry) = rot_complex_sine(v(&[a]), v(&[b]), c, w[3]);
        rx.assert_scalar(w[0]);
        ry.assert_scalar(c32::new(0.0, 0.0));
    }

    #[test]
    fn rotations_by_hand() {
        let (x, y) = rot(v(&[1.0, 0.0]), v(&[2.0, 1.0]), 0.6, 0.8);
        assert_eq!(x.to_vec(), vec![2.2, 0.8]);
        assert_eq!(y.to_vec(), vec![1.2 - 0.8, 0.6]);
        // csrot/zdrot: real c, s on both parts separately, so 0·∞ = NaN
        // lands in the imaginary part only.
        let (x, y) = rot(v(&[z(1.0, f64::INFINITY)]), v(&[z(0.0, 1.0)]), 1.0, 0.0);
        assert_eq!(x.to_vec(), vec![z(1.0, f64::INFINITY)]);
        let w = y.to_vec()[0];
        assert!(w.re == 0.0 && w.im.is_nan());
        // zrot: y ← c·y − s̄·x.
        let (x, y) = rot_complex_sine(v(&[z(1.0, 0.0)]), v(&[z(1.0, 0.0)]), 0.6, z(0.0, 0.8));
        assert_eq!(x.to_vec(), vec![z(0.6, 0.8)]);
        assert_eq!(y.to_vec(), vec![z(0.6, 0.8)]);
        let (x, y) = rot::<f32>(v(&[]), v(&[]), 0.0, 1.0);
        assert!(x.to_vec().is_empty() && y.to_vec().is_empty());
    }

    #[test]
    fn rotm_reads_the_flag_as_drotm() {
        let (x, y) = ([1.0, 2.0], [3.0, 4.0]);
        let n = f64::NAN;
        // −2: identity, bitwise and with zero bounds.
        let (rx, ry) = rotm(v(&x), v(&y), [-2.0, n, n, n, n]);
        assert_eq!((rx.to_vec(), ry.to_vec()), (x.to_vec(), y.to_vec()));
        assert!(rx.bound.as_slice().iter().all(|&b| b == 0.0));
        // −1: H = [h11 h12; h21 h22] from [flag, h11, h21, h12, h22].
        let (rx, ry) = rotm(v(&x), v(&y), [-1.0, 1.0, 2.0, 3.0, 4.0]);
        assert_eq!(rx.to_vec(), vec![1.0 + 9.0, 2.0 + 12.0]);
        assert_eq!(ry.to_vec(), vec![2.0 + 12.0, 4.0 + 16.0]);
        // 0: unit diagonal, h11 and h22 not read.
        let (rx, ry) = rotm(v(&x), v(&y), [0.0, n, 2.0, 3.0, n]);
        assert_eq!(rx.to_vec(), vec![10.0, 14.0]);
        assert_eq!(ry.to_vec(), vec![5.0, 8.0]);
        // 1 (and NaN, the routine's else branch): H = [h11 1; −1 h22].
        for flag in [1.0, f64::NAN] {
            let (rx, ry) = rotm(v(&x), v(&y), [flag, 2.0, n, n, 3.0]);
            assert_eq!(rx.to_vec(), vec![5.0, 8.0]);
            assert_eq!(ry.to_vec(), vec![8.0, 10.0]);
        }
    }

    fn rotmg_parts(e: &Expected<f64>) -> (f64, f64, f64, [f64; 5]) {
        let w = e.to_vec();
        (w[0], w[1], w[2], [w[3], w[4], w[5], w[6], w[7]])
    }

    #[test]
    fn rotmg_by_hand() {
        let n = f64::NAN;
        let old = [n, 11.0, 12.0, 13.0, 14.0];
        // |q1| ≤ |q2|, q2 ≥ 0: flag 1, h21 and h12 not written.
        let (d1, d2, x1, p) = rotmg_parts(&rotmg(1.0, 1.0, 1.0, 1.0, old));
        assert_eq!((d1, d2, x1), (0.5, 0.5, 2.0));
        assert_eq!(p, [1.0, 1.0, 12.0, 13.0, 1.0]);
        // |q1| > |q2|: flag 0, h11 and h22 not written.
        let (d1, d2, x1, p) = rotmg_parts(&rotmg(4.0, 1.0, 2.0, 1.0, old));
        assert_eq!((d1, d2, x1), (4.0 / 1.0625, 1.0 / 1.0625, 2.125));
        assert_eq!(p, [0.0, 11.0, -0.5, 0.125, 14.0]);
        // d2·y1 = 0: only the flag is written.
        let e = rotmg(3.0, 5.0, 7.0, 0.0, old);
        assert_eq!(e.to_vec()[..3], [3.0, 5.0, 7.0]);
        assert_eq!(rotmg_parts(&e).3[1..], old[1..]);
        assert_eq!(rotmg_parts(&e).3[0], -2.0);
        assert!(e.bound.as_slice().iter().all(|&b| b == 0.0));
        // d1 < 0: flag −1, everything zero.
        let (d1, d2, x1, p) = rotmg_parts(&rotmg(-1.0, 1.0, 1.0, 1.0, old));
        assert_eq!((d1, d2, x1, p), (0.0, 0.0, 0.0, [-1.0, 0.0, 0.0, 0.0, 0.0]));
        // q2 < 0 with |q1| ≤ |q2|: flag −1.
        let (_, _, _, p) = rotmg_parts(&rotmg(1.0, -1.0, 1.0, 2.0, old));
        assert_eq!(p, [-1.0, 0.0, 0.0, 0.0, 0.0]);
        // Rescaling makes H explicit (flag −1) and brings d1 into range.
        let (d1, _, _, p) = rotmg_parts(&rotmg(1e-12, 1e-12, 1.0, 0.5, old));
        assert_eq!(p[0], -1.0);
        assert!((5.9e-8..16_777_216.0).contains(&d1), "d1 = {d1}");
    }

    #[test]
    #[should_panic(expected = "cannot be rescaled")]
    fn rotmg_rejects_infinite_weights() {
        let _ = rotmg(f64::INFINITY, 1.0, 1.0, 1.0, [0.0; 5]);
    }

    fn rotmg_zeroes_the_second_component<R: RealScalar>() {
        let mut rng = Rng::new(17);
        for _ in 0..200 {
            let scale = |rng: &mut Rng| 10f64.powf(rng.uniform(-10.0, 10.0));
            let d1 = R::from_f64(scale(&mut rng));
            let d2 = R::from_f64(rng.sym_unit() * scale(&mut rng));
            let (x1, y1): (R, R) = (random_scalar(&mut rng), random_scalar(&mut rng));
            let e = rotmg(d1, d2, x1, y1, [R::zero(); 5]);
            let w = e.to_vec();
            let flag = w[3].to_f64();
            assert!([-2.0, -1.0, 0.0, 1.0].contains(&flag), "flag {flag}");
            if flag == -1.0 && w[0] == R::zero() {
                continue; // No transformation exists (d2·y1² < 0 dominates).
            }
            let param = [w[3], w[4], w[5], w[6], w[7]];
            let (rx, ry) = rotm(v(&[x1]), v(&[y1]), param);
            let ctx = format!("d1 {d1:?} d2 {d2:?} x1 {x1:?} y1 {y1:?} → {w:?}");
            assert!(
                ry.check_scalar(R::zero()).is_ok(),
                "{ctx}: {}",
                ry.check_scalar(R::zero()).unwrap_err()
            );
            assert!(
                rx.check_scalar(w[2]).is_ok(),
                "{ctx}: {}",
                rx.check_scalar(w[2]).unwrap_err()
            );
            // The weighted norm is kept: d1·x1² + d2·y1² = d1'·x1'².
            let before = d1.to_f64() * x1.to_f64().powi(2) + d2.to_f64() * y1.to_f64().powi(2);
            let after = w[0].to_f64() * w[2].to_f64().powi(2);
            let size = d1.to_f64() * x1.to_f64().powi(2) + d2.to_f64().abs() * y1.to_f64().powi(2);
            assert!(
                (before - after).abs() <= 64.0 * eps::<R>() * size,
                "{ctx}: {before} vs {after}"
            );
            if w[0] != R::zero() {
                assert!((5.9e-8..16_777_216.0).contains(&w[0].to_f64()), "{ctx}");
            }
        }
    }

    #[test]
    fn rotmg_zeroes_y_in_both_precisions() {
        rotmg_zeroes_the_second_component::<f32>();
        rotmg_zeroes_the_second_component::<f64>();
    }

    #[test]
    fn mixed_precision_dots_accumulate_in_f64() {
        let big = 16_777_216.0f32; // 2²⁴: naive f32 sums lose the 1
        let (x, y) = ([big, 1.0, -big], [1.0f32, 1.0, 1.0]);
        let e = dsdot(v(&x), v(&y));
        assert_eq!(e.scalar(), 1.0);
        assert!(e.check_scalar(0.0).is_err(), "an f32 accumulation fails");
        let e = sdsdot(0.5, v(&x), v(&y));
        assert_eq!(e.scalar(), 1.5);
        assert!(e.check_scalar(0.5).is_err());
        assert_eq!(sdsdot(0.25, v(&[]), v(&[])).scalar(), 0.25);
        assert_eq!(dsdot(v(&[]), v(&[])).scalar(), 0.0);
        // The f32 rounding of the result is allowed for.
        let e = sdsdot(0.0, v(&[1.0f32 / 3.0]), v(&[3.0]));
        assert!(e.check_scalar(1.0 - f32::EPSILON / 2.0).is_ok());
    }

    #[test]
    fn scal_real_scales_parts_separately() {
        let x = [z(1.0, f64::INFINITY), z(f64::NAN, 2.0)];
        // α = 1: the routine returns at once, NaNs and all.
        let e = scal_real(1.0, v(&x));
        assert!(e.check_vec(v(&x)).is_ok());
        assert!(e.bound.as_slice().iter().all(|&b| b == 0.0));
        // α = 0: 0·∞ = NaN stays in the imaginary part.
        let e = scal_real(0.0, v(&x[..1]));
        let w = e.to_vec()[0];
        assert_eq!(w.re, 0.0);
        assert!(w.im.is_nan());
        let e = scal_real(-2.0f32, v(&[c32::new(1.5, -0.25)]));
        assert_eq!(e.to_vec(), vec![c32::new(-3.0, 0.5)]);
        assert_eq!(scal_real(3.0f64, v(&[2.0])).to_vec(), vec![6.0]);
    }

    // ---- BLAS 2: banded and packed ----------------------------------------

    #[test]
    fn gbmv_by_hand() {
        // [[1, 2, .], [3, 4, 5], [., 6, 7]], * = never read.
        let s = f64::NAN;
        let data = [s, 1.0, 3.0, 2.0, 4.0, 6.0, 5.0, 7.0, s];
        let a = BandRef::from_col_major(&data, 3, 3, 1, 1, 3).unwrap();
        let ones = [1.0; 3];
        let dirty = [s; 3];
        assert_eq!(
            gbmv(Trans::No, 1.0, a, v(&ones), 0.0, v(&dirty)).to_vec(),
            vec![3.0, 12.0, 13.0]
        );
        assert_eq!(
            gbmv(Trans::Trans, 1.0, a, v(&ones), 0.0, v(&dirty)).to_vec(),
            vec![4.0, 12.0, 12.0]
        );
        assert_eq!(
            gbmv(Trans::No, 2.0, a, v(&ones), -1.0, v(&ones)).to_vec(),
            vec![5.0, 23.0, 25.0]
        );
        // α = 0: A and x not read; β = 1 as well: y unchanged, bitwise.
        let nan_x = [s; 3];
        assert_eq!(
            gbmv(Trans::No, 0.0, a, v(&nan_x), 2.0, v(&ones)).to_vec(),
            vec![2.0; 3]
        );
        let e = gbmv(Trans::No, 0.0, a, v(&nan_x), 1.0, v(&dirty));
        assert!(e.check_vec(v(&dirty)).is_ok());
        // n = 0: an empty op(A)·x gives β·y (linmux's contract, as gemv);
        // β = 0 does not read y.
        let e0 = BandRef::<f64>::from_col_major(&[], 3, 0, 1, 1, 3).unwrap();
        let e = gbmv(Trans::No, 1.0, e0, v(&[]), 0.0, v(&dirty));
        assert!(e.check_vec(v(&[0.0; 3])).is_ok());
        assert!(e.check_vec(v(&dirty)).is_err());
        // Conjugate transpose of a complex 1×2 band [[i, 2]] (ku = 1).
        let zd = [z(s, s), z(0.0, 1.0), z(2.0, 0.0)];
        let a = BandRef::from_col_major(&zd, 1, 2, 0, 1, 2).unwrap();
        let y = [z(0.0, 0.0); 2];
        let e = gbmv(
            Trans::ConjTrans,
            z(1.0, 0.0),
            a,
            v(&[z(1.0, 0.0)]),
            z(0.0, 0.0),
            v(&y),
        );
        assert_eq!(e.to_vec(), vec![z(0.0, -1.0), z(2.0, 0.0)]);
    }

    fn gbmv_matches_dense_gemv<T: Scalar>() {
        let mut rng = Rng::new(11);
        for m in SIZES {
            for n in SIZES {
                for (kl, ku) in BANDS {
                    let full = random_mat::<T>(&mut rng, m, n);
                    let ld = kl + ku + 2;
                    let col = band_storage(&full, kl, ku, ld, PackedOrder::ColMajor);
                    let row = band_storage(&full, kl, ku, ld, PackedOrder::RowMajor);
                    let a = band_view(&col, (m, n, kl, ku), ld, PackedOrder::ColMajor);
                    let b = band_view(&row, (m, n, kl, ku), ld, PackedOrder::RowMajor);
                    let dense = band_to_mat(a);
                    for trans in TRANS {
                        let (rows, cols) = trans.apply_shape(m, n);
                        let x = random_vec::<T>(&mut rng, cols);
                        let y = random_vec::<T>(&mut rng, rows);
                        let dirty = vec![nan::<T>(); rows];
                        let alpha = random_scalar::<T>(&mut rng);
                        for (beta, y) in [(random_scalar::<T>(&mut rng), &y), (T::zero(), &dirty)] {
                            let what = format!("gbmv {m}×{n} kl {kl} ku {ku} {trans:?} β {beta:?}");
                            let e = gbmv(trans, alpha, a, v(&x), beta, v(y));
                            let r = gbmv(trans, alpha, b, v(&x), beta, v(y));
                            assert_same(&e, &r, &format!("{what}: row-major"));
                            // An empty op(A)·x gives β·y, as gemv does.
                            let d =
                                reference::gemv(trans, alpha, dense.as_ref(), v(&x), beta, v(y));
                            assert_agree(&e, &d, &what);
                            assert_no_looser(&e, &d, &what);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn gbmv_matches_gemv_on_the_expanded_band() {
        for_each_type!(gbmv_matches_dense_gemv);
    }

    /// `h`'s `uplo` triangle within `k` of the diagonal, garbage elsewhere:
    /// NaN in the other triangle, `pad` beyond the band on the `uplo` side
    /// (zero for a dense operand, NaN is never stored in a band), and
    /// imaginary garbage on the diagonal when `garbage_diag`.
    fn poisoned<T: Scalar>(h: &Mat<T>, uplo: Uplo, k: usize, pad: T, garbage_diag: bool) -> Mat<T> {
        Mat::from_fn(h.nrows(), h.ncols(), |i, j| {
            if !on_side(uplo, i, j) {
                nan()
            } else if i.abs_diff(j) > k {
                pad
            } else if i == j && garbage_diag {
                T::from_parts(h[(i, i)].re(), T::Real::from_f64(7.0))
            } else {
                h[(i, j)]
            }
        })
    }

    fn band_side(uplo: Uplo, k: usize, other: usize) -> (usize, usize) {
        match uplo {
            Uplo::Upper => (other, k),
            Uplo::Lower => (k, other),
        }
    }

    fn hbmv_matches_dense_hemv<T: Scalar>() {
        let mut rng = Rng::new(12);
        for n in SIZES {
            for k in WIDTHS {
                for uplo in UPLOS {
                    let h = random_hermitian::<T>(&mut rng, n);
                    // The other side of the band is stored (kl or ku = 2) but NaN.
                    let stored = poisoned(&h, uplo, k, T::zero(), true);
                    let dense = poisoned(&h, uplo, k, T::zero(), true);
                    let (kl, ku) = band_side(uplo, k, 2);
                    let x = random_vec::<T>(&mut rng, n);
                    let y = random_vec::<T>(&mut rng, n);
                    let (alpha, beta) =
                        (random_scalar::<T>(&mut rng), random_scalar::<T>(&mut rng));
                    let mut first = None;
                    for order in ORDERS {
                        let ld = kl + ku + 1;
                        let data = band_storage(&stored, kl, ku, ld, order);
                        let a = band_view(&data, (n, n, kl, ku), ld, order);
                        let e = hbmv(uplo, alpha, a, v(&x), beta, v(&y));
                        let what = format!("hbmv n {n} k {k} {uplo:?} {order:?}");
                        assert!(
                            e.value.as_slice().iter().all(|z| z.to_c64().re.is_finite()),
                            "{what}: read a NaN"
                        );
                        let d = reference::hemv(uplo, alpha, dense.as_ref(), v(&x), beta, v(&y));
                        assert_agree(&e, &d, &what);
                        assert_no_looser(&e, &d, &what);
                        assert_eq!(*first.get_or_insert_with(|| e.clone()), e, "{what}");
                    }
                }
            }
        }
    }

    #[test]
    fn hbmv_matches_hemv_on_the_expanded_band() {
        for_each_type!(hbmv_matches_dense_hemv);
    }

    #[test]
    fn hbmv_by_hand() {
        // H = [[2, 1+i, 0], [1−i, 3, 2i], [0, −2i, 4]], upper band k = 1,
        // garbage in the diagonal's imaginary parts and the unused corner.
        let s = z(f64::NAN, f64::NAN);
        let data = [
            s,
            z(2.0, 9.0),
            z(1.0, 1.0),
            z(3.0, -9.0),
            z(0.0, 2.0),
            z(4.0, 1.0),
        ];
        let a = BandRef::from_col_major(&data, 3, 3, 0, 1, 2).unwrap();
        let y = [s; 3];
        let (one, zero) = (z(1.0, 0.0), z(0.0, 0.0));
        let e0 = [one, zero, zero];
        let e1 = [zero, one, zero];
        assert_eq!(
            hbmv(Uplo::Upper, one, a, v(&e0), zero, v(&y)).to_vec(),
            vec![z(2.0, 0.0), z(1.0, -1.0), zero]
        );
        assert_eq!(
            hbmv(Uplo::Upper, one, a, v(&e1), zero, v(&y)).to_vec(),
            vec![z(1.0, 1.0), z(3.0, 0.0), z(0.0, -2.0)]
        );
        // The same H from its lower band, read through the transpose of the
        // storage (row-major upper band = column-major lower band of Hᵀ = H̄).
        let t = BandRef::from_row_major(&data, 3, 3, 1, 0, 2).unwrap();
        let conj: Vec<c64> = hbmv(Uplo::Lower, one, t, v(&e0), zero, v(&y)).to_vec();
        assert_eq!(conj, vec![z(2.0, 0.0), z(1.0, 1.0), zero]);
    }

    fn hpmv_matches_dense_hemv<T: Scalar>() {
        let mut rng = Rng::new(13);
        for n in SIZES {
            for uplo in UPLOS {
                let h = random_hermitian::<T>(&mut rng, n);
                let stored = poisoned(&h, uplo, n, T::zero(), true);
                let x = random_vec::<T>(&mut rng, n);
                let y = random_vec::<T>(&mut rng, n);
                let dirty = vec![nan::<T>(); n];
                let alpha = random_scalar::<T>(&mut rng);
                for (beta, y) in [(random_scalar::<T>(&mut rng), &y), (T::zero(), &dirty)] {
                    let d = reference::hemv(uplo, alpha, stored.as_ref(), v(&x), beta, v(y));
                    let mut first = None;
                    for order in ORDERS {
                        let ap = packed_storage(&stored, uplo, order);
                        let e = hpmv(alpha, packed_view(&ap, n, uplo, order), v(&x), beta, v(y));
                        let what = format!("hpmv n {n} {uplo:?} {order:?}");
                        assert_agree(&e, &d, &what);
                        assert_eq!(*first.get_or_insert_with(|| e.clone()), e, "{what}");
                    }
                    // The transposed view is the same storage: Aᵀ = Ā.
                    let ap = packed_storage(&stored, uplo, PackedOrder::ColMajor);
                    let t = packed_view(&ap, n, uplo, PackedOrder::ColMajor).transpose();
                    let xc: Vec<T> = x.iter().map(|z| z.conj()).collect();
                    let yc: Vec<T> = y.iter().map(|z| z.conj()).collect();
                    let e = hpmv(alpha.conj(), t, v(&xc), beta.conj(), v(&yc));
                    let back: Vec<T> = e.to_vec().iter().map(|z| z.conj()).collect();
                    assert!(d.check_vec(v(&back)).is_ok(), "hpmv through the transpose");
                }
            }
        }
    }

    #[test]
    fn hpmv_matches_hemv_on_the_expanded_triangle() {
        for_each_type!(hpmv_matches_dense_hemv);
    }

    /// A well-conditioned triangular band matrix, as stored (other side of
    /// the band and, for a unit diagonal, the diagonal NaN) and as a dense
    /// operand for trmv/trsv (other triangle NaN).
    fn tri_band<T: Scalar>(rng: &mut Rng, n: usize, uplo: Uplo, diag: Diag, k: usize) -> Mat<T> {
        let t = random_triangular::<T>(rng, n, uplo);
        let mut p = poisoned(&t, uplo, k, T::zero(), false);
        if diag == Diag::Unit {
            for i in 0..n {
                p[(i, i)] = nan();
            }
        }
        p
    }

    fn triangular_band_kernels_match_dense<T: Scalar>() {
        let mut rng = Rng::new(14);
        for n in SIZES {
            for k in WIDTHS {
                for uplo in UPLOS {
                    for diag in DIAGS {
                        let t = tri_band::<T>(&mut rng, n, uplo, diag, k);
                        let (kl, ku) = band_side(uplo, k, 1);
                        for trans in TRANS {
                            let x = random_vec::<T>(&mut rng, n);
                            let dm = reference::trmv(uplo, trans, diag, t.as_ref(), v(&x));
                            let ds = reference::trsv(uplo, trans, diag, t.as_ref(), v(&x));
                            let mut first = None;
                            for order in ORDERS {
                                let ld = kl + ku + 1;
                                let data = band_storage(&t, kl, ku, ld, order);
                                let a = band_view(&data, (n, n, kl, ku), ld, order);
                                let what =
                                    format!("n {n} k {k} {uplo:?} {diag:?} {trans:?} {order:?}");
                                let em = tbmv(uplo, trans, diag, a, v(&x));
                                let es = tbsv(uplo, trans, diag, a, v(&x));
                                assert_agree(&em, &dm, &format!("tbmv {what}"));
                                assert_no_looser(&em, &dm, &format!("tbmv {what}"));
                                assert_agree(&es, &ds, &format!("tbsv {what}"));
                                assert_no_looser(&es, &ds, &format!("tbsv {what}"));
                                assert_eq!(
                                    *first.get_or_insert_with(|| (em.clone(), es.clone())),
                                    (em, es),
                                    "{what}"
                                );
                            }
                            // Packed: the full triangle.
                            let full = tri_band::<T>(&mut rng, n, uplo, diag, n);
                            let dm = reference::trmv(uplo, trans, diag, full.as_ref(), v(&x));
                            let ds = reference::trsv(uplo, trans, diag, full.as_ref(), v(&x));
                            for order in ORDERS {
                                let ap = packed_storage(&full, uplo, order);
                                let p = packed_view(&ap, n, uplo, order);
                                let what = format!("n {n} {uplo:?} {diag:?} {trans:?} {order:?}");
                                assert_agree(
                                    &tpmv(trans, diag, p, v(&x)),
                                    &dm,
                                    &format!("tpmv {what}"),
                                );
                                assert_agree(
                                    &tpsv(trans, diag, p, v(&x)),
                                    &ds,
                                    &format!("tpsv {what}"),
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn triangular_band_and_packed_kernels_match_trmv_and_trsv() {
        for_each_type!(triangular_band_kernels_match_dense);
    }

    #[test]
    fn triangular_kernels_by_hand() {
        let s = f64::NAN;
        // U = [[1, 2, 4], [., 3, 5], [., ., 6]] packed by columns.
        let ap = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
        let u = PackedRef::from_col_major(&ap, 3, Uplo::Upper).unwrap();
        let ones = [1.0; 3];
        assert_eq!(
            tpmv(Trans::No, Diag::NonUnit, u, v(&ones)).to_vec(),
            vec![7.0, 8.0, 6.0]
        );
        assert_eq!(
            tpmv(Trans::Trans, Diag::NonUnit, u, v(&ones)).to_vec(),
            vec![1.0, 5.0, 15.0]
        );
        assert_eq!(
            tpmv(Trans::No, Diag::Unit, u, v(&ones)).to_vec(),
            vec![7.0, 6.0, 1.0]
        );
        assert_eq!(
            tpsv(Trans::No, Diag::NonUnit, u, v(&[7.0, 8.0, 6.0])).to_vec(),
            ones.to_vec()
        );
        // Row by row the same six numbers are [[1, 2, 3], [., 4, 5], [., ., 6]].
        let r = PackedRef::from_row_major(&ap, 3, Uplo::Upper).unwrap();
        assert_eq!(
            tpmv(Trans::No, Diag::NonUnit, r, v(&ones)).to_vec(),
            vec![6.0, 9.0, 6.0]
        );
        // Unit upper bidiagonal [[1, 2, .], [., 1, 3], [., ., 1]], diagonal NaN.
        let data = [s, s, 2.0, s, 3.0, s];
        let a = BandRef::from_col_major(&data, 3, 3, 0, 1, 2).unwrap();
        assert_eq!(
            tbmv(Uplo::Upper, Trans::No, Diag::Unit, a, v(&ones)).to_vec(),
            vec![3.0, 4.0, 1.0]
        );
        assert_eq!(
            tbsv(Uplo::Upper, Trans::No, Diag::Unit, a, v(&[3.0, 4.0, 1.0])).to_vec(),
            ones.to_vec()
        );
        // No singularity test: a zero pivot divides by zero.
        let zero_pivot = [1.0f64, 1.0, 0.0];
        let p = PackedRef::from_col_major(&zero_pivot, 2, Uplo::Upper).unwrap();
        let e = tpsv(Trans::No, Diag::NonUnit, p, v(&[1.0, 1.0]));
        assert!(e.to_vec().iter().any(|x| !x.is_finite()));
    }

    // ---- BLAS 2: rank updates -----------------------------------------------

    fn rank_updates_match_ger<T: Scalar>() {
        let mut rng = Rng::new(15);
        for n in SIZES {
            for uplo in UPLOS {
                let x = random_vec::<T>(&mut rng, n);
                let y = random_vec::<T>(&mut rng, n);
                let alpha = random_scalar::<T>(&mut rng);
                let ra = T::Real::from_f64(rng.sym_unit());
                // Hermitian for her/her2 (real diagonal); the other triangle NaN.
                let h = poisoned(
                    &random_hermitian::<T>(&mut rng, n),
                    uplo,
                    n,
                    T::zero(),
                    false,
                );
                let g = poisoned(&random_mat::<T>(&mut rng, n, n), uplo, n, T::zero(), false);
                let tri = |i: usize, j: usize| on_side(uplo, i, j);
                let what = format!("n {n} {uplo:?}");

                // syr: A + α·x·xᵀ; her: A + α·x·xᴴ.
                let e = syr(uplo, alpha, v(&x), g.as_ref());
                let d = reference::geru(alpha, v(&x), v(&x), g.as_ref());
                assert_agree(&e, &masked(&e, &d, tri), &format!("syr {what}"));
                let e = her(uplo, ra, v(&x), h.as_ref());
                let d = reference::gerc(T::from_real(ra), v(&x), v(&x), h.as_ref());
                assert_agree(&e, &masked(&e, &d, tri), &format!("her {what}"));
                // The other triangle is untouched, bitwise, with bound zero.
                for j in 0..n {
                    for i in 0..n {
                        if !tri(i, j) {
                            assert!(e.value[(i, j)].to_c64().re.is_nan() && e.bound[(i, j)] == 0.0);
                        }
                    }
                }

                // syr2 / her2 against two rank-1 updates (an implementation
                // rounding twice must pass the bound).
                let e = syr2(uplo, alpha, v(&x), v(&y), g.as_ref());
                let step = reference::geru(alpha, v(&x), v(&y), g.as_ref()).value;
                let two = reference::geru(alpha, v(&y), v(&x), step.as_ref()).value;
                let mut cand = masked(
                    &e,
                    &Expected {
                        op: "two",
                        value: two,
                        bound: Mat::zeros(n, n),
                        real_diagonal: false,
                    },
                    tri,
                )
                .value;
                assert!(
                    e.check_mat(cand.as_ref()).is_ok(),
                    "syr2 {what}: {}",
                    e.check_mat(cand.as_ref()).unwrap_err()
                );
                let e = her2(uplo, alpha, v(&x), v(&y), h.as_ref());
                let step = reference::gerc(alpha, v(&x), v(&y), h.as_ref()).value;
                let two = reference::gerc(alpha.conj(), v(&y), v(&x), step.as_ref()).value;
                cand = masked(
                    &e,
                    &Expected {
                        op: "two",
                        value: two,
                        bound: Mat::zeros(n, n),
                        real_diagonal: false,
                    },
                    tri,
                )
                .value;
                for i in 0..n {
                    // As the routine, which keeps only the real part.
                    cand[(i, i)] = T::from_real(cand[(i, i)].re());
                }
                assert!(
                    e.check_mat(cand.as_ref()).is_ok(),
                    "her2 {what}: {}",
                    e.check_mat(cand.as_ref()).unwrap_err()
                );

                // Packed: the same numbers on the stored triangle, zeros
                // (bound zero) in the other.
                for order in ORDERS {
                    let (gp, hp) = (
                        packed_storage(&g, uplo, order),
                        packed_storage(&h, uplo, order),
                    );
                    let (gv, hv) = (
                        packed_view(&gp, n, uplo, order),
                        packed_view(&hp, n, uplo, order),
                    );
                    let pairs = [
                        (spr(alpha, v(&x), gv), syr(uplo, alpha, v(&x), g.as_ref())),
                        (hpr(ra, v(&x), hv), her(uplo, ra, v(&x), h.as_ref())),
                        (
                            spr2(alpha, v(&x), v(&y), gv),
                            syr2(uplo, alpha, v(&x), v(&y), g.as_ref()),
                        ),
                        (
                            hpr2(alpha, v(&x), v(&y), hv),
                            her2(uplo, alpha, v(&x), v(&y), h.as_ref()),
                        ),
                    ];
                    for (p, m) in pairs {
                        assert_eq!(p.real_diagonal, m.real_diagonal);
                        for j in 0..n {
                            for i in 0..n {
                                if tri(i, j) {
                                    assert_eq!(
                                        p.value[(i, j)],
                                        m.value[(i, j)],
                                        "{} {what} {order:?}",
                                        p.op
                                    );
                                    assert_eq!(p.bound[(i, j)], m.bound[(i, j)]);
                                } else {
                                    assert_eq!(
                                        (p.value[(i, j)], p.bound[(i, j)]),
                                        (T::zero(), 0.0)
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn rank_updates_match_ger_on_the_triangle() {
        for_each_type!(rank_updates_match_ger);
    }

    #[test]
    fn her_keeps_what_reference_blas_keeps() {
        let n = f64::NAN;
        // Lower triangle of [[1 + 5i, *], [2 − i, 3 − 7i]]: garbage imaginary
        // parts on the diagonal, NaN above it.
        let a = Mat::from_rows(&[[z(1.0, 5.0), z(n, n)], [z(2.0, -1.0), z(3.0, -7.0)]]);
        let x = [z(0.0, 1.0), z(0.0, 0.0)];
        let e = her(Uplo::Lower, 2.0, v(&x), a.as_ref());
        assert!(e.real_diagonal);
        // |i|²·2 + 1; column 1 (x₁ = 0) is skipped but its diagonal made real;
        // (1, 0) gets α·x₁·x̄₀ = 0 and keeps its value.
        assert_eq!(e.value[(0, 0)], z(3.0, 0.0));
        assert_eq!(e.value[(1, 1)], z(3.0, 0.0));
        assert_eq!(e.value[(1, 0)], z(2.0, -1.0));
        assert_eq!((e.bound[(1, 1)], e.bound[(1, 0)]), (0.0, 0.0));
        assert!(e.value[(0, 1)].re.is_nan());
        // A result with an imaginary diagonal fails even if close.
        let mut close = e.value.clone();
        close[(0, 0)].im = 1e-300;
        assert!(
            e.check_mat(close.as_ref())
                .unwrap_err()
                .contains("not exactly real")
        );
        // α = 0: nothing is written, not even the diagonal.
        let e = her(Uplo::Lower, 0.0, v(&x), a.as_ref());
        assert!(!e.real_diagonal);
        assert!(e.check_mat(a.as_ref()).is_ok());
        assert_eq!(e.value[(1, 1)], z(3.0, -7.0));
        // hpr the same way, on packed storage.
        let ap = [z(1.0, 5.0), z(2.0, -1.0), z(3.0, -7.0)];
        let p = PackedRef::from_col_major(&ap, 2, Uplo::Lower).unwrap();
        let e = hpr(2.0, v(&x), p);
        assert_eq!(
            e.value.as_slice(),
            &[z(3.0, 0.0), z(2.0, -1.0), z(0.0, 0.0), z(3.0, 0.0)]
        );
        // her2: α·x·ȳ + ᾱ·y·x̄ = −i + i = 0 on the diagonal, still written.
        let a1 = Mat::from_rows(&[[z(4.0, 2.0)]]);
        let e = her2(
            Uplo::Upper,
            z(1.0, 0.0),
            v(&[z(1.0, 0.0)]),
            v(&[z(0.0, 1.0)]),
            a1.as_ref(),
        );
        assert_eq!(e.value[(0, 0)], z(4.0, 0.0));
        assert!(e.bound[(0, 0)] > 0.0);
    }

    #[test]
    fn symmetric_updates_do_not_conjugate() {
        let a = Mat::from_rows(&[[z(1.0, 0.0)]]);
        let x = [z(0.0, 1.0)];
        assert_eq!(
            syr(Uplo::Upper, z(1.0, 0.0), v(&x), a.as_ref()).value[(0, 0)],
            z(0.0, 0.0)
        );
        assert_eq!(
            her(Uplo::Upper, 1.0, v(&x), a.as_ref()).value[(0, 0)],
            z(2.0, 0.0)
        );
        // syr2 with x = 1, y = i: 1 + 2·i.
        let e = syr2(
            Uplo::Lower,
            z(1.0, 0.0),
            v(&[z(1.0, 0.0)]),
            v(&x),
            a.as_ref(),
        );
        assert_eq!(e.value[(0, 0)], z(1.0, 2.0));
        // Real spr2 by hand: I₂ + x·yᵀ + y·xᵀ, x = (1, 0), y = (0, 1).
        let ap = [1.0, 0.0, 1.0];
        let p = PackedRef::from_row_major(&ap, 2, Uplo::Upper).unwrap();
        let e = spr2(1.0, v(&[1.0, 0.0]), v(&[0.0, 1.0]), p);
        assert_eq!(e.value, Mat::from_rows(&[[1.0, 1.0], [0.0, 1.0]]));
        // α = 0: the storage comes back as it is.
        let e = spr(0.0, v(&[f64::NAN, 1.0]), p);
        assert_eq!(e.value, packed_to_mat(p));
    }

    // ---- the bounds admit working-precision implementations ---------------

    macro_rules! rotg_in_working_precision {
        ($name:ident, $r:ty, $c:ty) => {
            /// The documented formulas evaluated in the working precision
            /// (drotg with its scaling, zrotg's unscaled path) pass.
            fn $name(rng: &mut Rng) {
                for _ in 0..500 {
                    let (a, b): ($r, $r) = (random_scalar(rng), random_scalar(rng));
                    let (an, bn) = (a.abs(), b.abs());
                    if an > 0.0 && bn > 0.0 {
                        let sigma = if an > bn { a.signum() } else { b.signum() };
                        let scl = an.max(bn);
                        let r = sigma * (scl * ((a / scl).powi(2) + (b / scl).powi(2)).sqrt());
                        let (c, s) = (a / r, b / r);
                        let z = if an > bn { s } else { 1.0 / c };
                        let e = rotg(a, b);
                        let got = [r, z, c, s];
                        assert!(e.check_vec(v(&got)).is_ok(), "{}", e.check_vec(v(&got)).unwrap_err());
                    }
                    let (f, g): ($c, $c) = (random_scalar(rng), random_scalar(rng));
                    let (f2, g2) = (f.norm_sqr(), g.norm_sqr());
                    let h2 = f2 + g2;
                    let c = (f2 / h2).sqrt();
                    let got = [f / c, g, <$c>::new(c, 0.0), g.conj() * (f / (f2 * h2).sqrt())];
                    let e = rotg(f, g);
                    assert!(e.check_vec(v(&got)).is_ok(), "{}", e.check_vec(v(&got)).unwrap_err());
                }
            }
        };
    }
    rotg_in_working_precision!(rotg_f32, f32, c32);
    rotg_in_working_precision!(rotg_f64, f64, c64);

    #[test]
    fn rotg_bounds_admit_the_routines_arithmetic() {
        let mut rng = Rng::new(21);
        rotg_f32(&mut rng);
        rotg_f64(&mut rng);
    }

    /// gbmv as reference BLAS loops, in the working precision.
    fn naive_gbmv<T: Scalar>(
        trans: Trans,
        alpha: T,
        a: &Mat<T>,
        (kl, ku): (usize, usize),
        x: &[T],
        beta: T,
        y: &[T],
    ) -> Vec<T> {
        let (m, n) = a.shape();
        let mut y: Vec<T> = y
            .iter()
            .map(|&yi| {
                if beta == T::zero() {
                    T::zero()
                } else {
                    beta * yi
                }
            })
            .collect();
        let band = |i: usize, j: usize| j <= i + ku && i <= j + kl;
        for j in 0..n {
            match trans {
                Trans::No => {
                    let temp = alpha * x[j];
                    for i in (0..m).filter(|&i| band(i, j)) {
                        y[i] += temp * a[(i, j)];
                    }
                }
                _ => {
                    let mut temp = T::zero();
                    for i in (0..m).filter(|&i| band(i, j)) {
                        let aij = if trans == Trans::ConjTrans {
                            a[(i, j)].conj()
                        } else {
                            a[(i, j)]
                        };
                        temp += aij * x[i];
                    }
                    y[j] += alpha * temp;
                }
            }
        }
        y
    }

    fn gbmv_admits_naive<T: Scalar>() {
        let mut rng = Rng::new(22);
        for (m, n, kl, ku) in [(9, 7, 3, 2), (16, 17, 5, 0), (4, 12, 0, 6)] {
            let a = random_mat::<T>(&mut rng, m, n);
            let data = band_storage(&a, kl, ku, kl + ku + 1, PackedOrder::ColMajor);
            let band = BandRef::from_col_major(&data, m, n, kl, ku, kl + ku + 1).unwrap();
            for trans in TRANS {
                let (rows, cols) = trans.apply_shape(m, n);
                let x = random_vec::<T>(&mut rng, cols);
                let y = random_vec::<T>(&mut rng, rows);
                let (alpha, beta) = (random_scalar::<T>(&mut rng), random_scalar::<T>(&mut rng));
                let got = naive_gbmv(trans, alpha, &a, (kl, ku), &x, beta, &y);
                let e = gbmv(trans, alpha, band, v(&x), beta, v(&y));
                assert!(
                    e.check_vec(v(&got)).is_ok(),
                    "{trans:?}: {}",
                    e.check_vec(v(&got)).unwrap_err()
                );
            }
        }
    }

    #[test]
    fn gbmv_bounds_admit_naive_single_precision() {
        gbmv_admits_naive::<f32>();
        gbmv_admits_naive::<c32>();
    }

    #[test]
    fn her2_bounds_admit_naive_single_precision() {
        let mut rng = Rng::new(23);
        let n = 9;
        for uplo in UPLOS {
            let mut a = random_hermitian::<c32>(&mut rng, n);
            crate::data::poison_diagonal_imag(&mut a, 3.0);
            let (x, y) = (
                random_vec::<c32>(&mut rng, n),
                random_vec::<c32>(&mut rng, n),
            );
            let alpha = c32::new(0.75, -0.5);
            let e = her2(uplo, alpha, v(&x), v(&y), a.as_ref());
            // Column by column with the routine's two temporaries.
            let mut got = a.clone();
            for j in 0..n {
                let (t1, t2) = (alpha * y[j].conj(), (alpha * x[j]).conj());
                for i in (0..n).filter(|&i| on_side(uplo, i, j) && i != j) {
                    got[(i, j)] += x[i] * t1 + y[i] * t2;
                }
                got[(j, j)] = c32::new(got[(j, j)].re + (x[j] * t1 + y[j] * t2).re, 0.0);
            }
            assert!(
                e.check_mat(got.as_ref()).is_ok(),
                "{}",
                e.check_mat(got.as_ref()).unwrap_err()
            );
        }
    }
}
