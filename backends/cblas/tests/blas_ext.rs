//! What the CBLAS routines beyond the core set need on a vendor beside the
//! conformance suite (`vendors.rs` runs that on every vendor): the trusting
//! methods of the real-only routines refuse complex types themselves, BLIS
//! serves the complex rotations through its Fortran symbols, and a library
//! with neither symbol gives `Unsupported`.
//!
//! `LINMUX_REQUIRE_BACKENDS` as in `vendors.rs`: a required backend that
//! cannot be loaded fails.

mod common;

use common::vendors::{backend, lp64};
use linmux_core::{Backend, Error, Scalar, VecMut, VecRef, c32, c64};

/// On complex types the real-only routines are refused by the checked
/// surface, and the trusting methods themselves say `Unsupported`.
fn real_only_refused<T: Scalar>(b: &dyn Backend) {
    let name = &b.info().name;
    let ops = T::ops(b);
    let mut x = vec![T::one(); 3];
    let mut y = vec![T::one(); 3];
    let p = [T::zero(); 5];
    assert!(matches!(
        ops.rotm(VecMut::from_slice(&mut x), VecMut::from_slice(&mut y), &p),
        Err(Error::InvalidArgument { .. })
    ));
    assert!(matches!(
        ops.sdsdot(T::one(), VecRef::from_slice(&x), VecRef::from_slice(&y)),
        Err(Error::InvalidArgument { .. })
    ));
    // SAFETY: valid, equal-length, disjoint views; the backend must refuse
    // the complex type before any vendor call.
    let r =
        unsafe { ops.rotm_unchecked(VecMut::from_slice(&mut x), VecMut::from_slice(&mut y), &p) };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "rotm", .. })),
        "{name}: {r:?}"
    );
    let (mut d1, mut d2, mut x1, mut pp) = (T::one(), T::one(), T::one(), p);
    // SAFETY: distinct scalars.
    let r = unsafe { ops.rotmg_unchecked(&mut d1, &mut d2, &mut x1, T::one(), &mut pp) };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "rotmg", .. })),
        "{name}: {r:?}"
    );
    // SAFETY: valid equal-length views.
    let r =
        unsafe { ops.sdsdot_unchecked(T::one(), VecRef::from_slice(&x), VecRef::from_slice(&y)) };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "sdsdot", .. })),
        "{name}: {r:?}"
    );
    // SAFETY: as above.
    let r = unsafe { ops.dsdot_unchecked(VecRef::from_slice(&x), VecRef::from_slice(&y)) };
    assert!(
        matches!(&r, Err(Error::Unsupported { op: "dsdot", .. })),
        "{name}: {r:?}"
    );
}

fn refuses_real_only_on_complex(name: &str) {
    if let Some(b) = backend(name, None) {
        let b: &dyn Backend = &*b;
        real_only_refused::<c32>(b);
        real_only_refused::<c64>(b);
    }
}

#[test]
fn openblas_refuses_real_only_on_complex() {
    refuses_real_only_on_complex("openblas");
}

#[test]
fn openblas64_refuses_real_only_on_complex() {
    refuses_real_only_on_complex("openblas64");
}

#[test]
fn mkl_refuses_real_only_on_complex() {
    refuses_real_only_on_complex("mkl");
}

#[test]
fn reference_refuses_real_only_on_complex() {
    refuses_real_only_on_complex("reference");
}

#[test]
fn blis_refuses_real_only_on_complex() {
    refuses_real_only_on_complex("blis");
}

/// BLIS 0.9.0's CBLAS lacks the complex rotg/rot: the Fortran forms serve
/// them (the conformance suite in `vendors.rs` checks their results).
#[test]
fn blis_complex_rotations_come_from_fortran_symbols() {
    let Some(b) = lp64("blis", None) else {
        return;
    };
    let v = b.vendor();
    assert!(v.cblas.cblas_crotg.is_none() && v.cblas.cblas_zdrot.is_none());
    assert!(v.fortran_blas.crotg.is_some() && v.fortran_blas.zdrot.is_some());
}

/// Neither `cblas_crotg` nor `crotg_`: `Unsupported` naming the routine and
/// the backend, never a crash (fixture library; no vendor needed).
#[test]
fn complex_rotations_without_any_symbol_are_unsupported() {
    use linmux_core::Ops;
    let mut f = linmux_loader::fixtures::Fixture::new("cb_no_crotg");
    f.optional = false;
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("linmux-cblas-fixtures");
    let lib = f.build(&dir).unwrap_or_else(|e| panic!("{e}"));
    // SAFETY: the fixture's probe routines behave as BLAS's; no stub is
    // called (the calls below are refused first).
    let b = unsafe {
        linmux_cblas::load(
            &linmux_loader::LoadSpec::new([lib]),
            linmux_cblas::loaded_info("fixture", "fixture"),
            None,
        )
    }
    .unwrap_or_else(|e| panic!("{e}"));
    let (mut a, mut bb, mut c, mut s) = (
        c32::new(1.0, 0.0),
        c32::new(0.0, 1.0),
        0.0f32,
        c32::new(0.0, 0.0),
    );
    let err = Ops::<c32>::rotg(&*b, &mut a, &mut bb, &mut c, &mut s).expect_err("no symbol");
    let msg = err.to_string();
    assert!(
        matches!(err, Error::Unsupported { op: "rotg", .. }),
        "{err:?}"
    );
    assert!(msg.contains("crotg") && msg.contains("fixture"), "{msg}");
    assert_eq!(a, c32::new(1.0, 0.0), "outputs untouched");
    let mut x = vec![c64::new(1.0, 1.0); 2];
    let mut y = vec![c64::new(2.0, 0.0); 2];
    let err = Ops::<c64>::rot(
        &*b,
        VecMut::from_slice(&mut x),
        VecMut::from_slice(&mut y),
        0.6,
        0.8,
    )
    .expect_err("no symbol");
    assert!(
        matches!(err, Error::Unsupported { op: "rot", .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("zdrot"), "{err}");
    assert_eq!(x, vec![c64::new(1.0, 1.0); 2], "outputs untouched");
}
