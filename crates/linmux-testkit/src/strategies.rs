//! proptest strategies for dimensions, layouts, flags and scalars.
//!
//! Cheap by design: dimensions are mostly `0..=9` (so `0` and `1` come up
//! often) with occasional `16`/`17` to cross blocking boundaries. Run
//! property tests with [`config`] (`PROPTEST_CASES` cases, default 32, fixed
//! seed, no persistence files):
//!
//! ```
//! use proptest::prelude::*;
//! use linmux_testkit::strategies::{self, config};
//! proptest! {
//!     #![proptest_config(config())]
//!     // In a test module this function carries `#[test]`.
//!     fn shapes_are_small((m, n, k, la, lb, lc) in strategies::gemm_dims()) {
//!         prop_assert!(m <= 17 && n <= 17 && k <= 17);
//!         let _ = (la, lb, lc);
//!     }
//! }
//! shapes_are_small();
//! ```

use linmux_core::{Diag, Scalar, Side, Trans, Uplo, c64};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

use crate::layout::Layout;

/// Default number of cases per property ([`config`]).
pub const CASES: u32 = 32;

/// Fixed proptest seed: runs are reproducible.
pub const SEED: u64 = 0x6c69_6e6d_7578;

/// The recommended configuration: `PROPTEST_CASES` cases (default
/// [`CASES`]), the fixed [`SEED`], and no failure-persistence files (a
/// failure is reproduced by rerunning).
pub fn config() -> Config {
    with_cases(cases_from_env(CASES))
}

/// `PROPTEST_CASES` when set to a number, else `default`. Setting the count
/// in code would override the variable, which is how a run is made deeper.
pub fn cases_from_env(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// [`config`] with another number of cases.
pub fn with_cases(cases: u32) -> Config {
    let mut c = Config::with_cases(cases);
    c.rng_seed = RngSeed::Fixed(SEED);
    c.failure_persistence = None;
    c
}

/// A dimension: `0..=9` nine times in ten, else `16` or `17`.
pub fn dim() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![9 => 0usize..=9, 1 => prop::sample::select(vec![16usize, 17])]
}

/// A small dimension, `0..=4` (for `O(n³)` references inside big loops).
pub fn small_dim() -> impl Strategy<Value = usize> + Clone {
    0usize..=4
}

/// A nonzero dimension: `1..=9`, occasionally `16`/`17`.
pub fn nonzero_dim() -> impl Strategy<Value = usize> + Clone {
    prop_oneof![9 => 1usize..=9, 1 => prop::sample::select(vec![16usize, 17])]
}

/// Any [`Layout`], `Padded` with `1..=3` extra elements.
pub fn layout() -> impl Strategy<Value = Layout> + Clone {
    prop_oneof![
        Just(Layout::ColMajor),
        Just(Layout::RowMajor),
        (1usize..=3).prop_map(|extra| Layout::Padded { extra }),
        Just(Layout::Transposed),
        Just(Layout::Strided),
    ]
}

/// A vector increment, `1..=3`.
pub fn inc() -> impl Strategy<Value = usize> + Clone {
    1usize..=3
}

/// Any [`Trans`].
pub fn trans() -> impl Strategy<Value = Trans> + Clone {
    prop::sample::select(vec![Trans::No, Trans::Trans, Trans::ConjTrans])
}

/// The [`Trans`] values `syrk`/`syr2k` take for `T` (`No`, `Trans`; also
/// `ConjTrans` for real types).
pub fn trans_syrk<T: Scalar>() -> impl Strategy<Value = Trans> + Clone {
    if T::IS_COMPLEX {
        prop::sample::select(vec![Trans::No, Trans::Trans])
    } else {
        prop::sample::select(vec![Trans::No, Trans::Trans, Trans::ConjTrans])
    }
}

/// The [`Trans`] values `herk`/`her2k`/`gels` take for `T` (`No`,
/// `ConjTrans`; also `Trans` for real types).
pub fn trans_herk<T: Scalar>() -> impl Strategy<Value = Trans> + Clone {
    if T::IS_COMPLEX {
        prop::sample::select(vec![Trans::No, Trans::ConjTrans])
    } else {
        prop::sample::select(vec![Trans::No, Trans::Trans, Trans::ConjTrans])
    }
}

/// Either [`Uplo`].
pub fn uplo() -> impl Strategy<Value = Uplo> + Clone {
    prop::sample::select(vec![Uplo::Upper, Uplo::Lower])
}

/// Either [`Diag`].
pub fn diag() -> impl Strategy<Value = Diag> + Clone {
    prop::sample::select(vec![Diag::NonUnit, Diag::Unit])
}

/// Either [`Side`].
pub fn side() -> impl Strategy<Value = Side> + Clone {
    prop::sample::select(vec![Side::Left, Side::Right])
}

/// A seed for [`crate::Rng`] (matrix contents come from it, so shrinking
/// acts on shapes and flags, not on thousands of entries).
pub fn seed() -> impl Strategy<Value = u64> + Clone {
    any::<u64>()
}

/// A scalar with parts uniform in `[-1, 1]` (imaginary part zero for real
/// types).
pub fn scalar<T: Scalar>() -> impl Strategy<Value = T> + Clone {
    (-1.0f64..=1.0, -1.0f64..=1.0).prop_map(|(re, im)| T::from_c64(c64::new(re, im)))
}

/// A scalar for `α`/`β`: `0`, `1` or `−1` (BLAS quick-return and special
/// paths) half of the time, else [`scalar`].
pub fn coefficient<T: Scalar>() -> impl Strategy<Value = T> + Clone {
    prop_oneof![
        1 => Just(T::zero()),
        1 => Just(T::one()),
        1 => Just(-T::one()),
        3 => scalar::<T>(),
    ]
}

/// A real coefficient (for `herk`'s `α`, `β`): `0`, `1`, `−1` or uniform.
pub fn real_coefficient<R: Scalar>() -> impl Strategy<Value = R> + Clone {
    coefficient::<R>().prop_map(|x| R::from_real(x.re()))
}

/// `(m, n, layout)`: a matrix shape and layout.
pub fn mat_dims() -> impl Strategy<Value = (usize, usize, Layout)> + Clone {
    (dim(), dim(), layout())
}

/// `(n, layout)`: a square matrix.
pub fn square_dims() -> impl Strategy<Value = (usize, Layout)> + Clone {
    (dim(), layout())
}

/// `(m, n, k, layout_a, layout_b, layout_c)`: the shapes of a product.
pub fn gemm_dims() -> impl Strategy<Value = (usize, usize, usize, Layout, Layout, Layout)> + Clone {
    (dim(), dim(), dim(), layout(), layout(), layout())
}

/// `(n, inc_x, inc_y)`: two vectors of the same length.
pub fn vec_pair_dims() -> impl Strategy<Value = (usize, usize, usize)> + Clone {
    (dim(), inc(), inc())
}

/// `(trans_a, trans_b)`.
pub fn trans_pair() -> impl Strategy<Value = (Trans, Trans)> + Clone {
    (trans(), trans())
}

/// `(side, uplo, trans, diag)`: the flags of `trmm`/`trsm`.
pub fn tri_flags() -> impl Strategy<Value = (Side, Uplo, Trans, Diag)> + Clone {
    (side(), uplo(), trans(), diag())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;

    #[test]
    fn dims_cover_edges() {
        let mut runner = TestRunner::new(config());
        let s = dim();
        let mut seen = [false; 18];
        for _ in 0..400 {
            seen[s.new_tree(&mut runner).unwrap().current()] = true;
        }
        assert!(seen[0] && seen[1] && seen[9] && seen[16] && seen[17]);
        assert!(!seen[10..16].iter().any(|&x| x));
    }

    #[test]
    fn complex_flags_are_legal() {
        let mut runner = TestRunner::new(config());
        for _ in 0..100 {
            let t = trans_herk::<linmux_core::c64>()
                .new_tree(&mut runner)
                .unwrap()
                .current();
            assert_ne!(t, Trans::Trans);
            let t = trans_syrk::<linmux_core::c32>()
                .new_tree(&mut runner)
                .unwrap()
                .current();
            assert_ne!(t, Trans::ConjTrans);
            let l = layout().new_tree(&mut runner).unwrap().current();
            if let Layout::Padded { extra } = l {
                assert!((1..=3).contains(&extra));
            }
        }
    }

    proptest! {
        #![proptest_config(config())]
        #[test]
        fn coefficients_are_bounded(a in coefficient::<linmux_core::c64>(), r in real_coefficient::<f32>()) {
            prop_assert!(a.re.abs() <= 1.0 && a.im.abs() <= 1.0);
            prop_assert!(r.abs() <= 1.0);
        }
    }
}
