//! Mapping strided views onto what BLAS and LAPACK accept: a pointer, a
//! leading dimension (or increment) and a storage order, with a contiguous
//! scratch copy when the view cannot be described that way.

use core::marker::PhantomData;

use std::sync::OnceLock;

use linmux_core::{Error, MatMut, MatRef, Result, Scalar, Trans, VecMut, VecRef};
use linmux_loader::{CBLAS_COL_MAJOR, CBLAS_ROW_MAJOR, CblasEnum};

/// Storage order as CBLAS names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    Col,
    Row,
}

impl Order {
    pub(crate) fn other(self) -> Self {
        match self {
            Order::Col => Order::Row,
            Order::Row => Order::Col,
        }
    }
    pub(crate) fn cblas(self) -> CblasEnum {
        match self {
            Order::Col => CBLAS_COL_MAJOR,
            Order::Row => CBLAS_ROW_MAJOR,
        }
    }
}

/// The leading dimension of an `nrows × ncols` view with strides `(rs, cs)`
/// read in `order`, or `None` if it cannot be read so. The result is at least
/// `max(1, inner dimension)`, as BLAS requires.
#[inline(always)]
pub(crate) fn leading_dim(
    nrows: usize,
    ncols: usize,
    rs: isize,
    cs: isize,
    order: Order,
) -> Option<usize> {
    let (inner, outer, inner_s, outer_s) = match order {
        Order::Col => (nrows, ncols, rs, cs),
        Order::Row => (ncols, nrows, cs, rs),
    };
    let min_ld = inner.max(1);
    if nrows == 0 || ncols == 0 || outer <= 1 {
        return (inner <= 1 || inner_s == 1).then_some(min_ld);
    }
    if inner > 1 && inner_s != 1 {
        return None;
    }
    usize::try_from(outer_s).ok().filter(|&ld| ld >= min_ld)
}

/// Requests at least this large (bytes) are also checked against the memory
/// the system has available.
const LARGE_SCRATCH: usize = 256 << 20;

/// `MemAvailable` from `/proc/meminfo`, in bytes, read once (`None` where
/// that file does not exist).
fn mem_available() -> Option<usize> {
    static AVAIL: OnceLock<Option<usize>> = OnceLock::new();
    *AVAIL.get_or_init(|| {
        let info = std::fs::read_to_string("/proc/meminfo").ok()?;
        let line = info.lines().find(|l| l.starts_with("MemAvailable:"))?;
        let kib: usize = line.split_whitespace().nth(1)?.parse().ok()?;
        kib.checked_mul(1024)
    })
}

#[cold]
#[inline(never)]
fn too_big(arg: &'static str, what: String) -> Error {
    Error::invalid_owned(arg, format!("scratch copy of {what} cannot be allocated"))
}

/// `m · n` elements, or [`Error::InvalidArgument`] naming `arg` on overflow.
pub(crate) fn elements(m: usize, n: usize, arg: &'static str) -> Result<usize> {
    m.checked_mul(n)
        .ok_or_else(|| too_big(arg, format!("{m} × {n} elements (overflows usize)")))
}

/// An empty vector with room for exactly `len` elements, or
/// [`Error::InvalidArgument`] naming `arg`: never an abort on allocation
/// failure. Every scratch copy and workspace goes through here.
///
/// Views with a zero stride (broadcasts) can describe far more elements
/// than the memory behind them, and Linux overcommits: an allocation that
/// succeeds may still get the process killed when it is filled. So a request
/// of 256 MiB or more is also refused when it exceeds half of the memory
/// available at first use (`MemAvailable`; not checked where
/// `/proc/meminfo` does not exist).
pub(crate) fn try_with_capacity<T>(len: usize, arg: &'static str) -> Result<Vec<T>> {
    let bytes = len.checked_mul(core::mem::size_of::<T>());
    let fits = match bytes {
        None => false,
        Some(b) if b >= LARGE_SCRATCH => mem_available().is_none_or(|avail| b <= avail / 2),
        Some(_) => true,
    };
    let mut v = Vec::new();
    if !fits || v.try_reserve_exact(len).is_err() {
        return Err(too_big(arg, format!("{len} elements")));
    }
    Ok(v)
}

/// `len` copies of `value`, allocated as [`try_with_capacity`].
pub(crate) fn try_vec<T: Clone>(value: T, len: usize, arg: &'static str) -> Result<Vec<T>> {
    let mut v = try_with_capacity(len, arg)?;
    v.resize(len, value);
    Ok(v)
}

fn copy_to_order<T: Scalar>(
    a: MatRef<'_, T>,
    order: Order,
    arg: &'static str,
) -> Result<(Vec<T>, usize)> {
    let (m, n) = a.shape();
    let mut v = try_with_capacity(elements(m, n, arg)?, arg)?;
    match order {
        Order::Col => {
            for j in 0..n {
                for i in 0..m {
                    v.push(a.at(i, j));
                }
            }
            Ok((v, m.max(1)))
        }
        Order::Row => {
            for i in 0..m {
                for j in 0..n {
                    v.push(a.at(i, j));
                }
            }
            Ok((v, n.max(1)))
        }
    }
}

/// A read-only matrix operand: `ptr` with leading dimension `ld` in `order`.
pub(crate) struct MatArg<'a, T> {
    pub(crate) ptr: *const T,
    pub(crate) ld: usize,
    pub(crate) order: Order,
    _scratch: Option<Vec<T>>,
    _borrow: PhantomData<&'a T>,
}

impl<'a, T: Scalar> MatArg<'a, T> {
    /// `a` in `order` if its storage allows, else (with `allow_other`) in the
    /// other order, else a contiguous copy in `order`.
    #[inline(always)]
    pub(crate) fn new(
        a: MatRef<'a, T>,
        order: Order,
        allow_other: bool,
        arg: &'static str,
    ) -> Result<Self> {
        let (m, n, rs, cs) = (a.nrows(), a.ncols(), a.row_stride(), a.col_stride());
        let direct = leading_dim(m, n, rs, cs, order)
            .map(|ld| (ld, order))
            .or_else(|| {
                allow_other
                    .then(|| leading_dim(m, n, rs, cs, order.other()).map(|ld| (ld, order.other())))
                    .flatten()
            });
        Ok(match direct {
            Some((ld, o)) => Self {
                ptr: a.as_ptr(),
                ld,
                order: o,
                _scratch: None,
                _borrow: PhantomData,
            },
            None => Self::copied(a, order, arg)?,
        })
    }

    #[cold]
    #[inline(never)]
    fn copied(a: MatRef<'a, T>, order: Order, arg: &'static str) -> Result<Self> {
        let (v, ld) = copy_to_order(a, order, arg)?;
        Ok(Self {
            ptr: v.as_ptr(),
            ld,
            order,
            _scratch: Some(v),
            _borrow: PhantomData,
        })
    }
    /// Whether the storage is read in the order opposite to `order`, i.e.
    /// holds the transpose.
    pub(crate) fn flipped(&self, order: Order) -> bool {
        self.order != order
    }
}

/// A matrix output: written in place when its storage allows, else through a
/// contiguous scratch copied back by [`MatOut::finish`].
pub(crate) struct MatOut<'a, T: Scalar> {
    target: MatMut<'a, T>,
    pub(crate) ptr: *mut T,
    pub(crate) ld: usize,
    pub(crate) order: Order,
    scratch: Option<Vec<T>>,
}

impl<'a, T: Scalar> MatOut<'a, T> {
    /// `order == None`: whichever order the storage has (column-major
    /// first); `Some(o)`: only `o` (LAPACK: column-major). `copy_in`: whether
    /// the routine reads the output's initial values.
    #[inline(always)]
    pub(crate) fn new(
        mut c: MatMut<'a, T>,
        order: Option<Order>,
        copy_in: bool,
        arg: &'static str,
    ) -> Result<Self> {
        let (m, n, rs, cs) = (c.nrows(), c.ncols(), c.row_stride(), c.col_stride());
        let want = order.unwrap_or(Order::Col);
        let direct = leading_dim(m, n, rs, cs, want)
            .map(|ld| (ld, want))
            .or_else(|| {
                order
                    .is_none()
                    .then(|| leading_dim(m, n, rs, cs, Order::Row).map(|ld| (ld, Order::Row)))
                    .flatten()
            });
        Ok(match direct {
            Some((ld, o)) => {
                let ptr = c.as_mut_ptr();
                Self {
                    target: c,
                    ptr,
                    ld,
                    order: o,
                    scratch: None,
                }
            }
            None => Self::through_scratch(c, copy_in, arg)?,
        })
    }

    #[cold]
    #[inline(never)]
    fn through_scratch(c: MatMut<'a, T>, copy_in: bool, arg: &'static str) -> Result<Self> {
        let (m, n) = (c.nrows(), c.ncols());
        let (mut v, ld) = if copy_in {
            copy_to_order(c.rb(), Order::Col, arg)?
        } else {
            (try_vec(T::default(), elements(m, n, arg)?, arg)?, m.max(1))
        };
        Ok(Self {
            target: c,
            ptr: v.as_mut_ptr(),
            ld,
            order: Order::Col,
            scratch: Some(v),
        })
    }

    /// Copies the scratch (if any) back into the view.
    #[inline]
    pub(crate) fn finish(mut self) {
        if let Some(v) = self.scratch.take() {
            let m = self.target.nrows();
            for j in 0..self.target.ncols() {
                for i in 0..m {
                    *self.target.at_mut(i, j) = v[i + j * m];
                }
            }
        }
    }
}

/// A read-only vector operand: `ptr` with a positive increment `inc`.
pub(crate) struct VecArg<'a, T> {
    pub(crate) ptr: *const T,
    pub(crate) inc: isize,
    _scratch: Option<Vec<T>>,
    _borrow: PhantomData<&'a T>,
}

impl<'a, T: Scalar> VecArg<'a, T> {
    /// Zero and negative strides are copied (a zero increment is an error in
    /// BLAS, and negative increments are a classic source of vendor bugs).
    pub(crate) fn new(x: VecRef<'a, T>, arg: &'static str) -> Result<Self> {
        Ok(if x.len() <= 1 || x.stride() > 0 {
            Self {
                ptr: x.as_ptr(),
                inc: if x.len() <= 1 { 1 } else { x.stride() },
                _scratch: None,
                _borrow: PhantomData,
            }
        } else {
            let mut v = try_with_capacity(x.len(), arg)?;
            v.extend(x.iter());
            Self {
                ptr: v.as_ptr(),
                inc: 1,
                _scratch: Some(v),
                _borrow: PhantomData,
            }
        })
    }
}

/// A vector output, through a scratch when its stride is not positive.
pub(crate) struct VecOut<'a, T: Scalar> {
    target: VecMut<'a, T>,
    pub(crate) ptr: *mut T,
    pub(crate) inc: isize,
    scratch: Option<Vec<T>>,
}

impl<'a, T: Scalar> VecOut<'a, T> {
    pub(crate) fn new(mut y: VecMut<'a, T>, copy_in: bool, arg: &'static str) -> Result<Self> {
        Ok(if y.len() <= 1 || y.stride() > 0 {
            let inc = if y.len() <= 1 { 1 } else { y.stride() };
            let ptr = y.as_mut_ptr();
            Self {
                target: y,
                ptr,
                inc,
                scratch: None,
            }
        } else {
            let mut v = if copy_in {
                let mut v = try_with_capacity(y.len(), arg)?;
                v.extend(y.rb().iter());
                v
            } else {
                try_vec(T::default(), y.len(), arg)?
            };
            Self {
                target: y,
                ptr: v.as_mut_ptr(),
                inc: 1,
                scratch: Some(v),
            }
        })
    }

    pub(crate) fn finish(mut self) {
        if let Some(v) = self.scratch.take() {
            for (i, x) in v.into_iter().enumerate() {
                *self.target.at_mut(i) = x;
            }
        }
    }
}

/// The leading dimension of a view that is column-major as it stands
/// (unit row stride, column stride at least `max(1, nrows)`), else `None`.
#[inline(always)]
pub(crate) fn col_ld<T: Scalar>(a: &MatRef<'_, T>) -> Option<usize> {
    let m = a.nrows();
    if a.row_stride() == 1 || m <= 1 {
        usize::try_from(a.col_stride())
            .ok()
            .filter(|&ld| ld >= m.max(1))
    } else {
        None
    }
}

/// For real types `ConjTrans` means `Trans`.
pub(crate) fn norm_trans<T: Scalar>(t: Trans) -> Trans {
    if !T::IS_COMPLEX && t == Trans::ConjTrans {
        Trans::Trans
    } else {
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_dims() {
        // column-major 3×2, ld 5
        assert_eq!(leading_dim(3, 2, 1, 5, Order::Col), Some(5));
        assert_eq!(leading_dim(3, 2, 1, 5, Order::Row), None);
        // row-major 3×2, ld 4
        assert_eq!(leading_dim(3, 2, 4, 1, Order::Row), Some(4));
        assert_eq!(leading_dim(3, 2, 4, 1, Order::Col), None);
        // ld smaller than the column: not column-major
        assert_eq!(leading_dim(3, 2, 1, 2, Order::Col), None);
        // a single column: any column stride, ld = nrows
        assert_eq!(leading_dim(3, 1, 1, 0, Order::Col), Some(3));
        // a single row read column-major: ld = column stride
        assert_eq!(leading_dim(1, 3, 7, 2, Order::Col), Some(2));
        assert_eq!(leading_dim(1, 3, 7, 0, Order::Col), None);
        // neither
        assert_eq!(leading_dim(3, 3, 2, 7, Order::Col), None);
        assert_eq!(leading_dim(3, 3, 2, 7, Order::Row), None);
        // negative strides
        assert_eq!(leading_dim(3, 3, 1, -3, Order::Col), None);
        // empty
        assert_eq!(leading_dim(0, 3, 1, 0, Order::Col), Some(1));
        assert_eq!(leading_dim(4, 0, 1, 0, Order::Col), Some(4));
    }
}
