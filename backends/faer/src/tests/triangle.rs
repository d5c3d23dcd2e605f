//! Triangle-only products ([`crate::tri`]) never touch the other triangle.
//!
//! The minimal reproduction of the AVX2 bug: `syrk(Lower, No, 1, A 4×3, 0,
//! C 4×4)` in c64 changed `C[1,3]` when faer wrote the triangle itself, on
//! AVX2-only CPUs (private-gemm-x86's `Avx256` kernel). faer picks kernels at
//! run time, so this file also tries every size around the diagonal-block
//! boundary and both triangles, for all four types; the SIMD level is printed
//! so a log shows which kernel path ran. AVX-512 and AVX2 machines run
//! different kernels in faer's rectangular matmul too, so the same sizes
//! check the computed triangle against a naive product.

use faer::{Accum, Conj, Par};
use linmux_core::{MatMut, MatRef, Scalar, Trans, Uplo, c64};

use linmux_testkit::Rng;
use linmux_testkit::data::random_scalar;
use linmux_testkit::tol::eps;

use super::for_all_types;
use crate::FaerBackend;
use crate::elem::Elem;
use crate::tri::{DIAG_BLOCK, matmul_into_triangle};
use linmux_core::Ops;

/// The SIMD level faer's x86 kernels choose on this CPU.
fn simd_level() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            return "avx512";
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return "avx2";
        }
    }
    "generic"
}

fn inside(uplo: Uplo, i: usize, j: usize) -> bool {
    match uplo {
        Uplo::Lower => i >= j,
        Uplo::Upper => i <= j,
    }
}

/// The reproduction, as the user saw it: the public `syrk`.
#[test]
fn syrk_c64_lower_4x4_leaves_upper_triangle() {
    eprintln!("SIMD level: {}", simd_level());
    let a: Vec<c64> = (0..12)
        .map(|i| c64::new(0.25 * f64::from(i) - 1.0, 0.5 - 0.125 * f64::from(i)))
        .collect();
    let sentinel = c64::new(-7.0, 3.0);
    let mut c = vec![sentinel; 16];
    let be = FaerBackend::new();
    Ops::<c64>::syrk(
        &be,
        Uplo::Lower,
        Trans::No,
        c64::new(1.0, 0.0),
        MatRef::from_col_major(&a, 4, 3).unwrap(),
        c64::new(0.0, 0.0),
        MatMut::from_col_major(&mut c, 4, 4).unwrap(),
    )
    .unwrap();
    for j in 0..4 {
        for i in 0..j {
            assert_eq!(c[i + 4 * j], sentinel, "C[{i},{j}] written");
        }
    }
}

fn check<T: Elem>() {
    let mut rng = Rng::new(91);
    let ks = [1, 3, 7];
    for n in (1..=DIAG_BLOCK + 3).chain([2 * DIAG_BLOCK + 5, 100]) {
        for &k in &ks {
            for uplo in [Uplo::Lower, Uplo::Upper] {
                for (accum, conj_r) in [(Accum::Replace, Conj::No), (Accum::Add, Conj::Yes)] {
                    let l: Vec<T> = (0..n * k).map(|_| random_scalar(&mut rng)).collect();
                    let r: Vec<T> = (0..k * n).map(|_| random_scalar(&mut rng)).collect();
                    let sentinel = T::from_c64(c64::new(-7.0, 3.0));
                    let c0: Vec<T> = (0..n * n)
                        .map(|idx| {
                            if inside(uplo, idx % n, idx / n) {
                                random_scalar(&mut rng)
                            } else {
                                sentinel
                            }
                        })
                        .collect();
                    let mut c = c0.clone();
                    let alpha = random_scalar::<T>(&mut rng);
                    matmul_into_triangle(
                        faer::MatMut::from_column_major_slice_mut(&mut c, n, n),
                        uplo,
                        accum,
                        faer::MatRef::from_column_major_slice(&l, n, k),
                        Conj::No,
                        faer::MatRef::from_column_major_slice(&r, k, n),
                        conj_r,
                        alpha,
                        Par::Seq,
                    );
                    let tol = 8.0 * (k as f64 + 2.0) * eps::<T>();
                    for j in 0..n {
                        for i in 0..n {
                            let got = c[i + n * j];
                            if !inside(uplo, i, j) {
                                assert!(
                                    got == sentinel,
                                    "n={n} k={k} {uplo:?}: other triangle written at ({i}, {j})"
                                );
                                continue;
                            }
                            let mut want = match accum {
                                Accum::Add => c0[i + n * j].to_c64(),
                                Accum::Replace => c64::new(0.0, 0.0),
                            };
                            let mut mag = want.norm();
                            for p in 0..k {
                                let rv = r[p + k * j].to_c64();
                                let rv = if conj_r == Conj::Yes { rv.conj() } else { rv };
                                let t = alpha.to_c64() * l[i + n * p].to_c64() * rv;
                                want += t;
                                mag += t.norm();
                            }
                            let err = (got.to_c64() - want).norm();
                            assert!(
                                err <= tol * mag.max(1.0),
                                "n={n} k={k} {uplo:?} ({i}, {j}): {got:?} vs {want:?}"
                            );
                        }
                    }
                }
            }
        }
    }
}

for_all_types! {
    triangle_only => check,
}
