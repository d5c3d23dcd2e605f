//! LAPACKE-compatible exports: `LAPACKE_?getrf`, `getrs`, `getri`,
//! `potrf`, `potrs`, `geqrf`, `orgqr`/`ungqr`, `gesdd`, `syevd`/`heevd`,
//! `geev`, `gels`, and the drivers `gesv` and `posv`, with LAPACKE's
//! layouts (`LAPACK_ROW_MAJOR` 101, `LAPACK_COL_MAJOR` 102), 32-bit
//! `lapack_int`, 1-based pivots and `info` convention: `-i` for a bad
//! argument `i` (1-based, counting the layout; NaN input is reported on the
//! matrix, as LAPACKE's NaN check), `> 0` for a numerical failure with
//! LAPACK's index, 0 on success.
//!
//! After `info > 0`, `getrf` and `gesv` return the pivots and the factors
//! as LAPACKE does (the factorization completes; `U` is exactly singular;
//! `gesv`'s `b` is untouched). `gesdd` takes every `jobz` of LAPACKE,
//! `'O'` included (`U` or `Vᵀ` overwrites `a`).
//!
//! Difference, on failure paths only: after any other `info > 0` the
//! separate outputs (`tau`, `s`, `w`, vectors) are left as they were
//! (linmux's rule), while the matrix worked on in place holds what the
//! backend left.

use std::cell::RefCell;
use std::ffi::{c_char, c_int};

use linmux_core::{
    BandRef, Diag, EigJob, Error, Mat, MatMut, MatRef, Ops, PackedMut, PackedRef, Scalar, Side,
    SvdJob, Trans, Uplo, VecMut, VecRef, c32, c64, checked,
};

use crate::views::{Raw, RawMat};

type Info = c_int;

fn report(rout: &str, info: Info) -> Info {
    if info < 0 {
        eprintln!("Wrong parameter {} in {rout}", -info);
    }
    info
}

/// The error's `info`: LAPACK's index for numerical failures, the argument
/// position (from `positions`) for the rest, or -1000 for backend failures.
fn info_of(e: &Error, positions: &[(&str, Info)]) -> Info {
    match e {
        Error::Singular { pivot } => Info::try_from(*pivot).unwrap_or(Info::MAX),
        Error::NotPositiveDefinite { minor } => Info::try_from(*minor).unwrap_or(Info::MAX),
        Error::NoConvergence { info, .. } => Info::try_from((*info).max(1)).unwrap_or(Info::MAX),
        _ => {
            let arg = e.argument().unwrap_or("");
            positions
                .iter()
                .find(|(n, _)| *n == arg)
                .map_or(-1000, |(_, p)| -*p)
        }
    }
}

fn row_major(layout: c_int) -> Option<bool> {
    match layout {
        101 => Some(true),
        102 => Some(false),
        _ => None,
    }
}

fn upper(c: c_char) -> u8 {
    c.cast_unsigned().to_ascii_uppercase()
}

/// The first failing check's info.
fn first(checks: &[(Info, bool)]) -> Option<Info> {
    checks.iter().find(|(_, bad)| *bad).map(|(i, _)| *i)
}

/// A checked matrix argument; any failure (a NULL pointer) is `-pos`.
fn mat_arg<T>(
    p: *const T,
    rows: c_int,
    cols: c_int,
    ld: c_int,
    row: bool,
    pos: Info,
) -> Result<RawMat<T>, Info> {
    crate::views::matrix(
        p,
        rows.into(),
        cols.into(),
        ld.into(),
        if row { 101 } else { 102 },
        "a",
        "lda",
    )
    .map_err(|_| -pos)
}

fn arr_arg<T>(p: *const T, len: c_int, pos: Info) -> Result<Raw<T>, Info> {
    Raw::new(p, usize::try_from(len.max(0)).unwrap_or(0), "array").map_err(|_| -pos)
}

/// Runs `f` on the current engine behind the panic boundary; `info` from
/// the error (with argument positions), or from a panic (-1000).
fn on_engine(
    positions: &[(&str, Info)],
    f: impl FnOnce(&lm::Engine) -> linmux_core::Result<Info>,
) -> Info {
    let mut out = -1000;
    let mut err = None;
    let _ = crate::boundary::run(|| {
        let e = lm::current_engine()?;
        match f(&e) {
            Ok(i) => out = i,
            Err(e) => {
                crate::boundary::set_last_error(e.to_string());
                err = Some(e);
            }
        }
        Ok(())
    });
    match err {
        Some(e) => info_of(&e, positions),
        None => out,
    }
}

/// # Safety
/// `raw` valid for writes.
unsafe fn mview<'a, T: Scalar>(raw: &RawMat<T>) -> linmux_core::Result<MatMut<'a, T>> {
    // SAFETY: forwarded.
    unsafe { raw.view_mut() }.map_err(|_| Error::invalid("a", "view"))
}
/// # Safety
/// `raw` valid for reads.
unsafe fn rview<'a, T: Scalar>(raw: &RawMat<T>) -> linmux_core::Result<MatRef<'a, T>> {
    // SAFETY: forwarded.
    unsafe { raw.view() }.map_err(|_| Error::invalid("a", "view"))
}

fn uplo_of(c: c_char) -> Option<Uplo> {
    match upper(c) {
        b'U' => Some(Uplo::Upper),
        b'L' => Some(Uplo::Lower),
        _ => None,
    }
}

/// 1-based LAPACK pivots to 0-based, or `-pos`.
///
/// # Safety
/// `ipiv` valid for `n` reads.
unsafe fn pivots_in(ipiv: *const c_int, n: usize, pos: Info) -> Result<Vec<usize>, Info> {
    if n == 0 {
        return Ok(Vec::new());
    }
    if ipiv.is_null() {
        return Err(-pos);
    }
    // SAFETY: by the caller's contract.
    let s = unsafe { std::slice::from_raw_parts(ipiv, n) };
    s.iter()
        .map(|&p| usize::try_from(p - 1).map_err(|_| -pos))
        .collect()
}

/// # Safety
/// `ipiv` valid for `p.len()` writes.
unsafe fn pivots_out(ipiv: *mut c_int, p: &[usize]) {
    for (i, &v) in p.iter().enumerate() {
        // SAFETY: by the caller's contract; pivots are < n ≤ c_int::MAX.
        unsafe {
            ipiv.add(i)
                .write(c_int::try_from(v + 1).unwrap_or(c_int::MAX))
        };
    }
}

fn u(v: c_int) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// An [`Ops`] that forwards every operation to `ops` and keeps a copy of
/// the pivots its `getrf` wrote, whatever the outcome: LAPACKE returns them
/// with `info > 0`, while [`checked::getrf`] puts its `ipiv` back on any
/// error (linmux's rule). Everything else — validation, policy,
/// provenance — stays [`checked::getrf`]'s.
struct KeepPivots<'o, T: Scalar> {
    ops: &'o dyn Ops<T>,
    kept: RefCell<Vec<usize>>,
}

/// How [`KeepPivots`] serves one trusting method.
macro_rules! keep_pivots_serve {
    (getrf, $self:ident, ($a:ident, $ipiv:ident)) => {{
        // SAFETY: the arguments the checked surface validated, unchanged.
        let r = unsafe { $self.ops.getrf_unchecked($a, &mut *$ipiv) };
        if let Ok(mut kept) = $self.kept.try_borrow_mut() {
            kept.clear();
            kept.extend_from_slice($ipiv);
        }
        r
    }};
    ($name:ident, $self:ident, ($($arg:ident),*)) => {
        paste::paste! {
            // SAFETY: the arguments the checked surface validated, unchanged.
            unsafe { $self.ops.[<$name _unchecked>]($($arg),*) }
        }
    };
}

macro_rules! keep_pivots_ops {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        #[allow(
            clippy::too_many_arguments,
            reason = "BLAS signatures are what they are"
        )]
        impl<T: Scalar> Ops<T> for KeepPivots<'_, T> {
            $(
                #[inline]
                unsafe fn [<$name _unchecked>](&self, $($arg: $ty),*) -> linmux_core::Result<$ret> {
                    keep_pivots_serve!($name, self, ($($arg),*))
                }
            )*
        }
    }};
}
linmux_core::for_each_operation!(keep_pivots_ops);

/// What [`getrf_keeping`] found: the pivots, or the error with the pivots
/// the backend wrote when it failed numerically (`None` when it did not run).
type GetrfOutcome = core::result::Result<Vec<usize>, (Error, Option<Vec<usize>>)>;

/// `getrf` on `a` with LAPACKE's outcome (see [`GetrfOutcome`]).
fn getrf_keeping<T: Scalar>(
    e: &lm::Engine,
    a: MatMut<'_, T>,
    n_piv: usize,
) -> linmux_core::Result<GetrfOutcome> {
    let mut p = linmux_core::try_vec(0usize, n_piv)?;
    let (ops, rec) = e.dispatch::<T>();
    let keep = KeepPivots {
        ops,
        kept: RefCell::new(Vec::new()),
    };
    Ok(match checked::getrf(&keep, rec, a, &mut p) {
        Ok(()) => Ok(p),
        Err(err @ Error::Singular { .. }) => {
            let kept = keep.kept.into_inner();
            Err((err, (kept.len() == n_piv).then_some(kept)))
        }
        Err(err) => Err((err, None)),
    })
}

unsafe fn getrf<T: Scalar>(
    rout: &str,
    layout: c_int,
    m: c_int,
    n: c_int,
    a: *mut T,
    lda: c_int,
    ipiv: *mut c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    if let Some(i) = first(&[
        (-2, m < 0),
        (-3, n < 0),
        (-5, lda < 1.max(if row { n } else { m })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), m, n, lda, row, 4) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let k = m.min(n);
    if k > 0 && ipiv.is_null() {
        return report(rout, -6);
    }
    let i = on_engine(&[("a", 4)], |e| {
        // SAFETY: checked extent.
        let av = unsafe { mview(&ra) }?;
        let (p, failure) = match getrf_keeping(e, av, u(k))? {
            Ok(p) => (p, None),
            Err((err, Some(p))) => (p, Some(err)),
            Err((err, None)) => return Err(err),
        };
        // SAFETY: ipiv holds min(m, n) entries.
        unsafe { pivots_out(ipiv, &p) };
        failure.map_or(Ok(0), Err)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn getrs<T: Scalar>(
    rout: &str,
    layout: c_int,
    trans: c_char,
    n: c_int,
    nrhs: c_int,
    a: *const T,
    lda: c_int,
    ipiv: *const c_int,
    b: *mut T,
    ldb: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let t = match upper(trans) {
        b'N' => Some(Trans::No),
        b'T' => Some(Trans::Trans),
        b'C' => Some(Trans::ConjTrans),
        _ => None,
    };
    let Some(t) = t else { return report(rout, -2) };
    if let Some(i) = first(&[
        (-3, n < 0),
        (-4, nrhs < 0),
        (-6, lda < 1.max(n)),
        (-9, ldb < 1.max(if row { nrhs } else { n })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a, n, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rb = match mat_arg(b.cast_const(), n, nrhs, ldb, row, 8) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    // SAFETY: LAPACKE contract: ipiv holds n entries.
    let p = match unsafe { pivots_in(ipiv, u(n), 7) } {
        Ok(p) => p,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("lu", 5), ("a", 5), ("ipiv", 7), ("b", 8)], |e| {
        // SAFETY: checked extents.
        let (av, bv) = unsafe { (rview(&ra)?, mview(&rb)?) };
        let (ops, rec) = e.dispatch::<T>();
        let t = if !T::KIND.is_complex() && t == Trans::ConjTrans {
            Trans::Trans
        } else {
            t
        };
        checked::getrs(ops, rec, t, av, &p, bv)?;
        Ok(0)
    });
    report(rout, i)
}

unsafe fn getri<T: Scalar>(
    rout: &str,
    layout: c_int,
    n: c_int,
    a: *mut T,
    lda: c_int,
    ipiv: *const c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    if let Some(i) = first(&[(-2, n < 0), (-4, lda < 1.max(n))]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), n, n, lda, row, 3) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    // SAFETY: LAPACKE contract.
    let p = match unsafe { pivots_in(ipiv, u(n), 5) } {
        Ok(p) => p,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 3), ("ipiv", 5)], |e| {
        // SAFETY: checked extent.
        let av = unsafe { mview(&ra) }?;
        let (ops, rec) = e.dispatch::<T>();
        checked::getri(ops, rec, av, &p)?;
        Ok(0)
    });
    report(rout, i)
}

unsafe fn potrf<T: Scalar>(
    rout: &str,
    layout: c_int,
    uplo: c_char,
    n: c_int,
    a: *mut T,
    lda: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let Some(ul) = uplo_of(uplo) else {
        return report(rout, -2);
    };
    if let Some(i) = first(&[(-3, n < 0), (-5, lda < 1.max(n))]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), n, n, lda, row, 4) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 4)], |e| {
        // SAFETY: checked extent.
        let av = unsafe { mview(&ra) }?;
        let (ops, rec) = e.dispatch::<T>();
        checked::potrf(ops, rec, ul, av)?;
        Ok(0)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn potrs<T: Scalar>(
    rout: &str,
    layout: c_int,
    uplo: c_char,
    n: c_int,
    nrhs: c_int,
    a: *const T,
    lda: c_int,
    b: *mut T,
    ldb: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let Some(ul) = uplo_of(uplo) else {
        return report(rout, -2);
    };
    if let Some(i) = first(&[
        (-3, n < 0),
        (-4, nrhs < 0),
        (-6, lda < 1.max(n)),
        (-8, ldb < 1.max(if row { nrhs } else { n })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a, n, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rb = match mat_arg(b.cast_const(), n, nrhs, ldb, row, 7) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 5), ("b", 7)], |e| {
        // SAFETY: checked extents.
        let (av, bv) = unsafe { (rview(&ra)?, mview(&rb)?) };
        let (ops, rec) = e.dispatch::<T>();
        checked::potrs(ops, rec, ul, av, bv)?;
        Ok(0)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn gesv<T: Scalar>(
    rout: &str,
    layout: c_int,
    n: c_int,
    nrhs: c_int,
    a: *mut T,
    lda: c_int,
    ipiv: *mut c_int,
    b: *mut T,
    ldb: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    if let Some(i) = first(&[
        (-2, n < 0),
        (-3, nrhs < 0),
        (-5, lda < 1.max(n)),
        (-8, ldb < 1.max(if row { nrhs } else { n })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), n, n, lda, row, 4) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rb = match mat_arg(b.cast_const(), n, nrhs, ldb, row, 7) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    if n > 0 && ipiv.is_null() {
        return report(rout, -6);
    }
    let i = on_engine(&[("a", 4), ("lu", 4), ("b", 7)], |e| {
        // LAPACKE checks both inputs for NaN first: a failure after the
        // factorization would leave `a` and `ipiv` written.
        // SAFETY: checked extent.
        finite_or("b", unsafe { rview(&rb) }?)?;
        // SAFETY: checked extents.
        let av = unsafe { mview(&ra) }?;
        let p = match getrf_keeping(e, av, u(n))? {
            Ok(p) => p,
            Err((err, Some(p))) => {
                // As LAPACK's gesv: the factors and pivots, `b` untouched.
                // SAFETY: ipiv holds n entries.
                unsafe { pivots_out(ipiv, &p) };
                return Err(err);
            }
            Err((err, None)) => return Err(err),
        };
        // SAFETY: ipiv holds n entries.
        unsafe { pivots_out(ipiv, &p) };
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        checked::getrs(ops, rec, Trans::No, unsafe { rview(&ra) }?, &p, unsafe {
            mview(&rb)
        }?)?;
        Ok(0)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn posv<T: Scalar>(
    rout: &str,
    layout: c_int,
    uplo: c_char,
    n: c_int,
    nrhs: c_int,
    a: *mut T,
    lda: c_int,
    b: *mut T,
    ldb: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let Some(ul) = uplo_of(uplo) else {
        return report(rout, -2);
    };
    if let Some(i) = first(&[
        (-3, n < 0),
        (-4, nrhs < 0),
        (-6, lda < 1.max(n)),
        (-8, ldb < 1.max(if row { nrhs } else { n })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), n, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rb = match mat_arg(b.cast_const(), n, nrhs, ldb, row, 7) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 5), ("b", 7)], |e| {
        // SAFETY: checked extent.
        finite_or("b", unsafe { rview(&rb) }?)?;
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        checked::potrf(ops, rec, ul, unsafe { mview(&ra) }?)?;
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        checked::potrs(ops, rec, ul, unsafe { rview(&ra) }?, unsafe { mview(&rb) }?)?;
        Ok(0)
    });
    report(rout, i)
}

unsafe fn geqrf<T: Scalar>(
    rout: &str,
    layout: c_int,
    m: c_int,
    n: c_int,
    a: *mut T,
    lda: c_int,
    tau: *mut T,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    if let Some(i) = first(&[
        (-2, m < 0),
        (-3, n < 0),
        (-5, lda < 1.max(if row { n } else { m })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), m, n, lda, row, 4) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rt = match arr_arg(tau.cast_const(), m.min(n), 6) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 4), ("tau", 6)], |e| {
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents; tau is a separate array by contract.
        checked::geqrf(ops, rec, unsafe { mview(&ra) }?, unsafe { rt.slice_mut() })?;
        Ok(0)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn ungqr<T: Scalar>(
    rout: &str,
    layout: c_int,
    m: c_int,
    n: c_int,
    k: c_int,
    a: *mut T,
    lda: c_int,
    tau: *const T,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    if let Some(i) = first(&[
        (-2, m < 0),
        (-3, n < 0 || n > m),
        (-4, k < 0 || k > n),
        (-6, lda < 1.max(if row { n } else { m })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), m, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rt = match arr_arg(tau, k, 7) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 5), ("tau", 7)], |e| {
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        checked::ungqr(ops, rec, unsafe { mview(&ra) }?, unsafe { rt.slice() })?;
        Ok(0)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn heevd<T: Scalar>(
    rout: &str,
    layout: c_int,
    jobz: c_char,
    uplo: c_char,
    n: c_int,
    a: *mut T,
    lda: c_int,
    w: *mut T::Real,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let job = match upper(jobz) {
        b'N' => EigJob::ValuesOnly,
        b'V' => EigJob::Vectors,
        _ => return report(rout, -2),
    };
    let Some(ul) = uplo_of(uplo) else {
        return report(rout, -3);
    };
    if let Some(i) = first(&[(-4, n < 0), (-6, lda < 1.max(n))]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), n, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rw = match arr_arg(w.cast_const(), n, 7) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 5), ("w", 7)], |e| {
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        checked::heevd(ops, rec, job, ul, unsafe { mview(&ra) }?, unsafe {
            rw.slice_mut()
        })?;
        Ok(0)
    });
    report(rout, i)
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn gels<T: Scalar>(
    rout: &str,
    layout: c_int,
    trans: c_char,
    m: c_int,
    n: c_int,
    nrhs: c_int,
    a: *mut T,
    lda: c_int,
    b: *mut T,
    ldb: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let t = match (upper(trans), T::KIND.is_complex()) {
        (b'N', _) => Trans::No,
        (b'T', false) => Trans::Trans,
        (b'C', true) => Trans::ConjTrans,
        _ => return report(rout, -2),
    };
    let mb = m.max(n);
    if let Some(i) = first(&[
        (-3, m < 0),
        (-4, n < 0),
        (-5, nrhs < 0),
        (-7, lda < 1.max(if row { n } else { m })),
        (-9, ldb < 1.max(if row { nrhs } else { mb })),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), m, n, lda, row, 6) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rb = match mat_arg(b.cast_const(), mb, nrhs, ldb, row, 8) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let i = on_engine(&[("a", 6), ("b", 8)], |e| {
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        checked::gels(ops, rec, t, unsafe { mview(&ra) }?, unsafe { mview(&rb) }?)?;
        Ok(0)
    });
    report(rout, i)
}

/// What `gesdd` computes for a `jobz`, and where `U` and `Vᵀ` go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SvdPlan {
    job: SvdJob,
    /// `U`'s shape in `u`, when `u` is referenced.
    u: Option<(c_int, c_int)>,
    /// `Vᵀ`'s shape in `vt`, when `vt` is referenced.
    vt: Option<(c_int, c_int)>,
    /// `'O'`: the thin factor that `u` or `vt` does not receive overwrites
    /// `a` (`U` when `m ≥ n`, `Vᵀ` otherwise).
    over: bool,
}

/// LAPACK's `gesdd` jobs: `'N'` values only; `'S'` thin `U` (m × k) and `Vᵀ`
/// (k × n); `'A'` full `U` (m × m) and `Vᵀ` (n × n); `'O'` thin, with `U`
/// overwriting `a` when `m ≥ n` (then `Vᵀ`, n × n, in `vt`, `u` not
/// referenced) and `Vᵀ` overwriting `a` otherwise (`U`, m × m, in `u`, `vt`
/// not referenced).
fn svd_plan(jobz: c_char, m: c_int, n: c_int) -> Option<SvdPlan> {
    let k = m.min(n);
    let (job, u, vt, over) = match upper(jobz) {
        b'N' => (SvdJob::ValuesOnly, None, None, false),
        b'S' => (SvdJob::Thin, Some((m, k)), Some((k, n)), false),
        b'A' => (SvdJob::Full, Some((m, m)), Some((n, n)), false),
        b'O' if m >= n => (SvdJob::Thin, None, Some((k, n)), true),
        b'O' => (SvdJob::Thin, Some((m, k)), None, true),
        _ => return None,
    };
    Some(SvdPlan { job, u, vt, over })
}

#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn gesdd<T: Scalar>(
    rout: &str,
    layout: c_int,
    jobz: c_char,
    m: c_int,
    n: c_int,
    a: *mut T,
    lda: c_int,
    s: *mut T::Real,
    u_: *mut T,
    ldu: c_int,
    vt: *mut T,
    ldvt: c_int,
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let Some(plan) = svd_plan(jobz, m, n) else {
        return report(rout, -2);
    };
    let k = m.min(n);
    // The leading dimension a referenced factor needs in this layout; 1
    // for one not referenced (LAPACK's and LAPACKE's rule).
    let need =
        |shape: Option<(c_int, c_int)>| shape.map_or(1, |(r, c)| 1.max(if row { c } else { r }));
    if let Some(i) = first(&[
        (-3, m < 0),
        (-4, n < 0),
        (-6, lda < 1.max(if row { n } else { m })),
        (-9, ldu < need(plan.u)),
        (-11, ldvt < need(plan.vt)),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), m, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rs = match arr_arg(s.cast_const(), k, 7) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let ru = match plan
        .u
        .map(|(r, c)| mat_arg(u_.cast_const(), r, c, ldu, row, 8))
    {
        Some(Err(i)) => return report(rout, i),
        other => other.and_then(Result::ok),
    };
    let rv = match plan
        .vt
        .map(|(r, c)| mat_arg(vt.cast_const(), r, c, ldvt, row, 10))
    {
        Some(Err(i)) => return report(rout, i),
        other => other.and_then(Result::ok),
    };
    let (mu, nu, ku) = (u(m), u(n), u(k));
    let i = on_engine(&[("a", 5), ("s", 7), ("u", 8), ("vt", 10)], |e| {
        // The factor that overwrites `a` ('O'), computed aside: `a` is the
        // input until the call returns.
        let mut aside = if plan.over {
            let (r, c) = if mu >= nu { (mu, ku) } else { (ku, nu) };
            Some(Mat::<T>::try_zeros(r, c)?)
        } else {
            None
        };
        // SAFETY: checked extents; separate arrays by contract.
        let (uv, vv) = unsafe {
            (
                match &ru {
                    Some(r) => Some(mview(r)?),
                    None => None,
                },
                match &rv {
                    Some(r) => Some(mview(r)?),
                    None => None,
                },
            )
        };
        let (uv, vv) = match (&mut aside, uv, vv) {
            (Some(t), None, vv) => (Some(t.as_mut()), vv),
            (Some(t), uv, None) => (uv, Some(t.as_mut())),
            (_, uv, vv) => (uv, vv),
        };
        let (ops, rec) = e.dispatch::<T>();
        // SAFETY: checked extents.
        let av = unsafe { mview(&ra) }?;
        // SAFETY: checked extent, a separate array by contract.
        let sv = unsafe { rs.slice_mut() };
        checked::gesdd(ops, rec, plan.job, av, sv, uv, vv)?;
        if let Some(t) = &aside {
            // SAFETY: checked extent; the call above has returned.
            let mut av = unsafe { mview(&ra) }?;
            let t = t.as_ref();
            for j in 0..t.ncols() {
                for i in 0..t.nrows() {
                    *av.at_mut(i, j) = t.at(i, j);
                }
            }
        }
        Ok(0)
    });
    report(rout, i)
}

/// `geev`: eigenvalues into `w` (complex), eigenvectors into temporaries,
/// then copied out by `store_vectors` (LAPACK's real pair format for real
/// types, as is for complex).
#[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
unsafe fn geev<T: Scalar>(
    rout: &str,
    layout: c_int,
    jobvl: c_char,
    jobvr: c_char,
    n: c_int,
    a: *mut T,
    lda: c_int,
    w: &mut dyn FnMut(&[T::Complex]),
    vl: *mut T,
    ldvl: c_int,
    vr: *mut T,
    ldvr: c_int,
    pos: [Info; 4],
) -> Info {
    let Some(row) = row_major(layout) else {
        return report(rout, -1);
    };
    let wl = match upper(jobvl) {
        b'N' => false,
        b'V' => true,
        _ => return report(rout, -2),
    };
    let wr = match upper(jobvr) {
        b'N' => false,
        b'V' => true,
        _ => return report(rout, -3),
    };
    let [pvl, pldvl, pvr, pldvr] = pos;
    if let Some(i) = first(&[
        (-4, n < 0),
        (-6, lda < 1.max(n)),
        (-pldvl, ldvl < 1 || (wl && ldvl < n)),
        (-pldvr, ldvr < 1 || (wr && ldvr < n)),
    ]) {
        return report(rout, i);
    }
    let ra = match mat_arg(a.cast_const(), n, n, lda, row, 5) {
        Ok(r) => r,
        Err(i) => return report(rout, i),
    };
    let rvl = if wl {
        match mat_arg(vl.cast_const(), n, n, ldvl, row, pvl) {
            Ok(r) => Some(r),
            Err(i) => return report(rout, i),
        }
    } else {
        None
    };
    let rvr = if wr {
        match mat_arg(vr.cast_const(), n, n, ldvr, row, pvr) {
            Ok(r) => Some(r),
            Err(i) => return report(rout, i),
        }
    } else {
        None
    };
    let nn = u(n);
    let i = on_engine(&[("a", 5)], |e| {
        let mut vals = linmux_core::try_vec(T::Complex::zero(), nn)?;
        let mut tl = if wl {
            Some(Mat::<T::Complex>::try_zeros(nn, nn)?)
        } else {
            None
        };
        let mut tr = if wr {
            Some(Mat::<T::Complex>::try_zeros(nn, nn)?)
        } else {
            None
        };
        let (ops, rec) = e.dispatch::<T>();
        checked::geev(
            ops,
            rec,
            // SAFETY: checked extent.
            unsafe { mview(&ra) }?,
            &mut vals,
            tl.as_mut().map(Mat::as_mut),
            tr.as_mut().map(Mat::as_mut),
        )?;
        w(&vals);
        for (t, r) in [(&tl, &rvl), (&tr, &rvr)] {
            if let (Some(t), Some(r)) = (t, r) {
                // SAFETY: checked extent, a separate array by contract.
                let mut dst = unsafe { mview(r) }?;
                store_vectors::<T>(&vals, t.as_ref(), &mut dst);
            }
        }
        Ok(0)
    });
    report(rout, i)
}

/// Complex eigenvectors in LAPACK's layout: as is for complex types; for
/// real ones a real eigenvalue's vector is real, and a conjugate pair (the
/// one with positive imaginary part first) stores `Re v`, `Im v`.
fn store_vectors<T: Scalar>(
    vals: &[T::Complex],
    v: MatRef<'_, T::Complex>,
    dst: &mut MatMut<'_, T>,
) {
    let n = vals.len();
    if T::KIND.is_complex() {
        for j in 0..n {
            for i in 0..n {
                *dst.at_mut(i, j) = T::from_c64(v.at(i, j).to_c64());
            }
        }
        return;
    }
    let mut j = 0;
    while j < n {
        let pair = vals[j].im() != <T::Real as num_traits::Zero>::zero() && j + 1 < n;
        for i in 0..n {
            let z = v.at(i, j).to_c64();
            *dst.at_mut(i, j) = T::from_c64(c64::new(z.re, 0.0));
            if pair {
                *dst.at_mut(i, j + 1) = T::from_c64(c64::new(z.im, 0.0));
            }
        }
        j += if pair { 2 } else { 1 };
    }
}

use num_traits::Zero as _;

/// `NonFinite` naming `arg` if `m` holds a NaN or an infinity.
fn finite_or<T: Scalar>(arg: &'static str, m: MatRef<'_, T>) -> linmux_core::Result<()> {
    // An empty matrix may have a huge other dimension: do not walk it.
    if m.is_empty() {
        return Ok(());
    }
    for j in 0..m.ncols() {
        for i in 0..m.nrows() {
            let z = m.at(i, j).to_c64();
            if !(z.re.is_finite() && z.im.is_finite()) {
                return Err(Error::NonFinite {
                    op: "lapacke",
                    arg,
                    row: i,
                    col: j,
                });
            }
        }
    }
    Ok(())
}

macro_rules! exports {
    ($($p:ident $t:ty, $r:ty, $he:ident, $un:ident;)*) => { paste::paste! { $(
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<LAPACKE_ $p getrf>](layout: c_int, m: c_int, n: c_int, a: *mut $t, lda: c_int, ipiv: *mut c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { getrf(concat!("LAPACKE_", stringify!($p), "getrf"), layout, m, n, a, lda, ipiv) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p getrs>](layout: c_int, trans: c_char, n: c_int, nrhs: c_int, a: *const $t, lda: c_int, ipiv: *const c_int, b: *mut $t, ldb: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { getrs(concat!("LAPACKE_", stringify!($p), "getrs"), layout, trans, n, nrhs, a, lda, ipiv, b, ldb) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<LAPACKE_ $p getri>](layout: c_int, n: c_int, a: *mut $t, lda: c_int, ipiv: *const c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { getri(concat!("LAPACKE_", stringify!($p), "getri"), layout, n, a, lda, ipiv) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<LAPACKE_ $p potrf>](layout: c_int, uplo: c_char, n: c_int, a: *mut $t, lda: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { potrf(concat!("LAPACKE_", stringify!($p), "potrf"), layout, uplo, n, a, lda) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p potrs>](layout: c_int, uplo: c_char, n: c_int, nrhs: c_int, a: *const $t, lda: c_int, b: *mut $t, ldb: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { potrs(concat!("LAPACKE_", stringify!($p), "potrs"), layout, uplo, n, nrhs, a, lda, b, ldb) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p gesv>](layout: c_int, n: c_int, nrhs: c_int, a: *mut $t, lda: c_int, ipiv: *mut c_int, b: *mut $t, ldb: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { gesv(concat!("LAPACKE_", stringify!($p), "gesv"), layout, n, nrhs, a, lda, ipiv, b, ldb) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p posv>](layout: c_int, uplo: c_char, n: c_int, nrhs: c_int, a: *mut $t, lda: c_int, b: *mut $t, ldb: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { posv(concat!("LAPACKE_", stringify!($p), "posv"), layout, uplo, n, nrhs, a, lda, b, ldb) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<LAPACKE_ $p geqrf>](layout: c_int, m: c_int, n: c_int, a: *mut $t, lda: c_int, tau: *mut $t) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { geqrf(concat!("LAPACKE_", stringify!($p), "geqrf"), layout, m, n, a, lda, tau) }
        }
        /// LAPACKE export (`orgqr` / `ungqr`).
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p $un gqr>](layout: c_int, m: c_int, n: c_int, k: c_int, a: *mut $t, lda: c_int, tau: *const $t) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { ungqr(concat!("LAPACKE_", stringify!($p), stringify!($un), "gqr"), layout, m, n, k, a, lda, tau) }
        }
        /// LAPACKE export (`syevd` / `heevd`).
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p $he evd>](layout: c_int, jobz: c_char, uplo: c_char, n: c_int, a: *mut $t, lda: c_int, w: *mut $r) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { heevd(concat!("LAPACKE_", stringify!($p), stringify!($he), "evd"), layout, jobz, uplo, n, a, lda, w) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p gels>](layout: c_int, trans: c_char, m: c_int, n: c_int, nrhs: c_int, a: *mut $t, lda: c_int, b: *mut $t, ldb: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { gels(concat!("LAPACKE_", stringify!($p), "gels"), layout, trans, m, n, nrhs, a, lda, b, ldb) }
        }
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p gesdd>](layout: c_int, jobz: c_char, m: c_int, n: c_int, a: *mut $t, lda: c_int, s: *mut $r, u: *mut $t, ldu: c_int, vt: *mut $t, ldvt: c_int) -> c_int {
            // SAFETY: the caller's contract.
            unsafe { gesdd(concat!("LAPACKE_", stringify!($p), "gesdd"), layout, jobz, m, n, a, lda, s, u, ldu, vt, ldvt) }
        }
    )* }};
}

exports! {
    s f32, f32, sy, or;
    d f64, f64, sy, or;
    c c32, f32, he, un;
    z c64, f64, he, un;
}

macro_rules! geev_real {
    ($($p:ident $t:ty;)*) => { paste::paste! { $(
        /// LAPACKE export: eigenvalues as `wr + i·wi`, eigenvectors in
        /// LAPACK's real pair format.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p geev>](layout: c_int, jobvl: c_char, jobvr: c_char, n: c_int, a: *mut $t, lda: c_int, wr: *mut $t, wi: *mut $t, vl: *mut $t, ldvl: c_int, vr: *mut $t, ldvr: c_int) -> c_int {
            let rout = concat!("LAPACKE_", stringify!($p), "geev");
            if n > 0 && (wr.is_null() || wi.is_null()) {
                return report(rout, if wr.is_null() { -7 } else { -8 });
            }
            let mut store = |vals: &[<$t as Scalar>::Complex]| {
                for (i, z) in vals.iter().enumerate() {
                    // SAFETY: wr and wi hold n values by LAPACKE's contract.
                    unsafe {
                        wr.add(i).write(z.re);
                        wi.add(i).write(z.im);
                    }
                }
            };
            // SAFETY: the caller's contract.
            unsafe { geev::<$t>(rout, layout, jobvl, jobvr, n, a, lda, &mut store, vl, ldvl, vr, ldvr, [9, 10, 11, 12]) }
        }
    )* }};
}
geev_real! { s f32; d f64; }

macro_rules! geev_complex {
    ($($p:ident $t:ty;)*) => { paste::paste! { $(
        /// LAPACKE export.
        ///
        /// # Safety
        /// LAPACKE's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the LAPACKE signature")]
        pub unsafe extern "C" fn [<LAPACKE_ $p geev>](layout: c_int, jobvl: c_char, jobvr: c_char, n: c_int, a: *mut $t, lda: c_int, w: *mut $t, vl: *mut $t, ldvl: c_int, vr: *mut $t, ldvr: c_int) -> c_int {
            let rout = concat!("LAPACKE_", stringify!($p), "geev");
            if n > 0 && w.is_null() {
                return report(rout, -7);
            }
            let mut store = |vals: &[$t]| {
                // SAFETY: w holds n values by LAPACKE's contract.
                unsafe { std::ptr::copy_nonoverlapping(vals.as_ptr(), w, vals.len()) };
            };
            // SAFETY: the caller's contract.
            unsafe { geev::<$t>(rout, layout, jobvl, jobvr, n, a, lda, &mut store, vl, ldvl, vr, ldvr, [8, 9, 10, 11]) }
        }
    )* }};
}
geev_complex! { c c32; z c64; }

/// The declarations of `include/linmux/lapacke.h`, with `{p}`, `{T}` (the
/// C element type: `float`, `lapack_complex_float`, ...), `{R}` (real).
#[cfg_attr(not(test), allow(dead_code, reason = "read by the header generator"))]
pub(crate) const DECLS: &[(&str, &str)] = &[
    (
        "sdcz",
        "lapack_int LAPACKE_{p}getrf(int matrix_layout, lapack_int m, lapack_int n, {T} *a, lapack_int lda, lapack_int *ipiv)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}getrs(int matrix_layout, char trans, lapack_int n, lapack_int nrhs, const {T} *a, lapack_int lda, const lapack_int *ipiv, {T} *b, lapack_int ldb)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}getri(int matrix_layout, lapack_int n, {T} *a, lapack_int lda, const lapack_int *ipiv)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}potrf(int matrix_layout, char uplo, lapack_int n, {T} *a, lapack_int lda)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}potrs(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, const {T} *a, lapack_int lda, {T} *b, lapack_int ldb)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}gesv(int matrix_layout, lapack_int n, lapack_int nrhs, {T} *a, lapack_int lda, lapack_int *ipiv, {T} *b, lapack_int ldb)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}posv(int matrix_layout, char uplo, lapack_int n, lapack_int nrhs, {T} *a, lapack_int lda, {T} *b, lapack_int ldb)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}geqrf(int matrix_layout, lapack_int m, lapack_int n, {T} *a, lapack_int lda, {T} *tau)",
    ),
    (
        "sd",
        "lapack_int LAPACKE_{p}orgqr(int matrix_layout, lapack_int m, lapack_int n, lapack_int k, {T} *a, lapack_int lda, const {T} *tau)",
    ),
    (
        "cz",
        "lapack_int LAPACKE_{p}ungqr(int matrix_layout, lapack_int m, lapack_int n, lapack_int k, {T} *a, lapack_int lda, const {T} *tau)",
    ),
    (
        "sd",
        "lapack_int LAPACKE_{p}syevd(int matrix_layout, char jobz, char uplo, lapack_int n, {T} *a, lapack_int lda, {R} *w)",
    ),
    (
        "cz",
        "lapack_int LAPACKE_{p}heevd(int matrix_layout, char jobz, char uplo, lapack_int n, {T} *a, lapack_int lda, {R} *w)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}gels(int matrix_layout, char trans, lapack_int m, lapack_int n, lapack_int nrhs, {T} *a, lapack_int lda, {T} *b, lapack_int ldb)",
    ),
    (
        "sdcz",
        "lapack_int LAPACKE_{p}gesdd(int matrix_layout, char jobz, lapack_int m, lapack_int n, {T} *a, lapack_int lda, {R} *s, {T} *u, lapack_int ldu, {T} *vt, lapack_int ldvt)",
    ),
    (
        "sd",
        "lapack_int LAPACKE_{p}geev(int matrix_layout, char jobvl, char jobvr, lapack_int n, {T} *a, lapack_int lda, {T} *wr, {T} *wi, {T} *vl, lapack_int ldvl, {T} *vr, lapack_int ldvr)",
    ),
    (
        "cz",
        "lapack_int LAPACKE_{p}geev(int matrix_layout, char jobvl, char jobvr, lapack_int n, {T} *a, lapack_int lda, {T} *w, {T} *vl, lapack_int ldvl, {T} *vr, lapack_int ldvr)",
    ),
];
