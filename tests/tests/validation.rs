//! Every validation error, argument by argument: the right typed error naming
//! the argument, outputs left untouched, on every required backend and all
//! four scalar types. No backend is reached by a bad call (provenance stays 0).

use linmux::{
    Diag, EigJob, Engine, Error, Mat, MatMut, MatRef, Scalar, Side, SvdJob, Trans, Uplo, VecMut,
    VecRef, c32, c64,
};
use linmux_conformance::required_engines;

/// A recognizable value that must still be there after a failed call.
fn sentinel<T: Scalar>() -> T {
    T::from_parts(
        <T::Real as linmux::RealScalar>::from_f64(7.25),
        <T::Real as linmux::RealScalar>::from_f64(-1.5),
    )
}

fn filled<T: Scalar>(m: usize, n: usize) -> Mat<T> {
    Mat::from_fn(m, n, |_, _| sentinel::<T>())
}

#[track_caller]
fn assert_arg<R: std::fmt::Debug>(r: linmux::Result<R>, arg: &str) {
    match r {
        Err(
            e @ (Error::InvalidArgument { .. }
            | Error::DimensionMismatch { .. }
            | Error::Aliasing { .. }),
        ) => {
            assert_eq!(e.argument(), Some(arg), "wrong argument named in: {e}");
            assert!(
                e.to_string().contains(arg),
                "message does not name `{arg}`: {e}"
            );
        }
        other => panic!("expected an argument error naming `{arg}`, got {other:?}"),
    }
}

#[track_caller]
fn untouched<T: Scalar>(m: &Mat<T>) {
    assert!(
        m.as_slice().iter().all(|&v| v == sentinel::<T>()),
        "output was modified by a failed call"
    );
}

#[track_caller]
fn untouched_slice<T: PartialEq + Copy + std::fmt::Debug>(s: &[T], v: T) {
    assert!(
        s.iter().all(|&x| x == v),
        "output was modified by a failed call: {s:?}"
    );
}

fn blas1<T: Scalar>(e: &Engine) {
    let x = filled::<T>(3, 1);
    let x = VecRef::from_slice(x.as_slice());
    let mut y = filled::<T>(4, 1);
    assert_arg(e.dot(x, VecRef::from_slice(y.as_slice())), "y");
    assert_arg(e.dotc(x, VecRef::from_slice(y.as_slice())), "y");
    assert_arg(
        e.axpy(T::one(), x, VecMut::from_slice(y.as_mut_slice())),
        "y",
    );
    untouched(&y);
    assert_arg(e.copy(x, VecMut::from_slice(y.as_mut_slice())), "y");
    untouched(&y);
    let mut x2 = filled::<T>(3, 1);
    assert_arg(
        e.swap(
            VecMut::from_slice(x2.as_mut_slice()),
            VecMut::from_slice(y.as_mut_slice()),
        ),
        "y",
    );
    untouched(&y);
    untouched(&x2);
}

fn v<T: Scalar>(m: &Mat<T>) -> VecRef<'_, T> {
    VecRef::from_slice(m.as_slice())
}

fn blas2<T: Scalar>(e: &Engine) {
    let a = filled::<T>(3, 2);
    let sq = filled::<T>(3, 3);
    let x2 = filled::<T>(2, 1);
    let x3 = filled::<T>(3, 1);
    let mut y = filled::<T>(3, 1);
    // gemv: op(a) is 3×2 (No) or 2×3 (Trans).
    assert_arg(
        e.gemv(
            Trans::No,
            T::one(),
            a.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice()),
        ),
        "x",
    );
    assert_arg(
        e.gemv(
            Trans::Trans,
            T::one(),
            a.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice()),
        ),
        "y",
    );
    untouched(&y);
    // ger: a is 3×2.
    let mut am = filled::<T>(3, 2);
    assert_arg(e.geru(T::one(), v(&x2), v(&x2), am.as_mut()), "x");
    assert_arg(e.gerc(T::one(), v(&x3), v(&x3), am.as_mut()), "y");
    untouched(&am);
    // hemv
    assert_arg(
        e.hemv(
            Uplo::Lower,
            T::one(),
            a.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice()),
        ),
        "a",
    );
    assert_arg(
        e.hemv(
            Uplo::Lower,
            T::one(),
            sq.as_ref(),
            v(&x2),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice()),
        ),
        "x",
    );
    let mut y2 = filled::<T>(2, 1);
    assert_arg(
        e.hemv(
            Uplo::Upper,
            T::one(),
            sq.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y2.as_mut_slice()),
        ),
        "y",
    );
    untouched(&y);
    untouched(&y2);
    // trmv / trsv
    let mut xm = filled::<T>(2, 1);
    assert_arg(
        e.trmv(
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            a.as_ref(),
            VecMut::from_slice(xm.as_mut_slice()),
        ),
        "a",
    );
    assert_arg(
        e.trsv(
            Uplo::Upper,
            Trans::No,
            Diag::Unit,
            sq.as_ref(),
            VecMut::from_slice(xm.as_mut_slice()),
        ),
        "x",
    );
    untouched(&xm);
}

fn blas3<T: Scalar>(e: &Engine) {
    let a = filled::<T>(3, 2);
    let b = filled::<T>(3, 4);
    let sq3 = filled::<T>(3, 3);
    let mut c = filled::<T>(3, 4);
    // gemm: a·b has inner 2 vs 3.
    assert_arg(
        e.gemm(
            Trans::No,
            Trans::No,
            T::one(),
            a.as_ref(),
            b.as_ref(),
            T::zero(),
            c.as_mut(),
        ),
        "b",
    );
    // aᵀ·b is 2×4, c is 3×4.
    assert_arg(
        e.gemm(
            Trans::Trans,
            Trans::No,
            T::one(),
            a.as_ref(),
            b.as_ref(),
            T::zero(),
            c.as_mut(),
        ),
        "c",
    );
    untouched(&c);
    // symm / hemm: a must be 3×3 on the left of a 3×4 c, 4×4 on the right.
    for herm in [false, true] {
        let f = |side, a: MatRef<'_, T>, b: MatRef<'_, T>, c: MatMut<'_, T>| {
            if herm {
                e.hemm(side, Uplo::Lower, T::one(), a, b, T::zero(), c)
            } else {
                e.symm(side, Uplo::Lower, T::one(), a, b, T::zero(), c)
            }
        };
        assert_arg(f(Side::Left, a.as_ref(), b.as_ref(), c.as_mut()), "a");
        assert_arg(f(Side::Right, sq3.as_ref(), b.as_ref(), c.as_mut()), "a");
        assert_arg(f(Side::Left, sq3.as_ref(), a.as_ref(), c.as_mut()), "b");
        untouched(&c);
    }
    // syrk / herk: c must be n×n with n = rows of op(a).
    let mut c3 = filled::<T>(2, 2);
    assert_arg(
        e.syrk(
            Uplo::Upper,
            Trans::No,
            T::one(),
            a.as_ref(),
            T::zero(),
            c3.as_mut(),
        ),
        "c",
    );
    let zero = T::zero().re();
    let one = T::one().re();
    assert_arg(
        e.herk(Uplo::Upper, Trans::No, one, a.as_ref(), zero, c3.as_mut()),
        "c",
    );
    if T::IS_COMPLEX {
        assert_arg(
            e.syrk(
                Uplo::Upper,
                Trans::ConjTrans,
                T::one(),
                a.as_ref(),
                T::zero(),
                c3.as_mut(),
            ),
            "trans",
        );
        assert_arg(
            e.herk(
                Uplo::Upper,
                Trans::Trans,
                one,
                a.as_ref(),
                zero,
                c3.as_mut(),
            ),
            "trans",
        );
        assert_arg(
            e.her2k(
                Uplo::Upper,
                Trans::Trans,
                T::one(),
                a.as_ref(),
                a.as_ref(),
                zero,
                c3.as_mut(),
            ),
            "trans",
        );
    }
    // syr2k / her2k: b must match a.
    let mut c33 = filled::<T>(3, 3);
    assert_arg(
        e.syr2k(
            Uplo::Lower,
            Trans::No,
            T::one(),
            a.as_ref(),
            b.as_ref(),
            T::zero(),
            c33.as_mut(),
        ),
        "b",
    );
    assert_arg(
        e.her2k(
            Uplo::Lower,
            Trans::No,
            T::one(),
            a.as_ref(),
            a.as_ref(),
            zero,
            c3.as_mut(),
        ),
        "c",
    );
    untouched(&c3);
    untouched(&c33);
    // trmm / trsm
    let mut bm = filled::<T>(3, 4);
    assert_arg(
        e.trmm(
            Side::Left,
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            T::one(),
            a.as_ref(),
            bm.as_mut(),
        ),
        "a",
    );
    assert_arg(
        e.trsm(
            Side::Right,
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            T::one(),
            sq3.as_ref(),
            bm.as_mut(),
        ),
        "a",
    );
    untouched(&bm);
}

fn lapack<T: Scalar>(e: &Engine) {
    let sq = filled::<T>(3, 3);
    let rect = filled::<T>(3, 2);
    // getrf / getrs / getri
    let mut a = filled::<T>(3, 3);
    let mut ipiv = [99usize; 2];
    assert_arg(e.getrf(a.as_mut(), &mut ipiv), "ipiv");
    untouched(&a);
    untouched_slice(&ipiv, 99);
    let mut b = filled::<T>(3, 2);
    assert_arg(e.getrs(Trans::No, rect.as_ref(), &[0, 1], b.as_mut()), "lu");
    assert_arg(e.getrs(Trans::No, sq.as_ref(), &[0, 1], b.as_mut()), "ipiv");
    assert_arg(
        e.getrs(Trans::No, sq.as_ref(), &[0, 3, 2], b.as_mut()),
        "ipiv",
    );
    assert_arg(
        e.getrs(Trans::No, sq.as_ref(), &[1, 0, 2], b.as_mut()),
        "ipiv",
    );
    let mut b4 = filled::<T>(4, 2);
    assert_arg(
        e.getrs(Trans::No, sq.as_ref(), &[0, 1, 2], b4.as_mut()),
        "b",
    );
    untouched(&b);
    untouched(&b4);
    let mut r = filled::<T>(3, 2);
    assert_arg(e.getri(r.as_mut(), &[0, 1]), "a");
    assert_arg(e.getri(a.as_mut(), &[2, 1, 5]), "ipiv");
    untouched(&a);
    untouched(&r);
    // potrf / potrs
    assert_arg(e.potrf(Uplo::Lower, r.as_mut()), "a");
    assert_arg(e.potrs(Uplo::Lower, rect.as_ref(), b.as_mut()), "a");
    assert_arg(e.potrs(Uplo::Lower, sq.as_ref(), b4.as_mut()), "b");
    untouched(&r);
    untouched(&b4);
    // geqrf / ungqr
    let mut tau = vec![sentinel::<T>(); 3];
    assert_arg(e.geqrf(r.as_mut(), &mut tau), "tau");
    untouched(&r);
    untouched_slice(&tau, sentinel::<T>());
    let mut wide = filled::<T>(2, 3);
    assert_arg(e.ungqr(wide.as_mut(), &tau[..1]), "a");
    assert_arg(e.ungqr(r.as_mut(), &tau), "tau");
    untouched(&wide);
    untouched(&r);
    // gesdd: a is 3×2, k = 2.
    let s0 = sentinel::<T>().re();
    let mut s = vec![s0; 2];
    let mut s3 = vec![s0; 3];
    let (mut u, mut vt) = (filled::<T>(3, 2), filled::<T>(2, 2));
    let mut uf = filled::<T>(3, 3);
    assert_arg(
        e.gesdd(
            SvdJob::Thin,
            r.as_mut(),
            &mut s3,
            Some(u.as_mut()),
            Some(vt.as_mut()),
        ),
        "s",
    );
    assert_arg(
        e.gesdd(
            SvdJob::Full,
            r.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(vt.as_mut()),
        ),
        "u",
    );
    assert_arg(
        e.gesdd(
            SvdJob::Thin,
            r.as_mut(),
            &mut s,
            Some(uf.as_mut()),
            Some(vt.as_mut()),
        ),
        "u",
    );
    assert_arg(
        e.gesdd(
            SvdJob::Thin,
            r.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(uf.as_mut()),
        ),
        "vt",
    );
    assert_arg(
        e.gesdd(SvdJob::Thin, r.as_mut(), &mut s, None, Some(vt.as_mut())),
        "u",
    );
    assert_arg(
        e.gesdd(SvdJob::Thin, r.as_mut(), &mut s, Some(u.as_mut()), None),
        "vt",
    );
    assert_arg(
        e.gesdd(
            SvdJob::ValuesOnly,
            r.as_mut(),
            &mut s,
            Some(u.as_mut()),
            None,
        ),
        "u",
    );
    untouched(&r);
    untouched(&u);
    untouched(&vt);
    untouched(&uf);
    untouched_slice(&s, s0);
    // heevd
    assert_arg(
        e.heevd(EigJob::Vectors, Uplo::Lower, r.as_mut(), &mut s),
        "a",
    );
    assert_arg(
        e.heevd(EigJob::Vectors, Uplo::Lower, a.as_mut(), &mut s),
        "w",
    );
    untouched(&a);
    untouched_slice(&s, s0);
    // geev
    let wz = <T::Complex as Scalar>::from_parts(s0, s0);
    let mut w = vec![wz; 3];
    let mut w2 = vec![wz; 2];
    let mut v2 = Mat::<T::Complex>::from_fn(2, 2, |_, _| wz);
    let mut v3 = Mat::<T::Complex>::from_fn(3, 3, |_, _| wz);
    assert_arg(e.geev(r.as_mut(), &mut w, None, None), "a");
    assert_arg(e.geev(a.as_mut(), &mut w2, None, None), "w");
    assert_arg(e.geev(a.as_mut(), &mut w, None, Some(v2.as_mut())), "vr");
    assert_arg(
        e.geev(a.as_mut(), &mut w, Some(v2.as_mut()), Some(v3.as_mut())),
        "vl",
    );
    untouched(&a);
    untouched_slice(&w, wz);
    assert!(v3.as_slice().iter().all(|&x| x == wz));
    // gels: a is 3×2, b needs max(m, n) = 3 rows.
    let mut b2 = filled::<T>(2, 1);
    assert_arg(e.gels(Trans::No, r.as_mut(), b2.as_mut()), "b");
    if T::IS_COMPLEX {
        let mut b3 = filled::<T>(3, 1);
        assert_arg(e.gels(Trans::Trans, r.as_mut(), b3.as_mut()), "trans");
        untouched(&b3);
    }
    untouched(&r);
    untouched(&b2);
}

fn all_ops<T: Scalar>(e: &Engine) {
    e.reset_provenance();
    blas1::<T>(e);
    blas2::<T>(e);
    blas3::<T>(e);
    lapack::<T>(e);
    assert_eq!(
        e.provenance().entries,
        vec![],
        "a bad call reached backend `{}`",
        e.info().name
    );
}

#[test]
fn bad_arguments_are_typed_errors_and_touch_nothing() {
    for e in required_engines() {
        all_ops::<f32>(&e);
        all_ops::<f64>(&e);
        all_ops::<c32>(&e);
        all_ops::<c64>(&e);
    }
}

#[test]
fn view_constructors_name_their_argument() {
    let d = [0.0f64; 6];
    assert_arg(MatRef::from_col_major(&d, 2, 2), "data");
    assert_arg(MatRef::from_col_major_ld(&d, 3, 2, 2), "ld");
    assert_arg(MatRef::from_row_major_ld(&d, 2, 3, 2), "ld");
    assert_arg(MatRef::from_row_major_ld(&d, 2, 3, 4), "data");
    assert_arg(VecRef::from_slice_with_inc(&d, 2, 0), "inc");
    let mut m = [0.0f64; 6];
    assert_arg(MatMut::from_col_major(&mut m, 4, 2), "data");
    assert!(m.iter().all(|&v| v == 0.0));
}

#[test]
fn thread_counts_must_be_positive() {
    assert_arg(linmux::threads::set(0), "n");
    assert_arg(linmux::threads::limit(0), "n");
    for e in required_engines() {
        assert_arg(e.set_threads(0), "n");
    }
}

#[test]
fn unknown_backend_names_list_the_valid_ones() {
    let err = Engine::with_backend("nonsense").unwrap_err();
    let msg = err.to_string();
    assert!(matches!(err, Error::BackendUnavailable { .. }));
    for name in linmux::select::KNOWN_BACKENDS {
        assert!(msg.contains(name), "{msg}");
    }
}

/// Overlapping outputs can only be built with raw views (what C callers
/// hand us); the engine must refuse them before any backend runs.
#[allow(
    unsafe_code,
    reason = "building overlapping views requires from_raw_parts"
)]
mod aliasing {
    use super::*;

    #[test]
    fn outputs_overlapping_inputs_are_rejected() {
        for e in required_engines() {
            e.reset_provenance();
            let mut buf = vec![1.0f64; 16];
            let p = buf.as_mut_ptr();
            // SAFETY: both views lie inside `buf` (16 elements, 4×4 col-major);
            // the engine rejects the call before either is dereferenced.
            let (a, c) = unsafe {
                (
                    MatRef::from_raw_parts(p, 4, 4, 1, 4),
                    MatMut::from_raw_parts(p.add(4), 2, 2, 1, 4),
                )
            };
            // SAFETY: as above; `b` is the disjoint tail used as the second input.
            let b = unsafe { MatRef::from_raw_parts(p.add(12), 4, 1, 1, 4) };
            let r = e.gemm(
                Trans::No,
                Trans::No,
                1.0,
                a.submatrix(0, 0, 2, 4),
                b.submatrix(0, 0, 4, 1).transpose().transpose(),
                0.0,
                c.submatrix_mut(0, 0, 2, 1),
            );
            assert!(
                matches!(
                    r,
                    Err(Error::Aliasing {
                        output: "c",
                        input: "a",
                        ..
                    })
                ),
                "{r:?}"
            );
            // SAFETY: x and y overlap inside `buf`.
            let (x, y) = unsafe {
                (
                    VecRef::from_raw_parts(p, 4, 1),
                    VecMut::from_raw_parts(p.add(2), 4, 1),
                )
            };
            assert!(matches!(
                e.axpy(2.0, x, y),
                Err(Error::Aliasing {
                    output: "y",
                    input: "x",
                    ..
                })
            ));
            drop(buf);
            assert_eq!(e.provenance().entries, vec![]);
        }
    }
}
