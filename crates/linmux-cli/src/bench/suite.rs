//! The classic comparison suite, as NumPy's vendor benchmark defines it: a
//! 4096² matrix product, a dot product of length 524288, the thin SVD of a
//! 2048×1024 matrix, the Cholesky factorization of a 2048² SPD matrix and
//! the eigendecompositions (`eig`, `eigh`) of 2048² matrices, all in f64,
//! all through the public `linalg` API.
//!
//! Beyond it (run when named with `--ops`): `fft2` of a batch of images
//! (the seed material's pipeline: ten 1024×1024 images), one operation per
//! FFT provider (`fft2-rustfft`, `fft2-fftw`, `fft2-mkl`; the thread count
//! is the engine's budget, which the FFT follows), and `cdist` of 5000
//! points against 5000 in dimension 50 (through the backend's gemm).

use std::fmt;

use linmux::fft::{Fft, Norm};
use linmux::{Mat, Uplo, VecRef, c64, distance, linalg};
use linmux_testkit::{Rng, data};

/// `(G + Gᵀ)/2` has entries in [-1, 1): adding `n` on the diagonal makes it
/// strictly diagonally dominant, hence SPD, in O(n²).
fn spd(rng: &mut Rng, n: usize) -> Mat<f64> {
    let mut a = data::random_hermitian::<f64>(rng, n);
    for i in 0..n {
        a[(i, i)] += n as f64;
    }
    a
}

/// One operation of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Op {
    Gemm,
    Dot,
    Svd,
    Cholesky,
    Eig,
    Eigh,
    Fft2Rustfft,
    Fft2Fftw,
    Fft2Mkl,
    Cdist,
    Gemv,
    Potrf,
    Getrf,
}

/// The suite, in the order it runs and is reported.
pub const OPS: [Op; 6] = [Op::Gemm, Op::Dot, Op::Svd, Op::Cholesky, Op::Eig, Op::Eigh];

/// Operations run only when named with `--ops`.
pub const EXTRA_OPS: [Op; 7] = [
    Op::Fft2Rustfft,
    Op::Fft2Fftw,
    Op::Fft2Mkl,
    Op::Cdist,
    Op::Gemv,
    Op::Potrf,
    Op::Getrf,
];

/// The thread-policy grid (`linmux tune`, and the measurements behind the
/// built-in size policy): a product, a matrix-vector product, a dot
/// product and the two factorizations, called on the engine directly.
pub const GRID_OPS: [Op; 5] = [Op::Gemm, Op::Gemv, Op::Dot, Op::Potrf, Op::Getrf];

/// Every operation `--ops` accepts: [`OPS`], then [`EXTRA_OPS`].
pub const ALL_OPS: [Op; OPS.len() + EXTRA_OPS.len()] = {
    let mut all = [Op::Gemm; OPS.len() + EXTRA_OPS.len()];
    let mut i = 0;
    while i < all.len() {
        all[i] = if i < OPS.len() {
            OPS[i]
        } else {
            EXTRA_OPS[i - OPS.len()]
        };
        i += 1;
    }
    all
};

impl Op {
    pub fn name(self) -> &'static str {
        match self {
            Op::Gemm => "gemm",
            Op::Dot => "dot",
            Op::Svd => "svd",
            Op::Cholesky => "cholesky",
            Op::Eig => "eig",
            Op::Eigh => "eigh",
            Op::Fft2Rustfft => "fft2-rustfft",
            Op::Fft2Fftw => "fft2-fftw",
            Op::Fft2Mkl => "fft2-mkl",
            Op::Cdist => "cdist",
            Op::Gemv => "gemv",
            Op::Potrf => "potrf",
            Op::Getrf => "getrf",
        }
    }

    pub fn parse(name: &str) -> Option<Op> {
        ALL_OPS.into_iter().find(|o| o.name() == name)
    }

    /// The FFT provider of an `fft2-*` operation.
    pub fn fft_provider(self) -> Option<&'static str> {
        match self {
            Op::Fft2Rustfft => Some("rustfft"),
            Op::Fft2Fftw => Some("fftw"),
            Op::Fft2Mkl => Some("mkl"),
            _ => None,
        }
    }

    /// Whether a size is `MxN` (two numbers) for this operation.
    pub fn takes_two_sizes(self) -> bool {
        matches!(self, Op::Svd | Op::Cdist) || self.fft_provider().is_some()
    }

    /// What is computed, NumPy's spelling.
    pub fn what(self) -> &'static str {
        match self {
            Op::Gemm => "A @ B (linalg::matmul)",
            Op::Dot => "dot(x, y) (linalg::inner)",
            Op::Svd => "svd(A, full_matrices=False) (linalg::svd Thin)",
            Op::Cholesky => "cholesky(A), A SPD (linalg::cholesky)",
            Op::Eig => "eig(A), A general (linalg::eig)",
            Op::Eigh => "eigh(A), A symmetric (linalg::eigh)",
            Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl => {
                "fft2 of M complex NxN images (fft::Fft::fft2, one provider)"
            }
            Op::Cdist => "cdist(X, Y), M points of dimension N each (distance::cdist)",
            Op::Gemv => "y = A @ x, A square (Engine::gemv, in place)",
            Op::Potrf => "Cholesky of an SPD copy (Engine::potrf, in place)",
            Op::Getrf => "LU with pivoting of a copy (Engine::getrf, in place)",
        }
    }

    /// NumPy's benchmark sizes.
    pub fn full_size(self) -> Size {
        match self {
            Op::Gemm => Size::square(4096),
            Op::Dot => Size::vector(524_288),
            Op::Svd => Size::new(2048, 1024),
            Op::Cholesky | Op::Eig | Op::Eigh | Op::Potrf | Op::Getrf => Size::square(2048),
            Op::Gemv => Size::square(4096),
            Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl => Size::new(10, 1024),
            Op::Cdist => Size::new(5000, 50),
        }
    }

    /// `--quick`: half the sizes (eig a quarter); about 20 s in all for faer
    /// on 2 idle cores at 1 and 2 threads.
    pub fn quick_size(self) -> Size {
        match self {
            Op::Gemm => Size::square(2048),
            Op::Dot => Size::vector(524_288),
            Op::Svd => Size::new(1024, 512),
            Op::Cholesky => Size::square(2048),
            Op::Eig => Size::square(512),
            Op::Eigh => Size::square(1024),
            Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl => Size::new(2, 1024),
            Op::Cdist => Size::new(2000, 50),
            Op::Gemv => Size::square(2048),
            Op::Potrf | Op::Getrf => Size::square(1024),
        }
    }

    /// The size of this operation for a bare `--sizes N`: square `N`, a
    /// vector of length `N`, and the SVD's 2:1 shape (`N × ⌈N/2⌉`).
    pub fn scaled(self, n: usize) -> Size {
        match self {
            Op::Dot => Size::vector(n),
            Op::Svd => Size::new(n, n.div_ceil(2)),
            Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl => Size::new(10, n),
            Op::Cdist => Size::new(n, 50),
            _ => Size::square(n),
        }
    }

    /// Floating-point operations where the count is fixed (not iterative):
    /// `2n³` for the product, `2n` for the dot, `n³/3` for Cholesky.
    pub fn flops(self, s: Size) -> Option<f64> {
        let (m, n) = (s.m as f64, s.n as f64);
        match self {
            Op::Gemm => Some(2.0 * m * n * n),
            Op::Dot => Some(2.0 * n),
            Op::Cholesky | Op::Potrf => Some(n * n * n / 3.0),
            Op::Gemv => Some(2.0 * n * n),
            Op::Getrf => Some(2.0 * n * n * n / 3.0),
            // 5·N²·log₂(N²) per complex N×N transform (the FFT convention).
            Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl => Some(m * 5.0 * n * n * (n * n).log2()),
            // The gemm's 2·M·M·N.
            Op::Cdist => Some(2.0 * m * m * n),
            Op::Svd | Op::Eig | Op::Eigh => None,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A problem size: `m × n` (a vector has `m = 1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Size {
    pub m: usize,
    pub n: usize,
}

impl Size {
    pub const fn new(m: usize, n: usize) -> Self {
        Size { m, n }
    }
    pub const fn square(n: usize) -> Self {
        Size { m: n, n }
    }
    pub const fn vector(n: usize) -> Self {
        Size { m: 1, n }
    }
    pub fn parse(text: &str) -> Option<Size> {
        let t = text.trim();
        let pos = |x: &str| x.trim().parse::<usize>().ok().filter(|&v| v > 0);
        match t.split_once(['x', '×']) {
            Some((m, n)) => Some(Size::new(pos(m)?, pos(n)?)),
            None => pos(t).map(|n| Size { m: 0, n }),
        }
    }
}

impl fmt::Display for Size {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.m == 1 || self.m == self.n {
            write!(f, "{}", self.n)
        } else {
            write!(f, "{}x{}", self.m, self.n)
        }
    }
}

/// A problem of the suite: an operation at a size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Case {
    pub op: Op,
    pub size: Size,
}

impl Case {
    /// `gemm 4096`, `svd 2048x1024`.
    pub fn label(&self) -> String {
        format!("{} {}", self.op, self.size)
    }
}

/// Seeded inputs of one case, built before (and outside) any timed call.
pub enum Inputs {
    Two(Mat<f64>, Mat<f64>),
    Vectors(Vec<f64>, Vec<f64>),
    One(Mat<f64>),
    /// Images and the provider's handle (or why it did not load).
    Images(Vec<Mat<c64>>, Result<Fft, String>),
    /// An in-place operation's input and the buffer each call overwrites
    /// (a matrix, a vector or pivots).
    InPlace {
        a: Mat<f64>,
        x: Vec<f64>,
        work: Mat<f64>,
        y: Vec<f64>,
        ipiv: Vec<usize>,
    },
}

impl Inputs {
    pub fn build(case: Case) -> Inputs {
        let mut rng = Rng::new(0x6c69_6e6d_7578 ^ case.op as u64);
        let Size { m, n } = case.size;
        match case.op {
            Op::Gemm => Inputs::Two(
                data::random_mat(&mut rng, n, n),
                data::random_mat(&mut rng, n, n),
            ),
            Op::Dot => {
                Inputs::Vectors(data::random_vec(&mut rng, n), data::random_vec(&mut rng, n))
            }
            Op::Svd => Inputs::One(data::random_mat(&mut rng, m, n)),
            // (G + Gᵀ)/2 has entries in [-1, 1): adding n on the diagonal makes
            // it strictly diagonally dominant, hence SPD, in O(n²).
            Op::Cholesky => Inputs::One(spd(&mut rng, n)),
            Op::Gemv | Op::Potrf | Op::Getrf => {
                let a = if case.op == Op::Potrf {
                    spd(&mut rng, n)
                } else {
                    data::random_mat(&mut rng, n, n)
                };
                Inputs::InPlace {
                    work: a.clone(),
                    a,
                    x: data::random_vec(&mut rng, n),
                    y: vec![0.0; n],
                    ipiv: vec![0; n],
                }
            }
            Op::Eig => Inputs::One(data::random_mat(&mut rng, n, n)),
            Op::Eigh => Inputs::One(data::random_hermitian(&mut rng, n)),
            Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl => {
                let images = (0..m)
                    .map(|_| Mat::from_fn(n, n, |_, _| c64::new(rng.uniform(0.0, 1.0), 0.0)))
                    .collect();
                let name = case.op.fft_provider().unwrap_or("rustfft");
                Inputs::Images(images, Fft::with_provider(name).map_err(|e| e.to_string()))
            }
            Op::Cdist => Inputs::Two(
                data::random_mat(&mut rng, m, n),
                data::random_mat(&mut rng, m, n),
            ),
        }
    }

    /// One call through the public `linalg` API on the current engine. The
    /// result is returned so that dropping it stays outside the timed region.
    pub fn run(&mut self, op: Op) -> linmux::Result<Box<dyn std::any::Any>> {
        use std::hint::black_box;
        Ok(match (op, self) {
            (Op::Gemm, Inputs::Two(a, b)) => Box::new(linalg::matmul(
                black_box(a.as_ref()),
                black_box(b.as_ref()),
            )?),
            (Op::Dot, Inputs::Vectors(x, y)) => Box::new(linalg::inner(
                black_box(VecRef::from_slice(x)),
                black_box(VecRef::from_slice(y)),
            )?),
            (Op::Svd, Inputs::One(a)) => Box::new(
                linalg::svd(black_box(a.as_ref()), linmux::SvdJob::Thin)
                    .map(|s| (s.u, s.s, s.vt))?,
            ),
            (Op::Cholesky, Inputs::One(a)) => {
                Box::new(linalg::cholesky(black_box(a.as_ref()), Uplo::Lower)?)
            }
            (Op::Eig, Inputs::One(a)) => Box::new(linalg::eig(black_box(a.as_ref()))?),
            (Op::Eigh, Inputs::One(a)) => {
                Box::new(linalg::eigh(black_box(a.as_ref()), Uplo::Lower)?)
            }
            (Op::Fft2Rustfft | Op::Fft2Fftw | Op::Fft2Mkl, Inputs::Images(images, fft)) => {
                let fft = fft
                    .as_ref()
                    .map_err(|e| linmux::Error::BackendUnavailable {
                        name: op.fft_provider().unwrap_or("?").to_owned(),
                        reasons: vec![e.clone()],
                    })?;
                Box::new(
                    images
                        .iter()
                        .map(|img| fft.fft2(black_box(img.as_ref()), Norm::Backward))
                        .collect::<linmux::Result<Vec<_>>>()?,
                )
            }
            (Op::Cdist, Inputs::Two(x, y)) => Box::new(distance::cdist(
                black_box(x.as_ref()),
                black_box(y.as_ref()),
                &distance::DistanceOptions::default(),
            )?),
            (Op::Gemv, Inputs::InPlace { a, x, y, .. }) => {
                let e = linmux::current_engine()?;
                e.gemv(
                    linmux::Trans::No,
                    1.0,
                    black_box(a.as_ref()),
                    black_box(VecRef::from_slice(x)),
                    0.0,
                    linmux::VecMut::from_slice(y),
                )?;
                Box::new(())
            }
            (Op::Potrf, Inputs::InPlace { a, work, .. }) => {
                work.as_mut().copy_from(a.as_ref());
                linmux::current_engine()?.potrf(Uplo::Lower, black_box(work.as_mut()))?;
                Box::new(())
            }
            (Op::Getrf, Inputs::InPlace { a, work, ipiv, .. }) => {
                work.as_mut().copy_from(a.as_ref());
                linmux::current_engine()?.getrf(black_box(work.as_mut()), ipiv)?;
                Box::new(())
            }
            _ => unreachable!("inputs are built for their operation"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print() {
        assert_eq!(Size::parse("2048x1024"), Some(Size::new(2048, 1024)));
        assert_eq!(Size::parse("64"), Some(Size { m: 0, n: 64 }));
        assert_eq!(Size::parse("0"), None);
        assert_eq!(Size::parse("ax3"), None);
        assert_eq!(Size::new(2048, 1024).to_string(), "2048x1024");
        assert_eq!(Size::square(64).to_string(), "64");
        assert_eq!(Op::Svd.scaled(9), Size::new(9, 5));
    }

    #[test]
    fn flop_counts_are_the_textbook_ones() {
        assert_eq!(Op::Gemm.flops(Size::square(10)), Some(2000.0));
        assert_eq!(Op::Dot.flops(Size::vector(10)), Some(20.0));
        assert_eq!(Op::Cholesky.flops(Size::square(3)), Some(9.0));
        assert_eq!(Op::Eig.flops(Size::square(3)), None);
    }

    #[test]
    fn every_op_runs_on_faer() {
        let _faer = linmux::Engine::with_backend("faer").unwrap().scoped();
        for op in ALL_OPS {
            let case = Case {
                op,
                size: op.scaled(6),
            };
            if op.fft_provider().is_some_and(|p| p != "rustfft") {
                continue;
            }
            Inputs::build(case).run(op).unwrap();
        }
    }
}
