//! `Ops` called directly on a real vendor (OpenBLAS), bypassing the engine:
//! shapes that disagree are errors, the same as through the engine (one
//! checked surface, `linmux_core::checked`), never a vendor reading out of bounds;
//! scratch copies that cannot be allocated are errors (never an abort), and
//! the after-call hook turns an out-of-band vendor report into an error.

use linmux_cblas::{CblasBackend, GenericThreadControl, loaded_info};
use linmux_core::{
    Diag, EigJob, Error, Mat, MatMut, MatRef, Ops, Result, Side, SvdJob, Trans, Uplo, VecMut,
    VecRef, c64,
};
use linmux_loader::{LoadSpec, LoadedVendor};

const OPENBLAS: &str = "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0";

use linmux_testkit::vendors::required;

fn openblas() -> Option<CblasBackend<i32>> {
    let spec = LoadSpec::new([OPENBLAS]).deep_bind(true);
    // SAFETY: OpenBLAS is a CBLAS + LAPACK library.
    match unsafe { linmux_loader::load(&spec) } {
        Ok(LoadedVendor::Lp64(v)) => {
            let threads = Box::new(GenericThreadControl::new(&v.extras));
            let info = loaded_info("openblas", "OpenBLAS");
            Some(CblasBackend::new(v, info, threads, None))
        }
        Ok(LoadedVendor::Ilp64(_)) => panic!("{OPENBLAS} is LP64"),
        Err(e) if required("openblas") => panic!("required backend openblas: {e}"),
        Err(e) => {
            eprintln!("NOT TESTED: openblas is not available (not required): {e}");
            None
        }
    }
}

#[track_caller]
fn rejected<R: std::fmt::Debug>(what: &str, arg: &str, r: Result<R>) {
    match r {
        Err(e @ (Error::DimensionMismatch { .. } | Error::InvalidArgument { .. })) => {
            assert_eq!(e.argument(), Some(arg), "{what}: {e}");
        }
        other => panic!("{what}: expected a shape error naming `{arg}`, got {other:?}"),
    }
}

fn m(r: usize, c: usize) -> Mat<f64> {
    Mat::zeros(r, c)
}

#[test]
fn mismatched_shapes_are_errors_on_openblas() {
    let Some(b) = openblas() else { return };
    let o: &dyn Ops<f64> = &b;
    let (a2, mut c100) = (m(2, 2), m(100, 100));
    let (x2, x3) = ([1.0f64; 2], [1.0f64; 3]);
    let (mut y2, mut y3) = ([0.0f64; 2], [0.0f64; 3]);
    let v = VecRef::from_slice;

    // BLAS 1
    rejected("dot", "y", o.dot(v(&x2), v(&x3)));
    rejected("dotc", "y", o.dotc(v(&x2), v(&x3)));
    rejected(
        "axpy",
        "y",
        o.axpy(1.0, v(&x2), VecMut::from_slice(&mut y3)),
    );
    rejected("copy", "y", o.copy(v(&x3), VecMut::from_slice(&mut y2)));
    rejected(
        "swap",
        "y",
        o.swap(VecMut::from_slice(&mut y2), VecMut::from_slice(&mut y3)),
    );
    rejected("iamax", "x", o.iamax(v(&[])));

    // BLAS 2
    let a23 = m(2, 3);
    rejected(
        "gemv x",
        "x",
        o.gemv(
            Trans::No,
            1.0,
            a23.as_ref(),
            v(&x2),
            0.0,
            VecMut::from_slice(&mut y2),
        ),
    );
    rejected(
        "gemv y",
        "y",
        o.gemv(
            Trans::Trans,
            1.0,
            a23.as_ref(),
            v(&x2),
            0.0,
            VecMut::from_slice(&mut y2),
        ),
    );
    let mut g = m(2, 3);
    rejected("geru", "y", o.geru(1.0, v(&x2), v(&x2), g.as_mut()));
    rejected("gerc", "x", o.gerc(1.0, v(&x3), v(&x3), g.as_mut()));
    rejected(
        "hemv",
        "a",
        o.hemv(
            Uplo::Lower,
            1.0,
            a23.as_ref(),
            v(&x2),
            0.0,
            VecMut::from_slice(&mut y2),
        ),
    );
    rejected(
        "hemv y",
        "y",
        o.hemv(
            Uplo::Lower,
            1.0,
            a2.as_ref(),
            v(&x2),
            0.0,
            VecMut::from_slice(&mut y3),
        ),
    );
    rejected(
        "trmv",
        "x",
        o.trmv(
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            a2.as_ref(),
            VecMut::from_slice(&mut y3),
        ),
    );
    rejected(
        "trsv",
        "a",
        o.trsv(
            Uplo::Upper,
            Trans::No,
            Diag::NonUnit,
            a23.as_ref(),
            VecMut::from_slice(&mut y3),
        ),
    );

    // BLAS 3: the review's example, a 2×2 `b` and a 100×100 `c`.
    let a100 = m(100, 100);
    rejected(
        "gemm",
        "b",
        o.gemm(
            Trans::No,
            Trans::No,
            1.0,
            a100.as_ref(),
            a2.as_ref(),
            0.0,
            c100.as_mut(),
        ),
    );
    rejected(
        "gemm a",
        "b",
        o.gemm(
            Trans::No,
            Trans::No,
            1.0,
            a2.as_ref(),
            a100.as_ref(),
            0.0,
            c100.as_mut(),
        ),
    );
    rejected(
        "gemm trans",
        "b",
        o.gemm(
            Trans::No,
            Trans::No,
            1.0,
            a23.as_ref(),
            a23.as_ref(),
            0.0,
            m(2, 3).as_mut(),
        ),
    );
    for (name, herm) in [("symm", false), ("hemm", true)] {
        let f = if herm {
            Ops::<f64>::hemm
        } else {
            Ops::<f64>::symm
        };
        rejected(
            name,
            "a",
            f(
                &b,
                Side::Left,
                Uplo::Lower,
                1.0,
                a2.as_ref(),
                a100.as_ref(),
                0.0,
                c100.as_mut(),
            ),
        );
        rejected(
            name,
            "b",
            f(
                &b,
                Side::Right,
                Uplo::Lower,
                1.0,
                a100.as_ref(),
                a2.as_ref(),
                0.0,
                c100.as_mut(),
            ),
        );
    }
    rejected(
        "syrk",
        "c",
        o.syrk(Uplo::Lower, Trans::No, 1.0, a2.as_ref(), 0.0, c100.as_mut()),
    );
    rejected(
        "syrk c",
        "c",
        o.syrk(
            Uplo::Lower,
            Trans::No,
            1.0,
            a2.as_ref(),
            0.0,
            m(2, 3).as_mut(),
        ),
    );
    rejected(
        "herk",
        "c",
        o.herk(
            Uplo::Lower,
            Trans::Trans,
            1.0,
            a23.as_ref(),
            0.0,
            m(2, 2).as_mut(),
        ),
    );
    rejected(
        "syr2k",
        "b",
        o.syr2k(
            Uplo::Lower,
            Trans::No,
            1.0,
            a100.as_ref(),
            a2.as_ref(),
            0.0,
            c100.as_mut(),
        ),
    );
    rejected(
        "her2k",
        "b",
        o.her2k(
            Uplo::Upper,
            Trans::No,
            1.0,
            a100.as_ref(),
            a2.as_ref(),
            0.0,
            c100.as_mut(),
        ),
    );
    rejected(
        "trmm",
        "a",
        o.trmm(
            Side::Left,
            Uplo::Lower,
            Trans::No,
            Diag::Unit,
            1.0,
            a2.as_ref(),
            c100.as_mut(),
        ),
    );
    rejected(
        "trsm",
        "a",
        o.trsm(
            Side::Right,
            Uplo::Lower,
            Trans::No,
            Diag::Unit,
            1.0,
            a2.as_ref(),
            c100.as_mut(),
        ),
    );

    // LAPACK
    let mut piv = [0usize; 1];
    rejected("getrf", "ipiv", o.getrf(m(3, 2).as_mut(), &mut piv));
    let lu = Mat::<f64>::identity(3);
    rejected(
        "getrs ipiv range",
        "ipiv",
        o.getrs(Trans::No, lu.as_ref(), &[0, 1, 7], m(3, 1).as_mut()),
    );
    rejected(
        "getrs ipiv order",
        "ipiv",
        o.getrs(Trans::No, lu.as_ref(), &[0, 0, 2], m(3, 1).as_mut()),
    );
    rejected(
        "getrs ipiv len",
        "ipiv",
        o.getrs(Trans::No, lu.as_ref(), &[0], m(3, 1).as_mut()),
    );
    rejected(
        "getrs b",
        "b",
        o.getrs(Trans::No, lu.as_ref(), &[0, 1, 2], m(100, 1).as_mut()),
    );
    rejected(
        "getrs lu",
        "lu",
        o.getrs(Trans::No, a23.as_ref(), &[0, 1], m(2, 1).as_mut()),
    );
    rejected(
        "getri",
        "ipiv",
        o.getri(Mat::<f64>::identity(3).as_mut(), &[0, 5, 2]),
    );
    rejected("getri a", "a", o.getri(m(3, 2).as_mut(), &[0, 1]));
    rejected("potrf", "a", o.potrf(Uplo::Lower, m(3, 2).as_mut()));
    rejected(
        "potrs",
        "b",
        o.potrs(Uplo::Lower, lu.as_ref(), m(100, 2).as_mut()),
    );
    rejected("geqrf", "tau", o.geqrf(m(5, 3).as_mut(), &mut [0.0; 2]));
    rejected("ungqr a", "a", o.ungqr(m(2, 3).as_mut(), &[0.0; 2]));
    rejected("ungqr tau", "tau", o.ungqr(m(5, 3).as_mut(), &[0.0; 4]));
    let mut s3 = [0.0f64; 3];
    rejected(
        "gesdd s",
        "s",
        o.gesdd(
            SvdJob::ValuesOnly,
            m(5, 3).as_mut(),
            &mut [0.0; 2],
            None,
            None,
        ),
    );
    rejected(
        "gesdd u missing",
        "u",
        o.gesdd(
            SvdJob::Thin,
            m(5, 3).as_mut(),
            &mut s3,
            None,
            Some(m(3, 3).as_mut()),
        ),
    );
    rejected(
        "gesdd vt missing",
        "vt",
        o.gesdd(
            SvdJob::Full,
            m(5, 3).as_mut(),
            &mut s3,
            Some(m(5, 5).as_mut()),
            None,
        ),
    );
    rejected(
        "gesdd u thin",
        "u",
        o.gesdd(
            SvdJob::Thin,
            m(5, 3).as_mut(),
            &mut s3,
            Some(m(5, 5).as_mut()),
            Some(m(3, 3).as_mut()),
        ),
    );
    rejected(
        "gesdd vt full",
        "vt",
        o.gesdd(
            SvdJob::Full,
            m(5, 3).as_mut(),
            &mut s3,
            Some(m(5, 5).as_mut()),
            Some(m(2, 3).as_mut()),
        ),
    );
    rejected(
        "gesdd values with u",
        "u",
        o.gesdd(
            SvdJob::ValuesOnly,
            m(5, 3).as_mut(),
            &mut s3,
            Some(m(5, 3).as_mut()),
            None,
        ),
    );
    rejected(
        "heevd",
        "w",
        o.heevd(
            EigJob::Vectors,
            Uplo::Lower,
            m(3, 3).as_mut(),
            &mut [0.0; 2],
        ),
    );
    rejected(
        "heevd a",
        "a",
        o.heevd(
            EigJob::Vectors,
            Uplo::Lower,
            m(3, 2).as_mut(),
            &mut [0.0; 3],
        ),
    );
    let mut w3 = [c64::new(0.0, 0.0); 3];
    rejected(
        "geev w",
        "w",
        o.geev(m(3, 3).as_mut(), &mut w3[..2], None, None),
    );
    let mut v2 = Mat::<c64>::zeros(2, 2);
    rejected(
        "geev vr",
        "vr",
        o.geev(m(3, 3).as_mut(), &mut w3, None, Some(v2.as_mut())),
    );
    rejected(
        "geev vl",
        "vl",
        o.geev(m(3, 3).as_mut(), &mut w3, Some(v2.as_mut()), None),
    );
    rejected(
        "gels",
        "b",
        o.gels(Trans::No, m(5, 3).as_mut(), m(3, 1).as_mut()),
    );
    rejected(
        "gels wide",
        "b",
        o.gels(Trans::No, m(3, 5).as_mut(), m(3, 1).as_mut()),
    );

    // The process survived; well-shaped calls still work, and empty
    // problems reaching the backend directly are harmless.
    let mut c = m(2, 2);
    let one = Mat::<f64>::identity(2);
    o.gemm(
        Trans::No,
        Trans::No,
        2.0,
        one.as_ref(),
        one.as_ref(),
        0.0,
        c.as_mut(),
    )
    .expect("gemm");
    assert_eq!((c[(0, 0)], c[(1, 0)], c[(1, 1)]), (2.0, 0.0, 2.0));
    o.gemm(
        Trans::No,
        Trans::No,
        1.0,
        m(0, 3).as_ref(),
        m(3, 4).as_ref(),
        0.0,
        m(0, 4).as_mut(),
    )
    .expect("empty gemm");
    o.trsm(
        Side::Left,
        Uplo::Lower,
        Trans::No,
        Diag::NonUnit,
        0.0,
        m(0, 0).as_ref(),
        m(0, 5).as_mut(),
    )
    .expect("empty trsm");
    o.gemv(
        Trans::No,
        1.0,
        m(0, 3).as_ref(),
        v(&x3),
        0.0,
        VecMut::from_slice(&mut []),
    )
    .expect("empty gemv");
    let mut y = [f64::NAN; 2];
    o.gemv(
        Trans::No,
        1.0,
        m(2, 0).as_ref(),
        v(&[]),
        0.0,
        VecMut::from_slice(&mut y),
    )
    .expect("empty inner gemv");
    assert_eq!(y, [0.0; 2]);
}

/// A broadcast (zero-stride) view of 2³¹ − 1 elements over one `f64`: the
/// contiguous scratch copy BLAS needs is refused as an error, not an abort.
#[test]
fn huge_broadcast_scratch_is_an_error() {
    let Some(b) = openblas() else { return };
    let one = [1.0f64];
    let x = MatRef::from_slice_with_strides(&one, (1usize << 31) - 1, 1, 0, 0)
        .expect("broadcast view")
        .col(0);
    match Ops::<f64>::dot(&b, x, x) {
        Err(Error::InvalidArgument { arg, reason }) => {
            assert_eq!(arg, "x");
            assert!(reason.contains("scratch copy of"), "{reason}");
        }
        other => panic!("expected InvalidArgument for `x`, got {other:?}"),
    }
    // A broadcast matrix operand (copied for gemm) likewise.
    let a = MatRef::from_slice_with_strides(&one, 1 << 20, 1 << 20, 0, 0).expect("broadcast");
    let bm = m(1 << 20, 1);
    let mut c = vec![0.0f64; 1 << 20];
    let cm = MatMut::from_col_major(&mut c, 1 << 20, 1).expect("c");
    match Ops::<f64>::gemm(&b, Trans::No, Trans::No, 1.0, a, bm.as_ref(), 0.0, cm) {
        Err(Error::InvalidArgument { arg, .. }) => assert_eq!(arg, "a"),
        other => panic!("expected InvalidArgument for `a`, got {other:?}"),
    }
}

fn fake_report() -> Option<String> {
    Some(String::from("the vendor reported something"))
}

#[test]
fn after_call_hook_turns_a_report_into_an_error() {
    let Some(b) = openblas() else { return };
    let b = b.with_after_call(fake_report);
    let x = [1.0f64, 2.0];
    match Ops::<f64>::dot(&b, VecRef::from_slice(&x), VecRef::from_slice(&x)) {
        Err(Error::Backend {
            backend,
            routine,
            detail,
        }) => {
            assert_eq!((backend.as_str(), routine), ("openblas", "dot"));
            assert_eq!(detail, "the vendor reported something");
        }
        other => panic!("{other:?}"),
    }
    let mut a = Mat::<f64>::identity(2);
    assert!(matches!(
        Ops::<f64>::potrf(&b, Uplo::Lower, a.as_mut()),
        Err(Error::Backend {
            routine: "potrf",
            ..
        })
    ));
    // The guard runs first: a shape error is reported as such.
    rejected(
        "dot",
        "y",
        Ops::<f64>::dot(&b, VecRef::from_slice(&x), VecRef::from_slice(&x[..1])),
    );
}
