//! The classic comparison suite, as NumPy's vendor benchmark defines it: a
//! 4096² matrix product, a dot product of length 524288, the thin SVD of a
//! 2048×1024 matrix, the Cholesky factorization of a 2048² SPD matrix and
//! the eigendecompositions (`eig`, `eigh`) of 2048² matrices, all in f64,
//! all through the public `linalg` API.

use std::fmt;

use linmux::{Mat, Uplo, VecRef, linalg};
use linmux_testkit::{Rng, data};

/// One operation of the suite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Op {
    Gemm,
    Dot,
    Svd,
    Cholesky,
    Eig,
    Eigh,
}

/// The suite, in the order it runs and is reported.
pub const OPS: [Op; 6] = [Op::Gemm, Op::Dot, Op::Svd, Op::Cholesky, Op::Eig, Op::Eigh];

impl Op {
    pub fn name(self) -> &'static str {
        match self {
            Op::Gemm => "gemm",
            Op::Dot => "dot",
            Op::Svd => "svd",
            Op::Cholesky => "cholesky",
            Op::Eig => "eig",
            Op::Eigh => "eigh",
        }
    }

    pub fn parse(name: &str) -> Option<Op> {
        OPS.into_iter().find(|o| o.name() == name)
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
        }
    }

    /// NumPy's benchmark sizes.
    pub fn full_size(self) -> Size {
        match self {
            Op::Gemm => Size::square(4096),
            Op::Dot => Size::vector(524_288),
            Op::Svd => Size::new(2048, 1024),
            Op::Cholesky | Op::Eig | Op::Eigh => Size::square(2048),
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
        }
    }

    /// The size of this operation for a bare `--sizes N`: square `N`, a
    /// vector of length `N`, and the SVD's 2:1 shape (`N × ⌈N/2⌉`).
    pub fn scaled(self, n: usize) -> Size {
        match self {
            Op::Dot => Size::vector(n),
            Op::Svd => Size::new(n, n.div_ceil(2)),
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
            Op::Cholesky => Some(n * n * n / 3.0),
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
            Op::Cholesky => {
                let mut a = data::random_hermitian::<f64>(&mut rng, n);
                for i in 0..n {
                    a[(i, i)] += n as f64;
                }
                Inputs::One(a)
            }
            Op::Eig => Inputs::One(data::random_mat(&mut rng, n, n)),
            Op::Eigh => Inputs::One(data::random_hermitian(&mut rng, n)),
        }
    }

    /// One call through the public `linalg` API on the current engine. The
    /// result is returned so that dropping it stays outside the timed region.
    pub fn run(&self, op: Op) -> linmux::Result<Box<dyn std::any::Any>> {
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
        for op in OPS {
            let case = Case {
                op,
                size: op.scaled(6),
            };
            Inputs::build(case).run(op).unwrap();
        }
    }
}
