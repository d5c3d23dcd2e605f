//! Pairwise Euclidean distances (SciPy's `cdist` and the square form of
//! `pdist`) through the engine's `gemm`.
//!
//! For rows `xᵢ` of `X` (`m × d`) and `yⱼ` of `Y` (`n × d`),
//! `D[i, j] = ‖xᵢ − yⱼ‖₂`, computed as
//! `√(‖xᵢ‖² + ‖yⱼ‖² − 2·xᵢ·yⱼ)`: the `−2·X·Yᵀ` term is one `gemm` per block
//! of [`DistanceOptions::block`] × `block` entries, on the current engine's
//! BLAS backend, so the extra memory is one block (8 MiB in `f64` at the
//! default 1024) plus the two norm vectors, whatever `m` and `n`.
//! [`cdist_blocks`] hands each finished block to a closure instead of
//! writing an `m × n` result, for problems whose result does not fit.
//!
//! # Accuracy, and when to use the precise mode
//! The identity loses digits when points are close: the rounding error of
//! `‖x‖² + ‖y‖² − 2x·y` is about `d·ε·(‖x‖² + ‖y‖²)` in absolute terms,
//! so a squared distance much smaller than `‖x‖² + ‖y‖²` (near-duplicate
//! points, or points far from the origin relative to their spread) can come
//! out with no correct digit, or negative. Negative values are clamped to
//! 0, and the diagonal of a self-distance matrix is exactly 0.
//! With [`DistanceOptions::precise`], every squared distance below
//! `threshold · (‖x‖² + ‖y‖²)` is recomputed directly as `Σ (xₖ − yₖ)²`
//! (`O(d)` each). Every entry is then accurate to about
//! `d·ε / threshold` relatively. Use it when small distances matter
//! (nearest neighbours, duplicate detection, clustering with tight
//! clusters) or when the data sit far from the origin; the plain mode is
//! enough when only large distances matter (kernels with a wide
//! bandwidth, well-separated points).
//!
//! ```
//! use linmux::{Mat, distance};
//! let x = Mat::<f64>::from_rows(&[[0.0, 0.0], [3.0, 4.0]]);
//! let d = distance::pdist_square(x.as_ref(), &distance::DistanceOptions::default())?;
//! assert_eq!(d[(0, 1)], 5.0);
//! assert_eq!(d[(1, 1)], 0.0);
//! # Ok::<(), linmux::Error>(())
//! ```

use linmux_core::{Error, Mat, MatMut, MatRef, RealScalar, Result, Trans, check};

use crate::engine::Engine;

/// How distances are computed.
#[derive(Clone, Copy, Debug, PartialEq)]
#[non_exhaustive]
pub struct DistanceOptions {
    /// Rows of `X` and of `Y` per block (the `gemm` is `block × d` by
    /// `d × block`). Default 1024.
    pub block: usize,
    /// Recompute small squared distances directly (see the module docs).
    pub precise: bool,
    /// The relative size below which the precise mode recomputes:
    /// `d² < threshold · (‖x‖² + ‖y‖²)`. Default `2⁻⁵`.
    pub threshold: f64,
}

impl Default for DistanceOptions {
    fn default() -> Self {
        Self {
            block: 1024,
            precise: false,
            threshold: 1.0 / 32.0,
        }
    }
}

impl DistanceOptions {
    /// The default options with the precise mode on.
    pub fn precise() -> Self {
        Self {
            precise: true,
            ..Self::default()
        }
    }
    /// These options with `block` rows per block.
    #[must_use]
    pub fn with_block(self, block: usize) -> Self {
        Self { block, ..self }
    }
    /// These options with the precise mode on or off.
    #[must_use]
    pub fn with_precise(self, precise: bool) -> Self {
        Self { precise, ..self }
    }
    /// These options with the precise mode's `threshold`.
    #[must_use]
    pub fn with_threshold(self, threshold: f64) -> Self {
        Self { threshold, ..self }
    }
}

fn check_opts(op: &'static str, o: &DistanceOptions) -> Result<()> {
    if o.block == 0 {
        return Err(Error::invalid_owned(
            "block",
            format!("{op}: block must be at least 1"),
        ));
    }
    if !(o.threshold.is_finite() && o.threshold >= 0.0) {
        return Err(Error::invalid_owned(
            "threshold",
            format!(
                "{op}: threshold must be finite and ≥ 0, found {}",
                o.threshold
            ),
        ));
    }
    Ok(())
}

fn sq_norms<T: RealScalar>(a: MatRef<'_, T>) -> Vec<T> {
    (0..a.nrows())
        .map(|i| (0..a.ncols()).map(|k| a.at(i, k) * a.at(i, k)).sum())
        .collect()
}

fn direct<T: RealScalar>(x: MatRef<'_, T>, i: usize, y: MatRef<'_, T>, j: usize) -> T {
    (0..x.ncols())
        .map(|k| {
            let d = x.at(i, k) - y.at(j, k);
            d * d
        })
        .sum()
}

/// Where finished blocks go: `(i0, j0, block)`.
type BlockSink<'f, T> = &'f mut dyn FnMut(usize, usize, MatRef<'_, T>) -> Result<()>;

/// The blocked computation: `f(i0, j0, block)` for every block of distances,
/// `block[(i, j)] = D[i0 + i, j0 + j]`; for a self-distance
/// (`self_distance`, `x` = `y`) only the blocks with `j0 ≥ i0`.
fn blocks<T: RealScalar>(
    engine: &Engine,
    op: &'static str,
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    opts: &DistanceOptions,
    self_distance: bool,
    f: BlockSink<'_, T>,
) -> Result<()> {
    check_opts(op, opts)?;
    if x.ncols() != y.ncols() {
        return Err(Error::mismatch(
            op,
            "y",
            format!(
                "points of dimension {} against points of dimension {}",
                x.ncols(),
                y.ncols()
            ),
        ));
    }
    let (m, n) = (x.nrows(), y.nrows());
    if m == 0 || n == 0 {
        return Ok(());
    }
    let nx = sq_norms(x);
    let ny = if self_distance {
        nx.clone()
    } else {
        sq_norms(y)
    };
    let b = opts.block;
    let mut buf = Mat::<T>::try_zeros(b.min(m), b.min(n))?;
    let tau = T::from_f64(opts.threshold);
    let two = T::from_f64(-2.0);
    let threads = engine.thread_control().get().max(1);
    for i0 in (0..m).step_by(b) {
        let bm = b.min(m - i0);
        let xb = x.submatrix(i0, 0, bm, x.ncols());
        for j0 in (0..n).step_by(b) {
            // A self-distance matrix is symmetric: only the blocks on and
            // above the diagonal are computed (the caller mirrors them).
            if self_distance && j0 < i0 {
                continue;
            }
            let bn = b.min(n - j0);
            let yb = y.submatrix(j0, 0, bn, y.ncols());
            if x.ncols() == 0 {
                buf.as_mut().fill(T::zero());
            } else {
                let c = buf.as_mut().submatrix_mut(0, 0, bm, bn);
                engine.gemm(Trans::No, Trans::Trans, two, xb, yb, T::zero(), c)?;
            }
            // The block is column-major with leading dimension `ld`: finish
            // it column by column, the columns split across the thread budget.
            let ld = buf.nrows();
            let finish = |j: usize, col: &mut [T]| {
                let gj = j0 + j;
                for (i, c) in col.iter_mut().take(bm).enumerate() {
                    let gi = i0 + i;
                    let scale = nx[gi] + ny[gj];
                    let mut v = *c + scale;
                    if v < T::zero() {
                        v = T::zero();
                    }
                    if opts.precise && v < tau * scale {
                        v = direct(x, gi, y, gj);
                    }
                    if self_distance && gi == gj {
                        v = T::zero();
                    }
                    *c = v.sqrt();
                }
            };
            let cols = &mut buf.as_mut_slice()[..ld * bn];
            let t = if bm * bn >= 1 << 16 { threads } else { 1 };
            if t <= 1 {
                for (j, col) in cols.chunks_mut(ld).enumerate() {
                    finish(j, col);
                }
            } else {
                let per = bn.div_ceil(t);
                std::thread::scope(|s| {
                    for (k, chunk) in cols.chunks_mut(per * ld).enumerate() {
                        let finish = &finish;
                        s.spawn(move || {
                            for (j, col) in chunk.chunks_mut(ld).enumerate() {
                                finish(k * per + j, col);
                            }
                        });
                    }
                });
            }
            f(i0, j0, buf.as_ref().submatrix(0, 0, bm, bn))?;
        }
    }
    Ok(())
}

fn write_into<'o, 'a: 'o, T: RealScalar>(
    out: &'o mut MatMut<'a, T>,
) -> impl FnMut(usize, usize, MatRef<'_, T>) -> Result<()> + 'o {
    move |i0, j0, blk| {
        out.rb_mut()
            .submatrix_mut(i0, j0, blk.nrows(), blk.ncols())
            .copy_from(blk);
        Ok(())
    }
}

impl Engine {
    /// `D[i, j] = ‖xᵢ − yⱼ‖₂` for the rows of `x` (`m × d`) and `y`
    /// (`n × d`), written into `out` (`m × n`); see [`crate::distance`].
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] if the dimensions `d` differ (naming
    /// `y`) or `out` is not `m × n`; [`Error::InvalidArgument`] for a
    /// `block` of 0 or a bad `threshold`; `gemm`'s errors. `out` is
    /// untouched when the arguments are invalid.
    #[doc(alias = "scipy.spatial.distance.cdist")]
    pub fn cdist_into<T: RealScalar>(
        &self,
        x: MatRef<'_, T>,
        y: MatRef<'_, T>,
        opts: &DistanceOptions,
        mut out: MatMut<'_, T>,
    ) -> Result<()> {
        check::shape("cdist", "out", out.shape(), (x.nrows(), y.nrows()))?;
        blocks(self, "cdist", x, y, opts, false, &mut write_into(&mut out))
    }

    /// The square self-distance matrix of the rows of `x` (SciPy's
    /// `squareform(pdist(x))`) into `out` (`m × m`): symmetric, with an
    /// exactly zero diagonal.
    ///
    /// # Errors
    /// As [`Engine::cdist_into`].
    #[doc(alias = "pdist")]
    #[doc(alias = "squareform")]
    pub fn pdist_square_into<T: RealScalar>(
        &self,
        x: MatRef<'_, T>,
        opts: &DistanceOptions,
        mut out: MatMut<'_, T>,
    ) -> Result<()> {
        let m = x.nrows();
        check::shape("pdist", "out", out.shape(), (m, m))?;
        blocks(self, "pdist", x, x, opts, true, &mut write_into(&mut out))?;
        // Only the blocks on and above the diagonal were computed: mirror
        // the upper triangle (which also makes the diagonal blocks exactly
        // symmetric), tile by tile so that the strided side stays cached.
        const TILE: usize = 64;
        for jt in (0..m).step_by(TILE) {
            for it in (jt..m).step_by(TILE) {
                for j in jt..(jt + TILE).min(m) {
                    for i in it.max(j + 1)..(it + TILE).min(m) {
                        let v = out.at(j, i);
                        *out.at_mut(i, j) = v;
                    }
                }
            }
        }
        Ok(())
    }

    /// [`Engine::cdist_into`] without a result matrix: `f(i0, j0, block)`
    /// receives each block of distances (`block[(i, j)] = D[i0 + i, j0 + j]`,
    /// at most `opts.block` square), so memory stays bounded whatever `m`
    /// and `n`. An error from `f` stops the computation and is returned.
    ///
    /// # Errors
    /// As [`Engine::cdist_into`], and `f`'s.
    pub fn cdist_blocks<T: RealScalar>(
        &self,
        x: MatRef<'_, T>,
        y: MatRef<'_, T>,
        opts: &DistanceOptions,
        mut f: impl FnMut(usize, usize, MatRef<'_, T>) -> Result<()>,
    ) -> Result<()> {
        blocks(self, "cdist", x, y, opts, false, &mut f)
    }
}

/// [`Engine::cdist_into`] on the current engine, into a new `m × n` matrix.
///
/// # Errors
/// As [`Engine::cdist_into`], or if there is no current engine.
#[doc(alias = "scipy.spatial.distance.cdist")]
pub fn cdist<T: RealScalar>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    opts: &DistanceOptions,
) -> Result<Mat<T>> {
    check_opts("cdist", opts)?;
    let mut out = Mat::try_zeros(x.nrows(), y.nrows())?;
    crate::engine::with_current(|e| e.cdist_into(x, y, opts, out.as_mut()))??;
    Ok(out)
}

/// [`Engine::cdist_into`] on the current engine.
///
/// # Errors
/// As [`Engine::cdist_into`], or if there is no current engine.
pub fn cdist_into<T: RealScalar>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    opts: &DistanceOptions,
    out: MatMut<'_, T>,
) -> Result<()> {
    crate::engine::with_current(|e| e.cdist_into(x, y, opts, out))?
}

/// [`Engine::pdist_square_into`] on the current engine, into a new `m × m`
/// matrix.
///
/// # Errors
/// As [`Engine::cdist_into`], or if there is no current engine.
#[doc(alias = "pdist")]
pub fn pdist_square<T: RealScalar>(x: MatRef<'_, T>, opts: &DistanceOptions) -> Result<Mat<T>> {
    check_opts("pdist", opts)?;
    let mut out = Mat::try_zeros(x.nrows(), x.nrows())?;
    crate::engine::with_current(|e| e.pdist_square_into(x, opts, out.as_mut()))??;
    Ok(out)
}

/// [`Engine::pdist_square_into`] on the current engine.
///
/// # Errors
/// As [`Engine::cdist_into`], or if there is no current engine.
pub fn pdist_square_into<T: RealScalar>(
    x: MatRef<'_, T>,
    opts: &DistanceOptions,
    out: MatMut<'_, T>,
) -> Result<()> {
    crate::engine::with_current(|e| e.pdist_square_into(x, opts, out))?
}

/// [`Engine::cdist_blocks`] on the current engine.
///
/// # Errors
/// As [`Engine::cdist_blocks`], or if there is no current engine.
pub fn cdist_blocks<T: RealScalar>(
    x: MatRef<'_, T>,
    y: MatRef<'_, T>,
    opts: &DistanceOptions,
    f: impl FnMut(usize, usize, MatRef<'_, T>) -> Result<()>,
) -> Result<()> {
    crate::engine::with_current(|e| e.cdist_blocks(x, y, opts, f))?
}
