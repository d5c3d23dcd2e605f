//! SVD (`gesdd`), Hermitian eigendecomposition (`heevd`) and the general
//! eigendecomposition (`geev`), on faer's solvers.

use faer::Par;
use faer::linalg::evd::{self, ComputeEigenvectors};
use faer::linalg::svd::{self, ComputeSvdVectors};
use faer::reborrow::{Reborrow, ReborrowMut};
use linmux_core::{Complex, EigJob, Error, MatMut, Result, SvdJob, Uplo};

use num_traits::Float;

use crate::elem::{Elem, Real, Scratch, conj_in_place, mat_mut, try_vec, with_stack, zero};

fn no_convergence(op: &'static str) -> Error {
    Error::NoConvergence { op, info: 0 }
}

fn is_finite<T: Elem>(x: T) -> bool {
    x.re().is_finite() && x.im().is_finite()
}

fn all_finite<T: Elem>(a: faer::MatRef<'_, T>) -> bool {
    (0..a.ncols()).all(|j| (0..a.nrows()).all(|i| is_finite(a[(i, j)])))
}

/// `max |re|, |im|` over the entries `(i, j)` of `a` with `keep(i, j)`.
fn max_abs<T: Elem>(a: faer::MatRef<'_, T>, keep: impl Fn(usize, usize) -> bool) -> Real<T> {
    let mut m = Real::<T>::default();
    for j in 0..a.ncols() {
        for i in (0..a.nrows()).filter(|&i| keep(i, j)) {
            let x = a[(i, j)];
            m = Float::max(m, Float::max(Float::abs(x.re()), Float::abs(x.im())));
        }
    }
    m
}

/// LAPACK's guard against badly scaled input, as in `?gesdd`, `?geev` and
/// `?syevd`: when the largest entry lies outside `[lo, 1/lo]`, the power of
/// two `σ` that brings it just inside. The caller decomposes `σ·A` and
/// divides the singular or eigenvalues by `σ`; vectors do not change, and a
/// power of two scales exactly.
///
/// `lo` is `√safmin / ε` for the SVD and the general eigenproblem and
/// `√(safmin / ε)` for the Hermitian one, as in LAPACK. faer's iterations
/// do not scale: before this, matrices with entries near the overflow or
/// underflow thresholds were `NoConvergence` on faer (107 of the random-call
/// driver's 20 000 calls) where every vendor converged.
fn scale_into_range<R: Float>(amax: R, lo: R) -> Option<R> {
    let hi = lo.recip();
    if amax == R::zero() || !amax.is_finite() || (amax >= lo && amax <= hi) {
        return None;
    }
    let two = R::one() + R::one();
    let k = if amax < lo {
        (lo / amax).log2().ceil()
    } else {
        -(amax / hi).log2().ceil()
    };
    k.to_i32().map(|k| two.powi(k))
}

/// `lo` for [`scale_into_range`]: `√safmin / ε`, or `√(safmin / ε)` when
/// `hermitian`.
fn scale_threshold<R: Float>(hermitian: bool) -> R {
    let (safmin, eps) = (R::min_positive_value(), R::epsilon());
    if hermitian {
        (safmin / eps).sqrt()
    } else {
        safmin.sqrt() / eps
    }
}

/// `a` scaled by `sigma` when [`scale_into_range`] asks for it, as a copy.
fn scaled_copy<T: Elem>(
    a: faer::MatRef<'_, T>,
    routine: &'static str,
) -> Result<Option<(Scratch<T>, Real<T>)>> {
    let lo = scale_threshold::<Real<T>>(false);
    let Some(sigma) = scale_into_range(max_abs(a, |_, _| true), lo) else {
        return Ok(None);
    };
    let mut c = Scratch::copy_of(a, routine)?;
    scale_in_place(c.as_mut(), sigma);
    Ok(Some((c, sigma)))
}

/// The power of two `σ` with `σ·amax` in `[1, 2)`: `Some(None)` when none
/// is needed (`amax` in `[1, 2)`, zero or not finite), `None` when it is
/// not representable (subnormal `amax`).
fn unit_scale<R: Float>(amax: R) -> Option<Option<R>> {
    if amax == R::zero() || !amax.is_finite() {
        return Some(None);
    }
    let k = (-amax.log2().floor()).to_i32()?;
    if k == 0 {
        return Some(None);
    }
    let sigma = (R::one() + R::one()).powi(k);
    (sigma.is_finite() && sigma != R::zero()).then_some(Some(sigma))
}

/// `a` scaled by the power of two that brings its largest modulus into
/// `[1, 2)`, as a copy (or [`scaled_copy`] when that power of two is not
/// representable). For `geev`: faer's nonsymmetric eigensolver is not
/// accurate on data of small magnitude, even in the normal range. Measured
/// (conformance `hard.rs`, 40×40): scaled to `2^-114` in `f64`, or brought
/// only up to LAPACK's threshold `√safmin/ε ≈ 10⁻¹³⁸`, an eigenpair's
/// residual was 0.16·‖A‖ (10¹⁰× the bound), where every vendor met the
/// bound.
fn unit_scaled_copy<T: Elem>(
    a: faer::MatRef<'_, T>,
    routine: &'static str,
) -> Result<Option<(Scratch<T>, Real<T>)>> {
    let sigma = match unit_scale(max_abs(a, |_, _| true)) {
        Some(Some(sigma)) => sigma,
        Some(None) => return Ok(None),
        None => return scaled_copy(a, routine),
    };
    let mut c = Scratch::copy_of(a, routine)?;
    scale_in_place(c.as_mut(), sigma);
    Ok(Some((c, sigma)))
}

fn scale_in_place<T: Elem>(a: faer::MatMut<'_, T>, sigma: Real<T>) {
    let s = T::from_real(sigma);
    faer::zip!(a).for_each(|faer::unzip!(x)| *x = s * *x);
}

/// SVD `A = U·Σ·Vᴴ`; `vt` receives `Vᴴ`.
pub(crate) fn gesdd<T: Elem>(
    job: SvdJob,
    a: faer::MatRef<'_, T>,
    s: &mut [Real<T>],
    u: Option<faer::MatMut<'_, T>>,
    vt: Option<faer::MatMut<'_, T>>,
    par: Par,
) -> Result<()> {
    let (m, n) = (a.nrows(), a.ncols());
    let k = m.min(n);
    let want = match job {
        SvdJob::ValuesOnly => ComputeSvdVectors::No,
        SvdJob::Thin => ComputeSvdVectors::Thin,
        SvdJob::Full => ComputeSvdVectors::Full,
    };
    let (u, mut vt) = if job == SvdJob::ValuesOnly {
        (None, None)
    } else {
        (u, vt)
    };
    // faer's iterations are not meant for NaN or ∞ (LAPACK's gesdd rejects
    // NaN too); report them instead of iterating on them.
    if !all_finite(a) {
        return Err(no_convergence("gesdd"));
    }
    let scaled = scaled_copy(a, "gesdd")?;
    let (a, sigma) = match &scaled {
        Some((c, sigma)) => (c.as_ref(), *sigma),
        None => (a, <Real<T> as num_traits::One>::one()),
    };
    let cu = if u.is_some() {
        want
    } else {
        ComputeSvdVectors::No
    };
    let cv = if vt.is_some() {
        want
    } else {
        ComputeSvdVectors::No
    };
    let mut sv = try_vec(k, zero::<T>(), "gesdd")?;
    let req = svd::svd_scratch::<T>(m, n, cu, cv, par, Default::default());
    // faer computes V; Vᴴ is the conjugate of its transpose, so V is written
    // through the transposed view of `vt` and conjugated afterwards.
    // faer 0.24's SVD leaves part of a full U uninitialized when it goes
    // through a QR first (it expects a zeroed output): start from zeros.
    let mut u = u;
    if let Some(u) = u.as_mut() {
        u.fill(zero());
    }
    if let Some(vt) = vt.as_mut() {
        vt.fill(zero());
    }
    let v = vt.as_mut().map(|vt| vt.rb_mut().transpose_mut());
    let res = with_stack(req, "gesdd", |stack| {
        svd::svd(
            a,
            faer::ColMut::from_slice_mut(&mut sv).as_diagonal_mut(),
            u,
            v,
            par,
            stack,
            Default::default(),
        )
    })?;
    res.map_err(|_| no_convergence("gesdd"))?;
    if let Some(vt) = vt {
        conj_in_place(vt);
    }
    // Non-finite values of the scaled problem mean the iteration failed;
    // unscaled, a singular value may overflow as it does in LAPACK.
    if sv.iter().any(|x| !x.re().is_finite()) {
        return Err(no_convergence("gesdd"));
    }
    for (d, x) in s.iter_mut().zip(&sv) {
        *d = x.re() / sigma;
    }
    Ok(())
}

/// Hermitian eigendecomposition from the `uplo` triangle; `w` ascending, the
/// eigenvectors (if asked) into `a`'s columns.
pub(crate) fn heevd<T: Elem>(
    job: EigJob,
    uplo: Uplo,
    mut a: faer::MatMut<'_, T>,
    w: &mut [Real<T>],
    par: Par,
) -> Result<()> {
    let n = a.nrows();
    // As LAPACK, the imaginary parts of the diagonal are taken as zero (A is
    // overwritten in either job, so this may be done in place).
    crate::elem::realify_diagonal(a.rb_mut());
    let lower = match uplo {
        Uplo::Lower => a.rb(),
        Uplo::Upper => a.rb().transpose(),
    };
    let finite = (0..n).all(|j| (j..n).all(|i| is_finite(lower[(i, j)])));
    if !finite {
        return Err(no_convergence("heevd"));
    }
    // A is overwritten in either job: scale it in place.
    let amax = max_abs(lower, |i, j| i >= j);
    let sigma = scale_into_range(amax, scale_threshold::<Real<T>>(true));
    if let Some(sigma) = sigma {
        scale_in_place(a.rb_mut(), sigma);
    }
    let sigma = sigma.unwrap_or_else(<Real<T> as num_traits::One>::one);
    let mut s = try_vec(n, zero::<T>(), "heevd")?;
    // faer reads the lower triangle. The upper triangle of A is the lower
    // triangle of Aᵀ = conj(A), whose eigenvectors are the conjugates of A's.
    let vectors = job == EigJob::Vectors;
    let want = if vectors {
        ComputeEigenvectors::Yes
    } else {
        ComputeEigenvectors::No
    };
    let req = evd::self_adjoint_evd_scratch::<T>(n, want, par, Default::default());
    let res = if vectors {
        let mut copy = Scratch::zeros(n, n, "heevd")?;
        match uplo {
            Uplo::Lower => copy.as_mut().copy_from_triangular_lower(a.rb()),
            Uplo::Upper => copy.as_mut().copy_from_triangular_lower(a.rb().transpose()),
        }
        with_stack(req, "heevd", |stack| {
            evd::self_adjoint_evd(
                copy.as_ref(),
                faer::ColMut::from_slice_mut(&mut s).as_diagonal_mut(),
                Some(a.rb_mut()),
                par,
                stack,
                Default::default(),
            )
        })?
    } else {
        let src = match uplo {
            Uplo::Lower => a.rb(),
            Uplo::Upper => a.rb().transpose(),
        };
        with_stack(req, "heevd", |stack| {
            evd::self_adjoint_evd(
                src,
                faer::ColMut::from_slice_mut(&mut s).as_diagonal_mut(),
                None,
                par,
                stack,
                Default::default(),
            )
        })?
    };
    res.map_err(|_| no_convergence("heevd"))?;
    if vectors && uplo == Uplo::Upper {
        conj_in_place(a.rb_mut());
    }
    if s.iter().any(|x| !x.re().is_finite()) {
        return Err(no_convergence("heevd"));
    }
    for (d, x) in w.iter_mut().zip(&s) {
        *d = x.re() / sigma;
    }
    // faer documents ascending order; enforce it rather than trust it.
    if w.windows(2).any(|p| p[0] > p[1]) {
        sort_ascending(w, if vectors { Some(a) } else { None })?;
    }
    Ok(())
}

/// Sorts `w` ascending, permuting the columns of `v` alike.
fn sort_ascending<T: Elem>(w: &mut [Real<T>], v: Option<faer::MatMut<'_, T>>) -> Result<()> {
    let n = w.len();
    let mut idx: Vec<usize> = try_vec(n, 0, "heevd")?;
    for (i, x) in idx.iter_mut().enumerate() {
        *x = i;
    }
    idx.sort_by(|&i, &j| {
        w[i].partial_cmp(&w[j])
            .unwrap_or(core::cmp::Ordering::Equal)
    });
    let old: Vec<Real<T>> = w.to_vec();
    for (d, &i) in w.iter_mut().zip(&idx) {
        *d = old[i];
    }
    if let Some(mut v) = v {
        let copy = Scratch::copy_of(v.rb(), "heevd")?;
        for (j, &i) in idx.iter().enumerate() {
            v.rb_mut().col_mut(j).copy_from(copy.as_ref().col(i));
        }
    }
    Ok(())
}

/// Scales every column of `v` to unit Euclidean norm (LAPACK's normalization).
fn normalize_columns<T: Elem>(mut v: faer::MatMut<'_, T>) {
    for j in 0..v.ncols() {
        let col = v.rb_mut().col_mut(j);
        let nrm = col.rb().norm_l2();
        if nrm > Real::<T>::default() {
            let s = T::from_real(Float::recip(nrm));
            faer::zip!(col).for_each(|faer::unzip!(x)| *x = s * *x);
        }
    }
}

/// Writes faer's real eigenvector matrix `s` as complex columns: a
/// conjugate pair `(j, j+1)` (`im[j] ≠ 0`) stores `re ± i·im` in two columns,
/// the eigenvalue with the positive imaginary part first.
fn complex_vectors<R>(mut d: faer::MatMut<'_, Complex<R>>, s: faer::MatRef<'_, R>, im: &[R])
where
    R: Copy + Default + PartialOrd + core::ops::Neg<Output = R>,
{
    let n = im.len();
    let z = R::default();
    let mut j = 0;
    while j < n {
        if im[j] != z && j + 1 < n {
            let flip = im[j] < z;
            for i in 0..n {
                let x = s[(i, j)];
                let y = if flip { -s[(i, j + 1)] } else { s[(i, j + 1)] };
                d[(i, j)] = Complex::new(x, y);
                d[(i, j + 1)] = Complex::new(x, -y);
            }
            j += 2;
        } else {
            for i in 0..n {
                d[(i, j)] = Complex::new(s[(i, j)], z);
            }
            j += 1;
        }
    }
}

macro_rules! impl_real_elem {
    ($r:ty) => {
        impl Elem for $r {
            fn geev_impl(
                a: faer::MatRef<'_, $r>,
                w: &mut [Complex<$r>],
                mut vl: Option<MatMut<'_, Complex<$r>>>,
                mut vr: Option<MatMut<'_, Complex<$r>>>,
                par: Par,
            ) -> Result<()> {
                let n = a.nrows();
                let scaled = unit_scaled_copy(a, "geev")?;
                let (a, sigma) = match &scaled {
                    Some((c, sigma)) => (c.as_ref(), *sigma),
                    None => (a, 1.0),
                };
                let mut re = try_vec(n, 0.0, "geev")?;
                let mut im = try_vec(n, 0.0, "geev")?;
                let mut ul = match vl {
                    Some(_) => Some(Scratch::<$r>::zeros(n, n, "geev")?),
                    None => None,
                };
                let mut ur = match vr {
                    Some(_) => Some(Scratch::<$r>::zeros(n, n, "geev")?),
                    None => None,
                };
                let flag = |b: bool| {
                    if b {
                        ComputeEigenvectors::Yes
                    } else {
                        ComputeEigenvectors::No
                    }
                };
                let req = evd::evd_scratch::<$r>(
                    n,
                    flag(ul.is_some()),
                    flag(ur.is_some()),
                    par,
                    Default::default(),
                );
                let res = with_stack(req, "geev", |stack| {
                    evd::evd_real(
                        a,
                        faer::ColMut::from_slice_mut(&mut re).as_diagonal_mut(),
                        faer::ColMut::from_slice_mut(&mut im).as_diagonal_mut(),
                        ul.as_mut().map(|m| m.as_mut()),
                        ur.as_mut().map(|m| m.as_mut()),
                        par,
                        stack,
                        Default::default(),
                    )
                })?;
                res.map_err(|_| no_convergence("geev"))?;
                if re.iter().chain(&im).any(|x| !x.is_finite()) {
                    return Err(no_convergence("geev"));
                }
                for x in re.iter_mut().chain(im.iter_mut()) {
                    *x /= sigma;
                }
                // A conjugate pair (j, j+1) has vectors u_j ± i·u_{j+1} for
                // re ± i·|im|; LAPACK puts the positive imaginary part first.
                let mut j = 0;
                while j < n {
                    if im[j] != 0.0 && j + 1 < n {
                        w[j] = Complex::new(re[j], im[j].abs());
                        w[j + 1] = Complex::new(re[j], -im[j].abs());
                        j += 2;
                    } else {
                        w[j] = Complex::new(re[j], 0.0);
                        j += 1;
                    }
                }
                if let (Some(d), Some(s)) = (vl.as_mut(), ul.as_ref()) {
                    complex_vectors(mat_mut(d.rb_mut()), s.as_ref(), &im);
                    normalize_columns(mat_mut(d.rb_mut()));
                }
                if let (Some(d), Some(s)) = (vr.as_mut(), ur.as_ref()) {
                    complex_vectors(mat_mut(d.rb_mut()), s.as_ref(), &im);
                    normalize_columns(mat_mut(d.rb_mut()));
                }
                Ok(())
            }
        }
    };
}

macro_rules! impl_complex_elem {
    ($r:ty) => {
        impl Elem for Complex<$r> {
            fn geev_impl(
                a: faer::MatRef<'_, Complex<$r>>,
                w: &mut [Complex<$r>],
                mut vl: Option<MatMut<'_, Complex<$r>>>,
                mut vr: Option<MatMut<'_, Complex<$r>>>,
                par: Par,
            ) -> Result<()> {
                let n = a.nrows();
                let scaled = unit_scaled_copy(a, "geev")?;
                let (a, sigma) = match &scaled {
                    Some((c, sigma)) => (c.as_ref(), *sigma),
                    None => (a, 1.0),
                };
                let flag = |b: bool| {
                    if b {
                        ComputeEigenvectors::Yes
                    } else {
                        ComputeEigenvectors::No
                    }
                };
                let req = evd::evd_scratch::<Complex<$r>>(
                    n,
                    flag(vl.is_some()),
                    flag(vr.is_some()),
                    par,
                    Default::default(),
                );
                let res = with_stack(req, "geev", |stack| {
                    evd::evd_cplx(
                        a,
                        faer::ColMut::from_slice_mut(w).as_diagonal_mut(),
                        vl.as_mut().map(|m| mat_mut(m.rb_mut())),
                        vr.as_mut().map(|m| mat_mut(m.rb_mut())),
                        par,
                        stack,
                        Default::default(),
                    )
                })?;
                res.map_err(|_| no_convergence("geev"))?;
                if w.iter().any(|x| !(x.re.is_finite() && x.im.is_finite())) {
                    return Err(no_convergence("geev"));
                }
                for x in w.iter_mut() {
                    *x = Complex::new(x.re / sigma, x.im / sigma);
                }
                if let Some(v) = vl.as_mut() {
                    normalize_columns(mat_mut(v.rb_mut()));
                }
                if let Some(v) = vr.as_mut() {
                    normalize_columns(mat_mut(v.rb_mut()));
                }
                Ok(())
            }
        }
    };
}

impl_real_elem!(f64);

/// Single-precision real input runs in `f64` and is rounded. faer's real
/// nonsymmetric eigensolver in `f32` was measured outside the contract: on a
/// 40×40 matrix with `κ₂ = 10⁵` (conformance `hard.rs`), an eigenpair's
/// residual `‖A·v − λ·v‖` reached 1.3× the bound `30·n·ε·‖A‖·‖v‖`, where
/// every vendor's `sgeev` stayed under 0.05×. In `f64` it is 0.01×; the
/// cost is one conversion each way and the `f64` solve.
impl Elem for f32 {
    fn geev_impl(
        a: faer::MatRef<'_, f32>,
        w: &mut [Complex<f32>],
        vl: Option<MatMut<'_, Complex<f32>>>,
        vr: Option<MatMut<'_, Complex<f32>>>,
        par: Par,
    ) -> Result<()> {
        use linmux_core::{Mat, Scalar};
        let n = a.nrows();
        // Scaled to unit magnitude first (see `unit_scaled_copy`).
        let scaled = unit_scaled_copy(a, "geev")?;
        let (a, sigma) = match &scaled {
            Some((c, sigma)) => (c.as_ref(), f64::from(*sigma)),
            None => (a, 1.0),
        };
        let mut wide = Scratch::<f64>::zeros(n, n, "geev")?;
        for j in 0..n {
            for i in 0..n {
                *wide.as_mut().get_mut(i, j) = f64::from(a[(i, j)]);
            }
        }
        let mut w64 = try_vec(n, Complex::<f64>::default(), "geev")?;
        let buffer = |want: bool| -> Result<Option<Mat<Complex<f64>>>> {
            if want {
                Ok(Some(Mat::try_zeros(n, n)?))
            } else {
                Ok(None)
            }
        };
        let (mut l64, mut r64) = (buffer(vl.is_some())?, buffer(vr.is_some())?);
        f64::geev_impl(
            wide.as_ref(),
            &mut w64,
            l64.as_mut().map(Mat::as_mut),
            r64.as_mut().map(Mat::as_mut),
            par,
        )?;
        for (d, s) in w.iter_mut().zip(&w64) {
            *d = Complex::<f32>::from_c64(*s / sigma);
        }
        for (dst, src) in [(vl, &l64), (vr, &r64)] {
            if let (Some(mut d), Some(s)) = (dst, src) {
                for j in 0..n {
                    for i in 0..n {
                        *d.at_mut(i, j) = Complex::<f32>::from_c64(s[(i, j)]);
                    }
                }
            }
        }
        Ok(())
    }
}
impl_complex_elem!(f32);
impl_complex_elem!(f64);
