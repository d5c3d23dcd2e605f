//! The shared test kit of linmux: deterministic data, layouts that catch
//! out-of-bounds writes, proptest strategies, compensated reference kernels,
//! factorization checkers and ε-scaled tolerances.
//!
//! | module | what |
//! |---|---|
//! | [`rng`] | [`Rng`]: seedable xoshiro256** |
//! | [`data`] | random scalars, vectors, matrices; unitary, Hermitian, HPD, triangular, prescribed singular values / condition number |
//! | [`layout`] | [`Layout`], [`TestMat`], [`TestVec`]: sentinel-padded buffers, dirty outputs |
//! | [`strategies`] | proptest strategies and [`strategies::config`] |
//! | [`reference`](mod@reference) | BLAS reference kernels returning [`Expected`] (value + elementwise bound) |
//! | [`check`] | residual/orthogonality checkers for LAPACK operations |
//! | [`tol`] | ε-scaled bounds, `assert_*_close` |
//! | [`accum`] | TwoSum / TwoProd and compensated sums |
//! | [`ledger`] | every comparison a run made: cross-backend comparison and the error table |
//! | [`conformance`] | the conformance suite every backend's tests run: every operation × type × layout against the references, on a [`conformance::Subject`] |
//!
//! A typical BLAS property test:
//!
//! ```
//! use linmux_core::{Mat, Trans};
//! use linmux_testkit::{Layout, Rng, TestMat, data, reference};
//! let mut rng = Rng::new(7);
//! let a = data::random_mat::<f32>(&mut rng, 4, 3);
//! let b = data::random_mat::<f32>(&mut rng, 3, 5);
//! let ta = TestMat::from_mat(&a, Layout::RowMajor);
//! let tb = TestMat::from_mat(&b, Layout::Transposed);
//! let mut tc = TestMat::<f32>::dirty(4, 5, Layout::Padded { extra: 2 });
//! let expected = reference::gemm(Trans::No, Trans::No, 1.0, ta.as_ref(), tb.as_ref(), 0.0, tc.as_ref());
//! // backend.gemm(Trans::No, Trans::No, 1.0, ta.as_ref(), tb.as_ref(), 0.0, tc.as_mut())?;
//! tc.as_mut().copy_from(expected.value.as_ref()); // (stands in for the backend)
//! expected.assert_mat(tc.as_ref());
//! tc.assert_padding();
//! ```
#![forbid(unsafe_code)]

pub mod accum;
pub mod check;
pub mod conformance;
pub mod data;
mod dense;
pub mod layout;
pub mod ledger;
pub mod reference;
pub mod reference_ext;
pub mod rng;
pub mod strategies;
pub mod tol;
pub mod vendors;

pub use layout::{Layout, TestMat, TestVec, dirty_mat};
pub use reference::Expected;
pub use rng::Rng;
