//! Checkers for factorizations and solvers: residual and orthogonality
//! bounds, never comparisons with reference factors (which are unique only up
//! to signs, phases or pivoting choices).
//!
//! Each checker takes the operation's *input* (before the call) and its
//! *outputs*, computes in `c64` with compensated products, and returns
//! `Err` with a message naming the failed check, the measured error and the
//! bound. Bounds are `FACTOR_C·n·ε_T·scale` ([`crate::tol::factor_factor`])
//! with the scale stated in each message.
//!
//! ```
//! use linmux_core::Mat;
//! use linmux_testkit::check;
//! // A = [[4, 2], [2, 3]] = L·Lᵀ with L = [[2, 0], [1, √2]].
//! let a = Mat::from_rows(&[[4.0f64, 2.0], [2.0, 3.0]]);
//! let mut l = a.clone();
//! l[(0, 0)] = 2.0;
//! l[(1, 0)] = 1.0;
//! l[(1, 1)] = 2f64.sqrt();
//! check::potrf(linmux_core::Uplo::Lower, a.as_ref(), l.as_ref()).unwrap();
//! ```

use linmux_core::{Mat, MatRef, RealScalar, Scalar, SvdJob, Trans, Uplo, c64};

use crate::dense::{
    abs, eye, form_q, fro, from_triangle, householder_qr, matmul, op, sub, tri_solve, triangle,
    widen,
};
use crate::layout::same_bits;
use crate::tol::{eps, factor_factor};

fn ensure<T: Scalar>(what: &str, measured: f64, bound: f64) -> Result<(), String> {
    crate::ledger::residual::<T>(what, measured, bound);
    if measured <= bound {
        Ok(())
    } else {
        Err(format!(
            "{what}: measured {measured:.3e} > bound {bound:.3e}"
        ))
    }
}

fn shape_err(op: &str, arg: &str, got: (usize, usize), want: (usize, usize)) -> Result<(), String> {
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "{op}: {arg} is {}×{}, expected {}×{}",
            got.0, got.1, want.0, want.1
        ))
    }
}

/// `‖QᴴQ − I‖_F` (columns orthonormal).
fn orth_error(q: &Mat<c64>) -> f64 {
    fro(&sub(&matmul(&q.adjoint(), q), &eye(q.ncols())))
}

/// Orthogonality bound for a `rows × cols` matrix with orthonormal columns.
fn orth_bound<T: Scalar>(rows: usize, cols: usize) -> f64 {
    factor_factor::<T>(rows.max(cols)) * (cols.max(1) as f64).sqrt()
}

fn reals<R: RealScalar>(x: &[R]) -> Vec<f64> {
    x.iter().map(|&v| RealScalar::to_f64(v)).collect()
}

fn diag_mat(d: &[f64], m: usize, n: usize) -> Mat<c64> {
    Mat::from_fn(m, n, |i, j| {
        if i == j {
            c64::new(d[i], 0.0)
        } else {
            c64::new(0.0, 0.0)
        }
    })
}

/// The first `ncols` columns of `a`.
fn cols(a: &Mat<c64>, ncols: usize) -> Mat<c64> {
    Mat::from_fn(a.nrows(), ncols, |i, j| a[(i, j)])
}

/// Checks `getrf`: `lu` holds `L` (unit lower, below the diagonal) and `U`
/// (on and above) of the input `a` (`m × n`), `ipiv` LAPACK's interchanges
/// (0-based: row `i` was swapped with row `ipiv[i] ≥ i`).
///
/// Checks: `ipiv` length and range; `|Lᵢⱼ| ≤ 1` (partial pivoting; `√2` for
/// complex types, which may pivot on `|re| + |im|`); and
/// `‖P·L·U − A‖_F ≤ 30·max(m,n)·ε·‖|L|·|U|‖_F` (Higham's backward error bound).
///
/// # Errors
/// The first failed check, with measured value and bound.
pub fn getrf<T: Scalar>(a: MatRef<'_, T>, lu: MatRef<'_, T>, ipiv: &[usize]) -> Result<(), String> {
    let (m, n) = a.shape();
    shape_err("getrf", "lu", lu.shape(), (m, n))?;
    let k = m.min(n);
    if ipiv.len() != k {
        return Err(format!(
            "getrf: ipiv has {} entries, expected min(m, n) = {k}",
            ipiv.len()
        ));
    }
    for (i, &p) in ipiv.iter().enumerate() {
        if p < i || p >= m {
            return Err(format!(
                "getrf: ipiv[{i}] = {p} is outside [{i}, {m}) (LAPACK form: row i is swapped with a row at or below it)"
            ));
        }
    }
    let f = widen(lu);
    let zero = c64::new(0.0, 0.0);
    let l = Mat::from_fn(m, k, |i, j| {
        if i == j {
            c64::new(1.0, 0.0)
        } else if i > j {
            f[(i, j)]
        } else {
            zero
        }
    });
    let u = Mat::from_fn(k, n, |i, j| if i <= j { f[(i, j)] } else { zero });
    let lmax = if T::IS_COMPLEX {
        std::f64::consts::SQRT_2
    } else {
        1.0
    } * (1.0 + 4.0 * eps::<T>());
    for j in 0..k {
        for i in j + 1..m {
            let v = l[(i, j)].norm();
            if v > lmax {
                return Err(format!(
                    "getrf: |L({i}, {j})| = {v:.6e} > {lmax:.6e}: not partial pivoting"
                ));
            }
        }
    }
    let mut plu = matmul(&l, &u);
    for i in (0..k).rev() {
        let p = ipiv[i];
        if p != i {
            for j in 0..n {
                let t = plu[(i, j)];
                plu[(i, j)] = plu[(p, j)];
                plu[(p, j)] = t;
            }
        }
    }
    let resid = fro(&sub(&plu, &widen(a)));
    let scale = fro(&matmul(&abs(&l), &abs(&u)));
    ensure::<T>(
        "getrf: residual ‖P·L·U − A‖_F (bound 30·max(m,n)·ε·‖|L|·|U|‖_F)",
        resid,
        factor_factor::<T>(m.max(n)) * scale,
    )
}

/// Checks `potrf`: `factor` is the output for input `a` (Hermitian, read from
/// its `uplo` triangle). The strict other triangle must be bitwise untouched,
/// the diagonal real (to `30·ε` relative) and positive, and
/// `‖RᴴR − A‖_F ≤ 30·n·ε·‖|R|ᴴ·|R|‖_F` (`R = U`, or `Lᴴ` for `Lower`).
///
/// # Errors
/// The first failed check.
pub fn potrf<T: Scalar>(uplo: Uplo, a: MatRef<'_, T>, factor: MatRef<'_, T>) -> Result<(), String> {
    let n = a.nrows();
    shape_err("potrf", "a", a.shape(), (n, n))?;
    shape_err("potrf", "factor", factor.shape(), (n, n))?;
    for j in 0..n {
        for i in 0..n {
            let other = match uplo {
                Uplo::Upper => i > j,
                Uplo::Lower => i < j,
            };
            if other && !same_bits(factor.at(i, j), a.at(i, j)) {
                return Err(format!(
                    "potrf: element ({i}, {j}) of the other triangle was written: {:?} became {:?}",
                    a.at(i, j),
                    factor.at(i, j)
                ));
            }
        }
    }
    let f = widen(factor);
    for i in 0..n {
        let d = f[(i, i)];
        if d.re.is_nan() || d.re <= 0.0 || d.im.abs() > 30.0 * eps::<T>() * d.re {
            return Err(format!(
                "potrf: diagonal element ({i}, {i}) = ({:e}, {:e}) is not real and positive",
                d.re, d.im
            ));
        }
    }
    let t = triangle(&f, uplo, false);
    let r = if uplo == Uplo::Upper { t } else { t.adjoint() };
    let prod = matmul(&r.adjoint(), &r);
    let h = from_triangle(&widen(a), uplo, true);
    let resid = fro(&sub(&prod, &h));
    let ra = abs(&r);
    let scale = fro(&matmul(&ra.transpose(), &ra));
    ensure::<T>(
        "potrf: residual ‖RᴴR − A‖_F (bound 30·n·ε·‖|R|ᴴ|R|‖_F)",
        resid,
        factor_factor::<T>(n) * scale,
    )
}

/// Checks `geqrf`: `qr` and `tau` are the outputs for input `a` (`m × n`), in
/// LAPACK's representation (`R` on and above the diagonal, `vᵢ` below with
/// `vᵢ(i) = 1` implicit, `Hᵢ = I − τᵢ·vᵢ·vᵢᴴ`, `Q = H₀⋯H_{k−1}`).
///
/// The testkit forms `Q` (`m × m`) from `v` and `τ` itself and checks
/// `‖QᴴQ − I‖_F ≤ 30·max(m,n)·ε·√m` (so `τ` and `v` really define unitary
/// reflectors) and `‖Q·R − A‖_F ≤ 30·max(m,n)·ε·‖A‖_F`.
///
/// # Errors
/// The first failed check.
pub fn geqrf<T: Scalar>(a: MatRef<'_, T>, qr: MatRef<'_, T>, tau: &[T]) -> Result<(), String> {
    let (m, n) = a.shape();
    shape_err("geqrf", "qr", qr.shape(), (m, n))?;
    if tau.len() != m.min(n) {
        return Err(format!(
            "geqrf: tau has {} entries, expected min(m, n) = {}",
            tau.len(),
            m.min(n)
        ));
    }
    let f = widen(qr);
    let t: Vec<c64> = tau.iter().map(|x| x.to_c64()).collect();
    let q = form_q(&f, &t, m);
    ensure::<T>(
        "geqrf: orthogonality ‖QᴴQ − I‖_F of Q formed from v and tau (bound 30·max(m,n)·ε·√m)",
        orth_error(&q),
        orth_bound::<T>(m.max(n), m),
    )?;
    let r = Mat::from_fn(m, n, |i, j| {
        if i <= j {
            f[(i, j)]
        } else {
            c64::new(0.0, 0.0)
        }
    });
    let aw = widen(a);
    ensure::<T>(
        "geqrf: residual ‖Q·R − A‖_F (bound 30·max(m,n)·ε·‖A‖_F)",
        fro(&sub(&matmul(&q, &r), &aw)),
        factor_factor::<T>(m.max(n)) * fro(&aw),
    )
}

/// Checks `ungqr`: `q` (`m × n`) is the output for input `qr` (the `geqrf`
/// output, at least `k = tau.len()` columns, `m ≥ n ≥ k`): it must match the
/// first `n` columns of `H₀⋯H_{k−1}` formed by the testkit,
/// `‖Q − Q_ref‖_F ≤ 30·m·ε·√n`, and have orthonormal columns,
/// `‖QᴴQ − I‖_F ≤ 30·m·ε·√n`.
///
/// # Errors
/// The first failed check.
pub fn ungqr<T: Scalar>(qr: MatRef<'_, T>, tau: &[T], q: MatRef<'_, T>) -> Result<(), String> {
    let (m, n) = q.shape();
    let k = tau.len();
    if !(m >= n && n >= k && qr.nrows() == m && qr.ncols() >= k) {
        return Err(format!(
            "ungqr: need m ≥ n ≥ k and qr with m rows and ≥ k columns; q is {m}×{n}, k = {k}, qr is {:?}",
            qr.shape()
        ));
    }
    let t: Vec<c64> = tau.iter().map(|x| x.to_c64()).collect();
    let q_ref = form_q(&widen(qr), &t, n);
    let qw = widen(q);
    ensure::<T>(
        "ungqr: ‖Q − Q_ref‖_F against Q formed from v and tau (bound 30·m·ε·√n)",
        fro(&sub(&qw, &q_ref)),
        orth_bound::<T>(m, n),
    )?;
    ensure::<T>(
        "ungqr: orthogonality ‖QᴴQ − I‖_F (bound 30·m·ε·√n)",
        orth_error(&qw),
        orth_bound::<T>(m, n),
    )
}

/// Checks `gesdd` for input `a` (`m × n`, `k = min(m, n)`).
///
/// Always: `s` has `k` entries, finite, nonnegative, descending, and
/// `|‖s‖₂ − ‖A‖_F| ≤ 30·max(m,n)·ε·‖A‖_F`. With `s_ref` (the exact singular
/// values, e.g. from [`crate::data::random_with_cond`]; any order):
/// `|sᵢ − s_refᵢ| ≤ 30·max(m,n)·ε·‖A‖_F` (Weyl). With vectors (`u`/`vt` of the
/// job's shapes: `m × k`/`k × n` for `Thin`, `m × m`/`n × n` for `Full`):
/// `‖U_k·Σ·Vᴴ_k − A‖_F ≤ 30·max(m,n)·ε·‖A‖_F` and orthonormal columns of `U`
/// and rows of `Vᴴ`.
///
/// # Errors
/// The first failed check.
pub fn gesdd<T: Scalar>(
    job: SvdJob,
    a: MatRef<'_, T>,
    s: &[T::Real],
    u: Option<MatRef<'_, T>>,
    vt: Option<MatRef<'_, T>>,
    s_ref: Option<&[f64]>,
) -> Result<(), String> {
    let (m, n) = a.shape();
    let k = m.min(n);
    if s.len() != k {
        return Err(format!(
            "gesdd: s has {} entries, expected min(m, n) = {k}",
            s.len()
        ));
    }
    let sv = reals(s);
    for (i, &x) in sv.iter().enumerate() {
        if !x.is_finite() || x < 0.0 {
            return Err(format!(
                "gesdd: s[{i}] = {x:e} is not finite and nonnegative"
            ));
        }
        if i > 0 && sv[i - 1] < x {
            return Err(format!(
                "gesdd: s is not descending: s[{}] = {:e} < s[{i}] = {x:e}",
                i - 1,
                sv[i - 1]
            ));
        }
    }
    let aw = widen(a);
    let na = fro(&aw);
    let tolv = factor_factor::<T>(m.max(n)) * na;
    let s_norm = fro(&diag_mat(&sv, k, k));
    ensure::<T>(
        "gesdd: |‖s‖₂ − ‖A‖_F| (bound 30·max(m,n)·ε·‖A‖_F)",
        (s_norm - na).abs(),
        tolv,
    )?;
    if let Some(r) = s_ref {
        if r.len() != k {
            return Err(format!(
                "gesdd: s_ref has {} entries, expected {k}",
                r.len()
            ));
        }
        let mut r = r.to_vec();
        r.sort_by(|a, b| b.total_cmp(a));
        let (i, err) = sv
            .iter()
            .zip(&r)
            .map(|(x, y)| (x - y).abs())
            .enumerate()
            .fold(
                (0, 0.0f64),
                |w, (i, e)| if e > w.1 || e.is_nan() { (i, e) } else { w },
            );
        ensure::<T>(
            &format!("gesdd: |s[{i}] − s_ref[{i}]| (worst; bound 30·max(m,n)·ε·‖A‖_F)"),
            err,
            tolv,
        )?;
    }
    let (want_u, want_vt) = match job {
        SvdJob::ValuesOnly => {
            if u.is_some() || vt.is_some() {
                return Err(String::from("gesdd: ValuesOnly job but vectors were given"));
            }
            return Ok(());
        }
        SvdJob::Thin => ((m, k), (k, n)),
        SvdJob::Full => ((m, m), (n, n)),
    };
    let (Some(u), Some(vt)) = (u, vt) else {
        return Err(format!("gesdd: {job:?} job needs both u and vt"));
    };
    shape_err("gesdd", "u", u.shape(), want_u)?;
    shape_err("gesdd", "vt", vt.shape(), want_vt)?;
    let (uw, vw) = (widen(u), widen(vt).adjoint());
    let recon = matmul(
        &matmul(&cols(&uw, k), &diag_mat(&sv, k, k)),
        &cols(&vw, k).adjoint(),
    );
    ensure::<T>(
        "gesdd: residual ‖U·Σ·Vᴴ − A‖_F (bound 30·max(m,n)·ε·‖A‖_F)",
        fro(&sub(&recon, &aw)),
        tolv,
    )?;
    ensure::<T>(
        "gesdd: orthogonality ‖UᴴU − I‖_F (bound 30·max(m,n)·ε·√ncols)",
        orth_error(&uw),
        orth_bound::<T>(m.max(n), uw.ncols()),
    )?;
    ensure::<T>(
        "gesdd: orthogonality ‖VᴴV − I‖_F (bound 30·max(m,n)·ε·√nrows(Vᴴ))",
        orth_error(&vw),
        orth_bound::<T>(m.max(n), vw.ncols()),
    )
}

/// Checks `heevd` for input `a` (read from its `uplo` triangle, imaginary
/// parts of the diagonal ignored).
///
/// Always: `w` has `n` finite entries, ascending; the trace
/// `|Σwᵢ − tr A| ≤ 30·n·ε·‖A‖_F·√n`; and `|‖w‖₂ − ‖A‖_F| ≤ 30·n·ε·‖A‖_F`. With
/// `w_ref` (exact eigenvalues, any order): `|wᵢ − w_refᵢ| ≤ 30·n·ε·‖A‖_F`.
/// With `vectors` (the `A` output of [`linmux_core::EigJob::Vectors`]):
/// `‖A·V − V·Λ‖_F ≤ 30·n·ε·‖A‖_F` and `‖VᴴV − I‖_F ≤ 30·n·ε·√n`.
///
/// # Errors
/// The first failed check.
pub fn heevd<T: Scalar>(
    uplo: Uplo,
    a: MatRef<'_, T>,
    w: &[T::Real],
    vectors: Option<MatRef<'_, T>>,
    w_ref: Option<&[f64]>,
) -> Result<(), String> {
    let n = a.nrows();
    shape_err("heevd", "a", a.shape(), (n, n))?;
    if w.len() != n {
        return Err(format!(
            "heevd: w has {} entries, expected n = {n}",
            w.len()
        ));
    }
    let wv = reals(w);
    for (i, &x) in wv.iter().enumerate() {
        if !x.is_finite() {
            return Err(format!("heevd: w[{i}] = {x:e} is not finite"));
        }
        if i > 0 && wv[i - 1] > x {
            return Err(format!(
                "heevd: w is not ascending: w[{}] = {:e} > w[{i}] = {x:e}",
                i - 1,
                wv[i - 1]
            ));
        }
    }
    let h = from_triangle(&widen(a), uplo, true);
    let nh = fro(&h);
    let tolv = factor_factor::<T>(n) * nh;
    let tr: f64 = crate::accum::sum(&(0..n).map(|i| h[(i, i)].re).collect::<Vec<_>>());
    ensure::<T>(
        "heevd: trace |Σw − tr A| (bound 30·n·ε·‖A‖_F·√n)",
        (crate::accum::sum(&wv) - tr).abs(),
        tolv * (n.max(1) as f64).sqrt(),
    )?;
    ensure::<T>(
        "heevd: |‖w‖₂ − ‖A‖_F| (bound 30·n·ε·‖A‖_F)",
        (fro(&diag_mat(&wv, n, n)) - nh).abs(),
        tolv,
    )?;
    if let Some(r) = w_ref {
        if r.len() != n {
            return Err(format!(
                "heevd: w_ref has {} entries, expected {n}",
                r.len()
            ));
        }
        let mut r = r.to_vec();
        r.sort_by(f64::total_cmp);
        let (i, err) = wv
            .iter()
            .zip(&r)
            .map(|(x, y)| (x - y).abs())
            .enumerate()
            .fold(
                (0, 0.0f64),
                |w, (i, e)| if e > w.1 || e.is_nan() { (i, e) } else { w },
            );
        ensure::<T>(
            &format!("heevd: |w[{i}] − w_ref[{i}]| (worst; bound 30·n·ε·‖A‖_F)"),
            err,
            tolv,
        )?;
    }
    if let Some(v) = vectors {
        shape_err("heevd", "vectors", v.shape(), (n, n))?;
        let vw = widen(v);
        let av = matmul(&h, &vw);
        let vl = matmul(&vw, &diag_mat(&wv, n, n));
        ensure::<T>(
            "heevd: residual ‖A·V − V·Λ‖_F (bound 30·n·ε·‖A‖_F)",
            fro(&sub(&av, &vl)),
            tolv,
        )?;
        ensure::<T>(
            "heevd: orthogonality ‖VᴴV − I‖_F (bound 30·n·ε·√n)",
            orth_error(&vw),
            orth_bound::<T>(n, n),
        )?;
    }
    Ok(())
}

/// Checks `geev` for input `a` (`n × n`).
///
/// Always: `w` has `n` finite entries and `|Σλ − tr A| ≤ 30·n·ε·‖A‖_F·√n`;
/// for real `T`, non-real eigenvalues come in adjacent pairs, positive
/// imaginary part first, the second the conjugate of the first (to
/// `30·n·ε·‖A‖_F`). With `vr`: every column is a nonzero finite `v` with
/// `‖A·v − λ·v‖ ≤ 30·n·ε·‖A‖_F·‖v‖`; with `vl`: every column `u` has
/// `‖Aᴴ·u − conj(λ)·u‖ ≤ 30·n·ε·‖A‖_F·‖u‖` (i.e. `uᴴ·A = λ·uᴴ`).
///
/// # Errors
/// The first failed check.
pub fn geev<T: Scalar>(
    a: MatRef<'_, T>,
    w: &[T::Complex],
    vl: Option<MatRef<'_, T::Complex>>,
    vr: Option<MatRef<'_, T::Complex>>,
) -> Result<(), String> {
    let n = a.nrows();
    shape_err("geev", "a", a.shape(), (n, n))?;
    if w.len() != n {
        return Err(format!("geev: w has {} entries, expected n = {n}", w.len()));
    }
    let lam: Vec<c64> = w.iter().map(|x| x.to_c64()).collect();
    if let Some((i, z)) = lam
        .iter()
        .enumerate()
        .find(|(_, z)| !(z.re.is_finite() && z.im.is_finite()))
    {
        return Err(format!(
            "geev: w[{i}] = ({:e}, {:e}) is not finite",
            z.re, z.im
        ));
    }
    let aw = widen(a);
    let na = fro(&aw);
    let tolv = factor_factor::<T>(n) * na;
    let mut tr = crate::accum::ComplexSum::new();
    let mut sl = crate::accum::ComplexSum::new();
    for i in 0..n {
        tr.add(aw[(i, i)]);
        sl.add(lam[i]);
    }
    ensure::<T>(
        "geev: trace |Σλ − tr A| (bound 30·n·ε·‖A‖_F·√n)",
        (sl.value() - tr.value()).norm(),
        tolv * (n.max(1) as f64).sqrt(),
    )?;
    if !T::IS_COMPLEX {
        let mut i = 0;
        while i < n {
            if lam[i].im == 0.0 {
                i += 1;
                continue;
            }
            if lam[i].im < 0.0 || i + 1 == n {
                return Err(format!(
                    "geev: w[{i}] = ({:e}, {:e}) does not start a conjugate pair (positive imaginary part first)",
                    lam[i].re, lam[i].im
                ));
            }
            ensure::<T>(
                &format!(
                    "geev: |w[{}] − conj(w[{i}])| of a conjugate pair (bound 30·n·ε·‖A‖_F)",
                    i + 1
                ),
                (lam[i + 1] - lam[i].conj()).norm(),
                tolv,
            )?;
            i += 2;
        }
    }
    for (side, vecs) in [("right", vr), ("left", vl)] {
        let Some(v) = vecs else { continue };
        shape_err("geev", side, v.shape(), (n, n))?;
        let vw = widen(v);
        let (mat, left) = if side == "left" {
            (aw.adjoint(), true)
        } else {
            (aw.clone(), false)
        };
        for (j, &l) in lam.iter().enumerate() {
            let x = cols(&Mat::from_fn(n, 1, |i, _| vw[(i, j)]), 1);
            let nx = fro(&x);
            if !(nx > 0.0 && nx.is_finite()) {
                return Err(format!(
                    "geev: {side} eigenvector {j} is zero or not finite (‖v‖ = {nx:e})"
                ));
            }
            let l = if left { l.conj() } else { l };
            let ax = matmul(&mat, &x);
            let lx = Mat::from_fn(n, 1, |i, _| l * x[(i, 0)]);
            ensure::<T>(
                &format!("geev: {side} eigenpair {j}: ‖A·v − λ·v‖ (bound 30·n·ε·‖A‖_F·‖v‖)"),
                fro(&sub(&ax, &lx)),
                tolv * nx,
            )?;
        }
    }
    Ok(())
}

fn solve_residual<T: Scalar>(
    what: &str,
    opa: &Mat<c64>,
    x: MatRef<'_, T>,
    b: MatRef<'_, T>,
) -> Result<(), String> {
    let (m, n) = opa.shape();
    shape_err(what, "x", x.shape(), (n, b.ncols()))?;
    shape_err(what, "b", b.shape(), (m, x.ncols()))?;
    let (xw, bw) = (widen(x), widen(b));
    let r = fro(&sub(&matmul(opa, &xw), &bw));
    let scale = fro(opa) * fro(&xw) + fro(&bw);
    ensure::<T>(
        &format!("{what}: residual ‖op(A)·X − B‖_F (bound 30·n·ε·(‖A‖_F·‖X‖_F + ‖B‖_F))"),
        r,
        factor_factor::<T>(m.max(n)) * scale,
    )
}

/// Checks `getrs`: `x` solves `op(a)·X = b` (`a` the original square matrix,
/// `b` the original right-hand sides):
/// `‖op(A)·X − B‖_F ≤ 30·n·ε·(‖A‖_F·‖X‖_F + ‖B‖_F)`.
///
/// # Errors
/// If shapes disagree or the residual exceeds the bound.
pub fn getrs<T: Scalar>(
    trans: Trans,
    a: MatRef<'_, T>,
    x: MatRef<'_, T>,
    b: MatRef<'_, T>,
) -> Result<(), String> {
    shape_err("getrs", "a", a.shape(), (a.nrows(), a.nrows()))?;
    solve_residual("getrs", &op(trans, &widen(a)), x, b)
}

/// Checks `potrs`: `x` solves `A·X = b`, `A` Hermitian from the `uplo`
/// triangle of the original `a`; bound as [`getrs`].
///
/// # Errors
/// If shapes disagree or the residual exceeds the bound.
pub fn potrs<T: Scalar>(
    uplo: Uplo,
    a: MatRef<'_, T>,
    x: MatRef<'_, T>,
    b: MatRef<'_, T>,
) -> Result<(), String> {
    shape_err("potrs", "a", a.shape(), (a.nrows(), a.nrows()))?;
    solve_residual("potrs", &from_triangle(&widen(a), uplo, true), x, b)
}

/// Checks `gels` for the original `a` (`op(A)` is `M × N`) and `b`
/// (`M × nrhs`); `x` is the solution (`N × nrhs`: the leading `N` rows of the
/// `B` output).
///
/// Overdetermined (`M ≥ N`): the normal-equation residual
/// `‖op(A)ᴴ·(op(A)·X − B)‖_F ≤ 30·M·ε·‖A‖_F·(‖A‖_F·‖X‖_F + ‖B‖_F)`.
/// Underdetermined (`M < N`): the residual `‖op(A)·X − B‖_F` as [`getrs`], and
/// minimum norm: the part of `X` outside the row space of `op(A)` is at most
/// `30·N·ε·‖A‖_F·‖R⁻¹‖_F·‖X‖_F` (`R` from the testkit's QR of `op(A)ᴴ`).
///
/// # Errors
/// The first failed check.
pub fn gels<T: Scalar>(
    trans: Trans,
    a: MatRef<'_, T>,
    x: MatRef<'_, T>,
    b: MatRef<'_, T>,
) -> Result<(), String> {
    let opa = op(trans, &widen(a));
    let (m, n) = opa.shape();
    shape_err("gels", "x", x.shape(), (n, b.ncols()))?;
    shape_err("gels", "b", b.shape(), (m, x.ncols()))?;
    let (xw, bw) = (widen(x), widen(b));
    let na = fro(&opa);
    if m >= n {
        let r = sub(&matmul(&opa, &xw), &bw);
        let g = matmul(&opa.adjoint(), &r);
        return ensure::<T>(
            "gels: normal-equation residual ‖op(A)ᴴ·(op(A)·X − B)‖_F (bound 30·M·ε·‖A‖_F·(‖A‖_F·‖X‖_F + ‖B‖_F))",
            fro(&g),
            factor_factor::<T>(m) * na * (na * fro(&xw) + fro(&bw)),
        );
    }
    solve_residual("gels", &opa, x, b)?;
    let (packed, tau) = householder_qr(&opa.adjoint());
    let q1 = form_q(&packed, &tau, m);
    let r = Mat::from_fn(m, m, |i, j| {
        if i <= j {
            packed[(i, j)]
        } else {
            c64::new(0.0, 0.0)
        }
    });
    let rinv = fro(&tri_solve(&r, false, &eye(m)));
    let outside = sub(&xw, &matmul(&q1, &matmul(&q1.adjoint(), &xw)));
    ensure::<T>(
        "gels: minimum norm: ‖X − P_row(A)·X‖_F (bound 30·N·ε·‖A‖_F·‖R⁻¹‖_F·‖X‖_F)",
        fro(&outside),
        factor_factor::<T>(n) * na * rinv * fro(&xw),
    )
}

/// Checks `getri`: `inv` is the inverse of the original `a`:
/// `‖A·X − I‖_F ≤ 30·n·ε·‖A‖_F·‖X‖_F`.
///
/// # Errors
/// If shapes disagree or the residual exceeds the bound.
pub fn getri<T: Scalar>(a: MatRef<'_, T>, inv: MatRef<'_, T>) -> Result<(), String> {
    let n = a.nrows();
    shape_err("getri", "a", a.shape(), (n, n))?;
    shape_err("getri", "inv", inv.shape(), (n, n))?;
    let (aw, xw) = (widen(a), widen(inv));
    ensure::<T>(
        "getri: residual ‖A·X − I‖_F (bound 30·n·ε·‖A‖_F·‖X‖_F)",
        fro(&sub(&matmul(&aw, &xw), &eye(n))),
        factor_factor::<T>(n) * fro(&aw) * fro(&xw),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{
        nan, random_hermitian_with_eigenvalues, random_hpd, random_mat, random_unitary,
        random_well_conditioned, random_with_cond,
    };
    use crate::dense::narrow;
    use crate::rng::Rng;
    use crate::strategies::{self, config};
    use linmux_core::{c32, c64};
    use proptest::prelude::*;

    /// LU with partial pivoting (by modulus) in c64, LAPACK form.
    fn lu(a: &Mat<c64>) -> (Mat<c64>, Vec<usize>) {
        let (m, n) = a.shape();
        let mut f = a.clone();
        let mut ipiv = Vec::new();
        for j in 0..m.min(n) {
            let p = (j..m)
                .max_by(|&x, &y| f[(x, j)].norm().total_cmp(&f[(y, j)].norm()))
                .unwrap();
            ipiv.push(p);
            for c in 0..n {
                let t = f[(j, c)];
                f[(j, c)] = f[(p, c)];
                f[(p, c)] = t;
            }
            let d = f[(j, j)];
            if d.norm() == 0.0 {
                continue;
            }
            for i in j + 1..m {
                let l = f[(i, j)] / d;
                f[(i, j)] = l;
                for c in j + 1..n {
                    let u = f[(j, c)];
                    f[(i, c)] -= l * u;
                }
            }
        }
        (f, ipiv)
    }

    /// Cholesky into the `uplo` triangle of a copy of `a` (other triangle kept).
    fn chol(uplo: Uplo, a: &Mat<c64>) -> Mat<c64> {
        let n = a.nrows();
        let h = from_triangle(a, uplo, true);
        let mut l = Mat::<c64>::zeros(n, n);
        for j in 0..n {
            let mut d = h[(j, j)].re;
            for k in 0..j {
                d -= l[(j, k)].norm_sqr();
            }
            let d = d.sqrt();
            l[(j, j)] = c64::new(d, 0.0);
            for i in j + 1..n {
                let mut s = h[(i, j)];
                for k in 0..j {
                    s -= l[(i, k)] * l[(j, k)].conj();
                }
                l[(i, j)] = s / d;
            }
        }
        let mut out = a.clone();
        for j in 0..n {
            for i in 0..n {
                match uplo {
                    Uplo::Lower if i >= j => out[(i, j)] = l[(i, j)],
                    Uplo::Upper if i <= j => out[(i, j)] = l[(j, i)].conj(),
                    _ => {}
                }
            }
        }
        out
    }

    fn c64_of<T: Scalar>(a: &Mat<T>) -> Mat<c64> {
        widen(a.as_ref())
    }

    fn lu_case<T: Scalar>(seed: u64, m: usize, n: usize) {
        let a = random_mat::<T>(&mut Rng::new(seed), m, n);
        let (f, ipiv) = lu(&c64_of(&a));
        let f: Mat<T> = narrow(&f);
        getrf(a.as_ref(), f.as_ref(), &ipiv).unwrap();
        // Each kind of corruption is caught, with a message saying which check.
        if m.min(n) >= 2 {
            let mut bad = f.clone();
            bad[(m - 1, n - 1)] += T::from_real(RealScalar::from_f64(1e-2));
            let e = getrf(a.as_ref(), bad.as_ref(), &ipiv).unwrap_err();
            assert!(e.contains("residual") && e.contains("bound"), "{e}");
            let mut swapped = ipiv.clone();
            swapped[0] = usize::from(swapped[0] == 0);
            if swapped[0] != ipiv[0] {
                assert!(getrf(a.as_ref(), f.as_ref(), &swapped).is_err());
            }
            let mut big_l = f.clone();
            big_l[(1, 0)] = T::from_real(RealScalar::from_f64(2.0));
            assert!(
                getrf(a.as_ref(), big_l.as_ref(), &ipiv)
                    .unwrap_err()
                    .contains("pivoting")
            );
        }
        let mut out_of_range = ipiv.clone();
        if let Some(p) = out_of_range.last_mut() {
            *p = m;
            assert!(
                getrf(a.as_ref(), f.as_ref(), &out_of_range)
                    .unwrap_err()
                    .contains("ipiv")
            );
        }
    }

    #[test]
    fn lu_checker() {
        for (m, n) in [(0, 0), (1, 1), (3, 3), (5, 3), (3, 5), (17, 16)] {
            lu_case::<f64>(1, m, n);
            lu_case::<f32>(2, m, n);
            lu_case::<c32>(3, m, n);
            lu_case::<c64>(4, m, n);
        }
        // A singular matrix (zero column) still factors and checks.
        let mut a = random_mat::<f64>(&mut Rng::new(5), 4, 4);
        for i in 0..4 {
            a[(i, 1)] = 0.0;
        }
        let (f, ipiv) = lu(&c64_of(&a));
        getrf(a.as_ref(), narrow::<f64>(&f).as_ref(), &ipiv).unwrap();
    }

    #[test]
    fn cholesky_checker() {
        for uplo in [Uplo::Upper, Uplo::Lower] {
            for n in [0, 1, 2, 9] {
                let mut a = random_hpd::<c32>(&mut Rng::new(n as u64), n);
                // Garbage in the unreferenced triangle must be left alone.
                for j in 0..n {
                    for i in 0..n {
                        if (uplo == Uplo::Upper && i > j) || (uplo == Uplo::Lower && i < j) {
                            a[(i, j)] = nan();
                        }
                    }
                }
                let f: Mat<c32> = narrow(&chol(uplo, &c64_of(&a)));
                potrf(uplo, a.as_ref(), f.as_ref()).unwrap();
                if n >= 2 {
                    let (i, j) = if uplo == Uplo::Upper { (1, 0) } else { (0, 1) };
                    let mut bad = f.clone();
                    bad[(i, j)] = c32::new(0.0, 0.0);
                    assert!(
                        potrf(uplo, a.as_ref(), bad.as_ref())
                            .unwrap_err()
                            .contains("other triangle")
                    );
                    let mut bad = f.clone();
                    bad[(j, i)] += c32::new(1e-3, 0.0);
                    assert!(
                        potrf(uplo, a.as_ref(), bad.as_ref())
                            .unwrap_err()
                            .contains("residual")
                    );
                    let mut bad = f.clone();
                    bad[(0, 0)] = -bad[(0, 0)];
                    assert!(
                        potrf(uplo, a.as_ref(), bad.as_ref())
                            .unwrap_err()
                            .contains("positive")
                    );
                }
            }
        }
    }

    fn qr_case<T: Scalar>(seed: u64, m: usize, n: usize) {
        let a = random_mat::<T>(&mut Rng::new(seed), m, n);
        let (packed, tau) = householder_qr(&c64_of(&a));
        let qr: Mat<T> = narrow(&packed);
        let tau: Vec<T> = tau.iter().map(|&t| T::from_c64(t)).collect();
        geqrf(a.as_ref(), qr.as_ref(), &tau).unwrap();
        if !tau.is_empty() {
            let mut bad_tau = tau.clone();
            bad_tau[0] *= T::from_real(RealScalar::from_f64(0.5));
            if tau[0] != T::zero() {
                let e = geqrf(a.as_ref(), qr.as_ref(), &bad_tau).unwrap_err();
                assert!(e.contains("orthogonality"), "{e}");
            }
            let mut bad = qr.clone();
            bad[(0, n - 1)] += T::one();
            assert!(
                geqrf(a.as_ref(), bad.as_ref(), &tau)
                    .unwrap_err()
                    .contains("residual")
            );
        }
        if m >= n {
            let q: Mat<T> = narrow(&form_q(
                &packed,
                &tau.iter().map(|t| t.to_c64()).collect::<Vec<_>>(),
                n,
            ));
            ungqr(qr.as_ref(), &tau, q.as_ref()).unwrap();
            if n >= 1 {
                let mut bad = q.clone();
                bad[(0, 0)] = -bad[(0, 0)];
                assert!(ungqr(qr.as_ref(), &tau, bad.as_ref()).is_err());
            }
        }
    }

    #[test]
    fn qr_checkers() {
        for (m, n) in [(0, 0), (1, 1), (4, 4), (7, 3), (3, 7), (17, 9)] {
            qr_case::<f64>(1, m, n);
            qr_case::<f32>(2, m, n);
            qr_case::<c64>(3, m, n);
            qr_case::<c32>(4, m, n);
        }
    }

    fn svd_case<T: Scalar>(seed: u64, m: usize, n: usize) {
        let mut rng = Rng::new(seed);
        let k = m.min(n);
        let u = random_unitary::<T>(&mut rng, m);
        let v = random_unitary::<T>(&mut rng, n);
        let s: Vec<f64> = (0..k).map(|i| 3.0 / (i + 1) as f64).collect();
        let sig = Mat::from_fn(m, n, |i, j| {
            if i == j {
                c64::new(s[i], 0.0)
            } else {
                c64::new(0.0, 0.0)
            }
        });
        let a: Mat<T> = narrow(&matmul(&matmul(&c64_of(&u), &sig), &c64_of(&v).adjoint()));
        let sr: Vec<T::Real> = s.iter().map(|&x| RealScalar::from_f64(x)).collect();
        let vt = v.adjoint();
        gesdd(
            SvdJob::Full,
            a.as_ref(),
            &sr,
            Some(u.as_ref()),
            Some(vt.as_ref()),
            Some(&s),
        )
        .unwrap();
        let u_thin = u.as_ref().submatrix(0, 0, m, k).to_owned();
        let vt_thin = vt.as_ref().submatrix(0, 0, k, n).to_owned();
        gesdd(
            SvdJob::Thin,
            a.as_ref(),
            &sr,
            Some(u_thin.as_ref()),
            Some(vt_thin.as_ref()),
            None,
        )
        .unwrap();
        gesdd::<T>(SvdJob::ValuesOnly, a.as_ref(), &sr, None, None, Some(&s)).unwrap();
        assert!(
            gesdd(
                SvdJob::Full,
                a.as_ref(),
                &sr,
                Some(u_thin.as_ref()),
                Some(vt.as_ref()),
                None
            )
            .is_err()
                || m == k
        );
        if k >= 2 {
            let mut asc = sr.clone();
            asc.reverse();
            assert!(
                gesdd::<T>(SvdJob::ValuesOnly, a.as_ref(), &asc, None, None, None)
                    .unwrap_err()
                    .contains("descending")
            );
            let mut off = sr.clone();
            off[1] = RealScalar::from_f64(s[1] * 1.01);
            let e =
                gesdd::<T>(SvdJob::ValuesOnly, a.as_ref(), &off, None, None, Some(&s)).unwrap_err();
            assert!(e.contains("bound"), "{e}");
            let mut bad_u = u.clone();
            bad_u[(0, 0)] = -bad_u[(0, 0)];
            assert!(
                gesdd(
                    SvdJob::Full,
                    a.as_ref(),
                    &sr,
                    Some(bad_u.as_ref()),
                    Some(vt.as_ref()),
                    None
                )
                .is_err()
            );
        }
    }

    #[test]
    fn svd_checker() {
        for (m, n) in [(0, 0), (1, 1), (1, 4), (5, 5), (7, 3), (3, 7)] {
            svd_case::<f64>(1, m, n);
            svd_case::<f32>(2, m, n);
            svd_case::<c64>(3, m, n);
            svd_case::<c32>(4, m, n);
        }
    }

    fn eig_case<T: Scalar>(seed: u64, n: usize, uplo: Uplo) {
        let mut rng = Rng::new(seed);
        let q = random_unitary::<T>(&mut rng, n);
        let w: Vec<f64> = (0..n).map(|i| i as f64 - 2.5).collect();
        let d = Mat::from_fn(n, n, |i, j| {
            if i == j {
                c64::new(w[i], 0.0)
            } else {
                c64::new(0.0, 0.0)
            }
        });
        let qc = c64_of(&q);
        let a: Mat<T> = narrow(&from_triangle(
            &matmul(&matmul(&qc, &d), &qc.adjoint()),
            Uplo::Upper,
            true,
        ));
        let wr: Vec<T::Real> = w.iter().map(|&x| RealScalar::from_f64(x)).collect();
        heevd(uplo, a.as_ref(), &wr, Some(q.as_ref()), Some(&w)).unwrap();
        heevd(uplo, a.as_ref(), &wr, None, None).unwrap();
        if n >= 2 {
            let mut desc = wr.clone();
            desc.reverse();
            assert!(
                heevd(uplo, a.as_ref(), &desc, None, None)
                    .unwrap_err()
                    .contains("ascending")
            );
            let mut shifted = wr.clone();
            shifted[0] = RealScalar::from_f64(w[0] - 0.1);
            assert!(
                heevd(uplo, a.as_ref(), &shifted, None, None)
                    .unwrap_err()
                    .contains("trace")
            );
            let mut bad_v = q.clone();
            bad_v[(0, 0)] += T::one();
            assert!(
                heevd(uplo, a.as_ref(), &wr, Some(bad_v.as_ref()), None)
                    .unwrap_err()
                    .contains("residual")
            );
        }
    }

    #[test]
    fn hermitian_eigen_checker() {
        for n in [0, 1, 2, 6, 16] {
            for uplo in [Uplo::Upper, Uplo::Lower] {
                eig_case::<f64>(1, n, uplo);
                eig_case::<f32>(2, n, uplo);
                eig_case::<c64>(3, n, uplo);
                eig_case::<c32>(4, n, uplo);
            }
        }
        // The generator's matrix has the requested eigenvalues.
        let w = [1.0, 2.0, 7.0];
        let a = random_hermitian_with_eigenvalues::<c64>(&mut Rng::new(1), &w);
        heevd::<c64>(Uplo::Lower, a.as_ref(), &w, None, Some(&w)).unwrap();
    }

    /// A real matrix `Q·B·Qᵀ` with `B` block diagonal (2×2 rotation-scaling
    /// blocks `[[a, b], [−b, a]]`, eigenvalues `a ± i·b`, and 1×1 blocks).
    fn real_eig_case<T: Scalar<Complex = C>, C: Scalar>(seed: u64, n: usize) {
        let mut rng = Rng::new(seed);
        let q = c64_of(&random_unitary::<f64>(&mut rng, n));
        let mut b = Mat::<c64>::zeros(n, n);
        let mut lam = vec![c64::new(0.0, 0.0); n];
        let mut x = Mat::<c64>::zeros(n, n);
        let mut i = 0;
        while i < n {
            let re = rng.sym_unit();
            if i + 1 < n {
                let im = 0.5 + rng.next_f64();
                b[(i, i)] = c64::new(re, 0.0);
                b[(i + 1, i + 1)] = c64::new(re, 0.0);
                b[(i, i + 1)] = c64::new(im, 0.0);
                b[(i + 1, i)] = c64::new(-im, 0.0);
                lam[i] = c64::new(re, im);
                lam[i + 1] = c64::new(re, -im);
                x[(i, i)] = c64::new(1.0, 0.0);
                x[(i + 1, i)] = c64::new(0.0, 1.0);
                x[(i, i + 1)] = c64::new(1.0, 0.0);
                x[(i + 1, i + 1)] = c64::new(0.0, -1.0);
                i += 2;
            } else {
                b[(i, i)] = c64::new(re, 0.0);
                lam[i] = c64::new(re, 0.0);
                x[(i, i)] = c64::new(1.0, 0.0);
                i += 1;
            }
        }
        let a: Mat<T> = narrow(&matmul(&matmul(&q, &b), &q.adjoint()));
        let v: Mat<C> = narrow(&matmul(&q, &x));
        let w: Vec<C> = lam.iter().map(|&z| C::from_c64(z)).collect();
        // A is normal, so left and right eigenvectors coincide.
        geev::<T>(a.as_ref(), &w, Some(v.as_ref()), Some(v.as_ref())).unwrap();
        geev::<T>(a.as_ref(), &w, None, None).unwrap();
        if n >= 2 {
            let mut swapped = w.clone();
            swapped.swap(0, 1);
            let e = geev::<T>(a.as_ref(), &swapped, None, Some(v.as_ref())).unwrap_err();
            assert!(
                e.contains("conjugate pair") || e.contains("eigenpair"),
                "{e}"
            );
            let zero = Mat::<C>::zeros(n, n);
            assert!(
                geev::<T>(a.as_ref(), &w, None, Some(zero.as_ref()))
                    .unwrap_err()
                    .contains("zero")
            );
            let mut bad = w.clone();
            bad[0] += C::from_real(RealScalar::from_f64(0.1));
            assert!(
                geev::<T>(a.as_ref(), &bad, None, None)
                    .unwrap_err()
                    .contains("trace")
            );
        }
    }

    #[test]
    fn general_eigen_checker() {
        for n in [0, 1, 2, 5, 8] {
            real_eig_case::<f64, c64>(1, n);
            real_eig_case::<f32, c32>(2, n);
            real_eig_case::<c64, c64>(3, n);
        }
    }

    fn solve_case<T: Scalar>(seed: u64, n: usize, nrhs: usize) {
        let mut rng = Rng::new(seed);
        let a = random_well_conditioned::<T>(&mut rng, n, n);
        let x = random_mat::<T>(&mut rng, n, nrhs);
        for trans in [Trans::No, Trans::ConjTrans] {
            let b: Mat<T> = narrow(&matmul(&op(trans, &c64_of(&a)), &c64_of(&x)));
            getrs(trans, a.as_ref(), x.as_ref(), b.as_ref()).unwrap();
            if n * nrhs > 0 {
                let mut bad = x.clone();
                bad[(0, 0)] += T::from_real(RealScalar::from_f64(1e-2));
                assert!(
                    getrs(trans, a.as_ref(), bad.as_ref(), b.as_ref())
                        .unwrap_err()
                        .contains("residual")
                );
            }
        }
        let h = random_hpd::<T>(&mut rng, n);
        let b: Mat<T> = narrow(&matmul(&c64_of(&h), &c64_of(&x)));
        let mut h_upper = h.clone();
        crate::data::poison_unreferenced(
            &mut h_upper,
            Uplo::Upper,
            linmux_core::Diag::NonUnit,
            nan(),
        );
        potrs(Uplo::Upper, h_upper.as_ref(), x.as_ref(), b.as_ref()).unwrap();
        // Inverse: A = U·Σ·Vᴴ, A⁻¹ = V·Σ⁻¹·Uᴴ, here computed in c64.
        let (aa, _) = random_with_cond::<T>(&mut rng, n, n, 100.0);
        let aw = c64_of(&aa);
        let (f, ipiv) = lu(&aw);
        let mut inv = Mat::<c64>::zeros(n, n);
        for c in 0..n {
            let mut e = Mat::<c64>::zeros(n, 1);
            e[(c, 0)] = c64::new(1.0, 0.0);
            for (i, &p) in ipiv.iter().enumerate() {
                let t = e[(i, 0)];
                e[(i, 0)] = e[(p, 0)];
                e[(p, 0)] = t;
            }
            let y = tri_solve(&triangle(&f, Uplo::Lower, true), true, &e);
            let z = tri_solve(&triangle(&f, Uplo::Upper, false), false, &y);
            for r in 0..n {
                inv[(r, c)] = z[(r, 0)];
            }
        }
        let inv: Mat<T> = narrow(&inv);
        getri(aa.as_ref(), inv.as_ref()).unwrap();
        if n >= 1 {
            // A relative change of 1% of the largest entry.
            let big = inv
                .as_slice()
                .iter()
                .map(|z| z.to_c64().norm())
                .fold(0.0, f64::max);
            let mut bad = inv.clone();
            bad[(0, 0)] += T::from_real(RealScalar::from_f64(0.01 * big));
            assert!(
                getri(aa.as_ref(), bad.as_ref())
                    .unwrap_err()
                    .contains("‖A·X − I‖")
            );
        }
    }

    #[test]
    fn solve_checkers() {
        for (n, nrhs) in [(0, 0), (1, 1), (4, 2), (9, 3)] {
            solve_case::<f64>(1, n, nrhs);
            solve_case::<f32>(2, n, nrhs);
            solve_case::<c64>(3, n, nrhs);
            solve_case::<c32>(4, n, nrhs);
        }
    }

    fn gels_case<T: Scalar>(seed: u64, m: usize, n: usize, trans: Trans) {
        let mut rng = Rng::new(seed);
        let a = random_well_conditioned::<T>(&mut rng, m, n);
        let opa = op(trans, &c64_of(&a));
        let (rows, cols_) = opa.shape();
        let nrhs = 2;
        let (packed, tau) = householder_qr(&opa);
        if rows >= cols_ {
            // b = op(A)·x + r with r ⊥ range(op(A)): x is the LS solution.
            let x = random_mat::<T>(&mut rng, cols_, nrhs);
            let q = form_q(&packed, &tau, rows);
            let mut r = c64_of(&random_mat::<T>(&mut rng, rows, nrhs));
            for j in 0..cols_ {
                for c in 0..nrhs {
                    let mut d = c64::new(0.0, 0.0);
                    for i in 0..rows {
                        d += q[(i, j)].conj() * r[(i, c)];
                    }
                    for i in 0..rows {
                        let qij = q[(i, j)];
                        r[(i, c)] -= qij * d;
                    }
                }
            }
            let b: Mat<T> = narrow(&crate::dense::matmul(&opa, &c64_of(&x)));
            let b = Mat::from_fn(rows, nrhs, |i, c| {
                T::from_c64(b[(i, c)].to_c64() + r[(i, c)])
            });
            gels(trans, a.as_ref(), x.as_ref(), b.as_ref()).unwrap();
            if cols_ > 0 && rows > cols_ {
                let mut bad = x.clone();
                bad[(0, 0)] += T::from_real(RealScalar::from_f64(1e-2));
                assert!(
                    gels(trans, a.as_ref(), bad.as_ref(), b.as_ref())
                        .unwrap_err()
                        .contains("normal-equation")
                );
            }
        } else {
            // Minimum norm: x = op(A)ᴴ·y is in the row space.
            let y = c64_of(&random_mat::<T>(&mut rng, rows, nrhs));
            let x: Mat<T> = narrow(&matmul(&opa.adjoint(), &y));
            let b: Mat<T> = narrow(&matmul(&opa, &c64_of(&x)));
            gels(trans, a.as_ref(), x.as_ref(), b.as_ref()).unwrap();
            // Adding a null-space component keeps the residual but is not minimal.
            let (p2, t2) = householder_qr(&opa.adjoint());
            let full = form_q(&p2, &t2, cols_);
            let z = Mat::from_fn(cols_, nrhs, |i, c| {
                x[(i, c)].to_c64() + full[(i, cols_ - 1)] * 0.1 * (c + 1) as f64
            });
            let xz: Mat<T> = narrow(&z);
            let e = gels(trans, a.as_ref(), xz.as_ref(), b.as_ref()).unwrap_err();
            assert!(e.contains("minimum norm"), "{e}");
        }
    }

    #[test]
    fn least_squares_checker() {
        for (m, n) in [(0, 0), (1, 1), (6, 3), (3, 6), (17, 5)] {
            gels_case::<f64>(1, m, n, Trans::No);
            gels_case::<f64>(2, m, n, Trans::Trans);
            gels_case::<f32>(3, m, n, Trans::No);
            gels_case::<c64>(4, m, n, Trans::ConjTrans);
            gels_case::<c32>(5, m, n, Trans::No);
        }
    }

    proptest! {
        #![proptest_config(config())]
        /// The checkers accept the testkit's own factorizations for every
        /// shape the strategies produce.
        #[test]
        fn checkers_accept_exact_factorizations(m in strategies::dim(), n in strategies::dim(), seed in strategies::seed()) {
            lu_case::<c32>(seed, m, n);
            qr_case::<f32>(seed, m, n);
        }
    }
}
