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

fn ensure(what: &str, measured: f64, bound: f64) -> Result<(), String> {
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
    ensure(
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
    ensure(
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
    ensure(
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
    ensure(
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
    ensure(
        "ungqr: ‖Q − Q_ref‖_F against Q formed from v and tau (bound 30·m·ε·√n)",
        fro(&sub(&qw, &q_ref)),
        orth_bound::<T>(m, n),
    )?;
    ensure(
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
    ensure(
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
        ensure(
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
    ensure(
        "gesdd: residual ‖U·Σ·Vᴴ − A‖_F (bound 30·max(m,n)·ε·‖A‖_F)",
        fro(&sub(&recon, &aw)),
        tolv,
    )?;
    ensure(
        "gesdd: orthogonality ‖UᴴU − I‖_F (bound 30·max(m,n)·ε·√ncols)",
        orth_error(&uw),
        orth_bound::<T>(m.max(n), uw.ncols()),
    )?;
    ensure(
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
    ensure(
        "heevd: trace |Σw − tr A| (bound 30·n·ε·‖A‖_F·√n)",
        (crate::accum::sum(&wv) - tr).abs(),
        tolv * (n.max(1) as f64).sqrt(),
    )?;
    ensure(
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
        ensure(
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
        ensure(
            "heevd: residual ‖A·V − V·Λ‖_F (bound 30·n·ε·‖A‖_F)",
            fro(&sub(&av, &vl)),
            tolv,
        )?;
        ensure(
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
    ensure(
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
            ensure(
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
            ensure(
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
    ensure(
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
        return ensure(
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
    ensure(
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
    ensure(
        "getri: residual ‖A·X − I‖_F (bound 30·n·ε·‖A‖_F·‖X‖_F)",
        fro(&sub(&matmul(&aw, &xw), &eye(n))),
        factor_factor::<T>(n) * fro(&aw) * fro(&xw),
    )
}
