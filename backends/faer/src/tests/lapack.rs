//! LAPACK operations: residual, orthogonality and convention checks.

use linmux_core::{EigJob, Error, Mat, Ops, RealScalar, Scalar, SvdJob, Trans, Uplo, c64};

use super::{
    Draw, LARGE, LAYOUTS, Layout, Rng, Stored, abs_matmul, assert_close, assert_norm_close,
    backend, eps, for_all_types, matmul, max_abs, nan, op, orthogonality, same, sentinel, solve,
};
use crate::elem::Elem;

fn c(x: f64) -> c64 {
    c64::new(x, 0.0)
}

/// Applies LAPACK-style sequential row interchanges to the rows of `a`.
fn permute_rows(a: &Mat<c64>, ipiv: &[usize]) -> Mat<c64> {
    let mut a = a.clone();
    for (i, &p) in ipiv.iter().enumerate() {
        for j in 0..a.ncols() {
            let t = a[(i, j)];
            a[(i, j)] = a[(p, j)];
            a[(p, j)] = t;
        }
    }
    a
}

/// `L` (unit lower, `m × k`) and `U` (upper, `k × n`) from packed factors.
fn unpack_lu(f: &Mat<c64>) -> (Mat<c64>, Mat<c64>) {
    let (m, n) = f.shape();
    let k = m.min(n);
    let l = Mat::from_fn(m, k, |i, j| match i.cmp(&j) {
        core::cmp::Ordering::Greater => f[(i, j)],
        core::cmp::Ordering::Equal => c(1.0),
        core::cmp::Ordering::Less => c(0.0),
    });
    let u = Mat::from_fn(k, n, |i, j| if i <= j { f[(i, j)] } else { c(0.0) });
    (l, u)
}

/// Checks `P·A = L·U` for the output of `getrf`.
#[track_caller]
fn assert_lu<T: Scalar>(a0: &Mat<c64>, f: &Mat<c64>, ipiv: &[usize], what: &str) {
    let (m, n) = a0.shape();
    let k = m.min(n);
    assert_eq!(ipiv.len(), k);
    for (i, &p) in ipiv.iter().enumerate() {
        assert!(p >= i && p < m, "{what}: ipiv[{i}] = {p}");
    }
    let (l, u) = unpack_lu(f);
    let pa = permute_rows(a0, ipiv);
    let tol = 8.0 * (k as f64 + 2.0) * eps::<T>();
    assert_close(&matmul(&l, &u), &pa, &abs_matmul(&l, &u), tol, what);
}

fn check_getrf<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(41);
    let shapes = [
        (1, 1),
        (2, 2),
        (5, 5),
        (17, 17),
        (5, 3),
        (3, 5),
        (17, 40),
        (40, 17),
        (LARGE, LARGE),
    ];
    for (case, (m, n)) in shapes.into_iter().enumerate() {
        let layout = LAYOUTS[case % 7];
        let mut a = Stored::<T>::random(layout, m, n, sentinel(), &mut rng);
        let a0 = a.to_mat();
        let mut ipiv = vec![usize::MAX; m.min(n)];
        Ops::<T>::getrf(&be, a.view_mut(), &mut ipiv).unwrap();
        assert_lu::<T>(
            &a0,
            &a.to_mat(),
            &ipiv,
            &format!("getrf {m}×{n} {layout:?}"),
        );
        assert!(a.outside_intact(), "getrf wrote outside A");
    }
    // Exactly singular: the factorization completes and the first zero
    // pivot is reported (1-based), without NaN in the factors.
    let cases: [(usize, usize, Option<usize>); 4] = [
        (2, 2, None),
        (5, 5, Some(2)),
        (3, 3, Some(0)),
        (LARGE, LARGE, Some(100)),
    ];
    for (m, n, zero_col) in cases {
        let mut a = match zero_col {
            None => Stored::<T>::from_fn(Layout::Row, 2, 2, sentinel(), |i, j| {
                T::from_c64(c([[1.0, 2.0], [2.0, 4.0]][i][j]))
            }),
            Some(z) => Stored::<T>::from_fn(Layout::Padded, m, n, sentinel(), |_, j| {
                if j == z || m == 3 {
                    T::zero()
                } else {
                    rng.scalar()
                }
            }),
        };
        let a0 = a.to_mat();
        let mut ipiv = vec![0; m.min(n)];
        let res = Ops::<T>::getrf(&be, a.view_mut(), &mut ipiv);
        let want = zero_col.map_or(2, |z| if m == 3 { 1 } else { z + 1 });
        assert_eq!(
            res,
            Err(Error::Singular { pivot: want }),
            "getrf singular {m}×{n}"
        );
        let f = a.to_mat();
        assert!(
            f.as_slice()
                .iter()
                .all(|x| x.re.is_finite() && x.im.is_finite())
        );
        assert_lu::<T>(&a0, &f, &ipiv, "getrf singular");
    }
}

fn check_getrs_getri<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(42);
    for (case, n) in [1, 2, 5, 17, LARGE].into_iter().enumerate() {
        let layout = LAYOUTS[case % 7];
        let mut a = Stored::<T>::random(layout, n, n, sentinel(), &mut rng);
        let a0 = a.to_mat();
        let mut ipiv = vec![0; n];
        Ops::<T>::getrf(&be, a.view_mut(), &mut ipiv).unwrap();
        for (t, trans) in [Trans::No, Trans::Trans, Trans::ConjTrans]
            .into_iter()
            .enumerate()
        {
            let nrhs = 1 + t;
            let mut b =
                Stored::<T>::random(LAYOUTS[(case + t + 1) % 7], n, nrhs, sentinel(), &mut rng);
            let b0 = b.to_mat();
            Ops::<T>::getrs(&be, trans, a.view(), &ipiv, b.view_mut()).unwrap();
            let opa = op(&a0, trans, T::IS_COMPLEX);
            let x = b.to_mat();
            let tol = 16.0 * (n as f64 + 2.0) * eps::<T>();
            let bound = abs_matmul(&opa, &x);
            let bound = Mat::from_fn(n, nrhs, |i, j| bound[(i, j)] + b0[(i, j)].norm());
            assert_close(
                &matmul(&opa, &x),
                &b0,
                &bound,
                tol,
                &format!("getrs {n} {trans:?}"),
            );
            assert!(b.outside_intact(), "getrs wrote outside B");
        }
        let mut inv = a.clone();
        Ops::<T>::getri(&be, inv.view_mut(), &ipiv).unwrap();
        let x = inv.to_mat();
        let tol = 16.0 * (n as f64 + 2.0) * eps::<T>();
        let prod = matmul(&a0, &x);
        let bound = abs_matmul(&a0, &x);
        let bound = Mat::from_fn(n, n, |i, j| bound[(i, j)] + 1.0);
        assert_close(&prod, &Mat::identity(n), &bound, tol, &format!("getri {n}"));
        assert!(inv.outside_intact(), "getri wrote outside A");
    }
    // Singular factors: getri reports the zero pivot and leaves A alone.
    let mut a = Stored::<T>::from_fn(Layout::Col, 3, 3, sentinel(), |i, j| {
        if j == 1 {
            T::zero()
        } else {
            T::from_c64(c((i + 2 * j + 1) as f64))
        }
    });
    let mut ipiv = vec![0; 3];
    assert_eq!(
        Ops::<T>::getrf(&be, a.view_mut(), &mut ipiv),
        Err(Error::Singular { pivot: 2 })
    );
    let before = a.clone();
    assert_eq!(
        Ops::<T>::getri(&be, a.view_mut(), &ipiv),
        Err(Error::Singular { pivot: 2 })
    );
    assert!((0..3).all(|i| (0..3).all(|j| same(a.get(i, j), before.get(i, j)))));
}

/// A random Hermitian positive definite reference matrix.
fn hpd<T: Scalar>(n: usize, rng: &mut Rng) -> Mat<c64> {
    let b = Mat::from_fn(n, n, |_, _| rng.scalar::<T>().to_c64());
    let mut a = matmul(&b, &b.adjoint());
    for i in 0..n {
        for j in 0..n {
            a[(i, j)] /= n as f64;
        }
        a[(i, i)] = c(a[(i, i)].re + 1.0);
    }
    // Round to T so that the stored matrix is exactly Hermitian.
    Mat::from_fn(n, n, |i, j| T::from_c64(a[(i, j)]).to_c64())
}

/// Stores the `uplo` triangle of `a`; the other triangle holds NaN.
fn store_uplo<T: Scalar>(layout: Layout, a: &Mat<c64>, uplo: Uplo) -> Stored<T> {
    let n = a.nrows();
    Stored::from_fn(layout, n, n, sentinel(), |i, j| {
        let keep = if uplo == Uplo::Lower { i >= j } else { i <= j };
        if keep { T::from_c64(a[(i, j)]) } else { nan() }
    })
}

fn check_cholesky<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(43);
    let mut case = 0;
    for n in [1, 2, 5, 17, 70, LARGE] {
        for uplo in [Uplo::Lower, Uplo::Upper] {
            case += 1;
            let layout = LAYOUTS[case % 7];
            let a0 = hpd::<T>(n, &mut rng);
            let mut a = store_uplo::<T>(layout, &a0, uplo);
            let before = a.clone();
            Ops::<T>::potrf(&be, uplo, a.view_mut()).unwrap();
            let f = a.to_mat();
            let l = Mat::from_fn(n, n, |i, j| match uplo {
                Uplo::Lower if i >= j => f[(i, j)],
                Uplo::Upper if i >= j => f[(j, i)].conj(),
                _ => c(0.0),
            });
            let tol = 8.0 * (n as f64 + 2.0) * eps::<T>();
            let what = format!("potrf {n} {uplo:?} {layout:?}");
            assert_close(
                &matmul(&l, &l.adjoint()),
                &a0,
                &abs_matmul(&l, &l.adjoint()),
                tol,
                &what,
            );
            for j in 0..n {
                for i in 0..n {
                    let other = if uplo == Uplo::Lower { i < j } else { i > j };
                    if other {
                        assert!(
                            same(a.get(i, j), before.get(i, j)),
                            "{what}: other triangle written"
                        );
                    }
                }
            }
            assert!(a.outside_intact(), "{what}: wrote outside A");

            let mut b = Stored::<T>::random(LAYOUTS[(case + 3) % 7], n, 3, sentinel(), &mut rng);
            let b0 = b.to_mat();
            Ops::<T>::potrs(&be, uplo, a.view(), b.view_mut()).unwrap();
            let x = b.to_mat();
            let bound = abs_matmul(&a0, &x);
            let bound = Mat::from_fn(n, 3, |i, j| bound[(i, j)] + b0[(i, j)].norm());
            assert_close(
                &matmul(&a0, &x),
                &b0,
                &bound,
                4.0 * tol,
                &format!("potrs {n} {uplo:?}"),
            );
            assert!(b.outside_intact(), "potrs wrote outside B");
        }
    }
    // Not positive definite: LAPACK's order of the failing minor.
    for (n, bad) in [(1, 0), (5, 2), (LARGE, 100)] {
        for uplo in [Uplo::Lower, Uplo::Upper] {
            let m = Mat::from_fn(n, n, |i, j| {
                if i != j {
                    c(0.0)
                } else if i == bad {
                    c(-1.0)
                } else {
                    c(2.0)
                }
            });
            let mut a = store_uplo::<T>(Layout::Col, &m, uplo);
            assert_eq!(
                Ops::<T>::potrf(&be, uplo, a.view_mut()),
                Err(Error::NotPositiveDefinite { minor: bad + 1 }),
                "potrf not PD {n} {uplo:?}"
            );
        }
    }
}

/// `Q = H₁⋯H_k` (`m × m`) built naively from LAPACK's representation.
fn q_from_reflectors(f: &Mat<c64>, tau: &[c64]) -> Mat<c64> {
    let m = f.nrows();
    let mut q = Mat::<c64>::identity(m);
    // Q ← Q·H_i for i = 1..k, H_i = I − τ v vᴴ.
    for (i, &t) in tau.iter().enumerate() {
        let v: Vec<c64> = (0..m)
            .map(|r| match r.cmp(&i) {
                core::cmp::Ordering::Less => c(0.0),
                core::cmp::Ordering::Equal => c(1.0),
                core::cmp::Ordering::Greater => f[(r, i)],
            })
            .collect();
        for r in 0..m {
            let qv: c64 = (0..m).map(|s| q[(r, s)] * v[s]).sum();
            for s in 0..m {
                q[(r, s)] -= t * qv * v[s].conj();
            }
        }
    }
    q
}

fn check_qr<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(44);
    let shapes = [
        (1, 1),
        (2, 2),
        (5, 3),
        (3, 5),
        (17, 17),
        (40, 37),
        (17, 5),
        (LARGE, LARGE - 10),
    ];
    for (case, (m, n)) in shapes.into_iter().enumerate() {
        for rank_deficient in [false, true] {
            let layout = LAYOUTS[(case + usize::from(rank_deficient)) % 7];
            let zero_col = n / 2;
            let mut a = Stored::<T>::from_fn(layout, m, n, sentinel(), |_, j| {
                if rank_deficient && j == zero_col {
                    T::zero()
                } else {
                    rng.scalar()
                }
            });
            let a0 = a.to_mat();
            let k = m.min(n);
            let mut tau = vec![nan::<T>(); k];
            Ops::<T>::geqrf(&be, a.view_mut(), &mut tau).unwrap();
            assert!(a.outside_intact(), "geqrf wrote outside A");
            let f = a.to_mat();
            let tauc: Vec<c64> = tau.iter().map(|t| t.to_c64()).collect();
            let q = q_from_reflectors(&f, &tauc);
            let r = Mat::from_fn(m, n, |i, j| if i <= j { f[(i, j)] } else { c(0.0) });
            let what = format!("geqrf {m}×{n} {layout:?} deficient={rank_deficient}");
            let tol = 16.0 * (m as f64 + 2.0) * eps::<T>();
            let scale = max_abs(&a0).max(1.0);
            assert!(
                orthogonality(&q) <= tol,
                "{what}: Q not unitary: {}",
                orthogonality(&q)
            );
            assert_norm_close(&matmul(&q, &r), &a0, tol * scale * n as f64, &what);
            // LAPACK's β is real: R has a real diagonal.
            for i in 0..k {
                assert!(r[(i, i)].im == 0.0, "{what}: R({i},{i}) not real");
            }
            // ungqr on the leading min(m, n) columns reproduces Q's columns.
            let mut qa = Stored::<T>::from_fn(LAYOUTS[(case + 3) % 7], m, k, sentinel(), |i, j| {
                a.get(i, j)
            });
            Ops::<T>::ungqr(&be, qa.view_mut(), &tau).unwrap();
            let qk = qa.to_mat();
            let q_want = Mat::from_fn(m, k, |i, j| q[(i, j)]);
            assert_norm_close(&qk, &q_want, tol, &format!("ungqr {what}"));
            assert!(qa.outside_intact(), "ungqr wrote outside A");
        }
        // ungqr with more columns than reflectors (n > k).
        if m >= n && n >= 3 {
            let kk = n - 2;
            let mut a = Stored::<T>::random(Layout::Col, m, n, sentinel(), &mut rng);
            let mut tau = vec![T::zero(); kk];
            {
                let v = a.view_mut().submatrix_mut(0, 0, m, kk);
                Ops::<T>::geqrf(&be, v, &mut tau).unwrap();
            }
            let f = a.to_mat();
            let q = q_from_reflectors(&f, &tau.iter().map(|t| t.to_c64()).collect::<Vec<_>>());
            Ops::<T>::ungqr(&be, a.view_mut(), &tau).unwrap();
            let q_want = Mat::from_fn(m, n, |i, j| q[(i, j)]);
            let tol = 16.0 * (m as f64 + 2.0) * eps::<T>();
            assert_norm_close(&a.to_mat(), &q_want, tol, &format!("ungqr n > k {m}×{n}"));
        }
    }
}

fn check_gesdd<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(45);
    let shapes = [
        (1, 1),
        (2, 3),
        (3, 2),
        (5, 5),
        (17, 9),
        (9, 17),
        (LARGE, LARGE - 20),
    ];
    for (case, (m, n)) in shapes.into_iter().enumerate() {
        let k = m.min(n);
        let a = Stored::<T>::random(LAYOUTS[case % 7], m, n, sentinel(), &mut rng);
        let a0 = a.to_mat();
        let tol = 32.0 * (m.max(n) as f64 + 2.0) * eps::<T>();
        let scale = max_abs(&a0).max(1.0) * k as f64;
        let mut s_values = vec![<T as Scalar>::Real::default(); k];
        {
            let mut a1 = a.clone();
            Ops::<T>::gesdd(
                &be,
                SvdJob::ValuesOnly,
                a1.view_mut(),
                &mut s_values,
                None,
                None,
            )
            .unwrap();
        }
        for job in [SvdJob::Thin, SvdJob::Full] {
            let (uc, vr) = if job == SvdJob::Full { (m, n) } else { (k, k) };
            let mut a1 = a.clone();
            let mut u = Stored::<T>::new(LAYOUTS[(case + 1) % 7], m, uc, sentinel());
            let mut vt = Stored::<T>::new(LAYOUTS[(case + 2) % 7], vr, n, sentinel());
            let mut s = vec![<T as Scalar>::Real::default(); k];
            Ops::<T>::gesdd(
                &be,
                job,
                a1.view_mut(),
                &mut s,
                Some(u.view_mut()),
                Some(vt.view_mut()),
            )
            .unwrap();
            let what = format!("gesdd {m}×{n} {job:?}");
            let sf: Vec<f64> = s.iter().map(|x| RealScalar::to_f64(*x)).collect();
            assert!(
                sf.windows(2).all(|p| p[0] >= p[1]) && sf.iter().all(|&x| x >= 0.0),
                "{what}: order"
            );
            for (x, y) in sf.iter().zip(&s_values) {
                assert!(
                    (x - RealScalar::to_f64(*y)).abs() <= tol * scale,
                    "{what}: values-only differs"
                );
            }
            let (um, vm) = (u.to_mat(), vt.to_mat());
            assert!(orthogonality(&um) <= tol, "{what}: U not orthonormal");
            assert!(
                orthogonality(&vm.adjoint()) <= tol,
                "{what}: Vᴴ rows not orthonormal"
            );
            let us = Mat::from_fn(m, k, |i, j| um[(i, j)] * sf[j]);
            let vk = Mat::from_fn(k, n, |i, j| vm[(i, j)]);
            assert_norm_close(&matmul(&us, &vk), &a0, tol * scale, &what);
            assert!(
                u.outside_intact() && vt.outside_intact(),
                "{what}: wrote outside U/Vᴴ"
            );
        }
    }
}

fn check_heevd<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(46);
    let mut case = 0;
    for n in [1, 2, 5, 17, LARGE] {
        for uplo in [Uplo::Lower, Uplo::Upper] {
            case += 1;
            let h = Mat::from_fn(n, n, |_, _| rng.scalar::<T>().to_c64());
            let h = Mat::from_fn(n, n, |i, j| {
                let v = (h[(i, j)] + h[(j, i)].conj()) * 0.5;
                T::from_c64(if i == j { c(v.re) } else { v }).to_c64()
            });
            let layout = LAYOUTS[case % 7];
            let mut a = store_uplo::<T>(layout, &h, uplo);
            // Imaginary parts on the diagonal are ignored, as LAPACK does.
            if T::IS_COMPLEX {
                for i in 0..n {
                    let d = a.get(i, i).to_c64() + c64::new(0.0, 3.0);
                    a.set(i, i, T::from_c64(d));
                }
            }
            let tol = 32.0 * (n as f64 + 2.0) * eps::<T>();
            let scale = max_abs(&h).max(1.0) * n as f64;
            let mut w0 = vec![<T as Scalar>::Real::default(); n];
            let mut a1 = a.clone();
            Ops::<T>::heevd(&be, EigJob::ValuesOnly, uplo, a1.view_mut(), &mut w0).unwrap();
            let mut a2 = a.clone();
            let mut w = vec![<T as Scalar>::Real::default(); n];
            Ops::<T>::heevd(&be, EigJob::Vectors, uplo, a2.view_mut(), &mut w).unwrap();
            let what = format!("heevd {n} {uplo:?} {layout:?}");
            let wf: Vec<f64> = w.iter().map(|x| RealScalar::to_f64(*x)).collect();
            assert!(wf.windows(2).all(|p| p[0] <= p[1]), "{what}: not ascending");
            for (x, y) in wf.iter().zip(&w0) {
                assert!(
                    (x - RealScalar::to_f64(*y)).abs() <= tol * scale,
                    "{what}: values-only differs"
                );
            }
            let v = a2.to_mat();
            assert!(orthogonality(&v) <= tol, "{what}: vectors not orthonormal");
            let vl = Mat::from_fn(n, n, |i, j| v[(i, j)] * wf[j]);
            assert_norm_close(&matmul(&h, &v), &vl, tol * scale, &what);
            assert!(a2.outside_intact(), "{what}: wrote outside A");
        }
    }
}

fn check_geev<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(47);
    for (case, n) in [1, 2, 5, 17, LARGE].into_iter().enumerate() {
        let a = Stored::<T>::random(LAYOUTS[case % 7], n, n, sentinel(), &mut rng);
        let a0 = a.to_mat();
        let fill = sentinel::<T::Complex>();
        let mut vl = Stored::<T::Complex>::new(LAYOUTS[(case + 1) % 7], n, n, fill);
        let mut vr = Stored::<T::Complex>::new(LAYOUTS[(case + 2) % 7], n, n, fill);
        let mut w = vec![T::Complex::default(); n];
        let mut a1 = a.clone();
        Ops::<T>::geev(
            &be,
            a1.view_mut(),
            &mut w,
            Some(vl.view_mut()),
            Some(vr.view_mut()),
        )
        .unwrap();
        let wc: Vec<c64> = w.iter().map(|x| x.to_c64()).collect();
        let what = format!("geev {n}");
        let tol = 64.0 * (n as f64 + 2.0) * eps::<T>();
        let scale = max_abs(&a0).max(1.0) * n as f64;
        let (l, r) = (vl.to_mat(), vr.to_mat());
        let rl = Mat::from_fn(n, n, |i, j| r[(i, j)] * wc[j]);
        assert_norm_close(
            &matmul(&a0, &r),
            &rl,
            tol * scale,
            &format!("{what}: right"),
        );
        let lh = l.adjoint();
        let ll = Mat::from_fn(n, n, |i, j| lh[(i, j)] * wc[i]);
        assert_norm_close(
            &matmul(&lh, &a0),
            &ll,
            tol * scale,
            &format!("{what}: left"),
        );
        for j in 0..n {
            let nr: f64 = (0..n).map(|i| r[(i, j)].norm_sqr()).sum::<f64>().sqrt();
            assert!((nr - 1.0).abs() <= tol, "{what}: column {j} not normalized");
        }
        if !T::IS_COMPLEX {
            let mut j = 0;
            while j < n {
                if wc[j].im != 0.0 {
                    assert!(
                        wc[j].im > 0.0 && wc[j + 1] == wc[j].conj(),
                        "{what}: pair order"
                    );
                    j += 2;
                } else {
                    j += 1;
                }
            }
        }
        // Eigenvalues only: the same values.
        let mut w2 = vec![T::Complex::default(); n];
        let mut a2 = a.clone();
        Ops::<T>::geev(&be, a2.view_mut(), &mut w2, None, None).unwrap();
        // The order may differ between the two runs: match each value with
        // the nearest unused one.
        let mut used = vec![false; n];
        for x in &w2 {
            let x = x.to_c64();
            let (k, d) = wc
                .iter()
                .enumerate()
                .filter(|(k, _)| !used[*k])
                .map(|(k, y)| (k, (x - y).norm()))
                .min_by(|p, q| p.1.total_cmp(&q.1))
                .unwrap();
            used[k] = true;
            assert!(d <= tol * scale, "{what}: values-only differs by {d:e}");
        }
        assert!(
            vl.outside_intact() && vr.outside_intact(),
            "{what}: wrote outside V"
        );
    }
    // A rotation: eigenvalues ±i, the positive imaginary part first.
    let mut a = Stored::<T>::from_fn(Layout::Col, 2, 2, sentinel(), |i, j| {
        T::from_c64(c([[0.0, -1.0], [1.0, 0.0]][i][j]))
    });
    let mut w = vec![T::Complex::default(); 2];
    Ops::<T>::geev(&be, a.view_mut(), &mut w, None, None).unwrap();
    let tol = 4.0 * eps::<T>();
    if T::IS_COMPLEX {
        let mut ims: Vec<f64> = w.iter().map(|x| x.to_c64().im).collect();
        ims.sort_by(f64::total_cmp);
        assert!((ims[0] + 1.0).abs() <= tol && (ims[1] - 1.0).abs() <= tol);
    } else {
        assert!(
            (w[0].to_c64() - c64::new(0.0, 1.0)).norm() <= tol,
            "rotation: {w:?}"
        );
        assert!(
            (w[1].to_c64() - c64::new(0.0, -1.0)).norm() <= tol,
            "rotation: {w:?}"
        );
    }
}

fn check_gels<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(48);
    let shapes = [
        (1, 1),
        (5, 3),
        (3, 5),
        (17, 17),
        (40, 17),
        (17, 40),
        (LARGE, 60),
    ];
    let mut case = 0;
    for (m, n) in shapes {
        for trans in [Trans::No, Trans::Trans, Trans::ConjTrans] {
            case += 1;
            let a = Stored::<T>::random(LAYOUTS[case % 7], m, n, sentinel(), &mut rng);
            if T::IS_COMPLEX && trans == Trans::Trans {
                // Complex gels solves with A or Aᴴ only.
                let (mut a1, mut b) = (
                    a.clone(),
                    Stored::<T>::new(Layout::Col, m.max(n), 1, T::zero()),
                );
                let r = Ops::<T>::gels(&be, trans, a1.view_mut(), b.view_mut());
                assert!(
                    matches!(
                        r,
                        Err(linmux_core::Error::InvalidArgument { arg: "trans", .. })
                    ),
                    "{r:?}"
                );
                continue;
            }
            let a0 = a.to_mat();
            let opa = op(&a0, trans, T::IS_COMPLEX);
            let (r, cc) = opa.shape();
            let nrhs = 2;
            // Rows of B beyond op(A)'s row count are not read.
            let mut b = Stored::<T>::from_fn(
                LAYOUTS[(case + 3) % 7],
                m.max(n),
                nrhs,
                sentinel(),
                |i, _| {
                    if i < r { rng.scalar() } else { nan() }
                },
            );
            let b0 = Mat::from_fn(r, nrhs, |i, j| b.get(i, j).to_c64());
            let mut a1 = a.clone();
            Ops::<T>::gels(&be, trans, a1.view_mut(), b.view_mut()).unwrap();
            let x = Mat::from_fn(cc, nrhs, |i, j| b.get(i, j).to_c64());
            let oh = opa.adjoint();
            let what = format!("gels {m}×{n} {trans:?}");
            let scale_a = max_abs(&a0) * (m + n) as f64;
            let tol = 16.0 * (m + n) as f64 * eps::<T>();
            let resid = Mat::from_fn(r, nrhs, |i, j| matmul(&opa, &x)[(i, j)] - b0[(i, j)]);
            let size = scale_a * max_abs(&x) + max_abs(&b0);
            if r >= cc {
                // Least squares: the normal equations hold to backward-error
                // accuracy, whatever the conditioning.
                let ne = matmul(&oh, &resid);
                assert_norm_close(&ne, &Mat::zeros(cc, nrhs), tol * scale_a * size, &what);
            } else {
                // Minimum norm: op(A)·X = B, and X = op(A)ᴴ·(op(A)·op(A)ᴴ)⁻¹·B
                // (random wide matrices are well conditioned).
                assert_norm_close(&resid, &Mat::zeros(r, nrhs), tol * size, &what);
                let x_ref = matmul(&oh, &solve(&matmul(&opa, &oh), &b0));
                assert_norm_close(
                    &x,
                    &x_ref,
                    tol * (m + n) as f64 * (1.0 + max_abs(&x_ref)),
                    &what,
                );
            }
            assert!(b.outside_intact(), "{what}: wrote outside B");
        }
    }
    // A rank-deficient A (zero column): LAPACK's info, as Singular.
    let mut a = Stored::<T>::from_fn(Layout::Col, 4, 3, sentinel(), |i, j| {
        if j == 1 {
            T::zero()
        } else {
            T::from_c64(c((i * 3 + j + 1) as f64))
        }
    });
    let mut b = Stored::<T>::random(Layout::Col, 4, 1, sentinel(), &mut rng);
    assert_eq!(
        Ops::<T>::gels(&be, Trans::No, a.view_mut(), b.view_mut()),
        Err(Error::Singular { pivot: 2 })
    );
}

/// Non-finite input never panics or hangs; the iterative solvers report it.
fn check_non_finite<T: Elem>() {
    let be = backend();
    for n in [1, 4, 20] {
        let bad = |rng: &mut Rng| {
            Stored::<T>::from_fn(Layout::Col, n, n, sentinel(), |i, j| {
                if i == n / 2 && j == n / 3 {
                    nan()
                } else {
                    rng.scalar()
                }
            })
        };
        let mut rng = Rng::new(49);
        let no_conv = |op| Err(Error::NoConvergence { op, info: 0 });
        let mut s = vec![<T as Scalar>::Real::default(); n];
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::gesdd(&be, SvdJob::ValuesOnly, a.view_mut(), &mut s, None, None),
            no_conv("gesdd")
        );
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::heevd(&be, EigJob::Vectors, Uplo::Lower, a.view_mut(), &mut s),
            no_conv("heevd")
        );
        let mut w = vec![T::Complex::default(); n];
        let mut a = bad(&mut rng);
        assert_eq!(
            Ops::<T>::geev(&be, a.view_mut(), &mut w, None, None),
            no_conv("geev")
        );
        // The direct factorizations complete (NaN propagates) or report.
        let mut a = bad(&mut rng);
        let _ = Ops::<T>::getrf(&be, a.view_mut(), &mut vec![0; n]);
        let mut a = bad(&mut rng);
        let _ = Ops::<T>::potrf(&be, Uplo::Upper, a.view_mut());
        let mut a = bad(&mut rng);
        let _ = Ops::<T>::geqrf(&be, a.view_mut(), &mut vec![T::zero(); n]);
        let mut a = bad(&mut rng);
        let mut b = Stored::<T>::random(Layout::Col, n, 1, sentinel(), &mut rng);
        let _ = Ops::<T>::gels(&be, Trans::No, a.view_mut(), b.view_mut());
    }
}

for_all_types! {
    non_finite => check_non_finite,
    getrf => check_getrf,
    getrs_getri => check_getrs_getri,
    cholesky => check_cholesky,
    qr => check_qr,
    gesdd => check_gesdd,
    heevd => check_heevd,
    geev => check_geev,
    gels => check_gels,
}
