//! Promises specific to vendor libraries: two vendors side by side in one
//! process, and LP64 limits enforced before any vendor code runs.

use linmux::{Engine, Error, IntWidth, Mat, MatRef, Routine, ScalarKind, Trans, Uplo};
use linmux_conformance::{engines, required_backends};
use linmux_testkit::{Rng, check, data, reference};

fn required(name: &str) -> bool {
    required_backends().iter().any(|n| n == name)
}

#[test]
fn openblas_and_mkl_serve_side_by_side_in_one_process() {
    if !(required("openblas") && required("mkl")) {
        eprintln!("openblas and mkl are not both in LINMUX_REQUIRE_BACKENDS: nothing to compare");
        return;
    }
    let ob = Engine::with_backend("openblas").unwrap();
    let mkl = Engine::with_backend("mkl").unwrap();
    assert_ne!(
        ob.info().origin,
        mkl.info().origin,
        "two different libraries"
    );
    let mut rng = Rng::new(11);
    let (a, b) = (
        data::random_mat::<f64>(&mut rng, 40, 30),
        data::random_mat::<f64>(&mut rng, 30, 20),
    );
    let spd = data::random_hpd::<f64>(&mut rng, 25);
    // Interleave the two vendors call by call.
    for round in 0..3 {
        for e in [&ob, &mkl] {
            let mut c = Mat::<f64>::zeros(40, 20);
            e.gemm(
                Trans::No,
                Trans::No,
                1.0,
                a.as_ref(),
                b.as_ref(),
                0.0,
                c.as_mut(),
            )
            .unwrap();
            reference::gemm(
                Trans::No,
                Trans::No,
                1.0,
                a.as_ref(),
                b.as_ref(),
                0.0,
                c.as_ref(),
            )
            .assert_mat(c.as_ref());
            let mut f = spd.clone();
            e.potrf(Uplo::Lower, f.as_mut()).unwrap();
            check::potrf(Uplo::Lower, spd.as_ref(), f.as_ref())
                .unwrap_or_else(|m| panic!("{} round {round}: {m}", e.info().name));
        }
    }
    for (e, name) in [(&ob, "openblas"), (&mkl, "mkl")] {
        let p = e.provenance();
        assert_eq!(p.count(name, Routine::Gemm, ScalarKind::F64), 3, "{p:?}");
        assert_eq!(p.count(name, Routine::Potrf, ScalarKind::F64), 3, "{p:?}");
        assert_eq!(
            p.total(name),
            6,
            "{name} served exactly its own calls: {p:?}"
        );
    }
}

#[test]
fn lp64_dimensions_that_do_not_fit_are_errors_not_truncations() {
    // A zero-stride view: 2³² + 3 elements backed by one. Truncated to 32 bits
    // the length would read as 3 and give a plausible wrong answer.
    let one = [1.0f64];
    let n = (1usize << 32) + 3;
    let x = MatRef::from_slice_with_strides(&one, n, 1, 0, 0)
        .unwrap()
        .col(0);
    let mut tested = 0;
    for e in engines()
        .iter()
        .filter(|e| e.info().int_width == IntWidth::Lp64)
    {
        match e.dot(x, x) {
            Err(Error::InvalidArgument { .. }) => tested += 1,
            other => panic!(
                "{}: expected InvalidArgument for n = {n}, got {other:?}",
                e.info().name
            ),
        }
    }
    let lp64 = ["openblas", "mkl", "blis", "reference"]
        .iter()
        .filter(|n| required(n))
        .count();
    assert_eq!(tested, lp64, "every required LP64 vendor was tried");
}
