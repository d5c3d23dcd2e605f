//! The conformance suite catches a wrong backend (the numerical contract's
//! "show that a wrong backend is caught"). Each test wraps faer in a backend
//! that breaks one thing, runs the family that covers it, and checks that
//! the suite fails with a report naming the backend, operation, type, case
//! (shape, layouts, seed) and the worst element against its bound:
//!
//! - a sign flipped in the largest element of every `gemm` result;
//! - every `gemm` result with `m, n, k ≥ 400` perturbed by 10³ ulps
//!   (below the random cases' error bound, caught by the exact case);
//! - `syrk`/`herk` writing into the triangle they must not touch.

use std::sync::Arc;

use linmux::{
    Backend, BackendInfo, BandRef, Diag, EigJob, Engine, MatMut, MatRef, Ops, PackedMut, PackedRef,
    RealScalar, Result, Scalar, Side, SvdJob, ThreadControl, Trans, Uplo, VecMut, VecRef, c64,
};
use linmux_testkit::conformance::{self, Family};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fault {
    SignFlip,
    Perturb,
    UntouchedTriangle,
    /// `gemm` answers `Unsupported` (provenance must not count it).
    Unsupported,
}

#[derive(Debug)]
struct Faulty {
    inner: Arc<dyn Backend>,
    fault: Fault,
    info: BackendInfo,
}

impl Faulty {
    fn new(fault: Fault) -> Self {
        let inner = Engine::with_backend("faer")
            .expect("faer")
            .backend()
            .clone();
        let mut info = inner.info().clone();
        info.name = format!("faer+{fault:?}");
        Self { inner, fault, info }
    }

    fn gemm_result<T: Scalar>(&self, mut c: MatMut<'_, T>, k: usize) {
        let (m, n) = c.shape();
        match self.fault {
            Fault::SignFlip if m > 0 && n > 0 => {
                let mut at = (0, 0);
                for j in 0..n {
                    for i in 0..m {
                        if c.at(i, j).to_c64().norm() > c.at(at.0, at.1).to_c64().norm() {
                            at = (i, j);
                        }
                    }
                }
                let x = c.at_mut(at.0, at.1);
                *x = -*x;
            }
            Fault::Perturb if m >= 400 && n >= 400 && k >= 400 => {
                let x = c.at_mut(0, 0);
                *x = T::from_c64(x.to_c64() * (1.0 + 1000.0 * T::eps().to_f64()));
            }
            _ => {}
        }
    }

    fn rank_k_result<T: Scalar>(&self, uplo: Uplo, mut c: MatMut<'_, T>) {
        let n = c.nrows();
        if self.fault == Fault::UntouchedTriangle && n >= 2 {
            let (i, j) = match uplo {
                Uplo::Lower => (0, n - 1),
                Uplo::Upper => (n - 1, 0),
            };
            *c.at_mut(i, j) = T::from_c64(c64::new(0.5, 0.0));
        }
    }
}

impl Backend for Faulty {
    fn info(&self) -> &BackendInfo {
        &self.info
    }
    fn threads(&self) -> &dyn ThreadControl {
        self.inner.threads()
    }
}

/// One trusting call forwarded to faer, with the fault applied to the
/// operations it breaks.
macro_rules! forward {
    ($self:ident, gemm, ($ta:ident, $tb:ident, $alpha:ident, $a:ident, $b:ident, $beta:ident, $c:ident)) => {{
        let mut c = $c;
        let k = if $ta == Trans::No { $a.ncols() } else { $a.nrows() };
        if $self.fault == Fault::Unsupported {
            return Err(linmux::Error::Unsupported {
                op: "gemm",
                backend: $self.info.name.clone(),
            });
        }
        // SAFETY: the arguments the checked surface validated for this call.
        let r = unsafe { T::ops(&*$self.inner).gemm_unchecked($ta, $tb, $alpha, $a, $b, $beta, c.rb_mut()) };
        $self.gemm_result(c, k);
        r
    }};
    ($self:ident, syrk, ($uplo:ident, $($arg:ident),*)) => {
        forward!(@rank_k $self, syrk_unchecked, $uplo, ($($arg),*))
    };
    ($self:ident, herk, ($uplo:ident, $($arg:ident),*)) => {
        forward!(@rank_k $self, herk_unchecked, $uplo, ($($arg),*))
    };
    (@rank_k $self:ident, $method:ident, $uplo:ident, ($t:ident, $alpha:ident, $a:ident, $beta:ident, $c:ident)) => {{
        let mut c = $c;
        // SAFETY: as above.
        let r = unsafe { T::ops(&*$self.inner).$method($uplo, $t, $alpha, $a, $beta, c.rb_mut()) };
        $self.rank_k_result($uplo, c);
        r
    }};
    ($self:ident, $name:ident, ($($arg:ident),*)) => {
        paste::paste! {
            // SAFETY: as above.
            unsafe { T::ops(&*$self.inner).[<$name _unchecked>]($($arg),*) }
        }
    };
}

macro_rules! faulty_ops {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        impl<T: Scalar> Ops<T> for Faulty {
            $(
                unsafe fn [<$name _unchecked>](&self, $($arg: $ty),*) -> Result<$ret> {
                    forward!(self, $name, ($($arg),*))
                }
            )*
        }
    }};
}

linmux_core::for_each_operation!(faulty_ops);

/// Runs `family` on a backend with `fault`; returns the suite's report.
fn caught(fault: Fault, family: Family) -> String {
    let b = Faulty::new(fault);
    let report = conformance::check(&b as &dyn Backend, family)
        .expect_err("the suite passed a backend with a fault");
    println!("{fault:?} → {report}");
    let name = format!("[faer+{fault:?} ");
    assert!(
        report.contains(&name),
        "the report does not name the backend: {report}"
    );
    report
}

#[track_caller]
fn names(report: &str, parts: &[&str]) {
    for p in parts {
        assert!(
            report.contains(p),
            "the report does not mention `{p}`: {report}"
        );
    }
}

#[test]
fn a_flipped_sign_is_caught() {
    let r = caught(Fault::SignFlip, Family::Gemm);
    names(
        &r,
        &[
            "gemm",
            "f32]",
            "m=",
            "k=",
            "A ",
            "worst at (",
            "bound =",
            "seed",
        ],
    );
}

#[test]
fn a_perturbation_of_a_thousand_ulps_at_n_400_is_caught() {
    let r = caught(Fault::Perturb, Family::Gemm);
    names(
        &r,
        &[
            "gemm (exact)",
            "m=400 n=400 k=400",
            "worst at (0, 0)",
            "bound = 0e0",
            "seed=",
        ],
    );
}

#[test]
fn a_write_into_the_untouched_triangle_is_caught() {
    let r = caught(Fault::UntouchedTriangle, Family::Symmetric3);
    names(&r, &["syrk", "worst at (", "seed"]);
}

/// Provenance is counted after the backend ran, under the name of the
/// library that computed: a call the backend does not serve counts nothing,
/// a call it runs counts once under its name.
#[test]
fn provenance_counts_what_the_backend_ran() {
    use linmux::{Mat, Routine, ScalarKind};
    let e = Engine::from_backend(Arc::new(Faulty::new(Fault::Unsupported)));
    let a = Mat::<f64>::identity(3);
    let mut c = Mat::<f64>::zeros(3, 3);
    let r = e.gemm(
        Trans::No,
        Trans::No,
        1.0,
        a.as_ref(),
        a.as_ref(),
        0.0,
        c.as_mut(),
    );
    assert!(matches!(r, Err(linmux::Error::Unsupported { .. })), "{r:?}");
    let x = [1.0f64, 2.0, 3.0];
    let mut y = [0.0f64; 3];
    e.gemv(
        Trans::No,
        1.0,
        a.as_ref(),
        VecRef::from_slice(&x),
        0.0,
        VecMut::from_slice(&mut y),
    )
    .expect("gemv");
    let p = e.provenance();
    assert_eq!(
        p.count("faer+Unsupported", Routine::Gemm, ScalarKind::F64),
        0,
        "{p:?}"
    );
    assert_eq!(
        p.count("faer+Unsupported", Routine::Gemv, ScalarKind::F64),
        1,
        "{p:?}"
    );
    assert_eq!(p.total("faer+Unsupported"), 1, "{p:?}");
}
