//! Drop-in CBLAS: the reference `cblas_*` names, signatures (LAPACK 3.11+
//! `cblas.h`, 32-bit `CBLAS_INT`) and error behaviour, served by the current
//! engine (`LINMUX_BACKEND`, or `linmux_backend_set`).
//!
//! Bad arguments are found here, in the reference's order, before any
//! backend runs: `cblas_xerbla(info, "cblas_dgemm", form)` is called with
//! the position the reference passes (for `CblasRowMajor`, the position in
//! the swapped Fortran call, which the reference's own handler maps back),
//! and no output is touched. A `cblas_xerbla` the program defines is found
//! through the global scope at the call and takes precedence; ours prints
//! and returns. No vendor's error handler is ever reached (MKL's calls a
//! global `cblas_xerbla` with its own argument order).
//!
//! Level 1 follows the Fortran reference: `n ≤ 0` does nothing (returns 0),
//! a negative increment walks backwards; where the reference returns at
//! once for `inc ≤ 0` (`nrm2`, `asum`, `i?amax`, `scal`) so do these. An
//! output vector with increment 0 and `n > 1` is left untouched (the
//! reference would write one element `n` times).

#![allow(non_upper_case_globals, reason = "the reference CBLAS's names")]

use std::ffi::{CStr, c_char, c_int, c_void};
use std::ptr::NonNull;
use std::sync::atomic::{AtomicI32, Ordering};

use linmux_core::{MatMut, MatRef, Ops, Routine, Scalar, Trans, VecMut, VecRef, c32, c64, checked};

/// The reference CBLAS's flag: 1 while a row-major call reports an error,
/// so that handlers written for the reference (its test programs') can map
/// the position back.
#[unsafe(no_mangle)]
pub static RowMajorStrg: AtomicI32 = AtomicI32::new(0);

type Handler = unsafe extern "C" fn(c_int, *const c_char, *const c_char, ...);

/// The default error handler: prints the reference's message and returns
/// (never exits). Programs may define their own `cblas_xerbla`, which then
/// takes precedence.
///
/// The reference declares it variadic, `(CBLAS_INT, const char *, const
/// char *, ...)`; this definition reads only the three fixed arguments,
/// which the x86-64 and AArch64 (Linux) calling conventions pass exactly as
/// for a non-variadic call.
///
/// # Safety
/// `rout` and `form` are NULL or NUL-terminated strings.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cblas_xerbla(info: c_int, rout: *const c_char, form: *const c_char) {
    let _ = form;
    let name = if rout.is_null() {
        String::from("?")
    } else {
        // SAFETY: NUL-terminated by the caller's contract.
        unsafe { CStr::from_ptr(rout) }
            .to_string_lossy()
            .into_owned()
    };
    let info = map_info(info, &name, RowMajorStrg.load(Ordering::Relaxed) != 0);
    if info != 0 {
        eprintln!("Parameter {info} to routine {name} was incorrect");
    }
}

/// The reference's `cblas_xerbla_map_info`: for a row-major call, the
/// argument positions the swapped Fortran call exchanges (an involution).
fn map_info(info: c_int, rout: &str, row_major: bool) -> c_int {
    if !row_major {
        return info;
    }
    let op = rout.strip_prefix("cblas_").unwrap_or(rout);
    let op = op.get(1..).unwrap_or(op);
    let pairs: &[(c_int, c_int)] = match op {
        "gemmtr" => &[(9, 11)],
        "gemm" => &[(4, 5), (9, 11)],
        "symm" | "hemm" | "skewsymm" => &[(4, 5)],
        "trmm" | "trsm" => &[(6, 7)],
        "gemv" => &[(3, 4)],
        "gbmv" => &[(3, 4), (5, 6)],
        "ger" | "geru" | "gerc" => &[(2, 3), (6, 8)],
        "her2" | "hpr2" => &[(6, 8)],
        _ => &[],
    };
    for &(a, b) in pairs {
        if info == a {
            return b;
        }
        if info == b {
            return a;
        }
    }
    info
}

/// Reports argument `pos` (the true CBLAS position) of `rout` as the
/// reference does: through the program's `cblas_xerbla` if it defines one,
/// else ours.
#[cold]
#[inline(never)]
pub(crate) fn xerbla(pos: c_int, rout: &CStr, row_major: bool) {
    let info = map_info(pos, rout.to_str().unwrap_or(""), row_major);
    let ours = cblas_xerbla as *const c_void;
    RowMajorStrg.store(i32::from(row_major), Ordering::Relaxed);
    match linmux_loader::global_symbol(c"cblas_xerbla") {
        Some(p) if p != ours => {
            // SAFETY: a program-defined `cblas_xerbla` has the reference's
            // variadic signature; an empty format takes no further arguments.
            let f: Handler = unsafe { std::mem::transmute::<*const c_void, Handler>(p) };
            // SAFETY: valid NUL-terminated strings.
            unsafe { f(info, rout.as_ptr(), c"".as_ptr()) };
        }
        // SAFETY: valid NUL-terminated strings.
        _ => unsafe { cblas_xerbla(info, rout.as_ptr(), c"".as_ptr()) },
    }
    RowMajorStrg.store(0, Ordering::Relaxed);
}

/// A failure after validation (a backend error): reported with position 0
/// and the message, as the reference's handler prints a bare `form`.
#[cold]
#[inline(never)]
fn backend_failure(rout: &CStr, e: &linmux_core::Error) {
    crate::boundary::set_last_error(e.to_string());
    eprintln!("{}: {e}", rout.to_string_lossy());
}

pub(crate) fn trans(v: c_int) -> Option<Trans> {
    match v {
        111 => Some(Trans::No),
        112 => Some(Trans::Trans),
        113 => Some(Trans::ConjTrans),
        _ => None,
    }
}

pub(crate) fn layout(v: c_int) -> Option<bool> {
    match v {
        101 => Some(true),
        102 => Some(false),
        _ => None,
    }
}

/// `usize` of a validated non-negative `CBLAS_INT`.
pub(crate) fn u(v: c_int) -> usize {
    usize::try_from(v).unwrap_or(0)
}

/// Runs `f` on the current engine's operations for `T` and its provenance
/// recorder ([`lm::with_current_ops`]: one thread-local lookup), behind the
/// panic boundary; any failure is printed (never an exit).
///
/// `f` runs once; it is `FnMut` so that it is passed by reference all the
/// way down (see [`lm::with_current_ops`]).
#[inline]
pub(crate) fn on_ops<T: Scalar>(
    rout: &CStr,
    mut f: impl FnMut(&dyn Ops<T>, lm::Recorder<'_>) -> linmux_core::Result<()>,
) {
    let r = crate::boundary::run(|| lm::with_current_ops::<T, _>(&mut f)?.map_err(Into::into));
    if r != crate::status::OK {
        failed(rout);
    }
}

#[cold]
#[inline(never)]
fn failed(rout: &CStr) {
    backend_failure(
        rout,
        &linmux_core::Error::Backend {
            backend: String::from("linmux"),
            routine: "cblas",
            detail: String::from("see the message above"),
        },
    );
}

/// A strided matrix view of a validated CBLAS matrix argument.
///
/// # Safety
/// `p` is valid for the `rows × cols` extent with leading dimension `ld`.
pub(crate) unsafe fn mat<'a, T: Scalar>(
    p: *const T,
    rows: usize,
    cols: usize,
    ld: c_int,
    row: bool,
) -> MatRef<'a, T> {
    let ld = isize::try_from(ld).unwrap_or(1);
    let (rs, cs) = if row { (ld, 1) } else { (1, ld) };
    // SAFETY: forwarded to the caller; validation checked ld against the shape.
    unsafe { MatRef::from_raw_parts(p, rows, cols, rs, cs) }
}

/// # Safety
/// As [`mat`], for writes, and reached through no other argument.
pub(crate) unsafe fn mat_mut<'a, T: Scalar>(
    p: *mut T,
    rows: usize,
    cols: usize,
    ld: c_int,
    row: bool,
) -> MatMut<'a, T> {
    let ld = isize::try_from(ld).unwrap_or(1);
    let (rs, cs) = if row { (ld, 1) } else { (1, ld) };
    // SAFETY: forwarded to the caller.
    unsafe { MatMut::from_raw_parts(p, rows, cols, rs, cs) }
}

/// Element 0 of a BLAS vector of `n > 0` elements: the last in memory for a
/// negative increment.
fn first<T>(p: *const T, n: usize, inc: c_int) -> *const T {
    if inc < 0 {
        p.wrapping_offset(((n - 1) * inc.unsigned_abs() as usize).cast_signed())
    } else {
        p
    }
}

/// # Safety
/// `p` (non-NULL) is valid for `n > 0` elements with increment `inc`.
pub(crate) unsafe fn vec<'a, T: Scalar>(p: *const T, n: usize, inc: c_int) -> VecRef<'a, T> {
    // SAFETY: forwarded to the caller.
    unsafe { VecRef::from_raw_parts(first(p, n, inc), n, inc as isize) }
}

/// # Safety
/// As [`vec`], for writes; `inc != 0` or `n == 1`.
pub(crate) unsafe fn vec_mut<'a, T: Scalar>(p: *mut T, n: usize, inc: c_int) -> VecMut<'a, T> {
    // SAFETY: forwarded to the caller.
    unsafe { VecMut::from_raw_parts(first(p, n, inc).cast_mut(), n, inc as isize) }
}

// ---- level 3 -------------------------------------------------------------

/// `cblas_?gemm`, checked in the reference's order.
///
/// # Safety
/// The reference CBLAS's contract.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
#[inline]
unsafe fn gemm<T: VendorCall>(
    rout: &CStr,
    order: c_int,
    ta: c_int,
    tb: c_int,
    m: c_int,
    n: c_int,
    k: c_int,
    alpha: T,
    a: *const T,
    lda: c_int,
    b: *const T,
    ldb: c_int,
    beta: T,
    c: *mut T,
    ldc: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let Some(ta) = trans(ta) else {
        return xerbla(2, rout, row);
    };
    let Some(tb) = trans(tb) else {
        return xerbla(3, rout, row);
    };
    let (na, nb) = (ta == Trans::No, tb == Trans::No);
    // A's and B's stored rows (row-major) or columns (column-major) are
    // what lda and ldb must cover. One test for the common case, all valid;
    // the reference's order only when something is wrong.
    let (a_inner, b_inner) = if row {
        (if na { k } else { m }, if nb { n } else { k })
    } else {
        (if na { m } else { k }, if nb { k } else { n })
    };
    if ((m | n | k) < 0
        || lda < a_inner.max(1)
        || ldb < b_inner.max(1)
        || ldc < (if row { n } else { m }).max(1)
        || a.is_null()
        || b.is_null()
        || c.is_null())
        && let Some(pos) = gemm_bad(row, na, nb, m, n, k, a, lda, b, ldb, c, ldc)
    {
        return xerbla(pos, rout, row);
    }
    if m > 0
        && n > 0
        && k > 0
        && alpha != T::zero()
        // SAFETY: validated above in the reference's terms, non-empty,
        // α ≠ 0; C overlapping A or B is outside the CBLAS contract.
        && unsafe {
            gemm_direct(
                rout,
                &GemmCall {
                    order,
                    ta: trans_code::<T>(ta),
                    tb: trans_code::<T>(tb),
                    m,
                    n,
                    k,
                    alpha,
                    a,
                    lda,
                    b,
                    ldb,
                    beta,
                    c,
                    ldc,
                },
            )
        }
    {
        return;
    }
    // SAFETY: validated above.
    unsafe {
        gemm_views(
            rout, row, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc,
        )
    }
}

/// The fast path of `cblas_?gemm`: the validated call passed on as it came
/// to the current backend's own vendor `cblas_?gemm` ([`Ops::vendor_gemm`]),
/// with no views built and taken apart again (the per-call cost the
/// README's "C and C++" measures), counted for provenance as every call is.
/// `false` when the backend has none, its size policy wants the call on one
/// thread, or no engine could be had: the views path then runs (and
/// reports that). `true` when the call ran, or failed and was reported.
///
/// # Safety
/// A call [`gemm`] validated, non-empty, with `α ≠ 0`
/// ([`linmux_core::VendorGemm`]).
#[inline]
unsafe fn gemm_direct<T: VendorCall>(rout: &CStr, call: &GemmCall<T>) -> bool {
    let mut taken = false;
    let status = crate::boundary::run(|| {
        let r = lm::with_current_ops::<T, _>(|ops, rec| {
            let v = ops.vendor_gemm()?;
            if v.serial.contains(u(call.m.max(call.n).max(call.k))) {
                return None;
            }
            // SAFETY: `v.addr` is the backend's `cblas_?gemm` for `T`; the
            // call is valid by the caller's contract.
            unsafe { T::vendor_gemm(v.addr, call) };
            rec.record(Routine::Gemm);
            Some(v.after.and_then(|f| f()))
        });
        match r {
            Ok(Some(reported)) => {
                taken = true;
                reported.map_or(Ok(()), |detail| {
                    Err(linmux_core::Error::Backend {
                        backend: String::from("the vendor's CBLAS"),
                        routine: "gemm",
                        detail,
                    }
                    .into())
                })
            }
            _ => Ok(()),
        }
    });
    if status != crate::status::OK {
        failed(rout);
        return true;
    }
    taken
}

/// The CBLAS code of a validated transpose flag as a vendor is to get it:
/// real types' `CblasConjTrans` as `CblasTrans`.
fn trans_code<T: Scalar>(t: Trans) -> c_int {
    match t {
        Trans::No => 111,
        Trans::ConjTrans if T::IS_COMPLEX => 113,
        Trans::Trans | Trans::ConjTrans => 112,
    }
}

/// A validated `cblas_?gemm` call, flags as the vendor is to get them
/// ([`trans_code`]); the closures of [`gemm_direct`] borrow it whole
/// (measured: capturing the arguments one by one cost more than the rest
/// of that path).
#[allow(missing_docs, reason = "the CBLAS arguments of the same names")]
pub(crate) struct GemmCall<T> {
    order: c_int,
    ta: c_int,
    tb: c_int,
    m: c_int,
    n: c_int,
    k: c_int,
    alpha: T,
    a: *const T,
    lda: c_int,
    b: *const T,
    ldb: c_int,
    beta: T,
    c: *mut T,
    ldc: c_int,
}

/// Calls a vendor's `cblas_?gemm` ([`linmux_core::VendorGemm::addr`])
/// through the reference `cblas.h` signature for `Self` (complex `α` and
/// `β` by pointer).
pub(crate) trait VendorCall: Scalar {
    /// # Safety
    /// `addr` is a vendor's `cblas_?gemm` for `Self`, and the call is valid.
    unsafe fn vendor_gemm(addr: NonNull<c_void>, call: &GemmCall<Self>);
}

macro_rules! vendor_call {
    ($($t:ty, $scalar:ty, $pass:expr;)*) => {$(
        impl VendorCall for $t {
            #[inline]
            unsafe fn vendor_gemm(addr: NonNull<c_void>, g: &GemmCall<Self>) {
                type F = unsafe extern "C" fn(
                    c_int, c_int, c_int, c_int, c_int, c_int, $scalar, *const $t, c_int,
                    *const $t, c_int, $scalar, *mut $t, c_int,
                );
                // SAFETY: the caller's contract: `addr` has this signature.
                let f = unsafe { std::mem::transmute::<*mut c_void, F>(addr.as_ptr()) };
                let pass: fn(&Self) -> $scalar = $pass;
                // SAFETY: the caller's contract.
                unsafe {
                    f(
                        g.order, g.ta, g.tb, g.m, g.n, g.k, pass(&g.alpha), g.a, g.lda, g.b,
                        g.ldb, pass(&g.beta), g.c, g.ldc,
                    )
                }
            }
        }
    )*};
}

vendor_call! {
    f32, f32, |x| *x;
    f64, f64, |x| *x;
    c32, *const c_void, |x| std::ptr::from_ref(x).cast();
    c64, *const c_void, |x| std::ptr::from_ref(x).cast();
}

/// `cblas_?gemm` through views and [`Ops::gemm_unchecked`] (or the checked
/// surface for the BLAS quick returns), after [`gemm`]'s validation.
///
/// # Safety
/// As [`gemm`], validated.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
#[inline(never)]
unsafe fn gemm_views<T: Scalar>(
    rout: &CStr,
    row: bool,
    ta: Trans,
    tb: Trans,
    m: c_int,
    n: c_int,
    k: c_int,
    alpha: T,
    a: *const T,
    lda: c_int,
    b: *const T,
    ldb: c_int,
    beta: T,
    c: *mut T,
    ldc: c_int,
) {
    let (na, nb) = (ta == Trans::No, tb == Trans::No);
    let (m, n, k) = (u(m), u(n), u(k));
    let (ar, ac) = if na { (m, k) } else { (k, m) };
    let (br, bc) = if nb { (k, n) } else { (n, k) };
    // `move`: the closure holds the values themselves (cheaper to build
    // than references to spilled locals); it is passed by reference.
    on_ops::<T>(rout, move |ops, rec| {
        // SAFETY: shapes and leading dimensions validated above; the
        // pointers are the caller's, valid by the CBLAS contract.
        let (av, bv, cv) = unsafe {
            (
                mat(a, ar, ac, lda, row),
                mat(b, br, bc, ldb, row),
                mat_mut(c, m, n, ldc, row),
            )
        };
        if m > 0 && n > 0 && k > 0 && alpha != T::zero() {
            // The arguments checked::gemm hands on unchanged: validated
            // above in the reference's terms (shapes of op(A), op(B) and C
            // agree by construction), non-empty, k > 0, α ≠ 0, and views
            // made from pointers are never conjugated. Skipping it saves
            // checking the same things twice per call (measured in the
            // README's "C and C++"); every other case takes it, so its BLAS
            // policy (β applied for α = 0 or k = 0) is not repeated here.
            // SAFETY: as just stated; C overlapping A or B is outside the
            // CBLAS contract.
            let r = unsafe { ops.gemm_unchecked(ta, tb, alpha, av, bv, beta, cv) };
            rec.record(Routine::Gemm);
            r
        } else {
            checked::gemm(ops, rec.on_call(), ta, tb, alpha, av, bv, beta, cv)
        }
    });
}

/// The position the reference reports for a `gemm` call that failed the
/// combined test, in its order (`None`: only a NULL pointer to an empty
/// matrix, which is allowed).
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments, reason = "the CBLAS arguments")]
fn gemm_bad<T>(
    row: bool,
    na: bool,
    nb: bool,
    m: c_int,
    n: c_int,
    k: c_int,
    a: *const T,
    lda: c_int,
    b: *const T,
    ldb: c_int,
    c: *mut T,
    ldc: c_int,
) -> Option<c_int> {
    let checks = if row {
        [
            (5, n < 0),
            (4, m < 0),
            (6, k < 0),
            (11, ldb < 1.max(if nb { n } else { k })),
            (9, lda < 1.max(if na { k } else { m })),
            (14, ldc < 1.max(n)),
        ]
    } else {
        [
            (4, m < 0),
            (5, n < 0),
            (6, k < 0),
            (9, lda < 1.max(if na { m } else { k })),
            (11, ldb < 1.max(if nb { k } else { n })),
            (14, ldc < 1.max(m)),
        ]
    };
    if let Some(pos) = first_bad(&checks) {
        return Some(pos);
    }
    let (m, n, k) = (u(m), u(n), u(k));
    let (ar, ac) = if na { (m, k) } else { (k, m) };
    let (br, bc) = if nb { (k, n) } else { (n, k) };
    [
        (8, a.is_null(), ar * ac),
        (10, b.is_null(), br * bc),
        (13, c.is_null(), m * n),
    ]
    .into_iter()
    .find(|&(_, null, len)| null && len > 0)
    .map(|(pos, ..)| pos)
}

// ---- level 2 -------------------------------------------------------------

/// `cblas_?gemv`, checked in the reference's order.
///
/// # Safety
/// The reference CBLAS's contract.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
#[inline]
unsafe fn gemv<T: Scalar>(
    rout: &CStr,
    order: c_int,
    ta: c_int,
    m: c_int,
    n: c_int,
    alpha: T,
    a: *const T,
    lda: c_int,
    x: *const T,
    incx: c_int,
    beta: T,
    y: *mut T,
    incy: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let Some(ta) = trans(ta) else {
        return xerbla(2, rout, row);
    };
    let checks = if row {
        [
            (4, n < 0),
            (3, m < 0),
            (7, lda < 1.max(n)),
            (9, incx == 0),
            (12, incy == 0),
        ]
    } else {
        [
            (3, m < 0),
            (4, n < 0),
            (7, lda < 1.max(m)),
            (9, incx == 0),
            (12, incy == 0),
        ]
    };
    if let Some(&(pos, _)) = checks.iter().find(|(_, bad)| *bad) {
        return xerbla(pos, rout, row);
    }
    let (m, n) = (u(m), u(n));
    let (lx, ly) = if ta == Trans::No { (n, m) } else { (m, n) };
    for (pos, null, len) in [
        (6, a.is_null(), m * n),
        (8, x.is_null(), lx),
        (11, y.is_null(), ly),
    ] {
        if null && len > 0 {
            return xerbla(pos, rout, row);
        }
    }
    if m == 0 || n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated shapes; pointers valid by the CBLAS contract;
        // increments are non-zero.
        let (av, xv, yv) = unsafe {
            (
                mat(a, m, n, lda, row),
                vec(x, lx, incx),
                vec_mut(y, ly, incy),
            )
        };
        checked::gemv(ops, rec.on_call(), ta, alpha, av, xv, beta, yv)
    });
}

macro_rules! level23 {
    ($($p:ident $t:ty, $alpha:ident: $at:ty => $conv:expr;)*) => { paste::paste! { $(
        #[doc = concat!("`cblas_", stringify!($p), "gemm`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p gemm>](
            layout: c_int, transa: c_int, transb: c_int, m: c_int, n: c_int, k: c_int,
            alpha: $at, a: *const $t, lda: c_int, b: *const $t, ldb: c_int,
            beta: $at, c: *mut $t, ldc: c_int,
        ) {
            let conv = |$alpha: $at| -> $t { $conv };
            let (alpha, beta) = (conv(alpha), conv(beta));
            // SAFETY: the caller's contract.
            unsafe {
                gemm(concat_c!("cblas_", $p, "gemm"), layout, transa, transb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            }
        }

        #[doc = concat!("`cblas_", stringify!($p), "gemv`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p gemv>](
            layout: c_int, trans: c_int, m: c_int, n: c_int, alpha: $at, a: *const $t,
            lda: c_int, x: *const $t, incx: c_int, beta: $at, y: *mut $t, incy: c_int,
        ) {
            let conv = |$alpha: $at| -> $t { $conv };
            let (alpha, beta) = (conv(alpha), conv(beta));
            // SAFETY: the caller's contract.
            unsafe { gemv(concat_c!("cblas_", $p, "gemv"), layout, trans, m, n, alpha, a, lda, x, incx, beta, y, incy) }
        }
    )* }};
}

/// A `&'static CStr` from literal pieces, built at compile time (a run-time
/// `from_bytes_with_nul` cost about 110 instructions per call).
macro_rules! concat_c {
    ($($piece:tt),*) => {
        const {
            match CStr::from_bytes_with_nul(concat!($(concat_c!(@s $piece)),*, "\0").as_bytes()) {
                Ok(c) => c,
                Err(_) => c"cblas",
            }
        }
    };
    (@s $lit:literal) => { $lit };
    (@s $id:ident) => { stringify!($id) };
}
pub(crate) use concat_c;

/// The position of the first failing check, in the order given.
pub(crate) fn first_bad(checks: &[(c_int, bool)]) -> Option<c_int> {
    checks.iter().find(|(_, bad)| *bad).map(|(pos, _)| *pos)
}

level23! {
    s f32, v: f32 => v;
    d f64, v: f64 => v;
    // SAFETY (in the expansion): complex scalars come by pointer, as in the
    // reference; NULL is read as zero.
    c c32, v: *const c_void => read_scalar::<c32>(v);
    z c64, v: *const c_void => read_scalar::<c64>(v);
}

/// A complex scalar passed by pointer (`const void *alpha`); NULL reads as 0.
pub(crate) fn read_scalar<T: Scalar>(p: *const c_void) -> T {
    if p.is_null() {
        return T::zero();
    }
    // SAFETY: the CBLAS contract: `p` points to one `T` (possibly unaligned
    // in C's eyes, so read unaligned).
    unsafe { p.cast::<T>().read_unaligned() }
}

// ---- level 1 -------------------------------------------------------------

/// Runs a level-1 operation when `n > 0` and every pointer is non-NULL.
#[inline]
pub(crate) fn level1<T: Scalar, R: Default>(
    rout: &CStr,
    n: c_int,
    ptrs: &[*const c_void],
    mut f: impl FnMut(&dyn Ops<T>, lm::Recorder<'_>, usize) -> linmux_core::Result<R>,
) -> R {
    if n <= 0 || ptrs.iter().any(|p| p.is_null()) {
        return R::default();
    }
    let mut out = R::default();
    on_ops::<T>(rout, |ops, rec| {
        out = f(ops, rec, u(n))?;
        Ok(())
    });
    out
}

macro_rules! level1_real {
    ($($p:ident $t:ty;)*) => { paste::paste! { $(
        #[doc = concat!("`cblas_", stringify!($p), "dot`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p dot>](n: c_int, x: *const $t, incx: c_int, y: *const $t, incy: c_int) -> $t {
            level1::<$t, _>(concat_c!("cblas_", $p, "dot"), n, &[x.cast(), y.cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec(x, n, incx), vec(y, n, incy)) };
                checked::dot(ops, rec.on_call(), xv, yv)
            })
        }
    )* }};
}
level1_real! { s f32; d f64; }

macro_rules! level1_all {
    ($($p:ident $t:ty, $r:ty, $nrm:ident, $asum:ident, $alpha:ident: $at:ty => $conv:expr;)*) => { paste::paste! { $(
        #[doc = concat!("`cblas_", stringify!($nrm), "`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $nrm>](n: c_int, x: *const $t, incx: c_int) -> $r {
            if incx <= 0 { return <$r>::default(); }
            level1::<$t, _>(concat_c!("cblas_", $nrm), n, &[x.cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let xv = unsafe { vec(x, n, incx) };
                checked::nrm2(ops, rec.on_call(), xv)
            })
        }

        #[doc = concat!("`cblas_", stringify!($asum), "`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $asum>](n: c_int, x: *const $t, incx: c_int) -> $r {
            if incx <= 0 { return <$r>::default(); }
            level1::<$t, _>(concat_c!("cblas_", $asum), n, &[x.cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let xv = unsafe { vec(x, n, incx) };
                checked::asum(ops, rec.on_call(), xv)
            })
        }

        #[doc = concat!("`cblas_i", stringify!($p), "amax` (0-based).")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_i $p amax>](n: c_int, x: *const $t, incx: c_int) -> usize {
            if incx <= 0 { return 0; }
            level1::<$t, _>(concat_c!("cblas_i", $p, "amax"), n, &[x.cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let xv = unsafe { vec(x, n, incx) };
                checked::iamax(ops, rec.on_call(), xv)
            })
        }

        #[doc = concat!("`cblas_", stringify!($p), "axpy`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p axpy>](n: c_int, alpha: $at, x: *const $t, incx: c_int, y: *mut $t, incy: c_int) {
            let conv = |$alpha: $at| -> $t { $conv };
            let alpha = conv(alpha);
            if incy == 0 && n > 1 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, "axpy"), n, &[x.cast(), y.cast_const().cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec(x, n, incx), vec_mut(y, n, incy)) };
                checked::axpy(ops, rec.on_call(), alpha, xv, yv)
            })
        }

        #[doc = concat!("`cblas_", stringify!($p), "scal`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p scal>](n: c_int, alpha: $at, x: *mut $t, incx: c_int) {
            let conv = |$alpha: $at| -> $t { $conv };
            let alpha = conv(alpha);
            if incx <= 0 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, "scal"), n, &[x.cast_const().cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let xv = unsafe { vec_mut(x, n, incx) };
                checked::scal(ops, rec.on_call(), alpha, xv)
            })
        }

        #[doc = concat!("`cblas_", stringify!($p), "copy`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p copy>](n: c_int, x: *const $t, incx: c_int, y: *mut $t, incy: c_int) {
            if incy == 0 && n > 1 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, "copy"), n, &[x.cast(), y.cast_const().cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec(x, n, incx), vec_mut(y, n, incy)) };
                checked::copy(ops, rec.on_call(), xv, yv)
            })
        }

        #[doc = concat!("`cblas_", stringify!($p), "swap`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p swap>](n: c_int, x: *mut $t, incx: c_int, y: *mut $t, incy: c_int) {
            if (incx == 0 || incy == 0) && n > 1 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, "swap"), n, &[x.cast_const().cast(), y.cast_const().cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec_mut(x, n, incx), vec_mut(y, n, incy)) };
                checked::swap(ops, rec.on_call(), xv, yv)
            })
        }
    )* }};
}
level1_all! {
    s f32, f32, snrm2, sasum, v: f32 => v;
    d f64, f64, dnrm2, dasum, v: f64 => v;
    c c32, f32, scnrm2, scasum, v: *const c_void => read_scalar::<c32>(v);
    z c64, f64, dznrm2, dzasum, v: *const c_void => read_scalar::<c64>(v);
}

macro_rules! complex_dots {
    ($($p:ident $t:ty;)*) => { paste::paste! { $(
        #[doc = concat!("`cblas_", stringify!($p), "dotu_sub`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p dotu_sub>](n: c_int, x: *const c_void, incx: c_int, y: *const c_void, incy: c_int, dotu: *mut c_void) {
            if dotu.is_null() { return; }
            let r = level1::<$t, _>(concat_c!("cblas_", $p, "dotu_sub"), n, &[x, y], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec(x.cast::<$t>(), n, incx), vec(y.cast::<$t>(), n, incy)) };
                checked::dot(ops, rec.on_call(), xv, yv)
            });
            // SAFETY: `dotu` points to one complex value.
            unsafe { dotu.cast::<$t>().write_unaligned(r) };
        }

        #[doc = concat!("`cblas_", stringify!($p), "dotc_sub`.")]
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p dotc_sub>](n: c_int, x: *const c_void, incx: c_int, y: *const c_void, incy: c_int, dotc: *mut c_void) {
            if dotc.is_null() { return; }
            let r = level1::<$t, _>(concat_c!("cblas_", $p, "dotc_sub"), n, &[x, y], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec(x.cast::<$t>(), n, incx), vec(y.cast::<$t>(), n, incy)) };
                checked::dotc(ops, rec.on_call(), xv, yv)
            });
            // SAFETY: `dotc` points to one complex value.
            unsafe { dotc.cast::<$t>().write_unaligned(r) };
        }
    )* }};
}
complex_dots! { c c32; z c64; }

/// The declarations of `include/linmux/cblas.h`, by family, with `{p}`,
/// `{V}` (the element type, `void` for complex), `{R}` (the real type),
/// `{A}` (how α is passed: `const float`, or `const void *` for complex),
/// `{rp}` (`s`/`d`, for `csscal`) expanded for the types listed.
#[cfg_attr(not(test), allow(dead_code, reason = "read by the header generator"))]
pub(crate) const DECLS: &[(&str, &str)] = &[
    (
        "sdcz",
        "void cblas_{p}gemm(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA, const CBLAS_TRANSPOSE TransB, const CBLAS_INT M, const CBLAS_INT N, const CBLAS_INT K, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *B, const CBLAS_INT ldb, {A} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "sdcz",
        "void cblas_{p}symm(const CBLAS_LAYOUT layout, const CBLAS_SIDE Side, const CBLAS_UPLO Uplo, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *B, const CBLAS_INT ldb, {A} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "cz",
        "void cblas_{p}hemm(const CBLAS_LAYOUT layout, const CBLAS_SIDE Side, const CBLAS_UPLO Uplo, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *B, const CBLAS_INT ldb, {A} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "sdcz",
        "void cblas_{p}syrk(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE Trans, const CBLAS_INT N, const CBLAS_INT K, {A} alpha, const {V} *A, const CBLAS_INT lda, {A} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "cz",
        "void cblas_{p}herk(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE Trans, const CBLAS_INT N, const CBLAS_INT K, const {R} alpha, const {V} *A, const CBLAS_INT lda, const {R} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "sdcz",
        "void cblas_{p}syr2k(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE Trans, const CBLAS_INT N, const CBLAS_INT K, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *B, const CBLAS_INT ldb, {A} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "cz",
        "void cblas_{p}her2k(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE Trans, const CBLAS_INT N, const CBLAS_INT K, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *B, const CBLAS_INT ldb, const {R} beta, {V} *C, const CBLAS_INT ldc)",
    ),
    (
        "sdcz",
        "void cblas_{p}trmm(const CBLAS_LAYOUT layout, const CBLAS_SIDE Side, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, {V} *B, const CBLAS_INT ldb)",
    ),
    (
        "sdcz",
        "void cblas_{p}trsm(const CBLAS_LAYOUT layout, const CBLAS_SIDE Side, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, {V} *B, const CBLAS_INT ldb)",
    ),
    (
        "sdcz",
        "void cblas_{p}gemv(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sdcz",
        "void cblas_{p}gbmv(const CBLAS_LAYOUT layout, const CBLAS_TRANSPOSE TransA, const CBLAS_INT M, const CBLAS_INT N, const CBLAS_INT KL, const CBLAS_INT KU, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sdcz",
        "void cblas_{p}trmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT N, const {V} *A, const CBLAS_INT lda, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}trsv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT N, const {V} *A, const CBLAS_INT lda, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}tbmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT N, const CBLAS_INT K, const {V} *A, const CBLAS_INT lda, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}tbsv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT N, const CBLAS_INT K, const {V} *A, const CBLAS_INT lda, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}tpmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT N, const {V} *Ap, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}tpsv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_TRANSPOSE TransA, const CBLAS_DIAG Diag, const CBLAS_INT N, const {V} *Ap, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sd",
        "void cblas_{p}symv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sd",
        "void cblas_{p}sbmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, const CBLAS_INT K, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sd",
        "void cblas_{p}spmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *Ap, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sd",
        "void cblas_{p}syr(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, const {R} alpha, const {V} *X, const CBLAS_INT incX, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "sd",
        "void cblas_{p}spr(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, const {R} alpha, const {V} *X, const CBLAS_INT incX, {V} *Ap)",
    ),
    (
        "sd",
        "void cblas_{p}syr2(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "sd",
        "void cblas_{p}spr2(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *Ap)",
    ),
    (
        "cz",
        "void cblas_{p}hemv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "cz",
        "void cblas_{p}hbmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, const CBLAS_INT K, {A} alpha, const {V} *A, const CBLAS_INT lda, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "cz",
        "void cblas_{p}hpmv(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *Ap, const {V} *X, const CBLAS_INT incX, {A} beta, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "cz",
        "void cblas_{p}her(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, const {R} alpha, const {V} *X, const CBLAS_INT incX, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "cz",
        "void cblas_{p}hpr(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, const {R} alpha, const {V} *X, const CBLAS_INT incX, {V} *Ap)",
    ),
    (
        "cz",
        "void cblas_{p}her2(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "cz",
        "void cblas_{p}hpr2(const CBLAS_LAYOUT layout, const CBLAS_UPLO Uplo, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *Ap)",
    ),
    (
        "sd",
        "void cblas_{p}ger(const CBLAS_LAYOUT layout, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "cz",
        "void cblas_{p}geru(const CBLAS_LAYOUT layout, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "cz",
        "void cblas_{p}gerc(const CBLAS_LAYOUT layout, const CBLAS_INT M, const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY, {V} *A, const CBLAS_INT lda)",
    ),
    (
        "sd",
        "{R} cblas_{p}dot(const CBLAS_INT N, const {V} *X, const CBLAS_INT incX, const {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "cz",
        "void cblas_{p}dotu_sub(const CBLAS_INT N, const void *X, const CBLAS_INT incX, const void *Y, const CBLAS_INT incY, void *dotu)",
    ),
    (
        "cz",
        "void cblas_{p}dotc_sub(const CBLAS_INT N, const void *X, const CBLAS_INT incX, const void *Y, const CBLAS_INT incY, void *dotc)",
    ),
    (
        "s",
        "float cblas_sdsdot(const CBLAS_INT N, const float alpha, const float *X, const CBLAS_INT incX, const float *Y, const CBLAS_INT incY)",
    ),
    (
        "s",
        "double cblas_dsdot(const CBLAS_INT N, const float *X, const CBLAS_INT incX, const float *Y, const CBLAS_INT incY)",
    ),
    (
        "sdcz",
        "{R} cblas_{nrm2}(const CBLAS_INT N, const {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "{R} cblas_{asum}(const CBLAS_INT N, const {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "CBLAS_INDEX cblas_i{p}amax(const CBLAS_INT N, const {V} *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}axpy(const CBLAS_INT N, {A} alpha, const {V} *X, const CBLAS_INT incX, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sdcz",
        "void cblas_{p}scal(const CBLAS_INT N, {A} alpha, {V} *X, const CBLAS_INT incX)",
    ),
    (
        "cz",
        "void cblas_{p}{rp}scal(const CBLAS_INT N, const {R} alpha, void *X, const CBLAS_INT incX)",
    ),
    (
        "sdcz",
        "void cblas_{p}copy(const CBLAS_INT N, const {V} *X, const CBLAS_INT incX, {V} *Y, const CBLAS_INT incY)",
    ),
    (
        "sdcz",
        "void cblas_{p}swap(const CBLAS_INT N, {V} *X, const CBLAS_INT incX, {V} *Y, const CBLAS_INT incY)",
    ),
    ("sd", "void cblas_{p}rotg({V} *a, {V} *b, {V} *c, {V} *s)"),
    (
        "cz",
        "void cblas_{p}rotg(void *a, void *b, {R} *c, void *s)",
    ),
    (
        "sd",
        "void cblas_{p}rot(const CBLAS_INT N, {V} *X, const CBLAS_INT incX, {V} *Y, const CBLAS_INT incY, const {V} c, const {V} s)",
    ),
    (
        "cz",
        "void cblas_{p}{rp}rot(const CBLAS_INT N, void *X, const CBLAS_INT incX, void *Y, const CBLAS_INT incY, const {R} c, const {R} s)",
    ),
    (
        "sd",
        "void cblas_{p}rotm(const CBLAS_INT N, {V} *X, const CBLAS_INT incX, {V} *Y, const CBLAS_INT incY, const {V} *P)",
    ),
    (
        "sd",
        "void cblas_{p}rotmg({V} *d1, {V} *d2, {V} *b1, const {V} b2, {V} *P)",
    ),
];

#[cfg(test)]
mod tests {
    use super::map_info;

    #[test]
    fn row_major_positions_swap_as_the_reference() {
        assert_eq!(map_info(4, "cblas_dgemm", true), 5);
        assert_eq!(map_info(11, "cblas_zgemm", true), 9);
        assert_eq!(map_info(4, "cblas_dgemm", false), 4);
        assert_eq!(map_info(3, "cblas_sgemv", true), 4);
        assert_eq!(map_info(9, "cblas_dgemmtr", true), 11);
        assert_eq!(map_info(4, "cblas_dgemmtr", true), 4);
        assert_eq!(map_info(7, "cblas_dtrsm", true), 6);
    }
}
