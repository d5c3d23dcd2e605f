//! Transforms along an axis of strided matrices: the driver behind the
//! facade's axis and 2-D transforms.
//!
//! A *pass* transforms every lane (row or column) of a matrix along one
//! axis. Lanes go through the provider in blocks of a few lanes: a block is
//! gathered from its strided source into contiguous scratch (a few hundred
//! KiB, so it stays in L2), transformed there, and written (scaled) to its
//! destination. Where the destination's lanes are contiguous and back to
//! back (the columns of a column-major matrix), a complex block is
//! gathered straight into them and transformed there, with no scratch.
//! Every value is read once and written once per pass, and there is no
//! full-size intermediate buffer: a 2-D transform is one pass from the
//! input into the output (rows), and one pass in place on the output
//! (columns: on a column-major output, no copy at all).
//!
//! The copies are tiled by cache lines so that a strided direction costs
//! about as much as a contiguous one: for lanes that are strided in memory
//! (rows of a column-major matrix), each tile reads a few whole lines of
//! neighbouring lanes and writes whole lines of scratch, which avoids the
//! set conflicts of power-of-two strides (a 1024-long column of `c64` is
//! 16 KiB apart, every row of it in the same L1 set).
//!
//! The blocks of a pass are taken from one queue by up to `threads` scoped
//! threads (the calling thread is one), each with its own scratch, so a
//! thread that the system preempts delays one block, not its share. A
//! pass of fewer than [`PARALLEL_MIN_WORK`](crate::run::PARALLEL_MIN_WORK) values runs on the calling
//! thread; a pass of a single lane instead gives the provider all the
//! threads (FFTW and MKL thread one long transform, RustFFT does not).

use std::sync::{Mutex, PoisonError};

use linmux_core::{Error, MatMut, MatRef, Result, Scalar};
use num_complex::Complex;
use num_traits::{One, Zero};

use crate::provider::{Direction, FftFloat, Provider};
use crate::run::workers;

/// The scratch a block of lanes aims at (per thread, per scratch buffer).
const BLOCK_BYTES: usize = 256 << 10;

/// Lanes per block for lanes of `len` values of `T`, at most `lanes`.
fn block_lanes<T>(len: usize, lanes: usize) -> usize {
    let per_lane = len.saturating_mul(size_of::<T>()).max(1);
    (BLOCK_BYTES / per_lane).clamp(1, 64).min(lanes.max(1))
}

/// Values of `T` per 64-byte cache line (at least 1).
fn per_line<T>() -> usize {
    (64 / size_of::<T>().max(1)).max(1)
}

#[allow(
    clippy::cast_possible_wrap,
    reason = "indices inside a view fit isize by the view invariant"
)]
fn off(i: usize, stride: isize) -> isize {
    i as isize * stride
}

/// How far ahead (in values along the lane) the tiled copies prefetch.
const PREFETCH_AHEAD: usize = 16;

/// Asks for the cache lines of row `k` (along the lanes), lanes
/// `0..lanes`, of a view at `base` with unit lane stride: the rows of a
/// tile are a page or more apart, a stride the hardware prefetchers do not
/// follow, so the tiled copies prefetch the tile they will need next.
#[inline]
fn prefetch_row<S>(base: *const S, k: usize, rs: isize, lanes: usize) {
    #[cfg(target_arch = "x86_64")]
    {
        let row = base.wrapping_offset(off(k, rs));
        for j in (0..lanes).step_by(per_line::<S>()) {
            let p = row.wrapping_add(j).cast::<i8>();
            // SAFETY: a prefetch is a hint: it never faults and reads
            // nothing into the program, whatever the address; SSE is part
            // of x86_64.
            unsafe {
                core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(p);
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = (base, k, rs, lanes);
}

/// Copies lanes (columns of `src`) into `buf`, `len` values a lane, lane
/// after lane, for `lanes` lanes: each lane cut or zero-padded to `len`;
/// lanes past `src.ncols()` are zero. Applies a pending conjugation.
fn gather<A: Scalar>(src: MatRef<'_, A>, lanes: usize, buf: &mut [A], len: usize) {
    let take = src.nrows().min(len);
    let have = src.ncols().min(lanes);
    let conj = src.is_conj() && A::IS_COMPLEX;
    let (rs, cs) = (src.row_stride(), src.col_stride());
    let base = src.as_ptr();
    if take > 0 && have > 0 {
        if rs == 1 {
            for (j, lane) in buf.chunks_exact_mut(len).take(have).enumerate() {
                // SAFETY: lane j < ncols and rows 0..take < nrows are in the
                // view with unit row stride, so they are `take` consecutive
                // initialized values, not written during the view's life.
                let s = unsafe { std::slice::from_raw_parts(base.offset(off(j, cs)), take) };
                if conj {
                    for (d, v) in lane.iter_mut().zip(s) {
                        *d = v.conj();
                    }
                } else {
                    lane[..take].copy_from_slice(s);
                }
            }
        } else {
            let tile = per_line::<A>();
            for kt in (0..take).step_by(tile) {
                let ke = (kt + tile).min(take);
                if cs == 1 {
                    for k in (kt + PREFETCH_AHEAD)..(ke + PREFETCH_AHEAD).min(take) {
                        prefetch_row(base, k, rs, have);
                    }
                }
                for (j, lane) in buf.chunks_exact_mut(len).take(have).enumerate() {
                    let p = base.wrapping_offset(off(j, cs));
                    for (k, d) in lane.iter_mut().enumerate().take(ke).skip(kt) {
                        // SAFETY: (k, j) is inside the view (k < take ≤
                        // nrows, j < have ≤ ncols), so the offset is valid.
                        let v = unsafe { *p.offset(off(k, rs)) };
                        *d = if conj { v.conj() } else { v };
                    }
                }
            }
        }
    }
    for (j, lane) in buf.chunks_exact_mut(len).take(lanes).enumerate() {
        let from = if j < have { take } else { 0 };
        lane[from..].fill(A::zero());
    }
}

/// Writes `buf` (lanes of `dst.nrows()` values, one per column of `dst`)
/// into `dst`, each value scaled part by part by `factor` (as NumPy: a
/// complex product would turn ±∞ in one part into NaN in the other).
fn scatter<B: Scalar>(buf: &[B], mut dst: MatMut<'_, B>, factor: B::Real) {
    let (len, lanes) = dst.shape();
    if len == 0 || lanes == 0 {
        return;
    }
    let scaled = factor != B::Real::one();
    let scale = |v: B| {
        if scaled {
            B::from_parts(v.re() * factor, v.im() * factor)
        } else {
            v
        }
    };
    let (rs, cs) = (dst.row_stride(), dst.col_stride());
    let base = dst.as_mut_ptr();
    if rs == 1 {
        for (j, lane) in buf.chunks_exact(len).take(lanes).enumerate() {
            // SAFETY: column j of the view with unit row stride: `len`
            // consecutive elements that only this unique view addresses.
            let d = unsafe { std::slice::from_raw_parts_mut(base.offset(off(j, cs)), len) };
            if scaled {
                for (d, &v) in d.iter_mut().zip(lane) {
                    *d = scale(v);
                }
            } else {
                d.copy_from_slice(lane);
            }
        }
    } else {
        let tile = per_line::<B>();
        for kt in (0..len).step_by(tile) {
            let ke = (kt + tile).min(len);
            if cs == 1 {
                for k in (kt + PREFETCH_AHEAD)..(ke + PREFETCH_AHEAD).min(len) {
                    prefetch_row(base.cast_const(), k, rs, lanes);
                }
            }
            for (j, lane) in buf.chunks_exact(len).take(lanes).enumerate() {
                let p = base.wrapping_offset(off(j, cs));
                for (k, &v) in lane.iter().enumerate().take(ke).skip(kt) {
                    // SAFETY: (k, j) is inside the unique view, so the
                    // element is valid for writes and addressed only here.
                    unsafe { *p.offset(off(k, rs)) = scale(v) };
                }
            }
        }
    }
}

/// Hands out the blocks of a pass: `(first lane, its destination
/// columns)`, until there are none left.
pub(crate) type Next<'q, 'd, B> = &'q mut dyn FnMut() -> Option<(usize, MatMut<'d, B>)>;

/// A worker: takes blocks from `next` until it is empty; the second
/// argument is the threads inside each provider call. Returns the threads
/// the provider asked for.
type WorkerFn<'f, B> = &'f (dyn for<'q, 'd> Fn(Next<'q, 'd, B>, usize) -> Result<usize> + Sync);

/// Cuts the lanes (columns) of `dst` into blocks of `block` lanes and runs
/// `f` on up to `workers` threads that take the blocks from one queue as
/// they finish the previous one: a thread that the system preempts (the
/// machine is shared) holds up one block, not half the pass. `len` is the
/// longer lane length of the pass.
fn split<B: Scalar>(
    dst: MatMut<'_, B>,
    len: usize,
    threads: usize,
    block: usize,
    f: WorkerFn<'_, B>,
) -> Result<usize> {
    let lanes = dst.ncols();
    let block = block.max(1);
    let mut blocks = Vec::with_capacity(lanes.div_ceil(block));
    let mut rest = dst;
    let mut l0 = 0;
    while rest.ncols() > block {
        let (mine, tail) = rest.split_at_col_mut(block);
        blocks.push((l0, mine));
        l0 += block;
        rest = tail;
    }
    blocks.push((l0, rest));
    let t = workers(lanes, len, threads).min(blocks.len());
    if t <= 1 {
        let inner = if lanes == 1 { threads.max(1) } else { 1 };
        let mut it = blocks.into_iter();
        return f(&mut || it.next(), inner);
    }
    let queue = Mutex::new(blocks.into_iter());
    let take = || queue.lock().unwrap_or_else(PoisonError::into_inner).next();
    let results: Vec<Result<usize>> = std::thread::scope(|s| {
        let handles: Vec<_> = (1..t).map(|_| s.spawn(|| f(&mut || take(), 1))).collect();
        let mut out = vec![f(&mut || take(), 1)];
        for h in handles {
            out.push(h.join().unwrap_or_else(|_| {
                Err(Error::Backend {
                    backend: String::from("fft"),
                    routine: "worker",
                    detail: String::from("an FFT worker thread panicked"),
                })
            }));
        }
        out
    });
    for r in results {
        r?;
    }
    Ok(t)
}

/// Lanes are the columns of the oriented views.
fn orient<S: Scalar>(m: MatRef<'_, S>, axis: usize) -> MatRef<'_, S> {
    if axis == 0 { m } else { m.transpose() }
}

fn orient_mut<S: Scalar>(m: MatMut<'_, S>, axis: usize) -> MatMut<'_, S> {
    if axis == 0 { m } else { m.transpose_mut() }
}

fn check_axis(axis: usize) -> Result<()> {
    if axis > 1 {
        return Err(Error::invalid_owned(
            "axis",
            format!("axis {axis} of a matrix: expected 0 (columns) or 1 (rows)"),
        ));
    }
    Ok(())
}

/// Complex transforms of every lane of `dst` along `axis` (length
/// `n = ` `dst`'s extent along it), scaled by `factor`. The input is
/// `src`'s lanes (the first ones, each cut or zero-padded to `n`; missing
/// lanes are zero), or, with `src = None`, `dst` itself (in place).
/// Returns the threads used.
///
/// # Errors
/// [`Error::InvalidArgument`] for an axis other than 0 or 1, an allocation
/// failure of the scratch as [`Error::OutOfMemory`], the provider's errors.
pub fn c2c<T: FftFloat>(
    p: &dyn Provider,
    src: Option<MatRef<'_, Complex<T>>>,
    dst: MatMut<'_, Complex<T>>,
    axis: usize,
    dir: Direction,
    factor: T,
    threads: usize,
) -> Result<usize>
where
    Complex<T>: Scalar<Real = T>,
{
    check_axis(axis)?;
    let src = src.map(|s| orient(s, axis));
    let dst = orient_mut(dst, axis);
    let n = dst.nrows();
    if n == 0 || dst.ncols() == 0 {
        return Ok(1);
    }
    let bl = block_lanes::<Complex<T>>(n, dst.ncols());
    split(dst, n, threads, bl, &|next, inner| {
        let mut buf = Vec::new();
        let mut asked = inner;
        while let Some((l0, mut d)) = next() {
            let w = d.ncols();
            // Lanes that are contiguous and back to back in `dst` are
            // transformed where they are: no scratch, no copy back.
            if let Some(block) = contiguous_mut(&mut d) {
                if let Some(s) = src {
                    gather(block_of(s, l0, w), w, block, n);
                }
                asked = T::c2c(p, n, block, dir, inner)?;
                scale_in_place(block, factor);
                continue;
            }
            if buf.is_empty() {
                buf = linmux_core::try_vec(Complex::zero(), bl * n)?;
            }
            let a = &mut buf[..w * n];
            match src {
                Some(s) => gather(block_of(s, l0, w), w, a, n),
                None => gather(d.rb(), w, a, n),
            }
            asked = T::c2c(p, n, a, dir, inner)?;
            scatter(a, d, factor);
        }
        Ok(asked)
    })
}

/// The elements of `m` as one slice, when its columns are contiguous and
/// back to back (unit row stride, column stride = `nrows`).
fn contiguous_mut<'b, B: Scalar>(m: &'b mut MatMut<'_, B>) -> Option<&'b mut [B]> {
    let (r, c) = m.shape();
    let packed = m.row_stride() == 1 && (c <= 1 || usize::try_from(m.col_stride()) == Ok(r));
    if !packed || r == 0 || c == 0 {
        return None;
    }
    let p = m.as_mut_ptr();
    // SAFETY: with unit row stride and column stride `r`, the unique view
    // addresses exactly the `r·c` consecutive elements from `p`, all
    // initialized; the slice borrows the view mutably for its lifetime.
    Some(unsafe { std::slice::from_raw_parts_mut(p, r * c) })
}

/// Scales every value part by part (see [`scatter`]).
fn scale_in_place<B: Scalar>(v: &mut [B], factor: B::Real) {
    if factor != B::Real::one() {
        for z in v {
            *z = B::from_parts(z.re() * factor, z.im() * factor);
        }
    }
}

/// A zeroed vector of `len` complex values, from the allocator's zeroed
/// memory: a large one comes from fresh pages that nobody writes before
/// the transform does, so the output of a transform costs no separate
/// zeroing pass, and its first-touch page faults are taken by the threads
/// that write it.
///
/// # Errors
/// [`Error::OutOfMemory`] if `len` values do not fit or are refused.
pub fn zeroed<T: FftFloat>(len: usize) -> Result<Vec<Complex<T>>> {
    let oom = || Error::OutOfMemory {
        what: "fft output",
        rows: len,
        cols: 1,
        elem_bytes: size_of::<Complex<T>>(),
    };
    let layout = std::alloc::Layout::array::<Complex<T>>(len).map_err(|_| oom())?;
    if layout.size() == 0 {
        return Ok(Vec::new());
    }
    // SAFETY: the layout has a non-zero size.
    let p = unsafe { std::alloc::alloc_zeroed(layout) }.cast::<Complex<T>>();
    if p.is_null() {
        return Err(oom());
    }
    // SAFETY: `p` was allocated by the global allocator with the layout of
    // `len` values of `Complex<T>` (a Vec's layout for capacity `len`), and
    // all-zero bytes are a valid `Complex<f32 | f64>` (0 + 0i).
    Ok(unsafe { Vec::from_raw_parts(p, len, len) })
}

/// The columns `[l, l + w)` of `s` that exist (possibly fewer than `w`).
fn block_of<S: Scalar>(s: MatRef<'_, S>, l: usize, w: usize) -> MatRef<'_, S> {
    let c0 = l.min(s.ncols());
    let c1 = (l + w).min(s.ncols());
    s.submatrix(0, c0, s.nrows(), c1 - c0)
}

/// Real-to-half-complex transforms of every lane of `src` along `axis`
/// (length `n`, `src`'s extent along it) into `dst`'s lanes of `n/2 + 1`,
/// scaled by `factor`. `dst` must have as many lanes as `src`.
///
/// # Errors
/// As [`c2c`], and [`Error::InvalidArgument`] naming `out` for a `dst` of
/// another shape.
pub fn r2c<T: FftFloat>(
    p: &dyn Provider,
    src: MatRef<'_, T>,
    dst: MatMut<'_, Complex<T>>,
    axis: usize,
    factor: T,
    threads: usize,
) -> Result<usize>
where
    Complex<T>: Scalar<Real = T>,
{
    check_axis(axis)?;
    let src = orient(src, axis);
    let dst = orient_mut(dst, axis);
    let (n, h) = (src.nrows(), src.nrows() / 2 + 1);
    if dst.nrows() != h || dst.ncols() != src.ncols() {
        return Err(Error::invalid_owned(
            "out",
            format!(
                "{} lanes of {} for {} real lanes of {n}",
                dst.ncols(),
                dst.nrows(),
                src.ncols()
            ),
        ));
    }
    if n == 0 || dst.ncols() == 0 {
        return Ok(1);
    }
    let bl = block_lanes::<Complex<T>>(h, dst.ncols());
    split(dst, n, threads, bl, &|next, inner| {
        let mut x = linmux_core::try_vec(T::zero(), bl * n)?;
        let mut y = linmux_core::try_vec(Complex::zero(), bl * h)?;
        let mut asked = inner;
        while let Some((l0, d)) = next() {
            let w = d.ncols();
            let (xa, ya) = (&mut x[..w * n], &mut y[..w * h]);
            gather(src.submatrix(0, l0, n, w), w, xa, n);
            asked = T::r2c(p, n, xa, ya, inner)?;
            scatter(ya, d, factor);
        }
        Ok(asked)
    })
}

/// Half-complex-to-real transforms: every lane of `dst` along `axis`
/// (length `n`, `dst`'s extent along it) from the matching lane of `src`,
/// whose first `n/2 + 1` values are used (zero-padded if shorter), scaled
/// by `factor`. As NumPy, the imaginary parts of the first value and, for
/// even `n`, of value `n/2` are ignored. `src` must have as many lanes as
/// `dst`.
///
/// # Errors
/// As [`r2c`].
pub fn c2r<T: FftFloat>(
    p: &dyn Provider,
    src: MatRef<'_, Complex<T>>,
    dst: MatMut<'_, T>,
    axis: usize,
    factor: T,
    threads: usize,
) -> Result<usize>
where
    Complex<T>: Scalar<Real = T>,
{
    check_axis(axis)?;
    let src = orient(src, axis);
    let dst = orient_mut(dst, axis);
    let (n, h) = (dst.nrows(), dst.nrows() / 2 + 1);
    if dst.ncols() != src.ncols() {
        return Err(Error::invalid_owned(
            "out",
            format!(
                "{} real lanes for {} half spectra",
                dst.ncols(),
                src.ncols()
            ),
        ));
    }
    if n == 0 || dst.ncols() == 0 {
        return Ok(1);
    }
    let bl = block_lanes::<T>(n, dst.ncols());
    split(dst, n, threads, bl, &|next, inner| {
        let mut x = linmux_core::try_vec(Complex::zero(), bl * h)?;
        let mut y = linmux_core::try_vec(T::zero(), bl * n)?;
        let mut asked = inner;
        while let Some((l0, d)) = next() {
            let w = d.ncols();
            let (xa, ya) = (&mut x[..w * h], &mut y[..w * n]);
            gather(src.submatrix(0, l0, src.nrows(), w), w, xa, h);
            for lane in xa.chunks_exact_mut(h) {
                lane[0].im = T::zero();
                if n.is_multiple_of(2) {
                    lane[h - 1].im = T::zero();
                }
            }
            asked = T::c2r(p, n, xa, ya, inner)?;
            scatter(ya, d, factor);
        }
        Ok(asked)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use linmux_core::{Mat, c64};

    fn provider() -> std::sync::Arc<dyn Provider> {
        crate::load("rustfft").unwrap()
    }

    #[test]
    fn gather_and_scatter_move_strided_lanes_exactly() {
        // Every layout: column-major, row-major, padded, conjugated.
        let (m, n) = (37, 29);
        let a = Mat::<c64>::from_fn(m, n, |i, j| c64::new(i as f64, j as f64 + 0.5));
        let t = a.transpose();
        for (view, conj) in [
            (a.as_ref(), false),
            (t.as_ref().transpose(), false),
            (a.as_ref().conjugate(), true),
        ] {
            for len in [m - 5, m, m + 3] {
                let lanes = n + 2;
                let mut buf = vec![c64::new(9.0, 9.0); lanes * len];
                gather(view, lanes, &mut buf, len);
                for j in 0..lanes {
                    for k in 0..len {
                        let want = if j < n && k < m {
                            let v = a[(k, j)];
                            if conj { v.conj() } else { v }
                        } else {
                            c64::new(0.0, 0.0)
                        };
                        assert_eq!(buf[j * len + k], want, "({k}, {j}) len {len}");
                    }
                }
            }
        }
        let buf: Vec<c64> = (0..m * n).map(|v| c64::new(v as f64, -1.0)).collect();
        for row_major in [false, true] {
            let mut out =
                Mat::<c64>::zeros(if row_major { n } else { m }, if row_major { m } else { n });
            let view = if row_major {
                out.as_mut().transpose_mut()
            } else {
                out.as_mut()
            };
            scatter(&buf, view, 2.0);
            for j in 0..n {
                for k in 0..m {
                    let got = if row_major { out[(j, k)] } else { out[(k, j)] };
                    assert_eq!(got, buf[j * m + k] * 2.0);
                }
            }
        }
    }

    #[test]
    fn a_pass_equals_lane_by_lane_transforms_across_blocks_and_threads() {
        let p = provider();
        let (m, n) = (70, 300);
        let a = Mat::<c64>::from_fn(m, n, |i, j| {
            c64::new((i * 7 + j) as f64 % 11.0, (i + 3 * j) as f64 % 5.0)
        });
        for threads in [1, 2, 3] {
            for axis in [0, 1] {
                let mut out = Mat::<c64>::zeros(m, n);
                c2c(
                    &*p,
                    Some(a.as_ref()),
                    out.as_mut(),
                    axis,
                    Direction::Forward,
                    1.0,
                    threads,
                )
                .unwrap();
                let (lanes, len) = if axis == 0 { (n, m) } else { (m, n) };
                for l in 0..lanes {
                    let mut lane: Vec<c64> = (0..len)
                        .map(|k| if axis == 0 { a[(k, l)] } else { a[(l, k)] })
                        .collect();
                    p.c2c_f64(len, &mut lane, Direction::Forward, 1).unwrap();
                    for (k, v) in lane.iter().enumerate() {
                        let got = if axis == 0 { out[(k, l)] } else { out[(l, k)] };
                        assert_eq!(got, *v, "axis {axis} lane {l} threads {threads}");
                    }
                }
            }
        }
    }
}
