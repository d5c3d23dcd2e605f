//! Every validation error, argument by argument: the right typed error naming
//! the argument, outputs left untouched, on every required backend and all
//! four scalar types, through the engine and as a direct `Ops` call on the
//! backend (the same error both ways). No backend is reached by a bad call
//! (provenance stays 0).

use linmux::{
    BandRef, Diag, EigJob, Engine, Error, Mat, MatMut, MatRef, PackedMut, PackedRef, RealScalar,
    Scalar, Side, SvdJob, Trans, Uplo, VecMut, VecRef, c32, c64,
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

/// Runs one bad call through the engine and as a direct `Ops` call on the
/// engine's backend: both must give the same typed error naming `$want`
/// (one checked surface serves both). The arguments are evaluated twice, so
/// each must be an expression that builds a fresh view.
macro_rules! both {
    ($e:expr, $t:ty, $op:ident($($arg:expr),* $(,)?), $want:expr) => {{
        let via_engine = $e.$op($($arg),*);
        let direct = <$t as Scalar>::ops(&**$e.backend()).$op($($arg),*);
        let (a, b) = (format!("{via_engine:?}"), format!("{direct:?}"));
        assert_arg(via_engine, $want);
        assert_eq!(a, b, "engine and direct Ops call disagree");
    }};
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
    both!(e, T, dot(x, VecRef::from_slice(y.as_slice())), "y");
    both!(e, T, dotc(x, VecRef::from_slice(y.as_slice())), "y");
    both!(
        e,
        T,
        axpy(T::one(), x, VecMut::from_slice(y.as_mut_slice())),
        "y"
    );
    untouched(&y);
    both!(e, T, copy(x, VecMut::from_slice(y.as_mut_slice())), "y");
    untouched(&y);
    let mut x2 = filled::<T>(3, 1);
    both!(
        e,
        T,
        swap(
            VecMut::from_slice(x2.as_mut_slice()),
            VecMut::from_slice(y.as_mut_slice())
        ),
        "y"
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
    both!(
        e,
        T,
        gemv(
            Trans::No,
            T::one(),
            a.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice())
        ),
        "x"
    );
    both!(
        e,
        T,
        gemv(
            Trans::Trans,
            T::one(),
            a.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice())
        ),
        "y"
    );
    untouched(&y);
    // ger: a is 3×2.
    let mut am = filled::<T>(3, 2);
    both!(e, T, geru(T::one(), v(&x2), v(&x2), am.as_mut()), "x");
    both!(e, T, gerc(T::one(), v(&x3), v(&x3), am.as_mut()), "y");
    untouched(&am);
    // hemv
    both!(
        e,
        T,
        hemv(
            Uplo::Lower,
            T::one(),
            a.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice())
        ),
        "a"
    );
    both!(
        e,
        T,
        hemv(
            Uplo::Lower,
            T::one(),
            sq.as_ref(),
            v(&x2),
            T::zero(),
            VecMut::from_slice(y.as_mut_slice())
        ),
        "x"
    );
    let mut y2 = filled::<T>(2, 1);
    both!(
        e,
        T,
        hemv(
            Uplo::Upper,
            T::one(),
            sq.as_ref(),
            v(&x3),
            T::zero(),
            VecMut::from_slice(y2.as_mut_slice())
        ),
        "y"
    );
    untouched(&y);
    untouched(&y2);
    // trmv / trsv
    let mut xm = filled::<T>(2, 1);
    both!(
        e,
        T,
        trmv(
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            a.as_ref(),
            VecMut::from_slice(xm.as_mut_slice())
        ),
        "a"
    );
    both!(
        e,
        T,
        trsv(
            Uplo::Upper,
            Trans::No,
            Diag::Unit,
            sq.as_ref(),
            VecMut::from_slice(xm.as_mut_slice())
        ),
        "x"
    );
    untouched(&xm);
}

fn blas3<T: Scalar>(e: &Engine) {
    let a = filled::<T>(3, 2);
    let b = filled::<T>(3, 4);
    let sq3 = filled::<T>(3, 3);
    let mut c = filled::<T>(3, 4);
    // gemm: a·b has inner 2 vs 3.
    both!(
        e,
        T,
        gemm(
            Trans::No,
            Trans::No,
            T::one(),
            a.as_ref(),
            b.as_ref(),
            T::zero(),
            c.as_mut()
        ),
        "b"
    );
    // aᵀ·b is 2×4, c is 3×4.
    both!(
        e,
        T,
        gemm(
            Trans::Trans,
            Trans::No,
            T::one(),
            a.as_ref(),
            b.as_ref(),
            T::zero(),
            c.as_mut()
        ),
        "c"
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
    both!(
        e,
        T,
        syrk(
            Uplo::Upper,
            Trans::No,
            T::one(),
            a.as_ref(),
            T::zero(),
            c3.as_mut()
        ),
        "c"
    );
    let zero = T::zero().re();
    let one = T::one().re();
    both!(
        e,
        T,
        herk(Uplo::Upper, Trans::No, one, a.as_ref(), zero, c3.as_mut()),
        "c"
    );
    if T::IS_COMPLEX {
        both!(
            e,
            T,
            syrk(
                Uplo::Upper,
                Trans::ConjTrans,
                T::one(),
                a.as_ref(),
                T::zero(),
                c3.as_mut()
            ),
            "trans"
        );
        both!(
            e,
            T,
            herk(
                Uplo::Upper,
                Trans::Trans,
                one,
                a.as_ref(),
                zero,
                c3.as_mut()
            ),
            "trans"
        );
        both!(
            e,
            T,
            her2k(
                Uplo::Upper,
                Trans::Trans,
                T::one(),
                a.as_ref(),
                a.as_ref(),
                zero,
                c3.as_mut()
            ),
            "trans"
        );
    }
    // syr2k / her2k: b must match a.
    let mut c33 = filled::<T>(3, 3);
    both!(
        e,
        T,
        syr2k(
            Uplo::Lower,
            Trans::No,
            T::one(),
            a.as_ref(),
            b.as_ref(),
            T::zero(),
            c33.as_mut()
        ),
        "b"
    );
    both!(
        e,
        T,
        her2k(
            Uplo::Lower,
            Trans::No,
            T::one(),
            a.as_ref(),
            a.as_ref(),
            zero,
            c3.as_mut()
        ),
        "c"
    );
    untouched(&c3);
    untouched(&c33);
    // trmm / trsm
    let mut bm = filled::<T>(3, 4);
    both!(
        e,
        T,
        trmm(
            Side::Left,
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            T::one(),
            a.as_ref(),
            bm.as_mut()
        ),
        "a"
    );
    both!(
        e,
        T,
        trsm(
            Side::Right,
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            T::one(),
            sq3.as_ref(),
            bm.as_mut()
        ),
        "a"
    );
    untouched(&bm);
}

fn lapack<T: Scalar>(e: &Engine) {
    let sq = filled::<T>(3, 3);
    let rect = filled::<T>(3, 2);
    // getrf / getrs / getri
    let mut a = filled::<T>(3, 3);
    let mut ipiv = [99usize; 2];
    both!(e, T, getrf(a.as_mut(), &mut ipiv), "ipiv");
    untouched(&a);
    untouched_slice(&ipiv, 99);
    let mut b = filled::<T>(3, 2);
    both!(
        e,
        T,
        getrs(Trans::No, rect.as_ref(), &[0, 1], b.as_mut()),
        "lu"
    );
    both!(
        e,
        T,
        getrs(Trans::No, sq.as_ref(), &[0, 1], b.as_mut()),
        "ipiv"
    );
    both!(
        e,
        T,
        getrs(Trans::No, sq.as_ref(), &[0, 3, 2], b.as_mut()),
        "ipiv"
    );
    both!(
        e,
        T,
        getrs(Trans::No, sq.as_ref(), &[1, 0, 2], b.as_mut()),
        "ipiv"
    );
    let mut b4 = filled::<T>(4, 2);
    both!(
        e,
        T,
        getrs(Trans::No, sq.as_ref(), &[0, 1, 2], b4.as_mut()),
        "b"
    );
    untouched(&b);
    untouched(&b4);
    let mut r = filled::<T>(3, 2);
    both!(e, T, getri(r.as_mut(), &[0, 1]), "a");
    both!(e, T, getri(a.as_mut(), &[2, 1, 5]), "ipiv");
    untouched(&a);
    untouched(&r);
    // potrf / potrs
    both!(e, T, potrf(Uplo::Lower, r.as_mut()), "a");
    both!(e, T, potrs(Uplo::Lower, rect.as_ref(), b.as_mut()), "a");
    both!(e, T, potrs(Uplo::Lower, sq.as_ref(), b4.as_mut()), "b");
    untouched(&r);
    untouched(&b4);
    // geqrf / ungqr
    let mut tau = vec![sentinel::<T>(); 3];
    both!(e, T, geqrf(r.as_mut(), &mut tau), "tau");
    untouched(&r);
    untouched_slice(&tau, sentinel::<T>());
    let mut wide = filled::<T>(2, 3);
    both!(e, T, ungqr(wide.as_mut(), &tau[..1]), "a");
    both!(e, T, ungqr(r.as_mut(), &tau), "tau");
    untouched(&wide);
    untouched(&r);
    // gesdd: a is 3×2, k = 2.
    let s0 = sentinel::<T>().re();
    let mut s = vec![s0; 2];
    let mut s3 = vec![s0; 3];
    let (mut u, mut vt) = (filled::<T>(3, 2), filled::<T>(2, 2));
    let mut uf = filled::<T>(3, 3);
    both!(
        e,
        T,
        gesdd(
            SvdJob::Thin,
            r.as_mut(),
            &mut s3,
            Some(u.as_mut()),
            Some(vt.as_mut())
        ),
        "s"
    );
    both!(
        e,
        T,
        gesdd(
            SvdJob::Full,
            r.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(vt.as_mut())
        ),
        "u"
    );
    both!(
        e,
        T,
        gesdd(
            SvdJob::Thin,
            r.as_mut(),
            &mut s,
            Some(uf.as_mut()),
            Some(vt.as_mut())
        ),
        "u"
    );
    both!(
        e,
        T,
        gesdd(
            SvdJob::Thin,
            r.as_mut(),
            &mut s,
            Some(u.as_mut()),
            Some(uf.as_mut())
        ),
        "vt"
    );
    both!(
        e,
        T,
        gesdd(SvdJob::Thin, r.as_mut(), &mut s, None, Some(vt.as_mut())),
        "u"
    );
    both!(
        e,
        T,
        gesdd(SvdJob::Thin, r.as_mut(), &mut s, Some(u.as_mut()), None),
        "vt"
    );
    both!(
        e,
        T,
        gesdd(
            SvdJob::ValuesOnly,
            r.as_mut(),
            &mut s,
            Some(u.as_mut()),
            None
        ),
        "u"
    );
    untouched(&r);
    untouched(&u);
    untouched(&vt);
    untouched(&uf);
    untouched_slice(&s, s0);
    // heevd
    both!(
        e,
        T,
        heevd(EigJob::Vectors, Uplo::Lower, r.as_mut(), &mut s),
        "a"
    );
    both!(
        e,
        T,
        heevd(EigJob::Vectors, Uplo::Lower, a.as_mut(), &mut s),
        "w"
    );
    untouched(&a);
    untouched_slice(&s, s0);
    // geev
    let wz = <T::Complex as Scalar>::from_parts(s0, s0);
    let mut w = vec![wz; 3];
    let mut w2 = vec![wz; 2];
    let mut v2 = Mat::<T::Complex>::from_fn(2, 2, |_, _| wz);
    let mut v3 = Mat::<T::Complex>::from_fn(3, 3, |_, _| wz);
    both!(e, T, geev(r.as_mut(), &mut w, None, None), "a");
    both!(e, T, geev(a.as_mut(), &mut w2, None, None), "w");
    both!(
        e,
        T,
        geev(a.as_mut(), &mut w, None, Some(v2.as_mut())),
        "vr"
    );
    both!(
        e,
        T,
        geev(a.as_mut(), &mut w, Some(v2.as_mut()), Some(v3.as_mut())),
        "vl"
    );
    untouched(&a);
    untouched_slice(&w, wz);
    assert!(v3.as_slice().iter().all(|&x| x == wz));
    // gels: a is 3×2, b needs max(m, n) = 3 rows.
    let mut b2 = filled::<T>(2, 1);
    both!(e, T, gels(Trans::No, r.as_mut(), b2.as_mut()), "b");
    if T::IS_COMPLEX {
        let mut b3 = filled::<T>(3, 1);
        both!(e, T, gels(Trans::Trans, r.as_mut(), b3.as_mut()), "trans");
        untouched(&b3);
    }
    untouched(&r);
    untouched(&b2);
}

/// The routines beyond the core set: rotations, banded, packed, rank updates.
fn blas_ext<T: Scalar>(e: &Engine) {
    let x3 = filled::<T>(3, 1);
    let x4 = filled::<T>(4, 1);
    let mut y3 = filled::<T>(3, 1);
    let mut y4 = filled::<T>(4, 1);
    let half = <T::Real as RealScalar>::from_f64(0.5);
    both!(
        e,
        T,
        rot(
            VecMut::from_slice(y3.as_mut_slice()),
            VecMut::from_slice(y4.as_mut_slice()),
            half,
            half
        ),
        "y"
    );
    untouched(&y3);
    untouched(&y4);
    // gbmv: a 3×4 band, kl = 1, ku = 2.
    let band = vec![sentinel::<T>(); 4 * 4];
    let a = BandRef::from_col_major(&band, 3, 4, 1, 2, 4).unwrap();
    both!(
        e,
        T,
        gbmv(
            Trans::No,
            T::one(),
            a,
            v(&x3),
            T::zero(),
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "x"
    );
    both!(
        e,
        T,
        gbmv(
            Trans::Trans,
            T::one(),
            a,
            v(&x3),
            T::zero(),
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "y"
    );
    untouched(&y3);
    // hbmv, tbmv, tbsv need a square band.
    both!(
        e,
        T,
        hbmv(
            Uplo::Upper,
            T::one(),
            a,
            v(&x4),
            T::zero(),
            VecMut::from_slice(y4.as_mut_slice())
        ),
        "a"
    );
    let sq = BandRef::from_col_major(&band, 4, 4, 1, 2, 4).unwrap();
    both!(
        e,
        T,
        hbmv(
            Uplo::Upper,
            T::one(),
            sq,
            v(&x3),
            T::zero(),
            VecMut::from_slice(y4.as_mut_slice())
        ),
        "x"
    );
    both!(
        e,
        T,
        hbmv(
            Uplo::Lower,
            T::one(),
            sq,
            v(&x4),
            T::zero(),
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "y"
    );
    both!(
        e,
        T,
        tbmv(
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            a,
            VecMut::from_slice(y4.as_mut_slice())
        ),
        "a"
    );
    both!(
        e,
        T,
        tbsv(
            Uplo::Lower,
            Trans::Trans,
            Diag::Unit,
            sq,
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "x"
    );
    untouched(&y3);
    untouched(&y4);
    // packed: a 4×4 triangle holds 10 elements.
    let ap = vec![sentinel::<T>(); 10];
    let p = PackedRef::from_col_major(&ap, 4, Uplo::Upper).unwrap();
    both!(
        e,
        T,
        hpmv(
            T::one(),
            p,
            v(&x3),
            T::zero(),
            VecMut::from_slice(y4.as_mut_slice())
        ),
        "x"
    );
    both!(
        e,
        T,
        hpmv(
            T::one(),
            p,
            v(&x4),
            T::zero(),
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "y"
    );
    both!(
        e,
        T,
        tpmv(
            Trans::No,
            Diag::NonUnit,
            p,
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "x"
    );
    both!(
        e,
        T,
        tpsv(
            Trans::ConjTrans,
            Diag::Unit,
            p,
            VecMut::from_slice(y3.as_mut_slice())
        ),
        "x"
    );
    let mut apm = vec![sentinel::<T>(); 10];
    both!(
        e,
        T,
        hpr(
            half,
            v(&x3),
            PackedMut::from_row_major(&mut apm, 4, Uplo::Lower).unwrap()
        ),
        "x"
    );
    both!(
        e,
        T,
        hpr2(
            T::one(),
            v(&x4),
            v(&x3),
            PackedMut::from_row_major(&mut apm, 4, Uplo::Lower).unwrap()
        ),
        "y"
    );
    untouched_slice(&apm, sentinel::<T>());
    // her / her2 on a full matrix.
    let mut am = filled::<T>(4, 3);
    both!(e, T, her(Uplo::Upper, half, v(&x4), am.as_mut()), "a");
    let mut am = filled::<T>(4, 4);
    both!(e, T, her(Uplo::Upper, half, v(&x3), am.as_mut()), "x");
    both!(
        e,
        T,
        her2(Uplo::Lower, T::one(), v(&x4), v(&x3), am.as_mut()),
        "y"
    );
    untouched(&am);
    untouched(&y3);
    untouched(&y4);
}

/// Real-only routines: shapes on real types, and a typed error (never a
/// vendor call) when a direct `Ops` call asks for them on a complex type.
fn blas_ext_real<T: RealScalar>(e: &Engine) {
    let x3 = filled::<T>(3, 1);
    let x4 = filled::<T>(4, 1);
    let mut y3 = filled::<T>(3, 1);
    let mut y4 = filled::<T>(4, 1);
    let param = [sentinel::<T>(); 5];
    both!(
        e,
        T,
        rotm(
            VecMut::from_slice(y3.as_mut_slice()),
            VecMut::from_slice(y4.as_mut_slice()),
            &param
        ),
        "y"
    );
    both!(e, T, sdsdot(T::one(), v(&x3), v(&x4)), "y");
    both!(e, T, dsdot(v(&x4), v(&x3)), "y");
    untouched(&y3);
    untouched(&y4);
}

fn complex_rejects_real_only<T: Scalar>(e: &Engine) {
    let ops = T::ops(&**e.backend());
    let mut x = filled::<T>(3, 1);
    let mut y = filled::<T>(3, 1);
    let param = [sentinel::<T>(); 5];
    assert_arg(
        ops.rotm(
            VecMut::from_slice(x.as_mut_slice()),
            VecMut::from_slice(y.as_mut_slice()),
            &param,
        ),
        "x",
    );
    assert_arg(ops.sdsdot(T::one(), v(&x), v(&y)), "x");
    assert_arg(ops.dsdot(v(&x), v(&y)), "x");
    let (mut d1, mut d2, mut x1, mut p) = (T::one(), T::one(), T::one(), [T::zero(); 5]);
    assert_arg(ops.rotmg(&mut d1, &mut d2, &mut x1, T::one(), &mut p), "d1");
    untouched(&x);
    untouched(&y);
}

fn all_ops<T: Scalar>(e: &Engine) {
    e.reset_provenance();
    blas1::<T>(e);
    blas2::<T>(e);
    blas3::<T>(e);
    lapack::<T>(e);
    blas_ext::<T>(e);
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
        e.reset_provenance();
        blas_ext_real::<f32>(&e);
        blas_ext_real::<f64>(&e);
        complex_rejects_real_only::<c32>(&e);
        complex_rejects_real_only::<c64>(&e);
        assert_eq!(
            e.provenance().entries,
            vec![],
            "a bad call reached `{}`",
            e.info().name
        );
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

/// Overlap of an output with an input cannot come from safe Rust (a
/// `MatMut`/`VecMut` is a unique borrow), so the checked surface does not
/// test it per call; the boundary where raw pointers become views (the C
/// ABI) does, with `check::no_alias`. Here: the overlaps such a boundary
/// meets, as raw views that are never dereferenced.
#[allow(
    unsafe_code,
    reason = "building overlapping views requires from_raw_parts"
)]
mod aliasing {
    use super::*;
    use linmux_core::check::no_alias;

    #[test]
    fn overlapping_raw_views_are_reported_by_the_boundary_check() {
        let mut buf = vec![1.0f64; 16];
        let p = buf.as_mut_ptr();
        // SAFETY: every view lies inside `buf` (16 elements, 4×4 col-major)
        // and none is dereferenced: only their address ranges are compared.
        let (a, c, b) = unsafe {
            (
                MatRef::from_raw_parts(p, 4, 4, 1, 4),
                MatMut::from_raw_parts(p.add(4), 2, 2, 1, 4),
                MatRef::from_raw_parts(p.add(12), 4, 1, 1, 4),
            )
        };
        let c = c.submatrix_mut(0, 0, 2, 1);
        assert!(matches!(
            no_alias("gemm", ("c", &c), ("a", &a.submatrix(0, 0, 2, 4))),
            Err(Error::Aliasing {
                op: "gemm",
                output: "c",
                input: "a"
            })
        ));
        // `b` (the last column) does not meet `c` (rows 0..2 of column 1).
        assert!(no_alias("gemm", ("c", &c), ("b", &b)).is_ok());
        // SAFETY: as above.
        let (x, y) = unsafe {
            (
                VecRef::from_raw_parts(p, 4, 1),
                VecMut::from_raw_parts(p.add(2), 4, 1),
            )
        };
        assert!(matches!(
            no_alias("axpy", ("y", &y), ("x", &x)),
            Err(Error::Aliasing {
                output: "y",
                input: "x",
                ..
            })
        ));
        drop(buf);
    }
}
