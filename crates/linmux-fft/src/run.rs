//! The batch driver: splits a batch of rows across threads.
//!
//! A batch of `rows` rows is split into `t = min(threads, rows)` contiguous
//! chunks, one per scoped thread (the calling thread runs the last one), and
//! every chunk is one provider call with one thread. A batch that is a
//! single row instead gets all `threads` inside the provider (FFTW and MKL
//! thread one long transform; RustFFT does not). Batches of fewer than
//! [`PARALLEL_MIN_WORK`] values run on the calling thread: a thread costs
//! more than it saves there.
//!
//! Every function returns the number of threads the batch was run with:
//! worker threads times the threads each provider call asked for.

use linmux_core::Result;
use num_complex::Complex;

use crate::provider::{Direction, FftFloat, Provider};

/// Values (rows × length) below which a batch runs on one thread.
pub const PARALLEL_MIN_WORK: usize = 1 << 14;

/// How many threads a batch of `rows` rows of `n` values gets.
pub fn workers(rows: usize, n: usize, threads: usize) -> usize {
    if rows.saturating_mul(n) < PARALLEL_MIN_WORK {
        1
    } else {
        threads.clamp(1, rows.max(1))
    }
}

/// One chunk's work: rows of `A`, rows of `B`, threads inside the call.
type Chunk<'f, A, B> = &'f (dyn Fn(&mut [A], &mut [B], usize) -> Result<usize> + Sync);

fn split<A: Send, B: Send>(
    rows: usize,
    threads: usize,
    a: &mut [A],
    a_row: usize,
    b: &mut [B],
    b_row: usize,
    f: Chunk<'_, A, B>,
) -> Result<usize> {
    let t = workers(rows, a_row.max(b_row), threads);
    if t <= 1 {
        let inner = if rows == 1 { threads.max(1) } else { 1 };
        return f(a, b, inner);
    }
    let per = rows.div_ceil(t);
    let a_chunks = a.chunks_mut(per * a_row);
    let mut b_chunks: Vec<&mut [B]> = if b_row == 0 {
        (0..t).map(|_| <&mut [B]>::default()).collect()
    } else {
        b.chunks_mut(per * b_row).collect()
    };
    b_chunks.reverse();
    let mut jobs: Vec<(&mut [A], &mut [B])> = a_chunks
        .map(|ca| (ca, b_chunks.pop().unwrap_or_default()))
        .collect();
    let used = jobs.len();
    let last = jobs.pop();
    let results: Vec<Result<usize>> = std::thread::scope(|s| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|(ca, cb)| s.spawn(move || f(ca, cb, 1)))
            .collect();
        let mut out = Vec::with_capacity(used);
        if let Some((ca, cb)) = last {
            out.push(f(ca, cb, 1));
        }
        for h in handles {
            out.push(h.join().unwrap_or_else(|_| {
                Err(linmux_core::Error::Backend {
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
    Ok(used)
}

/// In-place complex transforms of the rows of `data` (rows of `n`).
///
/// # Errors
/// The provider's.
pub fn c2c<T: FftFloat>(
    p: &dyn Provider,
    n: usize,
    data: &mut [Complex<T>],
    dir: Direction,
    threads: usize,
) -> Result<usize> {
    let rows = data.len().checked_div(n).unwrap_or(0);
    split::<Complex<T>, Complex<T>>(rows, threads, data, n, &mut [], 0, &|a, _, t| {
        T::c2c(p, n, a, dir, t)
    })
}

/// Real rows of `n` in `x` to half spectra (`n/2 + 1`) in `y`.
///
/// # Errors
/// The provider's.
pub fn r2c<T: FftFloat>(
    p: &dyn Provider,
    n: usize,
    x: &mut [T],
    y: &mut [Complex<T>],
    threads: usize,
) -> Result<usize> {
    let rows = x.len().checked_div(n).unwrap_or(0);
    split(rows, threads, x, n, y, n / 2 + 1, &|a, b, t| {
        T::r2c(p, n, a, b, t)
    })
}

/// Half spectra (`n/2 + 1`) in `x` to real rows of `n` in `y`; `x` is
/// overwritten.
///
/// # Errors
/// The provider's.
pub fn c2r<T: FftFloat>(
    p: &dyn Provider,
    n: usize,
    x: &mut [Complex<T>],
    y: &mut [T],
    threads: usize,
) -> Result<usize> {
    let h = n / 2 + 1;
    let rows = y.len().checked_div(n).unwrap_or(0);
    for row in x.chunks_exact_mut(h) {
        row[0].im = T::zero();
        if n.is_multiple_of(2) {
            row[h - 1].im = T::zero();
        }
    }
    split(rows, threads, x, h, y, n, &|a, b, t| T::c2r(p, n, a, b, t))
}
