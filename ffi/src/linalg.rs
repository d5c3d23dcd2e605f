//! The high-level routines: solve, inv, det, cholesky, lu, qr, svd, eigh,
//! eig, lstsq — `linmux::linalg` on the engine, with results copied into
//! the caller's buffers on success only. Inputs are read, never written.

use linmux_core::{Mat, MatMut, Scalar, SvdJob, Uplo};
use lm::linalg::QrMode;

use crate::api::{LinmuxEngine, engine_of};
use crate::boundary::Result;
use crate::views::{Raw, RawMat, dim, flag, matrix, no_overlap};

/// The declarations, with `{p}` the type prefix and `{T}`, `{R}`, `{C}` the
/// scalar, real and complex types (expanded by the header for s, d, c, z).
#[cfg_attr(not(test), allow(dead_code, reason = "read by the header generator"))]
pub(crate) const API: &[(&str, &str)] = &[
    (
        "X = A⁻¹·B for square A (n × n) and B (n × nrhs), into x (n × nrhs).",
        "linmux_status linmux_{p}solve(const linmux_engine *engine, int32_t layout, int64_t n, int64_t nrhs, const {T} *a, int64_t lda, const {T} *b, int64_t ldb, {T} *x, int64_t ldx)",
    ),
    (
        "A⁻¹ of square A (n × n), into ainv.",
        "linmux_status linmux_{p}inv(const linmux_engine *engine, int32_t layout, int64_t n, const {T} *a, int64_t lda, {T} *ainv, int64_t ldainv)",
    ),
    (
        "det(A) of square A (n × n), into *det.",
        "linmux_status linmux_{p}det(const linmux_engine *engine, int32_t layout, int64_t n, const {T} *a, int64_t lda, {T} *det)",
    ),
    (
        "The Cholesky factor of Hermitian positive definite A (n × n) read from its uplo triangle: U (A = Uᴴ·U) or L (A = L·Lᴴ), with zeros in the other triangle, into f.",
        "linmux_status linmux_{p}cholesky(const linmux_engine *engine, int32_t layout, int32_t uplo, int64_t n, const {T} *a, int64_t lda, {T} *f, int64_t ldf)",
    ),
    (
        "A = P·L·U of A (m × n), k = min(m, n): perm (m entries; row i of L·U is row perm[i] of A, 0-based), L (m × k, unit lower), U (k × n).",
        "linmux_status linmux_{p}lu(const linmux_engine *engine, int32_t layout, int64_t m, int64_t n, const {T} *a, int64_t lda, int64_t *perm, {T} *l, int64_t ldl, {T} *u, int64_t ldu)",
    ),
    (
        "Reduced QR of A (m × n), k = min(m, n): Q (m × k, orthonormal columns; NULL: not wanted) and R (k × n, upper).",
        "linmux_status linmux_{p}qr(const linmux_engine *engine, int32_t layout, int64_t m, int64_t n, const {T} *a, int64_t lda, {T} *q, int64_t ldq, {T} *r, int64_t ldr)",
    ),
    (
        "SVD A = U·Σ·Vᴴ of A (m × n), k = min(m, n): s (k values, descending); with LINMUX_SVD_THIN U is m × k and vt k × n, with LINMUX_SVD_FULL m × m and n × n; with LINMUX_SVD_NONE u and vt are not used (may be NULL).",
        "linmux_status linmux_{p}svd(const linmux_engine *engine, int32_t layout, int32_t job, int64_t m, int64_t n, const {T} *a, int64_t lda, {R} *s, {T} *u, int64_t ldu, {T} *vt, int64_t ldvt)",
    ),
    (
        "Eigen-decomposition of Hermitian A (n × n) from its uplo triangle: w (n values, ascending) and, unless v is NULL, orthonormal eigenvectors as the columns of v (n × n).",
        "linmux_status linmux_{p}eigh(const linmux_engine *engine, int32_t layout, int32_t uplo, int64_t n, const {T} *a, int64_t lda, {R} *w, {T} *v, int64_t ldv)",
    ),
    (
        "Eigenvalues w (n, complex) of general A (n × n) and, unless v is NULL, right eigenvectors as the columns of v (n × n, complex).",
        "linmux_status linmux_{p}eig(const linmux_engine *engine, int32_t layout, int64_t n, const {T} *a, int64_t lda, {C} *w, {C} *v, int64_t ldv)",
    ),
    (
        "Minimum-norm least-squares X (n × nrhs) of A·X ≈ B, A m × n, B m × nrhs (by the SVD; rcond < 0: the default cutoff), into x, and the effective rank into *rank (NULL: not wanted).",
        "linmux_status linmux_{p}lstsq(const linmux_engine *engine, int32_t layout, int64_t m, int64_t n, int64_t nrhs, const {T} *a, int64_t lda, const {T} *b, int64_t ldb, {R} rcond, {T} *x, int64_t ldx, int64_t *rank)",
    ),
];

/// Copies `src` into the checked output `dst` (same shape by construction).
///
/// # Safety
/// `dst` is valid for writes and overlaps nothing borrowed.
unsafe fn store<T: Scalar>(dst: &RawMat<T>, src: &Mat<T>) -> Result<()> {
    // SAFETY: forwarded to the caller.
    let mut v: MatMut<'_, T> = unsafe { dst.view_mut() }?;
    if v.shape() != src.shape() {
        return Err(linmux_core::Error::Backend {
            backend: String::from("linmux"),
            routine: "store",
            detail: format!("result is {:?}, output {:?}", src.shape(), v.shape()),
        }
        .into());
    }
    // An empty result may still have a huge other dimension (0 × 2⁶⁰):
    // copying it would loop over nothing for ever.
    if !v.is_empty() {
        v.copy_from(src.as_ref());
    }
    Ok(())
}

/// Copies `src` into `len` elements at `dst`.
///
/// # Safety
/// As [`store`].
unsafe fn store_slice<E: Copy>(dst: Raw<E>, src: &[E]) {
    // SAFETY: forwarded to the caller.
    let d = unsafe { dst.slice_mut() };
    d.copy_from_slice(&src[..d.len()]);
}

fn span<T: Scalar>(m: &RawMat<T>) -> Option<(usize, usize)> {
    m.span()
}

/// Writes a scalar result.
///
/// # Safety
/// `p` is valid for a write.
unsafe fn store_one<E>(p: Raw<E>, v: E) {
    // SAFETY: forwarded to the caller.
    unsafe { p.ptr().write(v) };
}

/// # Safety
/// Every pointer is valid for the extent its dimensions describe.
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn solve<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    n: i64,
    nrhs: i64,
    a: *const T,
    lda: i64,
    b: *const T,
    ldb: i64,
    x: *mut T,
    ldx: i64,
) -> Result<()> {
    let ra = matrix(a, n, n, lda, layout, "a", "lda")?;
    let rb = matrix(b, n, nrhs, ldb, layout, "b", "ldb")?;
    let rx = matrix(x.cast_const(), n, nrhs, ldx, layout, "x", "ldx")?;
    no_overlap(
        "solve",
        &[("x", span(&rx))],
        &[("a", span(&ra)), ("b", span(&rb))],
    )?;
    // SAFETY: engine NULL or live; extents checked.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked, no overlap with the output.
    let r = e.solve(unsafe { ra.view() }?, unsafe { rb.view() }?)?;
    // SAFETY: checked and disjoint.
    unsafe { store(&rx, &r) }
}

/// # Safety
/// As [`solve`].
unsafe fn inv<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    n: i64,
    a: *const T,
    lda: i64,
    ainv: *mut T,
    ldainv: i64,
) -> Result<()> {
    let ra = matrix(a, n, n, lda, layout, "a", "lda")?;
    let rx = matrix(ainv.cast_const(), n, n, ldainv, layout, "ainv", "ldainv")?;
    no_overlap("inv", &[("ainv", span(&rx))], &[("a", span(&ra))])?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let r = e.inv(unsafe { ra.view() }?)?;
    // SAFETY: checked and disjoint.
    unsafe { store(&rx, &r) }
}

/// # Safety
/// As [`solve`].
unsafe fn det<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    n: i64,
    a: *const T,
    lda: i64,
    det: *mut T,
) -> Result<()> {
    let ra = matrix(a, n, n, lda, layout, "a", "lda")?;
    let out = Raw::new(det.cast_const(), 1, "det")?;
    no_overlap("det", &[("det", out.span())], &[("a", span(&ra))])?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let d = e.det(unsafe { ra.view() }?)?;
    // SAFETY: one valid element.
    unsafe { store_one(out, d) };
    Ok(())
}

/// # Safety
/// As [`solve`].
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn cholesky<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    uplo: i32,
    n: i64,
    a: *const T,
    lda: i64,
    f: *mut T,
    ldf: i64,
) -> Result<()> {
    let uplo = flag::<Uplo>(uplo, "uplo")?;
    let ra = matrix(a, n, n, lda, layout, "a", "lda")?;
    let rf = matrix(f.cast_const(), n, n, ldf, layout, "f", "ldf")?;
    no_overlap("cholesky", &[("f", span(&rf))], &[("a", span(&ra))])?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let r = e.cholesky(unsafe { ra.view() }?, uplo)?;
    // SAFETY: checked and disjoint.
    unsafe { store(&rf, &r) }
}

/// # Safety
/// As [`solve`].
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn lu<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    m: i64,
    n: i64,
    a: *const T,
    lda: i64,
    perm: *mut i64,
    l: *mut T,
    ldl: i64,
    u: *mut T,
    ldu: i64,
) -> Result<()> {
    let ra = matrix(a, m, n, lda, layout, "a", "lda")?;
    let k = m.min(n);
    let rp = Raw::new(perm.cast_const(), dim(m, "m")?, "perm")?;
    let rl = matrix(l.cast_const(), m, k, ldl, layout, "l", "ldl")?;
    let ru = matrix(u.cast_const(), k, n, ldu, layout, "u", "ldu")?;
    no_overlap(
        "lu",
        &[("perm", rp.span()), ("l", span(&rl)), ("u", span(&ru))],
        &[("a", span(&ra))],
    )?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let r = e.lu(unsafe { ra.view() }?)?;
    let mut p = linmux_core::try_vec_with_capacity("vector", r.perm.len(), 1)?;
    for &i in &r.perm {
        p.push(
            i64::try_from(i)
                .map_err(|_| linmux_core::Error::invalid("perm", "index overflows int64_t"))?,
        );
    }
    // SAFETY: checked and disjoint.
    unsafe {
        store(&rl, &r.l)?;
        store(&ru, &r.u)?;
        store_slice(rp, &p);
    }
    Ok(())
}

/// # Safety
/// As [`solve`]; `q` may be NULL.
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn qr<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    m: i64,
    n: i64,
    a: *const T,
    lda: i64,
    q: *mut T,
    ldq: i64,
    r: *mut T,
    ldr: i64,
) -> Result<()> {
    let ra = matrix(a, m, n, lda, layout, "a", "lda")?;
    let k = m.min(n);
    let rq = crate::views::opt_matrix(q.cast_const(), m, k, ldq, layout, "q", "ldq")?;
    let rr = matrix(r.cast_const(), k, n, ldr, layout, "r", "ldr")?;
    no_overlap(
        "qr",
        &[("q", crate::views::opt_span(&rq)), ("r", span(&rr))],
        &[("a", span(&ra))],
    )?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    let mode = if rq.is_some() {
        QrMode::Reduced
    } else {
        QrMode::R
    };
    // SAFETY: extents checked.
    let f = e.qr(unsafe { ra.view() }?, mode)?;
    // SAFETY: checked and disjoint.
    unsafe {
        if let (Some(dst), Some(src)) = (&rq, &f.q) {
            store(dst, src)?;
        }
        store(&rr, &f.r)?;
    }
    Ok(())
}

/// # Safety
/// As [`solve`]; `u`, `vt` unused for `LINMUX_SVD_NONE`.
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn svd<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    job: i32,
    m: i64,
    n: i64,
    a: *const T,
    lda: i64,
    s: *mut T::Real,
    u: *mut T,
    ldu: i64,
    vt: *mut T,
    ldvt: i64,
) -> Result<()> {
    let job = flag::<SvdJob>(job, "job")?;
    let ra = matrix(a, m, n, lda, layout, "a", "lda")?;
    let k = m.min(n);
    let rs = Raw::new(s.cast_const(), dim(k.max(0), "m")?, "s")?;
    let (ur, vr) = match job {
        SvdJob::ValuesOnly => (None, None),
        SvdJob::Thin => (
            Some(matrix(u.cast_const(), m, k, ldu, layout, "u", "ldu")?),
            Some(matrix(vt.cast_const(), k, n, ldvt, layout, "vt", "ldvt")?),
        ),
        _ => (
            Some(matrix(u.cast_const(), m, m, ldu, layout, "u", "ldu")?),
            Some(matrix(vt.cast_const(), n, n, ldvt, layout, "vt", "ldvt")?),
        ),
    };
    no_overlap(
        "svd",
        &[
            ("s", rs.span()),
            ("u", crate::views::opt_span(&ur)),
            ("vt", crate::views::opt_span(&vr)),
        ],
        &[("a", span(&ra))],
    )?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let f = e.svd(unsafe { ra.view() }?, job)?;
    // SAFETY: checked and disjoint.
    unsafe {
        if let (Some(dst), Some(src)) = (&ur, &f.u) {
            store(dst, src)?;
        }
        if let (Some(dst), Some(src)) = (&vr, &f.vt) {
            store(dst, src)?;
        }
        store_slice(rs, &f.s);
    }
    Ok(())
}

/// # Safety
/// As [`solve`]; `v` may be NULL.
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn eigh<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    uplo: i32,
    n: i64,
    a: *const T,
    lda: i64,
    w: *mut T::Real,
    v: *mut T,
    ldv: i64,
) -> Result<()> {
    let uplo = flag::<Uplo>(uplo, "uplo")?;
    let ra = matrix(a, n, n, lda, layout, "a", "lda")?;
    let rw = Raw::new(w.cast_const(), dim(n, "n")?, "w")?;
    let rv = crate::views::opt_matrix(v.cast_const(), n, n, ldv, layout, "v", "ldv")?;
    no_overlap(
        "eigh",
        &[("w", rw.span()), ("v", crate::views::opt_span(&rv))],
        &[("a", span(&ra))],
    )?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let av = unsafe { ra.view() }?;
    // SAFETY: checked and disjoint.
    unsafe {
        match &rv {
            Some(dst) => {
                let (vals, vecs) = e.eigh(av, uplo)?;
                store(dst, &vecs)?;
                store_slice(rw, &vals);
            }
            None => store_slice(rw, &e.eigvalsh(av, uplo)?),
        }
    }
    Ok(())
}

/// # Safety
/// As [`solve`]; `v` may be NULL.
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn eig<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    n: i64,
    a: *const T,
    lda: i64,
    w: *mut T::Complex,
    v: *mut T::Complex,
    ldv: i64,
) -> Result<()> {
    let ra = matrix(a, n, n, lda, layout, "a", "lda")?;
    let rw = Raw::new(w.cast_const(), dim(n, "n")?, "w")?;
    let rv = crate::views::opt_matrix(v.cast_const(), n, n, ldv, layout, "v", "ldv")?;
    no_overlap(
        "eig",
        &[("w", rw.span()), ("v", crate::views::opt_span(&rv))],
        &[("a", span(&ra))],
    )?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    // SAFETY: extents checked.
    let av = unsafe { ra.view() }?;
    // SAFETY: checked and disjoint.
    unsafe {
        match &rv {
            Some(dst) => {
                let (vals, vecs) = e.eig(av)?;
                store(dst, &vecs)?;
                store_slice(rw, &vals);
            }
            None => store_slice(rw, &e.eigvals(av)?),
        }
    }
    Ok(())
}

/// # Safety
/// As [`solve`]; `rank` may be NULL.
#[allow(clippy::too_many_arguments, reason = "C signature")]
unsafe fn lstsq<T: Scalar>(
    engine: *const LinmuxEngine,
    layout: i32,
    m: i64,
    n: i64,
    nrhs: i64,
    a: *const T,
    lda: i64,
    b: *const T,
    ldb: i64,
    rcond: T::Real,
    x: *mut T,
    ldx: i64,
    rank: *mut i64,
) -> Result<()> {
    let ra = matrix(a, m, n, lda, layout, "a", "lda")?;
    let rb = matrix(b, m, nrhs, ldb, layout, "b", "ldb")?;
    let rx = matrix(x.cast_const(), n, nrhs, ldx, layout, "x", "ldx")?;
    let rr = Raw::new(rank.cast_const(), usize::from(!rank.is_null()), "rank")?;
    no_overlap(
        "lstsq",
        &[("x", span(&rx)), ("rank", rr.span())],
        &[("a", span(&ra)), ("b", span(&rb))],
    )?;
    // SAFETY: engine NULL or live.
    let e = unsafe { engine_of(engine) }?;
    let rcond = (rcond >= num_traits_zero::<T>()).then_some(rcond);
    // SAFETY: extents checked.
    let f = e.lstsq(unsafe { ra.view() }?, unsafe { rb.view() }?, rcond)?;
    let r = i64::try_from(f.rank)
        .map_err(|_| linmux_core::Error::invalid("rank", "overflows int64_t"))?;
    // SAFETY: checked and disjoint.
    unsafe {
        store(&rx, &f.x)?;
        if rr.len() == 1 {
            store_one(rr, r);
        }
    }
    Ok(())
}

fn num_traits_zero<T: Scalar>() -> T::Real {
    num_traits::Zero::zero()
}

/// One `linmux_<p><name>` per scalar type, in a module where `T`, `R` and
/// `Cx` are the scalar, real and complex types.
macro_rules! exports {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {
        exports!(@each s f32, f32, linmux_core::c32; $($name($($arg: $ty),*);)*);
        exports!(@each d f64, f64, linmux_core::c64; $($name($($arg: $ty),*);)*);
        exports!(@each c linmux_core::c32, f32, linmux_core::c32; $($name($($arg: $ty),*);)*);
        exports!(@each z linmux_core::c64, f64, linmux_core::c64; $($name($($arg: $ty),*);)*);
    };
    (@each $p:ident $t:ty, $r:ty, $c:ty; $($name:ident($($arg:ident: $ty:ty),*);)*) => { paste::paste! {
        mod [<scalar_ $p>] {
            use super::*;
            #[allow(dead_code, reason = "not every routine uses every type")]
            type T = $t;
            #[allow(dead_code, reason = "not every routine uses every type")]
            type R = $r;
            #[allow(dead_code, reason = "not every routine uses every type")]
            type Cx = $c;
            $(
                #[doc = concat!("`linmux_", stringify!($p), stringify!($name), "`: see `include/linmux.h`.")]
                ///
                /// # Safety
                /// Every pointer is NULL or valid for the extent its
                /// dimensions describe; `engine` is NULL or live.
                #[unsafe(no_mangle)]
                #[allow(clippy::too_many_arguments, reason = "C signature")]
                pub unsafe extern "C" fn [<linmux_ $p $name>]($($arg: $ty),*) -> i32 {
                    // SAFETY: the caller's contract is the generic function's.
                    crate::boundary::run(|| unsafe { super::$name::<T>($($arg),*) })
                }
            )*
        }
    }};
}

exports! {
    solve(engine: *const LinmuxEngine, layout: i32, n: i64, nrhs: i64, a: *const T, lda: i64, b: *const T, ldb: i64, x: *mut T, ldx: i64);
    inv(engine: *const LinmuxEngine, layout: i32, n: i64, a: *const T, lda: i64, ainv: *mut T, ldainv: i64);
    det(engine: *const LinmuxEngine, layout: i32, n: i64, a: *const T, lda: i64, det: *mut T);
    cholesky(engine: *const LinmuxEngine, layout: i32, uplo: i32, n: i64, a: *const T, lda: i64, f: *mut T, ldf: i64);
    lu(engine: *const LinmuxEngine, layout: i32, m: i64, n: i64, a: *const T, lda: i64, perm: *mut i64, l: *mut T, ldl: i64, u: *mut T, ldu: i64);
    qr(engine: *const LinmuxEngine, layout: i32, m: i64, n: i64, a: *const T, lda: i64, q: *mut T, ldq: i64, r: *mut T, ldr: i64);
    svd(engine: *const LinmuxEngine, layout: i32, job: i32, m: i64, n: i64, a: *const T, lda: i64, s: *mut R, u: *mut T, ldu: i64, vt: *mut T, ldvt: i64);
    eigh(engine: *const LinmuxEngine, layout: i32, uplo: i32, n: i64, a: *const T, lda: i64, w: *mut R, v: *mut T, ldv: i64);
    eig(engine: *const LinmuxEngine, layout: i32, n: i64, a: *const T, lda: i64, w: *mut Cx, v: *mut Cx, ldv: i64);
    lstsq(engine: *const LinmuxEngine, layout: i32, m: i64, n: i64, nrhs: i64, a: *const T, lda: i64, b: *const T, ldb: i64, rcond: R, x: *mut T, ldx: i64, rank: *mut i64);
}
