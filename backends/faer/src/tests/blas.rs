//! BLAS 1, 2 and 3 against naive `c64` loops with backward-error bounds.

use linmux_core::{Diag, Mat, Ops, RealScalar, Scalar, Side, Trans, Uplo, c64};
use num_traits::Float;

use super::{
    Draw, LARGE, LAYOUTS, Layout, Rng, SIZES, Stored, VLAYOUTS, VStored, abs_matmul, assert_close,
    backend, col, eps, for_all_types, matmul, nan, op, same, sentinel,
};
use crate::elem::Elem;

fn c(x: f64) -> c64 {
    c64::new(x, 0.0)
}

/// `(α, β)` cases: general, `β = 0` (output not read), `α = 0` (inputs not
/// read), and `α = β = 1`.
fn coefficients<T: Scalar>(rng: &mut Rng) -> [(T, T); 4] {
    [
        (rng.scalar(), rng.scalar()),
        (rng.scalar(), T::zero()),
        (T::zero(), rng.scalar()),
        (T::one(), T::one()),
    ]
}

/// Three different layouts for the operands of case `i`.
fn layouts3(i: usize) -> (Layout, Layout, Layout) {
    (LAYOUTS[i % 7], LAYOUTS[(i + 2) % 7], LAYOUTS[(i + 4) % 7])
}

fn transposes() -> [Trans; 3] {
    [Trans::No, Trans::Trans, Trans::ConjTrans]
}

// ---- BLAS 1 ----------------------------------------------------------------

fn check_blas1<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(11);
    let fill = sentinel::<T>();
    for n in SIZES.into_iter().chain([LARGE]) {
        let tol = 4.0 * (n as f64 + 1.0) * eps::<T>();
        for lx in VLAYOUTS {
            for ly in VLAYOUTS {
                let x = VStored::<T>::random(lx, n, fill, &mut rng);
                let y = VStored::<T>::random(ly, n, fill, &mut rng);
                let (xv, yv) = (x.to_vec(), y.to_vec());
                let bound: f64 = xv.iter().zip(&yv).map(|(a, b)| a.norm() * b.norm()).sum();

                let d = Ops::<T>::dot(&be, x.view(), y.view()).unwrap().to_c64();
                let want: c64 = xv.iter().zip(&yv).map(|(a, b)| a * b).sum();
                assert!((d - want).norm() <= tol * bound, "dot {n} {lx:?} {ly:?}");
                let d = Ops::<T>::dotc(&be, x.view(), y.view()).unwrap().to_c64();
                let want: c64 = xv.iter().zip(&yv).map(|(a, b)| a.conj() * b).sum();
                assert!((d - want).norm() <= tol * bound, "dotc {n} {lx:?} {ly:?}");

                let alpha: T = rng.scalar();
                let mut y2 = y.clone();
                Ops::<T>::axpy(&be, alpha, x.view(), y2.view_mut()).unwrap();
                let a = alpha.to_c64();
                for i in 0..n {
                    let want = a * xv[i] + yv[i];
                    let b = a.norm() * xv[i].norm() + yv[i].norm();
                    assert!(
                        (y2.get(i).to_c64() - want).norm() <= 4.0 * eps::<T>() * b,
                        "axpy"
                    );
                }
                assert!(y2.outside_intact(), "axpy wrote outside y");

                let mut x2 = x.clone();
                Ops::<T>::scal(&be, alpha, x2.view_mut()).unwrap();
                for (i, xi) in xv.iter().enumerate() {
                    let want = a * xi;
                    assert!(
                        (x2.get(i).to_c64() - want).norm() <= 4.0 * eps::<T>() * want.norm(),
                        "scal"
                    );
                }
                assert!(x2.outside_intact(), "scal wrote outside x");

                let mut y3 = y.clone();
                Ops::<T>::copy(&be, x.view(), y3.view_mut()).unwrap();
                assert!((0..n).all(|i| same(y3.get(i), x.get(i))), "copy");
                assert!(y3.outside_intact(), "copy wrote outside y");

                let (mut x4, mut y4) = (x.clone(), y.clone());
                Ops::<T>::swap(&be, x4.view_mut(), y4.view_mut()).unwrap();
                assert!((0..n).all(|i| same(y4.get(i), x.get(i)) && same(x4.get(i), y.get(i))));
                assert!(
                    x4.outside_intact() && y4.outside_intact(),
                    "swap wrote outside"
                );
            }
            let x = VStored::<T>::random(lx, n, fill, &mut rng);
            let xv = x.to_vec();
            let nrm = RealScalar::to_f64(Ops::<T>::nrm2(&be, x.view()).unwrap());
            let want = xv.iter().map(|v| v.norm_sqr()).sum::<f64>().sqrt();
            assert!((nrm - want).abs() <= tol * want, "nrm2");
            let s = RealScalar::to_f64(Ops::<T>::asum(&be, x.view()).unwrap());
            let want: f64 = xv.iter().map(|v| v.re.abs() + v.im.abs()).sum();
            assert!((s - want).abs() <= tol * want, "asum");
            let i = Ops::<T>::iamax(&be, x.view()).unwrap();
            let abs1: Vec<<T as Scalar>::Real> = (0..n).map(|i| x.get(i).abs1()).collect();
            let max = abs1
                .iter()
                .copied()
                .fold(abs1[0], |m, v| if v > m { v } else { m });
            assert_eq!(i, abs1.iter().position(|&v| v == max).unwrap(), "iamax");
        }
    }
    // iamax: ties go to the first index; |re| + |im| is the measure.
    let v: Vec<T> = [1.0, -3.0, 2.0, 3.0]
        .iter()
        .map(|&x| T::from_c64(c(x)))
        .collect();
    let x = VStored::from_fn(VLAYOUTS[0], 4, fill, |i| v[i]);
    assert_eq!(Ops::<T>::iamax(&be, x.view()).unwrap(), 1);
    if T::IS_COMPLEX {
        let v = [c64::new(2.0, 0.0), c64::new(1.5, 1.5), c64::new(0.0, 2.9)];
        let x = VStored::from_fn(VLAYOUTS[0], 3, fill, |i| T::from_c64(v[i]));
        assert_eq!(Ops::<T>::iamax(&be, x.view()).unwrap(), 1);
    }
    // nrm2 neither overflows nor underflows.
    for scale in [
        <<T as Scalar>::Real as Float>::max_value() / <T as Scalar>::Real::from_f64(4.0),
        <<T as Scalar>::Real as Float>::min_positive_value() * <T as Scalar>::Real::from_f64(4.0),
    ] {
        let x = VStored::from_fn(VLAYOUTS[1], 2, fill, |_| T::from_real(scale));
        let nrm = Ops::<T>::nrm2(&be, x.view()).unwrap();
        let want = scale * <T as Scalar>::Real::from_f64(2f64.sqrt());
        let rel = RealScalar::to_f64((nrm - want) / want).abs();
        assert!(
            nrm.is_finite() && rel <= 8.0 * eps::<T>(),
            "nrm2 scaling: {nrm:?} vs {want:?}"
        );
    }
}

// ---- BLAS 2 ----------------------------------------------------------------

fn check_gemv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(21);
    let shapes = [(1, 1), (2, 3), (5, 4), (17, 17), (3, 1), (LARGE, LARGE - 3)];
    let mut case = 0;
    for (m, n) in shapes {
        for trans in transposes() {
            for (alpha, beta) in coefficients::<T>(&mut rng) {
                case += 1;
                let (la, _, _) = layouts3(case);
                let (xl, yl) = (VLAYOUTS[case % 3], VLAYOUTS[(case + 1) % 3]);
                let (rows, cols) = trans.apply_shape(m, n);
                let a = if alpha == T::zero() {
                    Stored::from_fn(la, m, n, sentinel(), |_, _| nan())
                } else {
                    Stored::<T>::random(la, m, n, sentinel(), &mut rng)
                };
                let x = VStored::<T>::random(xl, cols, sentinel(), &mut rng);
                let mut y = if beta == T::zero() {
                    VStored::from_fn(yl, rows, sentinel(), |_| nan())
                } else {
                    VStored::<T>::random(yl, rows, sentinel(), &mut rng)
                };
                let (a0, x0, y0) = (a.to_mat(), col(&x.to_vec()), col(&y.to_vec()));
                Ops::<T>::gemv(&be, trans, alpha, a.view(), x.view(), beta, y.view_mut()).unwrap();
                let (al, bt) = (alpha.to_c64(), beta.to_c64());
                let (want, bound) = if alpha == T::zero() {
                    let w = Mat::from_fn(rows, 1, |i, _| bt * y0[(i, 0)]);
                    let b = Mat::from_fn(rows, 1, |i, _| c(w[(i, 0)].norm()));
                    (w, b)
                } else {
                    let opa = op(&a0, trans, T::IS_COMPLEX);
                    let p = matmul(&opa, &x0);
                    let pb = abs_matmul(&opa, &x0);
                    let w = Mat::from_fn(rows, 1, |i, _| {
                        al * p[(i, 0)]
                            + if beta == T::zero() {
                                c(0.0)
                            } else {
                                bt * y0[(i, 0)]
                            }
                    });
                    let b = Mat::from_fn(rows, 1, |i, _| {
                        c(al.norm() * pb[(i, 0)].re
                            + if beta == T::zero() {
                                0.0
                            } else {
                                bt.norm() * y0[(i, 0)].norm()
                            })
                    });
                    (w, b)
                };
                let tol = 4.0 * (cols as f64 + 2.0) * eps::<T>();
                assert_close(
                    &col(&y.to_vec()),
                    &want,
                    &bound,
                    tol,
                    &format!("gemv {m}×{n} {trans:?}"),
                );
                assert!(y.outside_intact(), "gemv wrote outside y");
            }
        }
    }
}

fn check_ger<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(22);
    for (case, (m, n)) in [(1, 1), (2, 3), (5, 4), (17, 17), (LARGE, 7)]
        .into_iter()
        .enumerate()
    {
        for conj in [false, true] {
            let la = LAYOUTS[(case * 2 + usize::from(conj)) % 7];
            let mut a = Stored::<T>::random(la, m, n, sentinel(), &mut rng);
            let x = VStored::<T>::random(VLAYOUTS[case % 3], m, sentinel(), &mut rng);
            let y = VStored::<T>::random(VLAYOUTS[(case + 1) % 3], n, sentinel(), &mut rng);
            let alpha: T = rng.scalar();
            let a0 = a.to_mat();
            if conj {
                Ops::<T>::gerc(&be, alpha, x.view(), y.view(), a.view_mut()).unwrap();
            } else {
                Ops::<T>::geru(&be, alpha, x.view(), y.view(), a.view_mut()).unwrap();
            }
            let (xv, yv, al) = (x.to_vec(), y.to_vec(), alpha.to_c64());
            let yy = |j: usize| if conj { yv[j].conj() } else { yv[j] };
            let want = Mat::from_fn(m, n, |i, j| a0[(i, j)] + al * xv[i] * yy(j));
            let bound = Mat::from_fn(m, n, |i, j| {
                c(a0[(i, j)].norm() + al.norm() * xv[i].norm() * yv[j].norm())
            });
            assert_close(&a.to_mat(), &want, &bound, 6.0 * eps::<T>(), "ger");
            assert!(a.outside_intact(), "ger wrote outside A");
        }
    }
}

/// A random Hermitian (`herm`) or symmetric reference matrix.
fn sym_ref<T: Scalar>(n: usize, herm: bool, rng: &mut Rng) -> Mat<c64> {
    let mut h = Mat::zeros(n, n);
    for j in 0..n {
        for i in 0..=j {
            let v: T = rng.scalar();
            let v = v.to_c64();
            if i == j {
                h[(i, i)] = if herm { c(v.re) } else { v };
            } else {
                h[(i, j)] = v;
                h[(j, i)] = if herm { v.conj() } else { v };
            }
        }
    }
    h
}

/// Stores the `uplo` triangle of `h`; the other triangle is NaN, and (for a
/// Hermitian complex matrix) the diagonal gets a foreign imaginary part.
fn store_triangle<T: Scalar>(layout: Layout, h: &Mat<c64>, uplo: Uplo, herm: bool) -> Stored<T> {
    let n = h.nrows();
    Stored::from_fn(layout, n, n, sentinel(), |i, j| {
        let keep = match uplo {
            Uplo::Lower => i >= j,
            Uplo::Upper => i <= j,
        };
        if !keep {
            nan()
        } else if i == j && herm && T::IS_COMPLEX {
            T::from_c64(h[(i, j)] + c64::new(0.0, 3.0))
        } else {
            T::from_c64(h[(i, j)])
        }
    })
}

fn check_hemv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(23);
    let mut case = 0;
    for n in SIZES.into_iter().chain([LARGE]) {
        for uplo in [Uplo::Lower, Uplo::Upper] {
            for (alpha, beta) in coefficients::<T>(&mut rng) {
                case += 1;
                let h = sym_ref::<T>(n, true, &mut rng);
                let a = if alpha == T::zero() {
                    Stored::from_fn(LAYOUTS[case % 7], n, n, sentinel(), |_, _| nan())
                } else {
                    store_triangle::<T>(LAYOUTS[case % 7], &h, uplo, true)
                };
                let x = VStored::<T>::random(VLAYOUTS[case % 3], n, sentinel(), &mut rng);
                let mut y = if beta == T::zero() {
                    VStored::from_fn(VLAYOUTS[(case + 1) % 3], n, sentinel(), |_| nan())
                } else {
                    VStored::<T>::random(VLAYOUTS[(case + 1) % 3], n, sentinel(), &mut rng)
                };
                let (x0, y0) = (col(&x.to_vec()), col(&y.to_vec()));
                Ops::<T>::hemv(&be, uplo, alpha, a.view(), x.view(), beta, y.view_mut()).unwrap();
                let (al, bt) = (alpha.to_c64(), beta.to_c64());
                let p = matmul(&h, &x0);
                let pb = abs_matmul(&h, &x0);
                let yterm = |i: usize| {
                    if beta == T::zero() {
                        c(0.0)
                    } else {
                        bt * y0[(i, 0)]
                    }
                };
                let want = Mat::from_fn(n, 1, |i, _| {
                    (if alpha == T::zero() {
                        c(0.0)
                    } else {
                        al * p[(i, 0)]
                    }) + yterm(i)
                });
                let bound =
                    Mat::from_fn(n, 1, |i, _| c(al.norm() * pb[(i, 0)].re + yterm(i).norm()));
                let tol = 4.0 * (n as f64 + 2.0) * eps::<T>();
                assert_close(
                    &col(&y.to_vec()),
                    &want,
                    &bound,
                    tol,
                    &format!("hemv {n} {uplo:?}"),
                );
                assert!(y.outside_intact(), "hemv wrote outside y");
            }
        }
    }
}

/// A well-conditioned triangular reference matrix (unit diagonal if `Unit`)
/// and its storage: the other triangle (and a unit diagonal) hold NaN.
fn tri_pair<T: Scalar>(
    layout: Layout,
    n: usize,
    uplo: Uplo,
    diag: Diag,
    rng: &mut Rng,
) -> (Mat<c64>, Stored<T>) {
    let scale = 1.0 / n as f64;
    let mut t = Mat::zeros(n, n);
    for j in 0..n {
        for i in 0..n {
            let inside = match uplo {
                Uplo::Lower => i > j,
                Uplo::Upper => i < j,
            };
            if inside {
                let v: T = rng.scalar();
                t[(i, j)] = T::from_c64(v.to_c64() * scale).to_c64();
            }
        }
        t[(j, j)] = match diag {
            Diag::Unit => c(1.0),
            Diag::NonUnit => {
                let v: T = rng.scalar();
                T::from_c64(v.to_c64() * 0.5 + c(2.0)).to_c64()
            }
        };
    }
    let stored = Stored::from_fn(layout, n, n, sentinel(), |i, j| {
        let inside = match uplo {
            Uplo::Lower => i > j,
            Uplo::Upper => i < j,
        };
        if inside || (i == j && diag == Diag::NonUnit) {
            T::from_c64(t[(i, j)])
        } else {
            nan()
        }
    });
    (t, stored)
}

fn check_trmv_trsv<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(24);
    let mut case = 0;
    for n in SIZES.into_iter().chain([LARGE]) {
        for uplo in [Uplo::Lower, Uplo::Upper] {
            for trans in transposes() {
                for diag in [Diag::NonUnit, Diag::Unit] {
                    case += 1;
                    let (t, a) = tri_pair::<T>(LAYOUTS[case % 7], n, uplo, diag, &mut rng);
                    let opt = op(&t, trans, T::IS_COMPLEX);
                    let tol = 8.0 * (n as f64 + 2.0) * eps::<T>();
                    let what = format!("{n} {uplo:?} {trans:?} {diag:?}");

                    let mut x = VStored::<T>::random(VLAYOUTS[case % 3], n, sentinel(), &mut rng);
                    let x0 = col(&x.to_vec());
                    Ops::<T>::trmv(&be, uplo, trans, diag, a.view(), x.view_mut()).unwrap();
                    let want = matmul(&opt, &x0);
                    let bound = abs_matmul(&opt, &x0);
                    assert_close(
                        &col(&x.to_vec()),
                        &want,
                        &bound,
                        tol,
                        &format!("trmv {what}"),
                    );
                    assert!(x.outside_intact(), "trmv wrote outside x");

                    let mut x =
                        VStored::<T>::random(VLAYOUTS[(case + 1) % 3], n, sentinel(), &mut rng);
                    let x0 = col(&x.to_vec());
                    Ops::<T>::trsv(&be, uplo, trans, diag, a.view(), x.view_mut()).unwrap();
                    let got = col(&x.to_vec());
                    let back = matmul(&opt, &got);
                    let bound = abs_matmul(&opt, &got);
                    assert_close(&back, &x0, &bound, tol, &format!("trsv {what}"));
                    assert!(x.outside_intact(), "trsv wrote outside x");
                }
            }
        }
    }
}

// ---- BLAS 3 ----------------------------------------------------------------

/// `α·P + β·C0` and its magnitude bound, honouring the BLAS zero rules.
fn combine(
    alpha: c64,
    p: &Mat<c64>,
    pb: &Mat<c64>,
    beta: c64,
    c0: &Mat<c64>,
) -> (Mat<c64>, Mat<c64>) {
    let (m, n) = c0.shape();
    let zero = c(0.0);
    let cterm = |i, j| {
        if beta == zero {
            zero
        } else {
            beta * c0[(i, j)]
        }
    };
    let pterm = |i, j| {
        if alpha == zero {
            zero
        } else {
            alpha * p[(i, j)]
        }
    };
    let want = Mat::from_fn(m, n, |i, j| pterm(i, j) + cterm(i, j));
    let bound = Mat::from_fn(m, n, |i, j| {
        let pb = if alpha == zero {
            0.0
        } else {
            alpha.norm() * pb[(i, j)].re
        };
        c(pb + cterm(i, j).norm())
    });
    (want, bound)
}

fn check_gemm<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(31);
    let shapes = [
        (1, 1, 1),
        (2, 3, 4),
        (5, 5, 5),
        (17, 9, 13),
        (4, 17, 1),
        (LARGE, LARGE, LARGE),
    ];
    let mut case = 0;
    for (m, n, k) in shapes {
        for ta in transposes() {
            for tb in transposes() {
                let coefs = coefficients::<T>(&mut rng);
                let coefs = if m == LARGE { &coefs[..1] } else { &coefs[..] };
                for &(alpha, beta) in coefs {
                    case += 1;
                    let (la, lb, lc) = layouts3(case);
                    let (ar, ac) = if ta.is_transposed() { (k, m) } else { (m, k) };
                    let (br, bc) = if tb.is_transposed() { (n, k) } else { (k, n) };
                    let make = |l, r, cl, rng: &mut Rng| {
                        if alpha == T::zero() {
                            Stored::from_fn(l, r, cl, sentinel(), |_, _| nan::<T>())
                        } else {
                            Stored::random(l, r, cl, sentinel(), rng)
                        }
                    };
                    let a = make(la, ar, ac, &mut rng);
                    let b = make(lb, br, bc, &mut rng);
                    let mut cm = if beta == T::zero() {
                        Stored::from_fn(lc, m, n, sentinel(), |_, _| nan::<T>())
                    } else {
                        Stored::<T>::random(lc, m, n, sentinel(), &mut rng)
                    };
                    let c0 = cm.to_mat();
                    Ops::<T>::gemm(&be, ta, tb, alpha, a.view(), b.view(), beta, cm.view_mut())
                        .unwrap();
                    let opa = op(&a.to_mat(), ta, T::IS_COMPLEX);
                    let opb = op(&b.to_mat(), tb, T::IS_COMPLEX);
                    let (p, pb) = if alpha == T::zero() {
                        (Mat::zeros(m, n), Mat::zeros(m, n))
                    } else {
                        (matmul(&opa, &opb), abs_matmul(&opa, &opb))
                    };
                    let (want, bound) = combine(alpha.to_c64(), &p, &pb, beta.to_c64(), &c0);
                    let tol = 4.0 * (k as f64 + 2.0) * eps::<T>();
                    let what = format!("gemm {m}×{n}×{k} {ta:?} {tb:?} α={alpha:?} β={beta:?}");
                    assert_close(&cm.to_mat(), &want, &bound, tol, &what);
                    assert!(cm.outside_intact(), "gemm wrote outside C");
                }
            }
        }
    }
}

fn check_symm_hemm<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(32);
    let mut case = 0;
    for (m, n) in [(1, 1), (2, 3), (5, 4), (17, 6), (LARGE, LARGE)] {
        for herm in [false, true] {
            for side in [Side::Left, Side::Right] {
                for uplo in [Uplo::Lower, Uplo::Upper] {
                    for (alpha, beta) in coefficients::<T>(&mut rng) {
                        case += 1;
                        let (la, lb, lc) = layouts3(case);
                        let na = if side == Side::Left { m } else { n };
                        let h = sym_ref::<T>(na, herm, &mut rng);
                        let a = if alpha == T::zero() {
                            Stored::from_fn(la, na, na, sentinel(), |_, _| nan())
                        } else {
                            store_triangle::<T>(la, &h, uplo, herm)
                        };
                        let b = Stored::<T>::random(lb, m, n, sentinel(), &mut rng);
                        let mut cm = if beta == T::zero() {
                            Stored::from_fn(lc, m, n, sentinel(), |_, _| nan())
                        } else {
                            Stored::<T>::random(lc, m, n, sentinel(), &mut rng)
                        };
                        let c0 = cm.to_mat();
                        let f = if herm { Ops::<T>::hemm } else { Ops::<T>::symm };
                        f(
                            &be,
                            side,
                            uplo,
                            alpha,
                            a.view(),
                            b.view(),
                            beta,
                            cm.view_mut(),
                        )
                        .unwrap();
                        let b0 = b.to_mat();
                        let (p, pb) = match side {
                            Side::Left => (matmul(&h, &b0), abs_matmul(&h, &b0)),
                            Side::Right => (matmul(&b0, &h), abs_matmul(&b0, &h)),
                        };
                        let (want, bound) = combine(alpha.to_c64(), &p, &pb, beta.to_c64(), &c0);
                        let tol = 4.0 * (na as f64 + 3.0) * eps::<T>();
                        let what = format!("symm/hemm herm={herm} {m}×{n} {side:?} {uplo:?}");
                        assert_close(&cm.to_mat(), &want, &bound, tol, &what);
                        assert!(cm.outside_intact(), "symm wrote outside C");
                    }
                }
            }
        }
    }
}

/// Checks that only the `uplo` triangle of `got` changed, against `want` there.
#[allow(clippy::too_many_arguments, reason = "test helper")]
fn assert_triangle<T: Scalar>(
    got: &Stored<T>,
    before: &Stored<T>,
    want: &Mat<c64>,
    bound: &Mat<c64>,
    uplo: Uplo,
    herm: bool,
    tol: f64,
    what: &str,
) {
    let n = want.nrows();
    for j in 0..n {
        for i in 0..n {
            let inside = match uplo {
                Uplo::Lower => i >= j,
                Uplo::Upper => i <= j,
            };
            let g = got.get(i, j);
            if inside {
                let d = (g.to_c64() - want[(i, j)]).norm();
                assert!(
                    d <= tol * (bound[(i, j)].re + f64::MIN_POSITIVE),
                    "{what}: ({i}, {j}) = {g:?}, want {}",
                    want[(i, j)]
                );
                if herm && i == j {
                    assert!(
                        g.im() == <T as Scalar>::Real::from_f64(0.0),
                        "{what}: diagonal not real"
                    );
                }
            } else {
                assert!(
                    same(g, before.get(i, j)),
                    "{what}: other triangle written at ({i}, {j})"
                );
            }
        }
    }
    assert!(got.outside_intact(), "{what}: wrote outside C");
}

fn check_rank_k<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(33);
    let mut case = 0;
    for (n, k) in [(1, 1), (2, 3), (5, 4), (17, 6), (LARGE, LARGE)] {
        for herm in [false, true] {
            for uplo in [Uplo::Lower, Uplo::Upper] {
                let tr = if herm { Trans::ConjTrans } else { Trans::Trans };
                for trans in [Trans::No, tr] {
                    for (alpha, beta) in coefficients::<T>(&mut rng) {
                        case += 1;
                        let (la, lb, lc) = layouts3(case);
                        // herk takes real α and β.
                        let (alpha, beta) = if herm {
                            (T::from_real(alpha.re()), T::from_real(beta.re()))
                        } else {
                            (alpha, beta)
                        };
                        let (ar, ac) = if trans == Trans::No { (n, k) } else { (k, n) };
                        let a = Stored::<T>::random(la, ar, ac, sentinel(), &mut rng);
                        let b = Stored::<T>::random(lb, ar, ac, sentinel(), &mut rng);
                        let mut cm = Stored::<T>::from_fn(lc, n, n, sentinel(), |i, j| {
                            let inside = match uplo {
                                Uplo::Lower => i >= j,
                                Uplo::Upper => i <= j,
                            };
                            if !inside {
                                sentinel()
                            } else if beta == T::zero() {
                                nan()
                            } else {
                                rng.scalar()
                            }
                        });
                        let before = cm.clone();
                        let c0 = cm.to_mat();
                        let c0 =
                            if herm {
                                Mat::from_fn(n, n, |i, j| {
                                    if i == j { c(c0[(i, j)].re) } else { c0[(i, j)] }
                                })
                            } else {
                                c0
                            };
                        let (a0, b0) = (a.to_mat(), b.to_mat());
                        let opx = |x: &Mat<c64>| op(x, trans, T::IS_COMPLEX);
                        let opxt = |x: &Mat<c64>| {
                            let o = opx(x);
                            if herm { o.adjoint() } else { o.transpose() }
                        };
                        // rank k
                        let mut c1 = cm.clone();
                        if herm {
                            Ops::<T>::herk(
                                &be,
                                uplo,
                                trans,
                                alpha.re(),
                                a.view(),
                                beta.re(),
                                c1.view_mut(),
                            )
                            .unwrap();
                        } else {
                            Ops::<T>::syrk(&be, uplo, trans, alpha, a.view(), beta, c1.view_mut())
                                .unwrap();
                        }
                        let (p, pb) = (
                            matmul(&opx(&a0), &opxt(&a0)),
                            abs_matmul(&opx(&a0), &opxt(&a0)),
                        );
                        let (want, bound) = combine(alpha.to_c64(), &p, &pb, beta.to_c64(), &c0);
                        let tol = 4.0 * (k as f64 + 2.0) * eps::<T>();
                        let what = format!("syrk/herk herm={herm} {n}×{k} {uplo:?} {trans:?}");
                        assert_triangle(&c1, &before, &want, &bound, uplo, herm, tol, &what);
                        // rank 2k
                        let mut c2 = cm.clone();
                        let alpha2 = if herm { rng.scalar::<T>() } else { alpha };
                        if herm {
                            Ops::<T>::her2k(
                                &be,
                                uplo,
                                trans,
                                alpha2,
                                a.view(),
                                b.view(),
                                beta.re(),
                                c2.view_mut(),
                            )
                            .unwrap();
                        } else {
                            Ops::<T>::syr2k(
                                &be,
                                uplo,
                                trans,
                                alpha2,
                                a.view(),
                                b.view(),
                                beta,
                                c2.view_mut(),
                            )
                            .unwrap();
                        }
                        let al = alpha2.to_c64();
                        let al2 = if herm { al.conj() } else { al };
                        let p1 = matmul(&opx(&a0), &opxt(&b0));
                        let p2 = matmul(&opx(&b0), &opxt(&a0));
                        let (pb1, pb2) = (
                            abs_matmul(&opx(&a0), &opxt(&b0)),
                            abs_matmul(&opx(&b0), &opxt(&a0)),
                        );
                        let pb = Mat::from_fn(n, n, |i, j| c(pb1[(i, j)].re + pb2[(i, j)].re));
                        let p = Mat::from_fn(n, n, |i, j| {
                            if al == c(0.0) {
                                c(0.0)
                            } else {
                                p1[(i, j)] + p2[(i, j)] * (al2 / al)
                            }
                        });
                        let (want, bound) = combine(al, &p, &pb, beta.to_c64(), &c0);
                        let what = format!("syr2k/her2k herm={herm} {n}×{k} {uplo:?} {trans:?}");
                        assert_triangle(&c2, &before, &want, &bound, uplo, herm, 2.0 * tol, &what);
                        let _ = &mut cm;
                        if n == LARGE {
                            break;
                        }
                    }
                }
            }
        }
    }
}

fn check_trmm_trsm<T: Elem>() {
    let be = backend();
    let mut rng = Rng::new(34);
    let mut case = 0;
    for (m, n) in [(1, 1), (2, 3), (5, 4), (17, 6), (LARGE, 40)] {
        for side in [Side::Left, Side::Right] {
            for uplo in [Uplo::Lower, Uplo::Upper] {
                for trans in transposes() {
                    for diag in [Diag::NonUnit, Diag::Unit] {
                        case += 1;
                        let (la, lb, _) = layouts3(case);
                        let na = if side == Side::Left { m } else { n };
                        let (t, a) = tri_pair::<T>(la, na, uplo, diag, &mut rng);
                        let opt = op(&t, trans, T::IS_COMPLEX);
                        let alpha: T = if case % 5 == 0 {
                            T::one()
                        } else {
                            rng.scalar()
                        };
                        let al = alpha.to_c64();
                        let tol = 8.0 * (na as f64 + 2.0) * eps::<T>();
                        let what = format!("{m}×{n} {side:?} {uplo:?} {trans:?} {diag:?}");

                        let mut b = Stored::<T>::random(lb, m, n, sentinel(), &mut rng);
                        let b0 = b.to_mat();
                        Ops::<T>::trmm(&be, side, uplo, trans, diag, alpha, a.view(), b.view_mut())
                            .unwrap();
                        let (p, pb) = match side {
                            Side::Left => (matmul(&opt, &b0), abs_matmul(&opt, &b0)),
                            Side::Right => (matmul(&b0, &opt), abs_matmul(&b0, &opt)),
                        };
                        let (want, bound) = combine(al, &p, &pb, c(0.0), &b0);
                        assert_close(&b.to_mat(), &want, &bound, tol, &format!("trmm {what}"));
                        assert!(b.outside_intact(), "trmm wrote outside B");

                        let mut b = Stored::<T>::random(lb, m, n, sentinel(), &mut rng);
                        let b0 = b.to_mat();
                        Ops::<T>::trsm(&be, side, uplo, trans, diag, alpha, a.view(), b.view_mut())
                            .unwrap();
                        let x = b.to_mat();
                        let (back, bound) = match side {
                            Side::Left => (matmul(&opt, &x), abs_matmul(&opt, &x)),
                            Side::Right => (matmul(&x, &opt), abs_matmul(&x, &opt)),
                        };
                        let want = Mat::from_fn(m, n, |i, j| al * b0[(i, j)]);
                        assert_close(&back, &want, &bound, tol, &format!("trsm {what}"));
                        assert!(b.outside_intact(), "trsm wrote outside B");
                    }
                }
            }
        }
    }
    // α = 0: B is zeroed and A not read.
    let a = Stored::<T>::from_fn(Layout::Col, 3, 3, sentinel(), |_, _| nan());
    let mut b = Stored::<T>::from_fn(Layout::Row, 3, 2, sentinel(), |_, _| nan());
    Ops::<T>::trmm(
        &be,
        Side::Left,
        Uplo::Lower,
        Trans::No,
        Diag::NonUnit,
        T::zero(),
        a.view(),
        b.view_mut(),
    )
    .unwrap();
    assert!((0..3).all(|i| (0..2).all(|j| b.get(i, j) == T::zero())));
    let a2 = Stored::<T>::from_fn(Layout::Col, 2, 2, sentinel(), |_, _| nan());
    let mut b = Stored::<T>::from_fn(Layout::Row, 3, 2, sentinel(), |_, _| nan());
    Ops::<T>::trsm(
        &be,
        Side::Right,
        Uplo::Upper,
        Trans::No,
        Diag::Unit,
        T::zero(),
        a2.view(),
        b.view_mut(),
    )
    .unwrap();
    assert!((0..3).all(|i| (0..2).all(|j| b.get(i, j) == T::zero())));
}

for_all_types! {
    blas1 => check_blas1,
    gemv => check_gemv,
    ger => check_ger,
    hemv => check_hemv,
    trmv_trsv => check_trmv_trsv,
    gemm => check_gemm,
    symm_hemm => check_symm_hemm,
    rank_k => check_rank_k,
    trmm_trsm => check_trmm_trsm,
}
