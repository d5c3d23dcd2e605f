//! A cheap memory-safety net at the top of every `Ops` method.
//!
//! The engine validates every argument before it calls a backend, but `Ops`
//! methods are safe and public: anyone holding the backend can call them
//! directly. The vendor code trusts the dimensions it is given, so a shape
//! that disagrees with the others would be an out-of-bounds read or write
//! there. These checks restate, for each operation, every dimension relation
//! the vendor call relies on (a handful of integer comparisons; pivot
//! sequences are scanned once) and turn a violation into
//! [`Error::DimensionMismatch`] or [`Error::InvalidArgument`] naming the
//! argument. They check shapes only: flags, aliasing and pending
//! conjugations remain the engine's job (none of them can make the vendor
//! leave the views it is given).

use linmux_core::{Error, MatMut, MatRef, Result, Scalar, Side, SvdJob, Trans, VecMut, VecRef};

/// `(rows, cols)` of `op(A)` for an `r × c` matrix.
fn op_shape(t: Trans, (r, c): (usize, usize)) -> (usize, usize) {
    match t {
        Trans::No => (r, c),
        Trans::Trans | Trans::ConjTrans => (c, r),
    }
}

#[cold]
#[inline(never)]
fn mismatch(op: &'static str, arg: &'static str, want: String, got: String) -> Error {
    Error::mismatch(op, arg, format!("expected {want}, found {got}"))
}

fn len_eq(op: &'static str, arg: &'static str, got: usize, want: usize) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(mismatch(
            op,
            arg,
            format!("length {want}"),
            format!("length {got}"),
        ))
    }
}

fn shape_eq(
    op: &'static str,
    arg: &'static str,
    got: (usize, usize),
    want: (usize, usize),
) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(mismatch(
            op,
            arg,
            format!("{} × {}", want.0, want.1),
            format!("{} × {}", got.0, got.1),
        ))
    }
}

/// `n` if `shape` is square.
fn square(op: &'static str, arg: &'static str, (r, c): (usize, usize)) -> Result<usize> {
    if r == c {
        Ok(r)
    } else {
        Err(mismatch(
            op,
            arg,
            String::from("a square matrix"),
            format!("{r} × {c}"),
        ))
    }
}

// ---- BLAS 1 ----

pub(crate) fn same_len(op: &'static str, x: usize, y: usize) -> Result<()> {
    len_eq(op, "y", y, x)
}

pub(crate) fn non_empty<T: Scalar>(x: &VecRef<'_, T>) -> Result<()> {
    if x.is_empty() {
        Err(Error::invalid("x", "iamax of an empty vector has no index"))
    } else {
        Ok(())
    }
}

// ---- BLAS 2 ----

pub(crate) fn gemv<T: Scalar>(
    trans: Trans,
    a: &MatRef<'_, T>,
    x: &VecRef<'_, T>,
    y: &VecMut<'_, T>,
) -> Result<()> {
    let (m, n) = op_shape(trans, a.shape());
    len_eq("gemv", "x", x.len(), n)?;
    len_eq("gemv", "y", y.len(), m)
}

pub(crate) fn ger<T: Scalar>(
    op: &'static str,
    x: &VecRef<'_, T>,
    y: &VecRef<'_, T>,
    a: &MatMut<'_, T>,
) -> Result<()> {
    len_eq(op, "x", x.len(), a.nrows())?;
    len_eq(op, "y", y.len(), a.ncols())
}

pub(crate) fn hemv<T: Scalar>(
    a: &MatRef<'_, T>,
    x: &VecRef<'_, T>,
    y: &VecMut<'_, T>,
) -> Result<()> {
    let n = square("hemv", "a", a.shape())?;
    len_eq("hemv", "x", x.len(), n)?;
    len_eq("hemv", "y", y.len(), n)
}

pub(crate) fn trxv<T: Scalar>(
    op: &'static str,
    a: &MatRef<'_, T>,
    x: &VecMut<'_, T>,
) -> Result<()> {
    let n = square(op, "a", a.shape())?;
    len_eq(op, "x", x.len(), n)
}

// ---- BLAS 3 ----

pub(crate) fn gemm<T: Scalar>(
    ta: Trans,
    tb: Trans,
    a: &MatRef<'_, T>,
    b: &MatRef<'_, T>,
    c: &MatMut<'_, T>,
) -> Result<()> {
    let (m, n) = c.shape();
    let (am, k) = op_shape(ta, a.shape());
    if am != m {
        return Err(mismatch(
            "gemm",
            "a",
            format!("op(a) with {m} rows (as c)"),
            format!("{am} × {k}"),
        ));
    }
    let bs = op_shape(tb, b.shape());
    if bs != (k, n) {
        return Err(mismatch(
            "gemm",
            "b",
            format!("op(b) {k} × {n}"),
            format!("op(b) {} × {}", bs.0, bs.1),
        ));
    }
    Ok(())
}

/// `symm`/`hemm`: `a` square of the order of `c` on `side`, `b` shaped as `c`.
pub(crate) fn symm<T: Scalar>(
    op: &'static str,
    side: Side,
    a: &MatRef<'_, T>,
    b: &MatRef<'_, T>,
    c: &MatMut<'_, T>,
) -> Result<()> {
    let (m, n) = c.shape();
    let k = if side == Side::Left { m } else { n };
    shape_eq(op, "a", a.shape(), (k, k))?;
    shape_eq(op, "b", b.shape(), (m, n))
}

/// `syrk`/`herk`/`syr2k`/`her2k`: `c` square `n × n`, `op(a)` (and `op(b)`) `n × k`.
pub(crate) fn rank_k<T: Scalar>(
    op: &'static str,
    trans: Trans,
    a: &MatRef<'_, T>,
    b: Option<&MatRef<'_, T>>,
    c: &MatMut<'_, T>,
) -> Result<()> {
    let n = square(op, "c", c.shape())?;
    let (an, k) = op_shape(trans, a.shape());
    if an != n {
        return Err(mismatch(
            op,
            "a",
            format!("op(a) with {n} rows (the order of c)"),
            format!("op(a) {an} × {k}"),
        ));
    }
    if let Some(b) = b {
        shape_eq(op, "b", b.shape(), a.shape())?;
    }
    Ok(())
}

/// `trmm`/`trsm`: `a` square of the order of `b` on `side`.
pub(crate) fn trxm<T: Scalar>(
    op: &'static str,
    side: Side,
    a: &MatRef<'_, T>,
    b: &MatMut<'_, T>,
) -> Result<()> {
    let k = if side == Side::Left {
        b.nrows()
    } else {
        b.ncols()
    };
    shape_eq(op, "a", a.shape(), (k, k))
}

// ---- LAPACK ----

pub(crate) fn getrf<T: Scalar>(a: &MatMut<'_, T>, ipiv: &[usize]) -> Result<()> {
    len_eq("getrf", "ipiv", ipiv.len(), a.nrows().min(a.ncols()))
}

/// `lu` square `n × n` and `ipiv` a valid interchange sequence: `n`
/// entries, `i ≤ ipiv[i] < n` (what `getrf` produces).
pub(crate) fn lu_factors(op: &'static str, shape: (usize, usize), ipiv: &[usize]) -> Result<usize> {
    let n = square(op, if op == "getrs" { "lu" } else { "a" }, shape)?;
    len_eq(op, "ipiv", ipiv.len(), n)?;
    if let Some((i, &p)) = ipiv.iter().enumerate().find(|&(i, &p)| p < i || p >= n) {
        return Err(Error::invalid_owned(
            "ipiv",
            format!(
                "ipiv[{i}] = {p} is not a row interchange of step {i} (needs {i} ≤ ipiv[{i}] < {n})"
            ),
        ));
    }
    Ok(n)
}

pub(crate) fn getrs<T: Scalar>(
    lu: &MatRef<'_, T>,
    ipiv: &[usize],
    b: &MatMut<'_, T>,
) -> Result<()> {
    let n = lu_factors("getrs", lu.shape(), ipiv)?;
    len_eq_rows("getrs", "b", b.nrows(), n)
}

fn len_eq_rows(op: &'static str, arg: &'static str, got: usize, want: usize) -> Result<()> {
    if got == want {
        Ok(())
    } else {
        Err(mismatch(
            op,
            arg,
            format!("{want} rows"),
            format!("{got} rows"),
        ))
    }
}

pub(crate) fn potrf<T: Scalar>(a: &MatMut<'_, T>) -> Result<()> {
    square("potrf", "a", a.shape()).map(drop)
}

pub(crate) fn potrs<T: Scalar>(a: &MatRef<'_, T>, b: &MatMut<'_, T>) -> Result<()> {
    let n = square("potrs", "a", a.shape())?;
    len_eq_rows("potrs", "b", b.nrows(), n)
}

pub(crate) fn geqrf<T: Scalar, U>(a: &MatMut<'_, T>, tau: &[U]) -> Result<()> {
    len_eq("geqrf", "tau", tau.len(), a.nrows().min(a.ncols()))
}

pub(crate) fn ungqr<T: Scalar, U>(a: &MatMut<'_, T>, tau: &[U]) -> Result<()> {
    let (m, n) = a.shape();
    if m < n {
        return Err(mismatch(
            "ungqr",
            "a",
            String::from("at least as many rows as columns"),
            format!("{m} × {n}"),
        ));
    }
    if tau.len() > n {
        return Err(mismatch(
            "ungqr",
            "tau",
            format!("at most {n} reflectors (the columns of a)"),
            format!("length {}", tau.len()),
        ));
    }
    Ok(())
}

pub(crate) fn gesdd<T: Scalar, R>(
    job: SvdJob,
    a: &MatMut<'_, T>,
    s: &[R],
    u: Option<&MatMut<'_, T>>,
    vt: Option<&MatMut<'_, T>>,
) -> Result<()> {
    let (m, n) = a.shape();
    let k = m.min(n);
    len_eq("gesdd", "s", s.len(), k)?;
    let want = match job {
        SvdJob::ValuesOnly => None,
        SvdJob::Thin => Some(((m, k), (k, n))),
        SvdJob::Full => Some(((m, m), (n, n))),
    };
    match (want, u, vt) {
        (None, None, None) => Ok(()),
        (None, Some(_), _) => Err(Error::invalid(
            "u",
            "must be None when the job asks for singular values only",
        )),
        (None, None, Some(_)) => Err(Error::invalid(
            "vt",
            "must be None when the job asks for singular values only",
        )),
        (Some(_), None, _) => Err(Error::invalid(
            "u",
            "must be Some when the job asks for singular vectors",
        )),
        (Some(_), Some(_), None) => Err(Error::invalid(
            "vt",
            "must be Some when the job asks for singular vectors",
        )),
        (Some((us, vs)), Some(u), Some(vt)) => {
            shape_eq("gesdd", "u", u.shape(), us)?;
            shape_eq("gesdd", "vt", vt.shape(), vs)
        }
    }
}

pub(crate) fn heevd<T: Scalar, R>(a: &MatMut<'_, T>, w: &[R]) -> Result<()> {
    let n = square("heevd", "a", a.shape())?;
    len_eq("heevd", "w", w.len(), n)
}

pub(crate) fn geev<T: Scalar, C: Scalar>(
    a: &MatMut<'_, T>,
    w: &[C],
    vl: Option<&MatMut<'_, C>>,
    vr: Option<&MatMut<'_, C>>,
) -> Result<()> {
    let n = square("geev", "a", a.shape())?;
    len_eq("geev", "w", w.len(), n)?;
    if let Some(vl) = vl {
        shape_eq("geev", "vl", vl.shape(), (n, n))?;
    }
    if let Some(vr) = vr {
        shape_eq("geev", "vr", vr.shape(), (n, n))?;
    }
    Ok(())
}

pub(crate) fn gels<T: Scalar>(a: &MatMut<'_, T>, b: &MatMut<'_, T>) -> Result<()> {
    len_eq_rows("gels", "b", b.nrows(), a.nrows().max(a.ncols()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pivots() {
        assert!(lu_factors("getrs", (3, 3), &[2, 1, 2]).is_ok());
        assert!(lu_factors("getrs", (3, 3), &[0, 0, 2]).is_err());
        assert!(lu_factors("getrs", (3, 3), &[3, 1, 2]).is_err());
        assert!(lu_factors("getrs", (3, 3), &[0, 1]).is_err());
        assert!(lu_factors("getri", (3, 2), &[0, 1]).is_err());
    }
}
