//! The LAPACK operations, by residual and orthogonality bounds
//! ([`crate::check`]), and their numerical failures with LAPACK's index.

use super::hard::{
    hard_cholesky, hard_eig, hard_eigh, hard_gels, hard_lu, hard_qr, hard_svd, nearly_singular,
};
use super::*;

fn dims() -> impl Strategy<Value = (usize, usize, Layout, Layout)> {
    (st::dim(), st::dim(), st::layout(), st::layout())
}

/// The adjoint flag legal for `gels` on `T` when `t` asks for a transpose.
fn gels_trans<T: Scalar>(t: Trans) -> Trans {
    match t {
        Trans::No => Trans::No,
        _ if T::IS_COMPLEX => Trans::ConjTrans,
        _ => Trans::Trans,
    }
}

// ---- LU ------------------------------------------------------------------------

type LuParams = ((usize, usize, Layout, Layout), Trans, usize, u64);

pub(super) fn run_lu<S: Subject + ?Sized>(s: &S) -> Check {
    prop((dims(), st::trans(), 0usize..=3, seed()), |p: LuParams| {
        let (d, t, nrhs, seed) = p;
        each_type!(lu(s, (d, t, nrhs, seed)));
        // Square cases exercise getrs/getri too.
        each_type!(lu(s, ((d.0, d.0, d.2, d.3), t, nrhs, seed)));
        Ok(())
    })?;
    each_type!(singular(s));
    if large_and_hard() {
        let large = (
            (HUGE, HUGE, Layout::RowMajor, Layout::Strided),
            Trans::ConjTrans,
            2,
            51,
        );
        each_type!(lu(s, large));
        each_type!(hard_lu(s));
        each_type!(nearly_singular(s));
    }
    Ok(())
}

fn lu<S: Subject + ?Sized, T: Scalar>(s: &S, p: LuParams) -> Check {
    let ((m, n, la, lb), t, nrhs, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let a = data::random_well_conditioned::<T>(&mut rng, m, n);
    let mut f = TestMat::from_mat(&a, la);
    let mut ipiv = vec![usize::MAX; m.min(n)];
    cx.call(
        Routine::Getrf,
        m > 0 && n > 0,
        &format!("m={m} n={n} A {la}"),
        |o| {
            o.getrf(f.as_mut(), &mut ipiv).map_err(op_err)?;
            f.check_padding()?;
            ck::getrf(a.as_ref(), f.as_ref(), &ipiv)
        },
    )?;
    if m != n {
        return Ok(());
    }
    let b = data::random_mat::<T>(&mut rng, n, nrhs);
    let mut x = TestMat::from_mat(&b, lb);
    let c = format!("{t:?} n={n} nrhs={nrhs} A {la} B {lb}");
    cx.call(Routine::Getrs, n > 0 && nrhs > 0, &c, |o| {
        o.getrs(t, f.as_ref(), &ipiv, x.as_mut()).map_err(op_err)?;
        x.check_padding()?;
        ck::getrs(t, a.as_ref(), x.as_ref(), b.as_ref())
    })?;
    cx.call(Routine::Getri, n > 0, &format!("n={n} A {la}"), |o| {
        o.getri(f.as_mut(), &ipiv).map_err(op_err)?;
        f.check_padding()?;
        ck::getri(a.as_ref(), f.as_ref())
    })
}

/// `getrf` of a singular matrix completes and reports a zero pivot.
fn singular<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let cx = Cx::<S, T>::new(s);
    let mut rng = Rng::new(52);
    let f = |v: f64| T::from_real(real::<T>(v));
    let rank_one = Mat::from_fn(3, 3, |i, j| {
        f([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]][i][j])
    });
    let mut zero_col = data::random_mat::<T>(&mut rng, 6, 6);
    for i in 0..6 {
        zero_col[(i, 1)] = T::zero();
    }
    for (a, pivots) in [
        (Mat::<T>::zeros(2, 2), 1..=1),
        (rank_one, 1..=3),
        (zero_col, 1..=6),
    ] {
        for layout in Layout::ALL {
            let mut t = TestMat::from_mat(&a, layout);
            let mut ipiv = vec![0; a.nrows()];
            let c = format!("singular {}×{} A {layout}", a.nrows(), a.ncols());
            cx.call(Routine::Getrf, true, &c, |o| {
                match o.getrf(t.as_mut(), &mut ipiv) {
                    Err(Error::Singular { pivot }) if pivots.contains(&pivot) => t.check_padding(),
                    other => Err(format!(
                        "expected Singular with a pivot in {pivots:?}, got {other:?}"
                    )),
                }
            })?;
        }
    }
    Ok(())
}

// ---- Cholesky ------------------------------------------------------------------

type CholParams = ((usize, Layout, Layout), Uplo, usize, u64);

pub(super) fn run_cholesky<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        (st::dim(), st::layout(), st::layout()),
        st::uplo(),
        0usize..=3,
        seed(),
    );
    prop(strategy, |p: CholParams| {
        each_type!(cholesky(s, p));
        Ok(())
    })?;
    each_type!(not_positive_definite(s));
    if large_and_hard() {
        let large = (
            (HUGE, Layout::Transposed, Layout::ColMajor),
            Uplo::Upper,
            3,
            53,
        );
        each_type!(cholesky(s, large));
        each_type!(hard_cholesky(s));
    }
    Ok(())
}

fn cholesky<S: Subject + ?Sized, T: Scalar>(s: &S, p: CholParams) -> Check {
    let ((n, la, lb), uplo, nrhs, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let a = data::random_hpd::<T>(&mut rng, n);
    let mut f = TestMat::from_mat(&a, la);
    cx.call(
        Routine::Potrf,
        n > 0,
        &format!("{uplo:?} n={n} A {la}"),
        |o| {
            o.potrf(uplo, f.as_mut()).map_err(op_err)?;
            f.check_padding()?;
            ck::potrf(uplo, a.as_ref(), f.as_ref())
        },
    )?;
    let b = data::random_mat::<T>(&mut rng, n, nrhs);
    let mut x = TestMat::from_mat(&b, lb);
    let c = format!("{uplo:?} n={n} nrhs={nrhs} A {la} B {lb}");
    cx.call(Routine::Potrs, n > 0 && nrhs > 0, &c, |o| {
        o.potrs(uplo, f.as_ref(), x.as_mut()).map_err(op_err)?;
        x.check_padding()?;
        ck::potrs(uplo, a.as_ref(), x.as_ref(), b.as_ref())
    })
}

/// The order of the first leading minor that is not positive definite.
fn not_positive_definite<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let cx = Cx::<S, T>::new(s);
    let f = |v: f64| T::from_real(real::<T>(v));
    let minor2 = Mat::from_fn(3, 3, |i, j| {
        f([[4.0, 2.0, 0.0], [2.0, 1.0, 0.0], [0.0, 0.0, 1.0]][i][j])
    });
    let mut minor3 = Mat::<T>::identity(6);
    minor3[(2, 2)] = f(-1.0);
    for (a, minor) in [(minor2, 2), (minor3, 3)] {
        for layout in Layout::ALL {
            for uplo in [Uplo::Lower, Uplo::Upper] {
                let mut t = TestMat::from_mat(&a, layout);
                let c = format!("not positive definite (minor {minor}) {uplo:?} A {layout}");
                cx.call(Routine::Potrf, true, &c, |o| {
                    let r = o.potrf(uplo, t.as_mut());
                    ensure(r == Err(Error::NotPositiveDefinite { minor }), || {
                        format!("expected NotPositiveDefinite {{ minor: {minor} }}, got {r:?}")
                    })?;
                    t.check_padding()
                })?;
            }
        }
    }
    Ok(())
}

// ---- QR --------------------------------------------------------------------------

type QrParams = ((usize, usize, Layout), u64);

pub(super) fn run_qr<S: Subject + ?Sized>(s: &S) -> Check {
    prop((st::mat_dims(), seed()), |p: QrParams| {
        each_type!(qr(s, p));
        Ok(())
    })?;
    if large_and_hard() {
        each_type!(qr(s, ((HUGE, HUGE - 10, Layout::Padded { extra: 3 }), 54)));
        each_type!(hard_qr(s));
    }
    Ok(())
}

fn qr<S: Subject + ?Sized, T: Scalar>(s: &S, ((m, n, la), seed): QrParams) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let a = data::random_mat::<T>(&mut rng, m, n);
    let mut f = TestMat::from_mat(&a, la);
    let mut tau = vec![data::nan::<T>(); m.min(n)];
    let c = format!("m={m} n={n} A {la}");
    cx.call(Routine::Geqrf, m > 0 && n > 0, &c, |o| {
        o.geqrf(f.as_mut(), &mut tau).map_err(op_err)?;
        f.check_padding()?;
        ck::geqrf(a.as_ref(), f.as_ref(), &tau)
    })?;
    if m >= n {
        let mut q = f.clone();
        cx.call(Routine::Ungqr, n > 0 && !tau.is_empty(), &c, |o| {
            o.ungqr(q.as_mut(), &tau).map_err(op_err)?;
            q.check_padding()?;
            ck::ungqr(f.as_ref(), &tau, q.as_ref())
        })?;
    }
    Ok(())
}

// ---- SVD ---------------------------------------------------------------------------

/// Singular values 1, 0.8, 0.6, ... (distinct: vectors are unique up to phase).
fn spread(k: usize) -> Vec<f64> {
    (0..k).map(|i| 1.0 / (1.0 + 0.25 * i as f64)).collect()
}

type SvdParams = ((usize, usize, Layout), SvdJob, u64);

pub(super) fn run_svd<S: Subject + ?Sized>(s: &S) -> Check {
    let job = prop::sample::select(vec![SvdJob::ValuesOnly, SvdJob::Thin, SvdJob::Full]);
    prop((st::mat_dims(), job, seed()), |p: SvdParams| {
        each_type!(svd(s, p));
        Ok(())
    })?;
    if large_and_hard() {
        each_type!(svd(
            s,
            ((HUGE, HUGE - 20, Layout::RowMajor), SvdJob::Thin, 55)
        ));
        each_type!(hard_svd(s));
    }
    Ok(())
}

fn svd<S: Subject + ?Sized, T: Scalar>(s: &S, ((m, n, la), job, seed): SvdParams) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let k = m.min(n);
    let s_ref = spread(k);
    let a = data::random_with_singular_values::<T>(&mut rng, m, n, &s_ref);
    let mut work = TestMat::from_mat(&a, la);
    let mut sv = vec![T::zero().re(); k];
    let (us, vs) = match job {
        SvdJob::Full => ((m, m), (n, n)),
        _ => ((m, k), (k, n)),
    };
    let mut u = TestMat::<T>::dirty(us.0, us.1, la);
    let mut vt = TestMat::<T>::dirty(vs.0, vs.1, la);
    let vectors = job != SvdJob::ValuesOnly;
    let c = format!("{job:?} m={m} n={n} A, U, Vᴴ {la}");
    cx.call(Routine::Gesdd, k > 0, &c, |o| {
        if vectors {
            o.gesdd(
                job,
                work.as_mut(),
                &mut sv,
                Some(u.as_mut()),
                Some(vt.as_mut()),
            )
            .map_err(op_err)?;
            u.check_padding()?;
            vt.check_padding()?;
            let (uv, vv) = (Some(u.as_ref()), Some(vt.as_ref()));
            ck::gesdd(job, a.as_ref(), &sv, uv, vv, Some(&s_ref))
        } else {
            o.gesdd(job, work.as_mut(), &mut sv, None, None)
                .map_err(op_err)?;
            ck::gesdd(job, a.as_ref(), &sv, None, None, Some(&s_ref))
        }
    })
}

// ---- eigenvalues ---------------------------------------------------------------

type EighParams = ((usize, Layout), Uplo, bool, u64);

pub(super) fn run_eigh<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (st::square_dims(), st::uplo(), any::<bool>(), seed());
    prop(strategy, |p: EighParams| {
        each_type!(eigh(s, p));
        Ok(())
    })?;
    if large_and_hard() {
        each_type!(eigh(s, ((HUGE, Layout::Strided), Uplo::Upper, true, 56)));
        each_type!(hard_eigh(s));
    }
    Ok(())
}

fn eigh<S: Subject + ?Sized, T: Scalar>(
    s: &S,
    ((n, la), uplo, vectors, seed): EighParams,
) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let w_ref: Vec<f64> = (0..n).map(|i| -1.0 + 0.5 * i as f64).collect();
    let mut a = data::random_hermitian_with_eigenvalues::<T>(&mut rng, &w_ref);
    data::poison_unreferenced(&mut a, uplo, Diag::NonUnit, data::nan::<T>());
    let mut v = TestMat::from_mat(&a, la);
    let mut w = vec![T::zero().re(); n];
    let job = if vectors {
        EigJob::Vectors
    } else {
        EigJob::ValuesOnly
    };
    cx.call(
        Routine::Heevd,
        n > 0,
        &format!("{job:?} {uplo:?} n={n} A {la}"),
        |o| {
            o.heevd(job, uplo, v.as_mut(), &mut w).map_err(op_err)?;
            v.check_padding()?;
            ck::heevd(
                uplo,
                a.as_ref(),
                &w,
                vectors.then(|| v.as_ref()),
                Some(&w_ref),
            )
        },
    )
}

type EigParams = ((usize, Layout), (bool, bool), u64);

pub(super) fn run_eig<S: Subject + ?Sized>(s: &S) -> Check {
    prop(
        (st::square_dims(), any::<(bool, bool)>(), seed()),
        |p: EigParams| {
            each_type!(eig(s, p));
            Ok(())
        },
    )?;
    if large_and_hard() {
        each_type!(eig(s, ((HUGE, Layout::ColMajor), (true, true), 57)));
        each_type!(hard_eig(s));
    }
    Ok(())
}

fn eig<S: Subject + ?Sized, T: Scalar>(s: &S, ((n, la), (left, right), seed): EigParams) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let a = data::random_mat::<T>(&mut rng, n, n);
    let mut work = TestMat::from_mat(&a, la);
    let nanc = data::nan::<T::Complex>();
    let mut w = vec![nanc; n];
    let mut vl = TestMat::<T::Complex>::from_fn(n, n, la, |_, _| nanc);
    let mut vr = vl.clone();
    let c = format!("n={n} A {la} left={left} right={right}");
    cx.call(Routine::Geev, n > 0, &c, |o| {
        o.geev(
            work.as_mut(),
            &mut w,
            left.then(|| vl.as_mut()),
            right.then(|| vr.as_mut()),
        )
        .map_err(op_err)?;
        vl.check_padding()?;
        vr.check_padding()?;
        ck::geev(
            a.as_ref(),
            &w,
            left.then(|| vl.as_ref()),
            right.then(|| vr.as_ref()),
        )
    })
}

// ---- least squares -----------------------------------------------------------------

pub(super) fn run_gels<S: Subject + ?Sized>(s: &S) -> Check {
    prop((dims(), st::trans(), 0usize..=3, seed()), |p: LuParams| {
        each_type!(gels(s, p));
        Ok(())
    })?;
    if !large_and_hard() {
        return Ok(());
    }
    let large = (
        (HUGE, 60, Layout::ColMajor, Layout::Transposed),
        Trans::No,
        2,
        58,
    );
    each_type!(gels(s, large));
    let wide = (
        (40, HUGE, Layout::RowMajor, Layout::ColMajor),
        Trans::ConjTrans,
        2,
        59,
    );
    each_type!(gels(s, wide));
    each_type!(hard_gels(s));
    Ok(())
}

fn gels<S: Subject + ?Sized, T: Scalar>(s: &S, p: LuParams) -> Check {
    let ((m, n, la, lb), t, nrhs, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let t = gels_trans::<T>(t);
    let a = data::random_well_conditioned::<T>(&mut rng, m, n);
    let rows = if t == Trans::No { m } else { n };
    let b = data::random_mat::<T>(&mut rng, rows, nrhs);
    let mut work = TestMat::from_mat(&a, la);
    let bx0 = Mat::from_fn(
        m.max(n),
        nrhs,
        |i, j| if i < rows { b[(i, j)] } else { T::zero() },
    );
    let mut bx = TestMat::from_mat(&bx0, lb);
    let c = format!("{t:?} m={m} n={n} nrhs={nrhs} A {la} B {lb}");
    cx.call(Routine::Gels, m > 0 && n > 0 && nrhs > 0, &c, |o| {
        o.gels(t, work.as_mut(), bx.as_mut()).map_err(op_err)?;
        bx.check_padding()?;
        let xrows = if t == Trans::No { n } else { m };
        let x = bx.to_mat();
        ck::gels(
            t,
            a.as_ref(),
            x.as_ref().submatrix(0, 0, xrows, nrhs),
            b.as_ref(),
        )
    })
}
