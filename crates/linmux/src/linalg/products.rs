//! Products: `matmul`, `inner`, `vdot`.

use linmux_core::{Error, Mat, MatRef, Result, Scalar, Trans, VecRef};

use super::forward;
use crate::engine::Engine;
use linmux_core::check::len;

forward! {
    /// The matrix product `C = A·B` (`A` is `m × k`, `B` is `k × n`), by `gemm`.
    ///
    /// `cᵢⱼ = Σₗ aᵢₗ·bₗⱼ`. A conjugated view (`a.adjoint()`) is used as such,
    /// without a copy. An empty inner dimension (`k = 0`) gives the `m × n`
    /// zero matrix, as NumPy.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `b` if `a.ncols() != b.nrows()`.
    ///
    /// ```
    /// use linmux::{Mat, linalg};
    /// let a = Mat::<f64>::from_rows(&[[1.0, 2.0], [3.0, 4.0]]);
    /// let b = Mat::<f64>::from_rows(&[[5.0], [6.0]]);
    /// let c = linalg::matmul(a.as_ref(), b.as_ref())?;
    /// assert_eq!(c, Mat::from_rows(&[[17.0], [39.0]]));
    /// // Aᵀ·A without forming Aᵀ:
    /// let g = linalg::matmul(a.as_ref().transpose(), a.as_ref())?;
    /// assert_eq!(g, Mat::from_rows(&[[10.0, 14.0], [14.0, 20.0]]));
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.matmul", alias = "@", alias = "gemm")]
    pub fn matmul<T: Scalar>(a: MatRef<'_, T>, b: MatRef<'_, T>) -> Mat<T>;

    /// The unconjugated inner product of two vectors, `Σ xᵢ·yᵢ` — NumPy's
    /// `dot` (and `inner`) of 1-D arrays, also for complex vectors. 0 for
    /// empty vectors.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `y` if the lengths differ.
    ///
    /// ```
    /// use linmux::{VecRef, c64, linalg};
    /// let x = [c64::new(1.0, 1.0), c64::new(2.0, 0.0)];
    /// let y = [c64::new(1.0, -1.0), c64::new(0.0, 3.0)];
    /// let d = linalg::inner(VecRef::from_slice(&x), VecRef::from_slice(&y))?;
    /// assert_eq!(d, c64::new(2.0, 6.0)); // (1+i)(1−i) + 2·3i
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.dot", alias = "numpy.inner", alias = "dot")]
    pub fn inner<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;

    /// The conjugated inner product `Σ conj(xᵢ)·yᵢ` (NumPy's `vdot`); equal to
    /// [`inner`] for real vectors.
    ///
    /// # Errors
    /// [`Error::DimensionMismatch`] naming `y` if the lengths differ.
    ///
    /// ```
    /// use linmux::{VecRef, c64, linalg};
    /// let x = [c64::new(1.0, 1.0), c64::new(2.0, 0.0)];
    /// let n2 = linalg::vdot(VecRef::from_slice(&x), VecRef::from_slice(&x))?;
    /// assert_eq!(n2, c64::new(6.0, 0.0)); // ‖x‖²
    /// # Ok::<(), linmux::Error>(())
    /// ```
    #[doc(alias = "numpy.vdot", alias = "dotc")]
    pub fn vdot<T: Scalar>(x: VecRef<'_, T>, y: VecRef<'_, T>) -> T;
}

impl Engine {
    /// [`linalg::matmul`](crate::linalg::matmul) on this engine: `C = A·B`.
    ///
    /// # Errors
    /// As [`linalg::matmul`](crate::linalg::matmul).
    pub fn matmul<T: Scalar>(&self, a: MatRef<'_, T>, b: MatRef<'_, T>) -> Result<Mat<T>> {
        if a.ncols() != b.nrows() {
            return Err(Error::mismatch(
                "matmul",
                "b",
                format!(
                    "a is {}×{} but b is {}×{}: inner dimensions differ",
                    a.nrows(),
                    a.ncols(),
                    b.nrows(),
                    b.ncols()
                ),
            ));
        }
        let mut c = Mat::try_zeros(a.nrows(), b.ncols())?;
        self.gemm(Trans::No, Trans::No, T::one(), a, b, T::zero(), c.as_mut())?;
        Ok(c)
    }

    /// [`linalg::inner`](crate::linalg::inner) on this engine: `Σ xᵢ·yᵢ`.
    ///
    /// # Errors
    /// As [`linalg::inner`](crate::linalg::inner).
    pub fn inner<T: Scalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        len("inner", "y", y.len(), x.len())?;
        self.dot(x, y)
    }

    /// [`linalg::vdot`](crate::linalg::vdot) on this engine: `Σ conj(xᵢ)·yᵢ`.
    ///
    /// # Errors
    /// As [`linalg::vdot`](crate::linalg::vdot).
    pub fn vdot<T: Scalar>(&self, x: VecRef<'_, T>, y: VecRef<'_, T>) -> Result<T> {
        len("vdot", "y", y.len(), x.len())?;
        self.dotc(x, y)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    fn matmul_matches_reference<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(11);
        for &(m, k, n) in &[
            (0, 0, 0),
            (0, 3, 2),
            (3, 0, 2),
            (1, 1, 1),
            (5, 4, 3),
            (7, 9, 6),
        ] {
            let a = data::random_mat::<T>(&mut rng, m, k);
            let b = data::random_mat::<T>(&mut rng, k, n);
            let c = e.matmul(a.as_ref(), b.as_ref()).unwrap();
            let r = naive_mul(a.as_ref(), b.as_ref());
            // |C − Ĉ| ≤ c·k·ε·|A|·|B| per entry; bounded here in Frobenius norm.
            let bound = tol::<T>(4.0, k) * fro(a.as_ref()) * fro(b.as_ref());
            assert!(diff(c.as_ref(), r.as_ref()) <= bound, "{m}×{k}×{n}");
            // Transposed and conjugated views are read as what they show.
            let at = a.adjoint();
            let c2 = e.matmul(at.as_ref().adjoint(), b.as_ref()).unwrap();
            assert!(diff(c2.as_ref(), r.as_ref()) <= bound);
        }
    }

    #[test]
    fn matmul_all_types() {
        for_all_scalars!(matmul_matches_reference);
    }

    fn dots<T: Scalar>() {
        let e = engine();
        let mut rng = Rng::new(12);
        let x = data::random_vec::<T>(&mut rng, 9);
        let y = data::random_vec::<T>(&mut rng, 9);
        let (xv, yv) = (VecRef::from_slice(&x), VecRef::from_slice(&y));
        let want: T = x.iter().zip(&y).map(|(&a, &b)| a * b).sum();
        let wantc: T = x.iter().zip(&y).map(|(&a, &b)| a.conj() * b).sum();
        let bound = tol::<T>(4.0, 9) * real_sum(&x) * real_sum(&y);
        assert!((e.inner(xv, yv).unwrap() - want).modulus() <= bound);
        assert!((e.vdot(xv, yv).unwrap() - wantc).modulus() <= bound);
        let empty: [T; 0] = [];
        assert_eq!(
            e.inner(VecRef::from_slice(&empty), VecRef::from_slice(&empty))
                .unwrap(),
            T::zero()
        );
    }

    #[test]
    fn dots_all_types() {
        for_all_scalars!(dots);
    }

    #[test]
    fn shape_errors_name_the_argument() {
        let e = engine();
        let a = Mat::<f64>::zeros(2, 3);
        let b = Mat::<f64>::zeros(2, 3);
        assert!(matches!(
            e.matmul(a.as_ref(), b.as_ref()),
            Err(Error::DimensionMismatch {
                op: "matmul",
                arg: "b",
                ..
            })
        ));
        let x = [1.0f64; 3];
        let y = [1.0f64; 2];
        for r in [
            e.inner(VecRef::from_slice(&x), VecRef::from_slice(&y)),
            e.vdot(VecRef::from_slice(&x), VecRef::from_slice(&y)),
        ] {
            assert!(matches!(r, Err(Error::DimensionMismatch { arg: "y", .. })));
        }
    }
}
