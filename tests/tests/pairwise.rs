//! Every pair of backends, every LAPACK operation, on inputs whose exact
//! results are known (docs/contract.md, "Between two backends").
//!
//! The BLAS operations are compared pairwise by the conformance suite
//! (`tests/conformance.rs`: every comparison of every case, through
//! `linmux_testkit::ledger`). The LAPACK checks there are residuals, which
//! say nothing about whether two backends return the same factors; here each
//! backend's canonical outputs (`getrf`'s factors and pivots, `getri`'s
//! inverse, the solutions of `getrs`, `potrs` and `gels`, the Cholesky
//! factor, QR's `Q` and `R` with a real non-negative diagonal, singular
//! values and vectors, eigenvalues and eigenvectors) are compared with the
//! exact result and with every other backend's.
//!
//! The inputs are built so that every result is exactly representable and
//! known, whatever the type (`f32` included):
//! - `A = (I + N)·D·(I + M)` with `N` in the lower-left and `M` in the
//!   upper-right quarter (so `N² = M² = 0`), entries `0, ±1/64`, and `D`
//!   diagonal with entries of modulus 1 or 2: partial pivoting does not
//!   swap, `L = I + N`, `U = D·(I + M)`, and `A⁻¹ = (I − M)·D⁻¹·(I − N)`,
//!   all dyadic;
//! - unitary matrices from Sylvester's Hadamard matrix of order 16 or 64,
//!   scaled by `1/4` or `1/8` (exactly unitary) and, for complex types, with
//!   columns multiplied by powers of `i`: singular vectors, eigenvectors and
//!   QR's `Q` are known exactly.
//!
//! Bounds are the contract's backward-error bounds carried to the result by
//! first-order perturbation theory, with the norms of the exact inverses
//! (known here) in place of condition numbers; each backend must be within
//! the bound of the exact result, and each pair within twice it.

use linmux::{EigJob, Engine, Mat, MatRef, Scalar, SvdJob, Trans, Uplo, c64};
use linmux_conformance::engines;
use linmux_testkit::ledger::{self, Entry, Observed};
use linmux_testkit::{Rng, tol};

// ---- exact data ------------------------------------------------------------------

/// Exact product of dyadic matrices (every partial sum representable).
fn mul(a: &Mat<c64>, b: &Mat<c64>) -> Mat<c64> {
    Mat::from_fn(a.nrows(), b.ncols(), |i, j| {
        (0..a.ncols()).map(|k| a[(i, k)] * b[(k, j)]).sum()
    })
}

fn adj(a: &Mat<c64>) -> Mat<c64> {
    Mat::from_fn(a.ncols(), a.nrows(), |i, j| a[(j, i)].conj())
}

fn fro(a: &Mat<c64>) -> f64 {
    a.as_slice()
        .iter()
        .map(|z| z.norm_sqr())
        .sum::<f64>()
        .sqrt()
}

fn to_t<T: Scalar>(a: &Mat<c64>) -> Mat<T> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| T::from_c64(a[(i, j)]))
}

fn to_c<T: Scalar>(a: MatRef<'_, T>) -> Mat<c64> {
    Mat::from_fn(a.nrows(), a.ncols(), |i, j| a.at(i, j).to_c64())
}

fn real<T: Scalar>(x: T::Real) -> f64 {
    T::from_real(x).to_c64().re
}

/// `iᵏ`, exactly.
fn i_pow(k: usize) -> c64 {
    match k % 4 {
        0 => c64::new(1.0, 0.0),
        1 => c64::new(0.0, 1.0),
        2 => c64::new(-1.0, 0.0),
        _ => c64::new(0.0, -1.0),
    }
}

/// A random entry of `{0, ±1/64}` (and the same for the imaginary part of a
/// complex type).
fn small<T: Scalar>(rng: &mut Rng) -> c64 {
    let pick = |rng: &mut Rng| rng.below(3) as f64 - 1.0;
    let re = pick(rng) / 64.0;
    let im = if T::IS_COMPLEX { pick(rng) / 64.0 } else { 0.0 };
    c64::new(re, im)
}

/// `1, 2`, with a random sign, and for complex types a random power of `i`.
fn unit_or_two<T: Scalar>(rng: &mut Rng, positive: bool) -> c64 {
    let m = if rng.below(2) == 0 { 1.0 } else { 2.0 };
    if positive {
        return c64::new(m, 0.0);
    }
    let turns = if T::IS_COMPLEX {
        rng.below(4)
    } else {
        2 * rng.below(2)
    };
    c64::new(m, 0.0) * i_pow(turns)
}

/// `I + X` where `X` holds random small entries in rows `rows` and columns
/// `cols` (a quarter that squares to zero).
fn nilpotent_plus_identity<T: Scalar>(
    rng: &mut Rng,
    n: usize,
    rows: core::ops::Range<usize>,
    cols: core::ops::Range<usize>,
) -> Mat<c64> {
    let mut m = Mat::<c64>::identity(n);
    for j in cols {
        for i in rows.clone() {
            m[(i, j)] = small::<T>(rng);
        }
    }
    m
}

/// The exact LU data: `A`, `L`, `U` and `A⁻¹`.
struct LuData {
    a: Mat<c64>,
    l: Mat<c64>,
    u: Mat<c64>,
    inv: Mat<c64>,
}

fn lu_data<T: Scalar>(rng: &mut Rng, n: usize, positive: bool) -> LuData {
    let h = n / 2;
    let l = nilpotent_plus_identity::<T>(rng, n, h..n, 0..h);
    let im = nilpotent_plus_identity::<T>(rng, n, 0..h, h..n);
    let d: Vec<c64> = (0..n).map(|_| unit_or_two::<T>(rng, positive)).collect();
    let u = Mat::from_fn(n, n, |i, j| d[i] * im[(i, j)]);
    // (I + X)⁻¹ = I − X when X² = 0.
    let neg = |m: &Mat<c64>| Mat::from_fn(n, n, |i, j| if i == j { m[(i, j)] } else { -m[(i, j)] });
    let u_inv = Mat::from_fn(n, n, |i, j| neg(&im)[(i, j)] / d[j]);
    let inv = mul(&u_inv, &neg(&l));
    LuData {
        a: mul(&l, &u),
        l,
        u,
        inv,
    }
}

/// Sylvester's Hadamard matrix of order `n` (a power of 4) scaled to be
/// unitary, its columns reversed when `reverse` and, for complex types,
/// multiplied by `i^(j + twist)`.
fn hadamard<T: Scalar>(n: usize, twist: usize, reverse: bool) -> Mat<c64> {
    let scale = 1.0 / (n as f64).sqrt();
    Mat::from_fn(n, n, |i, j| {
        let jj = if reverse { n - 1 - j } else { j };
        let sign = if (i & jj).count_ones() % 2 == 0 {
            1.0
        } else {
            -1.0
        };
        let phase = if T::IS_COMPLEX {
            i_pow(j + twist)
        } else {
            c64::new(1.0, 0.0)
        };
        phase * (sign * scale)
    })
}

fn first_cols(a: &Mat<c64>, k: usize) -> Mat<c64> {
    Mat::from_fn(a.nrows(), k, |i, j| a[(i, j)])
}

fn integers<T: Scalar>(rng: &mut Rng, m: usize, n: usize) -> Mat<c64> {
    let pick = |rng: &mut Rng| rng.below(5) as f64 - 2.0;
    Mat::from_fn(m, n, |_, _| {
        let re = pick(rng);
        let im = if T::IS_COMPLEX { pick(rng) } else { 0.0 };
        c64::new(re, im)
    })
}

/// Each column multiplied by the unit-modulus factor that makes its pivot
/// (first component within `1 − √ε` of the largest modulus) real and
/// positive: the engine's canonical form, applied to the exact vectors.
fn canonical<T: Scalar>(v: &Mat<c64>) -> Mat<c64> {
    let f = canonical_phases::<T>(v);
    Mat::from_fn(v.nrows(), v.ncols(), |i, j| v[(i, j)] * f[j])
}

/// The factors [`canonical`] multiplies the columns by.
fn canonical_phases<T: Scalar>(v: &Mat<c64>) -> Vec<c64> {
    let slack = 1.0 - tol::eps::<T>().sqrt();
    (0..v.ncols())
        .map(|j| {
            let big = (0..v.nrows()).map(|i| v[(i, j)].norm()).fold(0.0, f64::max);
            match (0..v.nrows()).find(|&i| v[(i, j)].norm() >= slack * big) {
                Some(p) if big > 0.0 => v[(p, j)].conj() / v[(p, j)].norm(),
                _ => c64::new(1.0, 0.0),
            }
        })
        .collect()
}

/// A small number from a seed (the phase pattern of a Hadamard unitary).
fn twist(seed: u64) -> usize {
    usize::try_from(seed % 4).unwrap_or(0)
}

// ---- comparisons -----------------------------------------------------------------

/// A ledger entry: `actual` against `expected`, every element within `bound`.
fn entry<T: Scalar>(what: &str, actual: &Mat<c64>, expected: &Mat<c64>, bound: f64) -> Entry {
    assert_eq!(actual.shape(), expected.shape(), "{what}: shapes");
    Entry {
        what: what.to_owned(),
        kind: T::KIND,
        observed: Observed::Elementwise {
            actual: actual.as_slice().to_vec(),
            expected: expected.as_slice().to_vec(),
            bound: vec![bound; expected.as_slice().len()],
        },
    }
}

fn col_vec(v: &[c64]) -> Mat<c64> {
    Mat::from_fn(v.len(), 1, |i, _| v[i])
}

/// `30·n·ε`, the contract's factorization constant.
fn ff<T: Scalar>(n: usize) -> f64 {
    tol::factor_factor::<T>(n)
}

// ---- the operations ---------------------------------------------------------------

const N: usize = 64;

fn lu_family<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    let mut rng = Rng::new(seed);
    let d = lu_data::<T>(&mut rng, N, false);
    let (na, nl, nu, ninv) = (fro(&d.a), fro(&d.l), fro(&d.u), fro(&d.inv));
    let l_inv = mul(&d.u, &d.inv); // = L⁻¹
    let u_inv = mul(&d.inv, &d.l); // = U⁻¹
    let abs_lu = {
        let al = Mat::from_fn(N, N, |i, j| c64::new(d.l[(i, j)].norm(), 0.0));
        let au = Mat::from_fn(N, N, |i, j| c64::new(d.u[(i, j)].norm(), 0.0));
        fro(&mul(&al, &au))
    };
    // Backward error ‖ΔA‖ ≤ 30·n·ε·‖|L|·|U|‖ (contract, getrf); to first
    // order ΔL = L·tril(L⁻¹·ΔA·U⁻¹), ΔU = triu(L⁻¹·ΔA·U⁻¹)·U: twice that
    // covers the second-order terms.
    let da = ff::<T>(N) * abs_lu;
    let (nli, nui) = (fro(&l_inv), fro(&u_inv));
    let factor_bound = 2.0 * da * nli * nui * nl.max(nu);
    for (e, out) in engines.iter().zip(outs.iter_mut()) {
        let mut rng = rng.clone();
        let name = e.info().name.clone();

        let mut f = to_t::<T>(&d.a);
        let mut ipiv = vec![usize::MAX; N];
        e.getrf(f.as_mut(), &mut ipiv)
            .unwrap_or_else(|err| panic!("[{name}] getrf: {err}"));
        assert!(
            ipiv.iter().enumerate().all(|(i, &p)| p == i),
            "[{name} {}] getrf: partial pivoting swapped rows of a matrix that needs no swap: {ipiv:?}",
            T::KIND.name()
        );
        let packed = Mat::from_fn(N, N, |i, j| if i > j { d.l[(i, j)] } else { d.u[(i, j)] });
        out.push(entry::<T>(
            "getrf: L and U",
            &to_c(f.as_ref()),
            &packed,
            factor_bound,
        ));

        // Solutions: ‖X − X₀‖ ≤ ‖A⁻¹‖·‖A·X − B‖ ≤ ‖A⁻¹‖·30·n·ε·(‖A‖·‖X‖ + ‖B‖).
        let x0 = integers::<T>(&mut rng, N, 3);
        let b0 = mul(&d.a, &x0);
        let solve_bound = |x: &Mat<c64>, b: &Mat<c64>, na: f64, ninv: f64| {
            2.0 * ninv * ff::<T>(N) * (na * fro(x) + fro(b))
        };
        let mut x = to_t::<T>(&b0);
        e.getrs(Trans::No, f.as_ref(), &ipiv, x.as_mut())
            .unwrap_or_else(|err| panic!("[{name}] getrs: {err}"));
        out.push(entry::<T>(
            "getrs: X",
            &to_c(x.as_ref()),
            &x0,
            solve_bound(&x0, &b0, na, ninv),
        ));
        // Aᴴ·X = B: ‖A⁻ᴴ‖ = ‖A⁻¹‖.
        let bh = mul(&adj(&d.a), &x0);
        let mut xh = to_t::<T>(&bh);
        let t = if T::IS_COMPLEX {
            Trans::ConjTrans
        } else {
            Trans::Trans
        };
        e.getrs(t, f.as_ref(), &ipiv, xh.as_mut())
            .unwrap_or_else(|err| panic!("[{name}] getrs {t:?}: {err}"));
        out.push(entry::<T>(
            "getrs: X of the adjoint",
            &to_c(xh.as_ref()),
            &x0,
            solve_bound(&x0, &bh, na, ninv),
        ));

        // getri: ‖X − A⁻¹‖ ≤ ‖A⁻¹‖·‖A·X − I‖ ≤ ‖A⁻¹‖·30·n·ε·‖A‖·‖X‖.
        e.getri(f.as_mut(), &ipiv)
            .unwrap_or_else(|err| panic!("[{name}] getri: {err}"));
        out.push(entry::<T>(
            "getri: A⁻¹",
            &to_c(f.as_ref()),
            &d.inv,
            2.0 * ninv * ff::<T>(N) * na * ninv,
        ));
    }
}

fn cholesky_family<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    let mut rng = Rng::new(seed);
    // R = D·(I + M), D > 0: A = Rᴴ·R, A⁻¹ = R⁻¹·R⁻ᴴ.
    let d = lu_data::<T>(&mut rng, N, true);
    let r = d.u;
    let r_inv = mul(&d.inv, &d.l);
    let a = mul(&adj(&r), &r);
    let (nr, nri, na) = (fro(&r), fro(&r_inv), fro(&a));
    let abs_rr = {
        let ar = Mat::from_fn(N, N, |i, j| c64::new(r[(i, j)].norm(), 0.0));
        fro(&mul(&adj(&ar), &ar))
    };
    // ‖ΔA‖ ≤ 30·n·ε·‖|R|ᴴ·|R|‖; to first order ΔR = Φ(R⁻ᴴ·ΔA·R⁻¹)·R with
    // ‖Φ(X)‖ ≤ ‖X‖: ‖ΔR‖ ≤ ‖R⁻¹‖²·‖R‖·‖ΔA‖, doubled for second order.
    let bound = 2.0 * ff::<T>(N) * abs_rr * nri * nri * nr;
    for (e, out) in engines.iter().zip(outs.iter_mut()) {
        let mut rng = rng.clone();
        let name = e.info().name.clone();
        for uplo in [Uplo::Upper, Uplo::Lower] {
            let mut f = to_t::<T>(&a);
            e.potrf(uplo, f.as_mut())
                .unwrap_or_else(|err| panic!("[{name}] potrf: {err}"));
            let (got, want) = match uplo {
                Uplo::Upper => (
                    Mat::from_fn(N, N, |i, j| {
                        if i <= j {
                            f.as_ref().at(i, j).to_c64()
                        } else {
                            c64::new(0.0, 0.0)
                        }
                    }),
                    r.clone(),
                ),
                Uplo::Lower => (
                    Mat::from_fn(N, N, |i, j| {
                        if i >= j {
                            f.as_ref().at(i, j).to_c64()
                        } else {
                            c64::new(0.0, 0.0)
                        }
                    }),
                    adj(&r),
                ),
            };
            out.push(entry::<T>(
                &format!("potrf: factor ({uplo:?})"),
                &got,
                &want,
                bound,
            ));
            let x0 = integers::<T>(&mut rng, N, 2);
            let b0 = mul(&a, &x0);
            let mut x = to_t::<T>(&b0);
            e.potrs(uplo, f.as_ref(), x.as_mut())
                .unwrap_or_else(|err| panic!("[{name}] potrs: {err}"));
            let ninv = nri * nri;
            out.push(entry::<T>(
                &format!("potrs: X ({uplo:?})"),
                &to_c(x.as_ref()),
                &x0,
                2.0 * ninv * ff::<T>(N) * (na * fro(&x0) + fro(&b0)),
            ));
        }
    }
}

/// `A = Q₁·R` with `Q₁` the first `n` columns of a Hadamard unitary of
/// order 64 and `R = D·(I + M)`, `D > 0`: the unique QR factorization with
/// a real positive diagonal.
fn qr_family<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    let (m, n) = (64, 40);
    let mut rng = Rng::new(seed);
    let d = lu_data::<T>(&mut rng, n, true);
    let (r, r_inv) = (d.u.clone(), mul(&d.inv, &d.l));
    let q1 = first_cols(&hadamard::<T>(m, twist(seed), false), n);
    let a = mul(&q1, &r);
    let (na, nr, nri) = (fro(&a), fro(&r), fro(&r_inv));
    let da = ff::<T>(m) * na;
    // First order: ΔQ = (ΔA − Q·ΔR)·R⁻¹ and ΔR = triu-part of Qᴴ·ΔA·R⁻¹·R:
    // ‖ΔR‖ ≤ √2·‖ΔA‖·‖R⁻¹‖·‖R‖, ‖ΔQ‖ ≤ (1 + √2·‖R⁻¹‖·‖R‖)·‖ΔA‖·‖R⁻¹‖;
    // doubled for second order.
    let kappa = nri * nr;
    let r_bound = 2.0 * 2f64.sqrt() * da * kappa;
    let q_bound = 2.0 * (1.0 + 2f64.sqrt() * kappa) * da * nri;
    for (e, out) in engines.iter().zip(outs.iter_mut()) {
        let mut rng = rng.clone();
        let name = e.info().name.clone();

        // geqrf + ungqr, made canonical here: column j of Q times the phase of
        // R(j, j), row j of R times its conjugate.
        let mut f = to_t::<T>(&a);
        let mut tau = vec![T::zero(); n];
        e.geqrf(f.as_mut(), &mut tau)
            .unwrap_or_else(|err| panic!("[{name}] geqrf: {err}"));
        let phase: Vec<c64> = (0..n)
            .map(|j| {
                let z = f.as_ref().at(j, j).to_c64();
                if z.norm() == 0.0 {
                    c64::new(1.0, 0.0)
                } else {
                    z / z.norm()
                }
            })
            .collect();
        let rc = Mat::from_fn(n, n, |i, j| {
            if i <= j {
                phase[i].conj() * f.as_ref().at(i, j).to_c64()
            } else {
                c64::new(0.0, 0.0)
            }
        });
        out.push(entry::<T>("geqrf: R, canonical", &rc, &r, r_bound));
        e.ungqr(f.as_mut(), &tau)
            .unwrap_or_else(|err| panic!("[{name}] ungqr: {err}"));
        let qc = Mat::from_fn(m, n, |i, j| f.as_ref().at(i, j).to_c64() * phase[j]);
        out.push(entry::<T>("ungqr: Q, canonical", &qc, &q1, q_bound));

        // linalg::qr: canonical in the engine.
        let qr = e
            .qr(to_t::<T>(&a).as_ref(), linmux::linalg::QrMode::Reduced)
            .unwrap_or_else(|err| panic!("[{name}] qr: {err}"));
        out.push(entry::<T>(
            "qr: Q",
            &to_c(qr.q.as_ref().expect("reduced QR has Q").as_ref()),
            &q1,
            q_bound,
        ));
        out.push(entry::<T>("qr: R", &to_c(qr.r.as_ref()), &r, r_bound));

        // gels, overdetermined and consistent: ‖X − X₀‖ ≤ ‖A⁺‖·(‖ΔA‖·‖X‖ + ‖ΔB‖)
        // with ‖A⁺‖ = ‖R⁻¹‖ (no residual, so no κ² term).
        let x0 = integers::<T>(&mut rng, n, 2);
        let b0 = mul(&a, &x0);
        let mut af = to_t::<T>(&a);
        let mut b = to_t::<T>(&b0);
        e.gels(Trans::No, af.as_mut(), b.as_mut())
            .unwrap_or_else(|err| panic!("[{name}] gels: {err}"));
        let x = Mat::from_fn(n, 2, |i, j| b.as_ref().at(i, j).to_c64());
        out.push(entry::<T>(
            "gels: X, overdetermined",
            &x,
            &x0,
            2.0 * nri * ff::<T>(m) * (na * fro(&x0) + fro(&b0)),
        ));
        // Underdetermined, through the adjoint: Aᴴ·X = B has the minimum-norm
        // solution X₀ = Q₁·Y when B = Rᴴ·Y.
        let y = integers::<T>(&mut rng, n, 2);
        let x0 = mul(&q1, &y);
        let b0 = mul(&adj(&r), &y);
        let mut af = to_t::<T>(&a);
        let mut b = Mat::<T>::zeros(m, 2);
        for j in 0..2 {
            for i in 0..n {
                b[(i, j)] = T::from_c64(b0[(i, j)]);
            }
        }
        let t = if T::IS_COMPLEX {
            Trans::ConjTrans
        } else {
            Trans::Trans
        };
        e.gels(t, af.as_mut(), b.as_mut())
            .unwrap_or_else(|err| panic!("[{name}] gels {t:?}: {err}"));
        out.push(entry::<T>(
            "gels: X, minimum norm",
            &to_c(b.as_ref()),
            &x0,
            // The minimum-norm solution moves by ‖A⁺‖·‖ΔB‖ + 2·‖A⁺‖·‖ΔA‖·‖X‖
            // to first order (Wedin); doubled.
            2.0 * nri * ff::<T>(m) * (2.0 * na * fro(&x0) + fro(&b0)),
        ));
    }
}

/// Singular values `64 − j` (gap 1) of `A = U·Σ·Vᴴ`, square (every job) and
/// tall (thin vectors).
fn svd_family<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    for (m, n) in [(64, 64), (64, 16)] {
        let u0 = first_cols(&hadamard::<T>(m, twist(seed), false), n);
        let v0 = hadamard::<T>(n, twist(seed) + 1, true);
        let s0: Vec<f64> = (0..n).map(|j| (n - j) as f64).collect();
        let us = Mat::from_fn(m, n, |i, j| u0[(i, j)] * s0[j]);
        let a = mul(&us, &adj(&v0));
        let na = fro(&a);
        // Weyl: |Δσ| ≤ ‖ΔA‖ ≤ 30·N·ε·‖A‖; vectors move by ‖ΔA‖/gap (gap 1).
        let vb = ff::<T>(m.max(n)) * na;
        for (e, out) in engines.iter().zip(outs.iter_mut()) {
            let name = e.info().name.clone();
            let jobs: &[SvdJob] = if m == n {
                &[SvdJob::ValuesOnly, SvdJob::Thin, SvdJob::Full]
            } else {
                &[SvdJob::ValuesOnly, SvdJob::Thin]
            };
            for &job in jobs {
                let mut w = to_t::<T>(&a);
                let mut s = vec![T::zero().re(); n];
                let mut u = Mat::<T>::zeros(m, n);
                let mut vt = Mat::<T>::zeros(n, n);
                let vectors = job != SvdJob::ValuesOnly;
                let r = if vectors {
                    e.gesdd(job, w.as_mut(), &mut s, Some(u.as_mut()), Some(vt.as_mut()))
                } else {
                    e.gesdd(job, w.as_mut(), &mut s, None, None)
                };
                r.unwrap_or_else(|err| panic!("[{name}] gesdd {job:?}: {err}"));
                let s_got: Vec<c64> = s.iter().map(|&x| c64::new(real::<T>(x), 0.0)).collect();
                let s_want: Vec<c64> = s0.iter().map(|&x| c64::new(x, 0.0)).collect();
                out.push(entry::<T>(
                    &format!("gesdd: σ, {m}×{n} {job:?}"),
                    &col_vec(&s_got),
                    &col_vec(&s_want),
                    vb,
                ));
                if vectors {
                    out.push(entry::<T>(
                        &format!("gesdd: U, {m}×{n} {job:?}"),
                        &to_c(u.as_ref()),
                        &canonical::<T>(&u0),
                        vb,
                    ));
                    // U's columns are canonical; each column of V carries the
                    // same phase as U's (A = Σ σⱼ·uⱼ·vⱼᴴ).
                    let f = canonical_phases::<T>(&u0);
                    let v = adj(&to_c(vt.as_ref()));
                    out.push(entry::<T>(
                        &format!("gesdd: V, {m}×{n} {job:?}"),
                        &v,
                        &Mat::from_fn(n, n, |i, j| v0[(i, j)] * f[j]),
                        vb,
                    ));
                }
            }
        }
    }
}

/// Hermitian `A = Q·diag(j − 32)·Qᴴ` (eigenvalue gap 1).
fn eigh_family<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    let q = hadamard::<T>(N, twist(seed), false);
    let w0: Vec<f64> = (0..N).map(|j| j as f64 - 32.0).collect();
    let qw = Mat::from_fn(N, N, |i, j| q[(i, j)] * w0[j]);
    let a = mul(&qw, &adj(&q));
    let vb = ff::<T>(N) * fro(&a);
    for (e, out) in engines.iter().zip(outs.iter_mut()) {
        let name = e.info().name.clone();
        for (job, uplo) in [
            (EigJob::Vectors, Uplo::Lower),
            (EigJob::ValuesOnly, Uplo::Upper),
        ] {
            let mut v = to_t::<T>(&a);
            let mut w = vec![T::zero().re(); N];
            e.heevd(job, uplo, v.as_mut(), &mut w)
                .unwrap_or_else(|err| panic!("[{name}] heevd: {err}"));
            let got: Vec<c64> = w.iter().map(|&x| c64::new(real::<T>(x), 0.0)).collect();
            let want: Vec<c64> = w0.iter().map(|&x| c64::new(x, 0.0)).collect();
            out.push(entry::<T>(
                &format!("heevd: λ ({job:?}, {uplo:?})"),
                &col_vec(&got),
                &col_vec(&want),
                vb,
            ));
            if job == EigJob::Vectors {
                out.push(entry::<T>(
                    "heevd: vectors",
                    &to_c(v.as_ref()),
                    &canonical::<T>(&q),
                    vb,
                ));
            }
        }
    }
}

/// A normal, non-Hermitian `A = Q·T·Qᴴ`: `T` diagonal with eigenvalues of
/// distinct real parts (complex types), or 2×2 blocks `[[a, 1], [−1, a]]`
/// with eigenvalues `a ± i` (real types). Normal: eigenvalues move by at
/// most `‖ΔA‖`, eigenvectors by `‖ΔA‖/gap`, left = right vectors.
fn eig_family<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    let n = 16;
    let q = hadamard::<T>(n, twist(seed), false);
    let mut t = Mat::<c64>::zeros(n, n);
    // Eigenvalues in the engine's order (real part ascending, imaginary
    // part descending) with their exact unit eigenvectors of T.
    let mut pairs: Vec<(c64, Mat<c64>)> = Vec::new();
    let unit = |k: usize| Mat::from_fn(n, 1, |i, _| c64::new(f64::from(u8::from(i == k)), 0.0));
    if T::IS_COMPLEX {
        for j in 0..n {
            let l = c64::new(j as f64 - 8.0, (j % 5) as f64 - 2.0);
            t[(j, j)] = l;
            pairs.push((l, unit(j)));
        }
    } else {
        for b in 0..n / 2 {
            let (p, a) = (2 * b, 2.0 * b as f64 - 8.0);
            t[(p, p)] = c64::new(a, 0.0);
            t[(p + 1, p + 1)] = c64::new(a, 0.0);
            t[(p, p + 1)] = c64::new(1.0, 0.0);
            t[(p + 1, p)] = c64::new(-1.0, 0.0);
            // [[a, 1], [−1, a]]·(1, ±i) = (a ± i)·(1, ±i).
            let s = std::f64::consts::FRAC_1_SQRT_2;
            for sign in [1.0, -1.0] {
                let v = Mat::from_fn(n, 1, |i, _| {
                    if i == p {
                        c64::new(s, 0.0)
                    } else if i == p + 1 {
                        c64::new(0.0, sign * s)
                    } else {
                        c64::new(0.0, 0.0)
                    }
                });
                pairs.push((c64::new(a, sign), v));
            }
        }
    }
    let a = mul(&mul(&q, &t), &adj(&q));
    let vb = ff::<T>(n) * fro(&a);
    // Smallest distance between two eigenvalues: 1 (complex), 1 between
    // blocks and 2 within a pair (real).
    let gap = 1.0;
    let want_w: Vec<c64> = pairs.iter().map(|p| p.0).collect();
    let want_v = {
        let cols: Vec<Mat<c64>> = pairs.iter().map(|p| mul(&q, &p.1)).collect();
        canonical::<T>(&Mat::from_fn(n, n, |i, j| cols[j][(i, 0)]))
    };
    for (e, out) in engines.iter().zip(outs.iter_mut()) {
        let name = e.info().name.clone();
        let mut f = to_t::<T>(&a);
        let mut w = vec![T::Complex::from_c64(c64::new(0.0, 0.0)); n];
        let mut vl = Mat::<T::Complex>::zeros(n, n);
        let mut vr = Mat::<T::Complex>::zeros(n, n);
        e.geev(f.as_mut(), &mut w, Some(vl.as_mut()), Some(vr.as_mut()))
            .unwrap_or_else(|err| panic!("[{name}] geev: {err}"));
        let got_w: Vec<c64> = w.iter().map(|z| z.to_c64()).collect();
        out.push(entry::<T>(
            "geev: λ",
            &col_vec(&got_w),
            &col_vec(&want_w),
            vb,
        ));
        out.push(entry::<T>(
            "geev: right vectors",
            &to_c(vr.as_ref()),
            &want_v,
            vb / gap,
        ));
        out.push(entry::<T>(
            "geev: left vectors",
            &to_c(vl.as_ref()),
            &want_v,
            vb / gap,
        ));
    }
}

/// Every family on every engine; the data is built once (exact products
/// in unoptimized test code are the slow part).
fn battery<T: Scalar>(engines: &[Engine], seed: u64, outs: &mut [Vec<Entry>]) {
    lu_family::<T>(engines, seed, outs);
    cholesky_family::<T>(engines, seed + 1, outs);
    qr_family::<T>(engines, seed + 2, outs);
    svd_family::<T>(engines, seed + 3, outs);
    eigh_family::<T>(engines, seed + 4, outs);
    eig_family::<T>(engines, seed + 5, outs);
}

/// Every LAPACK operation on every required backend: each within the
/// bound of the exact result, every pair within twice it. The error table
/// goes to `$CARGO_TARGET_TMPDIR/contract/lapack.md` (and standard output).
#[test]
fn every_pair_of_backends_agrees_on_lapack_results() {
    let engines = engines();
    let mut outs: Vec<Vec<Entry>> = vec![Vec::new(); engines.len()];
    for seed in [1, 2] {
        battery::<f32>(&engines, seed, &mut outs);
        battery::<f64>(&engines, seed, &mut outs);
        battery::<linmux::c32>(&engines, seed, &mut outs);
        battery::<c64>(&engines, seed, &mut outs);
    }
    let runs: Vec<(String, Vec<Entry>)> = engines
        .iter()
        .map(|e| e.info().name.clone())
        .zip(outs)
        .collect();
    let bad: Vec<String> = runs
        .iter()
        .flat_map(|(name, entries)| {
            entries.iter().filter(|x| x.ratio() > 1.0).map(move |x| {
                format!(
                    "[{name} {}] {}: {:.3}× the bound from the exact result",
                    x.kind.name(),
                    x.what,
                    x.ratio()
                )
            })
        })
        .collect();
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    let table = ledger::compare(&runs).unwrap_or_else(|e| panic!("LAPACK, pairwise:\n{e}"));
    if runs.len() > 1 {
        assert!(table.compared > 0);
    }
    let text = format!(
        "LAPACK: {} comparisons between pairs of backends\n\n{}",
        table.compared,
        table.markdown()
    );
    println!("{text}");
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("contract");
    let _ =
        std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join("lapack.md"), text));
}

/// The exact data is what the module says it is (a wrong construction
/// would make every backend fail, or, worse, pass trivially).
#[test]
fn the_exact_data_is_exact() {
    let mut rng = Rng::new(3);
    let d = lu_data::<c64>(&mut rng, 16, false);
    let id = mul(&d.a, &d.inv);
    assert_eq!(id.as_slice(), Mat::<c64>::identity(16).as_slice());
    let h = hadamard::<c64>(16, 1, true);
    assert_eq!(
        mul(&adj(&h), &h).as_slice(),
        Mat::<c64>::identity(16).as_slice()
    );
    // Non-trivial: the factors have off-diagonal entries.
    assert!(d.l.as_slice().iter().filter(|z| z.norm() > 0.0).count() > 16);
    assert!(d.u.as_slice().iter().filter(|z| z.norm() > 0.0).count() > 16);
}
