//! The rest of CBLAS levels 2 and 3, and of level 1: each routine checks
//! its arguments in the order the reference's C wrapper and Fortran routine
//! do, on the arguments of the Fortran call the reference makes (swapped
//! for `CblasRowMajor`), and reports the position it would pass to
//! `cblas_xerbla` (see `cblas::xerbla`). Then it runs on the current engine.

use std::ffi::{CStr, c_int, c_void};

use linmux_core::{
    BandRef, Diag, PackedMut, PackedRef, Scalar, Side, Trans, Uplo, c32, c64, checked,
};

use crate::cblas::{
    concat_c, first_bad, layout, level1, mat, mat_mut, on_ops, read_scalar, trans, u, vec, vec_mut,
    xerbla,
};

fn uplo(v: c_int) -> Option<Uplo> {
    match v {
        121 => Some(Uplo::Upper),
        122 => Some(Uplo::Lower),
        _ => None,
    }
}
fn diag(v: c_int) -> Option<Diag> {
    match v {
        131 => Some(Diag::NonUnit),
        132 => Some(Diag::Unit),
        _ => None,
    }
}
fn side(v: c_int) -> Option<Side> {
    match v {
        141 => Some(Side::Left),
        142 => Some(Side::Right),
        _ => None,
    }
}

/// The position of the first NULL pointer among arguments that will be
/// read (`len > 0`); the reference would crash there, we report it.
fn null_arg(list: &[(c_int, bool, usize)]) -> Option<c_int> {
    list.iter()
        .find(|(_, null, len)| *null && *len > 0)
        .map(|(p, ..)| *p)
}

/// Returns from the function after reporting `pos` if any check fails.
macro_rules! check {
    ($rout:expr, $row:expr, $checks:expr) => {
        if let Some(pos) = first_bad(&$checks) {
            return xerbla(pos, $rout, $row);
        }
    };
    (null $rout:expr, $row:expr, $list:expr) => {
        if let Some(pos) = null_arg(&$list) {
            return xerbla(pos, $rout, $row);
        }
    };
}

/// Parses a flag or reports its position.
macro_rules! flag {
    ($f:ident($v:expr), $pos:expr, $rout:expr, $row:expr) => {
        match $f($v) {
            Some(x) => x,
            None => return xerbla($pos, $rout, $row),
        }
    };
}

/// A packed triangle view of `n(n+1)/2` elements.
///
/// # Safety
/// `p` is valid for that many elements.
unsafe fn packed<'a, T: Scalar>(
    p: *const T,
    n: usize,
    uplo: Uplo,
    row: bool,
) -> linmux_core::Result<PackedRef<'a, T>> {
    // SAFETY: forwarded to the caller.
    let s = unsafe { std::slice::from_raw_parts(p, n * (n + 1) / 2) };
    if row {
        PackedRef::from_row_major(s, n, uplo)
    } else {
        PackedRef::from_col_major(s, n, uplo)
    }
}

/// # Safety
/// As [`packed`], for writes.
unsafe fn packed_mut<'a, T: Scalar>(
    p: *mut T,
    n: usize,
    uplo: Uplo,
    row: bool,
) -> linmux_core::Result<PackedMut<'a, T>> {
    // SAFETY: forwarded to the caller.
    let s = unsafe { std::slice::from_raw_parts_mut(p, n * (n + 1) / 2) };
    if row {
        PackedMut::from_row_major(s, n, uplo)
    } else {
        PackedMut::from_col_major(s, n, uplo)
    }
}

/// A band view (BLAS column-major band storage, or CBLAS row-major).
///
/// # Safety
/// `p` is valid for the band's extent.
unsafe fn band<'a, T: Scalar>(
    p: *const T,
    m: usize,
    n: usize,
    kl: usize,
    ku: usize,
    ld: usize,
    row: bool,
) -> linmux_core::Result<BandRef<'a, T>> {
    if m == 0 || n == 0 {
        return if row {
            BandRef::from_row_major(&[], m, n, kl, ku, ld)
        } else {
            BandRef::from_col_major(&[], m, n, kl, ku, ld)
        };
    }
    let last = |m: usize, n: usize, kl: usize, ku: usize| {
        let j = (n - 1).min(m - 1 + ku);
        j * ld + ku + (m - 1).min(j + kl) - j
    };
    let len = if row {
        last(n, m, ku, kl)
    } else {
        last(m, n, kl, ku)
    } + 1;
    // SAFETY: forwarded to the caller: `len` is the extent the band reaches.
    let s = unsafe { std::slice::from_raw_parts(p, len) };
    if row {
        BandRef::from_row_major(s, m, n, kl, ku, ld)
    } else {
        BandRef::from_col_major(s, m, n, kl, ku, ld)
    }
}

// ---- level 3 ---------------------------------------------------------------

/// `symm` / `hemm`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn symm<T: Scalar>(
    rout: &CStr,
    herm: bool,
    order: c_int,
    sd: c_int,
    ul: c_int,
    m: c_int,
    n: c_int,
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
    let sd = flag!(side(sd), 2, rout, row);
    let ul = flag!(uplo(ul), 3, rout, row);
    let ka = if sd == Side::Left { m } else { n };
    if row {
        check!(
            rout,
            row,
            [
                (5, n < 0),
                (4, m < 0),
                (8, lda < 1.max(ka)),
                (10, ldb < 1.max(n)),
                (13, ldc < 1.max(n))
            ]
        );
    } else {
        check!(
            rout,
            row,
            [
                (4, m < 0),
                (5, n < 0),
                (8, lda < 1.max(ka)),
                (10, ldb < 1.max(m)),
                (13, ldc < 1.max(m))
            ]
        );
    }
    let (m, n, ka) = (u(m), u(n), u(ka));
    check!(null rout, row, [(7, a.is_null(), ka * ka), (9, b.is_null(), m * n), (12, c.is_null(), m * n)]);
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated shapes; CBLAS contract.
        let (av, bv, cv) = unsafe {
            (
                mat(a, ka, ka, lda, row),
                mat(b, m, n, ldb, row),
                mat_mut(c, m, n, ldc, row),
            )
        };
        if herm {
            checked::hemm(ops, rec.on_call(), sd, ul, alpha, av, bv, beta, cv)
        } else {
            checked::symm(ops, rec.on_call(), sd, ul, alpha, av, bv, beta, cv)
        }
    });
}

/// Which `op` a rank-k update accepts: real all three; complex symmetric
/// `N`/`T`; Hermitian `N`/`C`.
fn rank_k_trans<T: Scalar>(v: c_int, herm: bool) -> Option<Trans> {
    let t = trans(v)?;
    if !T::KIND.is_complex() {
        return Some(if t == Trans::No {
            Trans::No
        } else {
            Trans::Trans
        });
    }
    match (t, herm) {
        (Trans::No, _) | (Trans::Trans, false) | (Trans::ConjTrans, true) => Some(t),
        _ => None,
    }
}

/// `syrk` / `herk` (`alpha`, `beta` real for `herk`, passed as `T` here).
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn syrk<T: Scalar>(
    rout: &CStr,
    herm: bool,
    order: c_int,
    ul: c_int,
    tr: c_int,
    n: c_int,
    k: c_int,
    alpha: T,
    a: *const T,
    lda: c_int,
    beta: T,
    c: *mut T,
    ldc: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    let Some(tr) = rank_k_trans::<T>(tr, herm) else {
        return xerbla(3, rout, row);
    };
    let nt = tr == Trans::No;
    let (ar, ac) = if nt { (n, k) } else { (k, n) };
    let inner = if row { ac } else { ar };
    check!(
        rout,
        row,
        [
            (4, n < 0),
            (5, k < 0),
            (8, lda < 1.max(inner)),
            (11, ldc < 1.max(n))
        ]
    );
    let (n, ar, ac) = (u(n), u(ar), u(ac));
    check!(null rout, row, [(7, a.is_null(), ar * ac), (10, c.is_null(), n * n)]);
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated shapes; CBLAS contract.
        let (av, cv) = unsafe { (mat(a, ar, ac, lda, row), mat_mut(c, n, n, ldc, row)) };
        if herm {
            checked::herk(ops, rec.on_call(), ul, tr, alpha.re(), av, beta.re(), cv)
        } else {
            checked::syrk(ops, rec.on_call(), ul, tr, alpha, av, beta, cv)
        }
    });
}

/// `syr2k` / `her2k` (`beta` real for `her2k`).
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn syr2k<T: Scalar>(
    rout: &CStr,
    herm: bool,
    order: c_int,
    ul: c_int,
    tr: c_int,
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
    let ul = flag!(uplo(ul), 2, rout, row);
    let Some(tr) = rank_k_trans::<T>(tr, herm) else {
        return xerbla(3, rout, row);
    };
    let nt = tr == Trans::No;
    let (ar, ac) = if nt { (n, k) } else { (k, n) };
    let inner = if row { ac } else { ar };
    check!(
        rout,
        row,
        [
            (4, n < 0),
            (5, k < 0),
            (8, lda < 1.max(inner)),
            (10, ldb < 1.max(inner)),
            (13, ldc < 1.max(n))
        ]
    );
    let (n, ar, ac) = (u(n), u(ar), u(ac));
    check!(null rout, row, [(7, a.is_null(), ar * ac), (9, b.is_null(), ar * ac), (12, c.is_null(), n * n)]);
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated shapes; CBLAS contract.
        let (av, bv, cv) = unsafe {
            (
                mat(a, ar, ac, lda, row),
                mat(b, ar, ac, ldb, row),
                mat_mut(c, n, n, ldc, row),
            )
        };
        if herm {
            checked::her2k(ops, rec.on_call(), ul, tr, alpha, av, bv, beta.re(), cv)
        } else {
            checked::syr2k(ops, rec.on_call(), ul, tr, alpha, av, bv, beta, cv)
        }
    });
}

/// `trmm` / `trsm`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn trxm<T: Scalar>(
    rout: &CStr,
    solve: bool,
    order: c_int,
    sd: c_int,
    ul: c_int,
    ta: c_int,
    dg: c_int,
    m: c_int,
    n: c_int,
    alpha: T,
    a: *const T,
    lda: c_int,
    b: *mut T,
    ldb: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let sd = flag!(side(sd), 2, rout, row);
    let ul = flag!(uplo(ul), 3, rout, row);
    let ta = flag!(trans(ta), 4, rout, row);
    let dg = flag!(diag(dg), 5, rout, row);
    let ka = if sd == Side::Left { m } else { n };
    if row {
        check!(
            rout,
            row,
            [
                (7, n < 0),
                (6, m < 0),
                (10, lda < 1.max(ka)),
                (12, ldb < 1.max(n))
            ]
        );
    } else {
        check!(
            rout,
            row,
            [
                (6, m < 0),
                (7, n < 0),
                (10, lda < 1.max(ka)),
                (12, ldb < 1.max(m))
            ]
        );
    }
    let (m, n, ka) = (u(m), u(n), u(ka));
    check!(null rout, row, [(9, a.is_null(), ka * ka), (11, b.is_null(), m * n)]);
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated shapes; CBLAS contract.
        let (av, bv) = unsafe { (mat(a, ka, ka, lda, row), mat_mut(b, m, n, ldb, row)) };
        if solve {
            checked::trsm(ops, rec.on_call(), sd, ul, ta, dg, alpha, av, bv)
        } else {
            checked::trmm(ops, rec.on_call(), sd, ul, ta, dg, alpha, av, bv)
        }
    });
}

// ---- level 2 ---------------------------------------------------------------

/// `ger` / `geru` / `gerc`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn ger<T: Scalar>(
    rout: &CStr,
    conj: bool,
    order: c_int,
    m: c_int,
    n: c_int,
    alpha: T,
    x: *const T,
    incx: c_int,
    y: *const T,
    incy: c_int,
    a: *mut T,
    lda: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    if row {
        check!(
            rout,
            row,
            [
                (3, n < 0),
                (2, m < 0),
                (8, incy == 0),
                (6, incx == 0),
                (10, lda < 1.max(n))
            ]
        );
    } else {
        check!(
            rout,
            row,
            [
                (2, m < 0),
                (3, n < 0),
                (6, incx == 0),
                (8, incy == 0),
                (10, lda < 1.max(m))
            ]
        );
    }
    let (m, n) = (u(m), u(n));
    check!(null rout, row, [(5, x.is_null(), m * n.min(1)), (7, y.is_null(), n * m.min(1)), (9, a.is_null(), m * n)]);
    if m == 0 || n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (xv, yv, av) =
            unsafe { (vec(x, m, incx), vec(y, n, incy), mat_mut(a, m, n, lda, row)) };
        if conj {
            checked::gerc(ops, rec.on_call(), alpha, xv, yv, av)
        } else {
            checked::geru(ops, rec.on_call(), alpha, xv, yv, av)
        }
    });
}

/// `symv` / `hemv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn hemv<T: Scalar>(
    rout: &CStr,
    order: c_int,
    ul: c_int,
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
    let ul = flag!(uplo(ul), 2, rout, row);
    check!(
        rout,
        row,
        [
            (3, n < 0),
            (6, lda < 1.max(n)),
            (8, incx == 0),
            (11, incy == 0)
        ]
    );
    let n = u(n);
    check!(null rout, row, [(5, a.is_null(), n * n), (7, x.is_null(), n), (10, y.is_null(), n)]);
    if n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv, yv) =
            unsafe { (mat(a, n, n, lda, row), vec(x, n, incx), vec_mut(y, n, incy)) };
        checked::hemv(ops, rec.on_call(), ul, alpha, av, xv, beta, yv)
    });
}

/// `trmv` / `trsv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn trxv<T: Scalar>(
    rout: &CStr,
    solve: bool,
    order: c_int,
    ul: c_int,
    ta: c_int,
    dg: c_int,
    n: c_int,
    a: *const T,
    lda: c_int,
    x: *mut T,
    incx: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    let ta = flag!(trans(ta), 3, rout, row);
    let dg = flag!(diag(dg), 4, rout, row);
    check!(rout, row, [(5, n < 0), (7, lda < 1.max(n)), (9, incx == 0)]);
    let n = u(n);
    check!(null rout, row, [(6, a.is_null(), n * n), (8, x.is_null(), n)]);
    if n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv) = unsafe { (mat(a, n, n, lda, row), vec_mut(x, n, incx)) };
        if solve {
            checked::trsv(ops, rec.on_call(), ul, ta, dg, av, xv)
        } else {
            checked::trmv(ops, rec.on_call(), ul, ta, dg, av, xv)
        }
    });
}

/// `gbmv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn gbmv<T: Scalar>(
    rout: &CStr,
    order: c_int,
    ta: c_int,
    m: c_int,
    n: c_int,
    kl: c_int,
    ku: c_int,
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
    let ta = flag!(trans(ta), 2, rout, row);
    let width = i64::from(kl) + i64::from(ku) + 1;
    if row {
        check!(
            rout,
            row,
            [
                (4, n < 0),
                (3, m < 0),
                (6, ku < 0),
                (5, kl < 0),
                (9, i64::from(lda) < width),
                (11, incx == 0),
                (14, incy == 0)
            ]
        );
    } else {
        check!(
            rout,
            row,
            [
                (3, m < 0),
                (4, n < 0),
                (5, kl < 0),
                (6, ku < 0),
                (9, i64::from(lda) < width),
                (11, incx == 0),
                (14, incy == 0)
            ]
        );
    }
    let (m, n) = (u(m), u(n));
    let (lx, ly) = if ta == Trans::No { (n, m) } else { (m, n) };
    check!(null rout, row, [(8, a.is_null(), m * n), (10, x.is_null(), lx), (13, y.is_null(), ly)]);
    if m == 0 || n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv, yv) = unsafe {
            (
                band(a, m, n, u(kl), u(ku), u(lda), row)?,
                vec(x, lx, incx),
                vec_mut(y, ly, incy),
            )
        };
        checked::gbmv(ops, rec.on_call(), ta, alpha, av, xv, beta, yv)
    });
}

/// `sbmv` / `hbmv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn hbmv<T: Scalar>(
    rout: &CStr,
    order: c_int,
    ul: c_int,
    n: c_int,
    k: c_int,
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
    let ul = flag!(uplo(ul), 2, rout, row);
    check!(
        rout,
        row,
        [
            (3, n < 0),
            (4, k < 0),
            (7, i64::from(lda) < i64::from(k) + 1),
            (9, incx == 0),
            (12, incy == 0)
        ]
    );
    let (n, k) = (u(n), u(k));
    check!(null rout, row, [(6, a.is_null(), n), (8, x.is_null(), n), (11, y.is_null(), n)]);
    if n == 0 {
        return;
    }
    let (kl, ku) = if ul == Uplo::Upper { (0, k) } else { (k, 0) };
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv, yv) = unsafe {
            (
                band(a, n, n, kl, ku, u(lda), row)?,
                vec(x, n, incx),
                vec_mut(y, n, incy),
            )
        };
        checked::hbmv(ops, rec.on_call(), ul, alpha, av, xv, beta, yv)
    });
}

/// `spmv` / `hpmv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn hpmv<T: Scalar>(
    rout: &CStr,
    order: c_int,
    ul: c_int,
    n: c_int,
    alpha: T,
    ap: *const T,
    x: *const T,
    incx: c_int,
    beta: T,
    y: *mut T,
    incy: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    check!(rout, row, [(3, n < 0), (7, incx == 0), (10, incy == 0)]);
    let n = u(n);
    check!(null rout, row, [(5, ap.is_null(), n), (6, x.is_null(), n), (9, y.is_null(), n)]);
    if n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv, yv) = unsafe {
            (
                packed(ap, n, ul, row)?,
                vec(x, n, incx),
                vec_mut(y, n, incy),
            )
        };
        checked::hpmv(ops, rec.on_call(), alpha, av, xv, beta, yv)
    });
}

/// `tbmv` / `tbsv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn tbxv<T: Scalar>(
    rout: &CStr,
    solve: bool,
    order: c_int,
    ul: c_int,
    ta: c_int,
    dg: c_int,
    n: c_int,
    k: c_int,
    a: *const T,
    lda: c_int,
    x: *mut T,
    incx: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    let ta = flag!(trans(ta), 3, rout, row);
    let dg = flag!(diag(dg), 4, rout, row);
    check!(
        rout,
        row,
        [
            (5, n < 0),
            (6, k < 0),
            (8, i64::from(lda) < i64::from(k) + 1),
            (10, incx == 0)
        ]
    );
    let (n, k) = (u(n), u(k));
    check!(null rout, row, [(7, a.is_null(), n), (9, x.is_null(), n)]);
    if n == 0 {
        return;
    }
    let (kl, ku) = if ul == Uplo::Upper { (0, k) } else { (k, 0) };
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv) = unsafe { (band(a, n, n, kl, ku, u(lda), row)?, vec_mut(x, n, incx)) };
        if solve {
            checked::tbsv(ops, rec.on_call(), ul, ta, dg, av, xv)
        } else {
            checked::tbmv(ops, rec.on_call(), ul, ta, dg, av, xv)
        }
    });
}

/// `tpmv` / `tpsv`.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn tpxv<T: Scalar>(
    rout: &CStr,
    solve: bool,
    order: c_int,
    ul: c_int,
    ta: c_int,
    dg: c_int,
    n: c_int,
    ap: *const T,
    x: *mut T,
    incx: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    let ta = flag!(trans(ta), 3, rout, row);
    let dg = flag!(diag(dg), 4, rout, row);
    check!(rout, row, [(5, n < 0), (8, incx == 0)]);
    let n = u(n);
    check!(null rout, row, [(6, ap.is_null(), n), (7, x.is_null(), n)]);
    if n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (av, xv) = unsafe { (packed(ap, n, ul, row)?, vec_mut(x, n, incx)) };
        if solve {
            checked::tpsv(ops, rec.on_call(), ta, dg, av, xv)
        } else {
            checked::tpmv(ops, rec.on_call(), ta, dg, av, xv)
        }
    });
}

/// `syr` / `her` (real `alpha`) and `spr` / `hpr` (packed: `lda` unused).
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn her<T: Scalar>(
    rout: &CStr,
    packed_a: bool,
    order: c_int,
    ul: c_int,
    n: c_int,
    alpha: T::Real,
    x: *const T,
    incx: c_int,
    a: *mut T,
    lda: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    if packed_a {
        check!(rout, row, [(3, n < 0), (6, incx == 0)]);
    } else {
        check!(rout, row, [(3, n < 0), (6, incx == 0), (8, lda < 1.max(n))]);
    }
    let n = u(n);
    check!(null rout, row, [(5, x.is_null(), n), (7, a.is_null(), n)]);
    if n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let xv = unsafe { vec(x, n, incx) };
        if packed_a {
            // SAFETY: validated; CBLAS contract.
            let ap = unsafe { packed_mut(a, n, ul, row) }?;
            checked::hpr(ops, rec.on_call(), alpha, xv, ap)
        } else {
            // SAFETY: validated; CBLAS contract.
            let av = unsafe { mat_mut(a, n, n, lda, row) };
            checked::her(ops, rec.on_call(), ul, alpha, xv, av)
        }
    });
}

/// `syr2` / `her2` and `spr2` / `hpr2` (packed: `lda` unused). For the
/// Hermitian ones in row-major, the reference's Fortran call swaps `x` and
/// `y`, and so the positions of their increments.
#[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
unsafe fn her2<T: Scalar>(
    rout: &CStr,
    packed_a: bool,
    order: c_int,
    ul: c_int,
    n: c_int,
    alpha: T,
    x: *const T,
    incx: c_int,
    y: *const T,
    incy: c_int,
    a: *mut T,
    lda: c_int,
) {
    let Some(row) = layout(order) else {
        return xerbla(1, rout, false);
    };
    let ul = flag!(uplo(ul), 2, rout, row);
    let swap = row && T::KIND.is_complex();
    let incs = if swap {
        [(8, incy == 0), (6, incx == 0)]
    } else {
        [(6, incx == 0), (8, incy == 0)]
    };
    let ldbad = !packed_a && lda < 1.max(n);
    check!(rout, row, [(3, n < 0), incs[0], incs[1], (10, ldbad)]);
    let n = u(n);
    check!(null rout, row, [(5, x.is_null(), n), (7, y.is_null(), n), (9, a.is_null(), n)]);
    if n == 0 {
        return;
    }
    on_ops::<T>(rout, |ops, rec| {
        // SAFETY: validated; CBLAS contract.
        let (xv, yv) = unsafe { (vec(x, n, incx), vec(y, n, incy)) };
        if packed_a {
            // SAFETY: validated; CBLAS contract.
            let ap = unsafe { packed_mut(a, n, ul, row) }?;
            checked::hpr2(ops, rec.on_call(), alpha, xv, yv, ap)
        } else {
            // SAFETY: validated; CBLAS contract.
            let av = unsafe { mat_mut(a, n, n, lda, row) };
            checked::her2(ops, rec.on_call(), ul, alpha, xv, yv, av)
        }
    });
}

/// The exports, per scalar: `$v` the C element type (`void` for complex),
/// `$at`/`$conv` how α arrives (by value, or by pointer for complex).
macro_rules! exports {
    ($($p:ident $t:ty, $r:ty, $at:ty, $conv:path, $sym:ident, $her:ident, $ger:ident;)*) => { paste::paste! { $(
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p symm>](layout: c_int, side: c_int, uplo: c_int, m: c_int, n: c_int, alpha: $at, a: *const $t, lda: c_int, b: *const $t, ldb: c_int, beta: $at, c: *mut $t, ldc: c_int) {
            // SAFETY: the caller's contract.
            unsafe { symm(concat_c!("cblas_", $p, "symm"), false, layout, side, uplo, m, n, $conv(alpha), a, lda, b, ldb, $conv(beta), c, ldc) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p syrk>](layout: c_int, uplo: c_int, trans: c_int, n: c_int, k: c_int, alpha: $at, a: *const $t, lda: c_int, beta: $at, c: *mut $t, ldc: c_int) {
            // SAFETY: the caller's contract.
            unsafe { syrk(concat_c!("cblas_", $p, "syrk"), false, layout, uplo, trans, n, k, $conv(alpha), a, lda, $conv(beta), c, ldc) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p syr2k>](layout: c_int, uplo: c_int, trans: c_int, n: c_int, k: c_int, alpha: $at, a: *const $t, lda: c_int, b: *const $t, ldb: c_int, beta: $at, c: *mut $t, ldc: c_int) {
            // SAFETY: the caller's contract.
            unsafe { syr2k(concat_c!("cblas_", $p, "syr2k"), false, layout, uplo, trans, n, k, $conv(alpha), a, lda, b, ldb, $conv(beta), c, ldc) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p trmm>](layout: c_int, side: c_int, uplo: c_int, transa: c_int, diag: c_int, m: c_int, n: c_int, alpha: $at, a: *const $t, lda: c_int, b: *mut $t, ldb: c_int) {
            // SAFETY: the caller's contract.
            unsafe { trxm(concat_c!("cblas_", $p, "trmm"), false, layout, side, uplo, transa, diag, m, n, $conv(alpha), a, lda, b, ldb) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p trsm>](layout: c_int, side: c_int, uplo: c_int, transa: c_int, diag: c_int, m: c_int, n: c_int, alpha: $at, a: *const $t, lda: c_int, b: *mut $t, ldb: c_int) {
            // SAFETY: the caller's contract.
            unsafe { trxm(concat_c!("cblas_", $p, "trsm"), true, layout, side, uplo, transa, diag, m, n, $conv(alpha), a, lda, b, ldb) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p trmv>](layout: c_int, uplo: c_int, transa: c_int, diag: c_int, n: c_int, a: *const $t, lda: c_int, x: *mut $t, incx: c_int) {
            // SAFETY: the caller's contract.
            unsafe { trxv(concat_c!("cblas_", $p, "trmv"), false, layout, uplo, transa, diag, n, a, lda, x, incx) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p trsv>](layout: c_int, uplo: c_int, transa: c_int, diag: c_int, n: c_int, a: *const $t, lda: c_int, x: *mut $t, incx: c_int) {
            // SAFETY: the caller's contract.
            unsafe { trxv(concat_c!("cblas_", $p, "trsv"), true, layout, uplo, transa, diag, n, a, lda, x, incx) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p gbmv>](layout: c_int, transa: c_int, m: c_int, n: c_int, kl: c_int, ku: c_int, alpha: $at, a: *const $t, lda: c_int, x: *const $t, incx: c_int, beta: $at, y: *mut $t, incy: c_int) {
            // SAFETY: the caller's contract.
            unsafe { gbmv(concat_c!("cblas_", $p, "gbmv"), layout, transa, m, n, kl, ku, $conv(alpha), a, lda, x, incx, $conv(beta), y, incy) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p tbmv>](layout: c_int, uplo: c_int, transa: c_int, diag: c_int, n: c_int, k: c_int, a: *const $t, lda: c_int, x: *mut $t, incx: c_int) {
            // SAFETY: the caller's contract.
            unsafe { tbxv(concat_c!("cblas_", $p, "tbmv"), false, layout, uplo, transa, diag, n, k, a, lda, x, incx) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p tbsv>](layout: c_int, uplo: c_int, transa: c_int, diag: c_int, n: c_int, k: c_int, a: *const $t, lda: c_int, x: *mut $t, incx: c_int) {
            // SAFETY: the caller's contract.
            unsafe { tbxv(concat_c!("cblas_", $p, "tbsv"), true, layout, uplo, transa, diag, n, k, a, lda, x, incx) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p tpmv>](layout: c_int, uplo: c_int, transa: c_int, diag: c_int, n: c_int, ap: *const $t, x: *mut $t, incx: c_int) {
            // SAFETY: the caller's contract.
            unsafe { tpxv(concat_c!("cblas_", $p, "tpmv"), false, layout, uplo, transa, diag, n, ap, x, incx) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p tpsv>](layout: c_int, uplo: c_int, transa: c_int, diag: c_int, n: c_int, ap: *const $t, x: *mut $t, incx: c_int) {
            // SAFETY: the caller's contract.
            unsafe { tpxv(concat_c!("cblas_", $p, "tpsv"), true, layout, uplo, transa, diag, n, ap, x, incx) }
        }
        /// CBLAS export (`symv` / `hemv`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $sym mv>](layout: c_int, uplo: c_int, n: c_int, alpha: $at, a: *const $t, lda: c_int, x: *const $t, incx: c_int, beta: $at, y: *mut $t, incy: c_int) {
            // SAFETY: the caller's contract.
            unsafe { hemv(concat_c!("cblas_", $p, $sym, "mv"), layout, uplo, n, $conv(alpha), a, lda, x, incx, $conv(beta), y, incy) }
        }
        /// CBLAS export (`sbmv` / `hbmv`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $her bmv>](layout: c_int, uplo: c_int, n: c_int, k: c_int, alpha: $at, a: *const $t, lda: c_int, x: *const $t, incx: c_int, beta: $at, y: *mut $t, incy: c_int) {
            // SAFETY: the caller's contract.
            unsafe { hbmv(concat_c!("cblas_", $p, $her, "bmv"), layout, uplo, n, k, $conv(alpha), a, lda, x, incx, $conv(beta), y, incy) }
        }
        /// CBLAS export (`spmv` / `hpmv`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $her pmv>](layout: c_int, uplo: c_int, n: c_int, alpha: $at, ap: *const $t, x: *const $t, incx: c_int, beta: $at, y: *mut $t, incy: c_int) {
            // SAFETY: the caller's contract.
            unsafe { hpmv(concat_c!("cblas_", $p, $her, "pmv"), layout, uplo, n, $conv(alpha), ap, x, incx, $conv(beta), y, incy) }
        }
        /// CBLAS export (`syr` / `her`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $sym r>](layout: c_int, uplo: c_int, n: c_int, alpha: $r, x: *const $t, incx: c_int, a: *mut $t, lda: c_int) {
            // SAFETY: the caller's contract.
            unsafe { her::<$t>(concat_c!("cblas_", $p, $sym, "r"), false, layout, uplo, n, alpha, x, incx, a, lda) }
        }
        /// CBLAS export (`spr` / `hpr`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $her pr>](layout: c_int, uplo: c_int, n: c_int, alpha: $r, x: *const $t, incx: c_int, ap: *mut $t) {
            // SAFETY: the caller's contract.
            unsafe { her::<$t>(concat_c!("cblas_", $p, $her, "pr"), true, layout, uplo, n, alpha, x, incx, ap, 1) }
        }
        /// CBLAS export (`syr2` / `her2`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $sym r2>](layout: c_int, uplo: c_int, n: c_int, alpha: $at, x: *const $t, incx: c_int, y: *const $t, incy: c_int, a: *mut $t, lda: c_int) {
            // SAFETY: the caller's contract.
            unsafe { her2(concat_c!("cblas_", $p, $sym, "r2"), false, layout, uplo, n, $conv(alpha), x, incx, y, incy, a, lda) }
        }
        /// CBLAS export (`spr2` / `hpr2`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $her pr2>](layout: c_int, uplo: c_int, n: c_int, alpha: $at, x: *const $t, incx: c_int, y: *const $t, incy: c_int, ap: *mut $t) {
            // SAFETY: the caller's contract.
            unsafe { her2(concat_c!("cblas_", $p, $her, "pr2"), true, layout, uplo, n, $conv(alpha), x, incx, y, incy, ap, 1) }
        }
        /// CBLAS export (`ger` / `geru`).
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p $ger>](layout: c_int, m: c_int, n: c_int, alpha: $at, x: *const $t, incx: c_int, y: *const $t, incy: c_int, a: *mut $t, lda: c_int) {
            // SAFETY: the caller's contract.
            unsafe { ger(concat_c!("cblas_", $p, $ger), false, layout, m, n, $conv(alpha), x, incx, y, incy, a, lda) }
        }
    )* }};
}

/// α by value.
fn by_value<T>(v: T) -> T {
    v
}
/// α by pointer (complex).
fn by_ptr<T: Scalar>(p: *const c_void) -> T {
    read_scalar::<T>(p)
}
fn by_ptr_c32(p: *const c_void) -> c32 {
    by_ptr::<c32>(p)
}
fn by_ptr_c64(p: *const c_void) -> c64 {
    by_ptr::<c64>(p)
}

exports! {
    s f32, f32, f32, by_value, sy, s, ger;
    d f64, f64, f64, by_value, sy, s, ger;
    c c32, f32, *const c_void, by_ptr_c32, he, h, geru;
    z c64, f64, *const c_void, by_ptr_c64, he, h, geru;
}

/// The complex-only exports: `hemm`, `herk`, `her2k`, `gerc`.
macro_rules! complex_exports {
    ($($p:ident $t:ty, $r:ty, $conv:path;)*) => { paste::paste! { $(
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p hemm>](layout: c_int, side: c_int, uplo: c_int, m: c_int, n: c_int, alpha: *const c_void, a: *const $t, lda: c_int, b: *const $t, ldb: c_int, beta: *const c_void, c: *mut $t, ldc: c_int) {
            // SAFETY: the caller's contract.
            unsafe { symm(concat_c!("cblas_", $p, "hemm"), true, layout, side, uplo, m, n, $conv(alpha), a, lda, b, ldb, $conv(beta), c, ldc) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p herk>](layout: c_int, uplo: c_int, trans: c_int, n: c_int, k: c_int, alpha: $r, a: *const $t, lda: c_int, beta: $r, c: *mut $t, ldc: c_int) {
            // SAFETY: the caller's contract.
            unsafe { syrk(concat_c!("cblas_", $p, "herk"), true, layout, uplo, trans, n, k, <$t>::from_real(alpha), a, lda, <$t>::from_real(beta), c, ldc) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p her2k>](layout: c_int, uplo: c_int, trans: c_int, n: c_int, k: c_int, alpha: *const c_void, a: *const $t, lda: c_int, b: *const $t, ldb: c_int, beta: $r, c: *mut $t, ldc: c_int) {
            // SAFETY: the caller's contract.
            unsafe { syr2k(concat_c!("cblas_", $p, "her2k"), true, layout, uplo, trans, n, k, $conv(alpha), a, lda, b, ldb, <$t>::from_real(beta), c, ldc) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        #[allow(clippy::too_many_arguments, reason = "the CBLAS signature")]
        pub unsafe extern "C" fn [<cblas_ $p gerc>](layout: c_int, m: c_int, n: c_int, alpha: *const c_void, x: *const $t, incx: c_int, y: *const $t, incy: c_int, a: *mut $t, lda: c_int) {
            // SAFETY: the caller's contract.
            unsafe { ger(concat_c!("cblas_", $p, "gerc"), true, layout, m, n, $conv(alpha), x, incx, y, incy, a, lda) }
        }
    )* }};
}

complex_exports! {
    c c32, f32, by_ptr_c32;
    z c64, f64, by_ptr_c64;
}

// ---- the rest of level 1 ---------------------------------------------------

/// `rotg`: the four values are read into locals and written back, so that
/// aliased pointers cannot make two Rust references to one value.
///
/// # Safety
/// Each pointer is NULL or valid for one value.
unsafe fn rotg<T: Scalar>(rout: &CStr, a: *mut T, b: *mut T, c: *mut T::Real, s: *mut T) {
    if a.is_null() || b.is_null() || c.is_null() || s.is_null() {
        return;
    }
    // SAFETY: valid, by the caller's contract (read unaligned: C's void *).
    let (mut av, mut bv) = unsafe { (a.read_unaligned(), b.read_unaligned()) };
    let (mut cv, mut sv) = (T::Real::default(), T::zero());
    on_ops::<T>(rout, |ops, rec| {
        checked::rotg(ops, rec.on_call(), &mut av, &mut bv, &mut cv, &mut sv)
    });
    // SAFETY: as above.
    unsafe {
        a.write_unaligned(av);
        b.write_unaligned(bv);
        c.write_unaligned(cv);
        s.write_unaligned(sv);
    }
}

macro_rules! level1_rest {
    ($($p:ident $t:ty;)*) => { paste::paste! { $(
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p rotg>](a: *mut $t, b: *mut $t, c: *mut $t, s: *mut $t) {
            // SAFETY: the caller's contract.
            unsafe { rotg::<$t>(concat_c!("cblas_", $p, "rotg"), a, b, c, s) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p rot>](n: c_int, x: *mut $t, incx: c_int, y: *mut $t, incy: c_int, c: $t, s: $t) {
            if (incx == 0 || incy == 0) && n > 1 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, "rot"), n, &[x.cast_const().cast(), y.cast_const().cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec_mut(x, n, incx), vec_mut(y, n, incy)) };
                checked::rot(ops, rec.on_call(), xv, yv, c, s)
            })
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p rotm>](n: c_int, x: *mut $t, incx: c_int, y: *mut $t, incy: c_int, p: *const $t) {
            if (incx == 0 || incy == 0) && n > 1 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, "rotm"), n, &[x.cast_const().cast(), y.cast_const().cast(), p.cast()], |ops, rec, n| {
                // SAFETY: the CBLAS contract: `p` holds five values.
                let param: [$t; 5] = unsafe { p.cast::<[$t; 5]>().read_unaligned() };
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec_mut(x, n, incx), vec_mut(y, n, incy)) };
                checked::rotm(ops, rec.on_call(), xv, yv, &param)
            })
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p rotmg>](d1: *mut $t, d2: *mut $t, b1: *mut $t, b2: $t, p: *mut $t) {
            if d1.is_null() || d2.is_null() || b1.is_null() || p.is_null() { return; }
            // SAFETY: the CBLAS contract; locals avoid aliased references.
            let (mut v1, mut v2, mut vb) = unsafe { (d1.read_unaligned(), d2.read_unaligned(), b1.read_unaligned()) };
            // SAFETY: as above.
            let mut param: [$t; 5] = unsafe { p.cast::<[$t; 5]>().read_unaligned() };
            let mut ok = false;
            on_ops::<$t>(concat_c!("cblas_", $p, "rotmg"), |ops, rec| {
                checked::rotmg(ops, rec.on_call(), &mut v1, &mut v2, &mut vb, b2, &mut param)?;
                ok = true;
                Ok(())
            });
            if ok {
                // SAFETY: as above.
                unsafe {
                    d1.write_unaligned(v1);
                    d2.write_unaligned(v2);
                    b1.write_unaligned(vb);
                    p.cast::<[$t; 5]>().write_unaligned(param);
                }
            }
        }
    )* }};
}
level1_rest! { s f32; d f64; }

macro_rules! level1_complex {
    ($($p:ident $t:ty, $r:ty, $rp:ident;)*) => { paste::paste! { $(
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p rotg>](a: *mut c_void, b: *mut c_void, c: *mut $r, s: *mut c_void) {
            // SAFETY: the caller's contract.
            unsafe { rotg::<$t>(concat_c!("cblas_", $p, "rotg"), a.cast(), b.cast(), c, s.cast()) }
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p $rp rot>](n: c_int, x: *mut c_void, incx: c_int, y: *mut c_void, incy: c_int, c: $r, s: $r) {
            if (incx == 0 || incy == 0) && n > 1 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, $rp, "rot"), n, &[x.cast_const(), y.cast_const()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let (xv, yv) = unsafe { (vec_mut(x.cast::<$t>(), n, incx), vec_mut(y.cast::<$t>(), n, incy)) };
                checked::rot(ops, rec.on_call(), xv, yv, c, s)
            })
        }
        /// CBLAS export.
        ///
        /// # Safety
        /// The reference CBLAS's contract.
        #[unsafe(no_mangle)]
        pub unsafe extern "C" fn [<cblas_ $p $rp scal>](n: c_int, alpha: $r, x: *mut c_void, incx: c_int) {
            if incx <= 0 { return; }
            level1::<$t, _>(concat_c!("cblas_", $p, $rp, "scal"), n, &[x.cast_const()], |ops, rec, n| {
                // SAFETY: the CBLAS contract.
                let xv = unsafe { vec_mut(x.cast::<$t>(), n, incx) };
                checked::rscal(ops, rec.on_call(), alpha, xv)
            })
        }
    )* }};
}
level1_complex! { c c32, f32, s; z c64, f64, d; }

/// `cblas_sdsdot`: `α + Σ xᵢ·yᵢ` accumulated in double precision.
///
/// # Safety
/// The reference CBLAS's contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cblas_sdsdot(
    n: c_int,
    alpha: f32,
    x: *const f32,
    incx: c_int,
    y: *const f32,
    incy: c_int,
) -> f32 {
    if n <= 0 {
        return alpha;
    }
    level1::<f32, _>(c"cblas_sdsdot", n, &[x.cast(), y.cast()], |ops, rec, n| {
        // SAFETY: the CBLAS contract.
        let (xv, yv) = unsafe { (vec(x, n, incx), vec(y, n, incy)) };
        checked::sdsdot(ops, rec.on_call(), alpha, xv, yv)
    })
}

/// `cblas_dsdot`: `Σ xᵢ·yᵢ` accumulated and returned in double precision.
///
/// # Safety
/// The reference CBLAS's contract.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn cblas_dsdot(
    n: c_int,
    x: *const f32,
    incx: c_int,
    y: *const f32,
    incy: c_int,
) -> f64 {
    level1::<f32, _>(c"cblas_dsdot", n, &[x.cast(), y.cast()], |ops, rec, n| {
        // SAFETY: the CBLAS contract.
        let (xv, yv) = unsafe { (vec(x, n, incx), vec(y, n, incy)) };
        checked::dsdot(ops, rec.on_call(), xv, yv)
    })
}
