//! Per-call instruction counts for callgrind: runs one small product many
//! times through linmux or directly, so that the difference between two
//! iteration counts divided by their difference is the cost of one call.
//!
//! ```text
//! cargo build --release -p linmux-benches --example overhead
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//!     target/release/examples/overhead <path> <backend> <n> <iterations>
//! ```
//!
//! `path` is `linmux` (the engine), `vendor` (the same library's
//! `cblas_dgemm`, loaded again by path), `faer` (faer's `matmul`, `Par::Seq`)
//! or `dot` / `gemv` (the engine's `ddot` of length `n`, `dgemv` of order
//! `n`: the per-call cost of the smallest calls, for example through
//! `tuned` against its target).
//! Inputs are seeded and built before the loop; the thread count is 1.
#![deny(unsafe_code)]

use std::hint::black_box;

use linmux::{Engine, Mat, Origin, Trans};
use linmux_loader::{LapackSource, LoadSpec};

#[path = "../common/direct.rs"]
mod direct;
use direct::direct_dgemm;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, path, backend, n, iterations] = &args[..] else {
        eprintln!("usage: overhead <linmux|vendor|faer|dot|gemv> <backend> <n> <iterations>");
        std::process::exit(2);
    };
    let n: usize = n.parse().expect("n");
    let iterations: usize = iterations.parse().expect("iterations");
    let mut rng = linmux_testkit::Rng::new(1);
    let a: Mat<f64> = linmux_testkit::data::random_mat(&mut rng, n, n);
    let b: Mat<f64> = linmux_testkit::data::random_mat(&mut rng, n, n);
    let mut c = Mat::<f64>::zeros(n, n);
    let engine = Engine::with_backend(backend).expect("backend");
    engine.set_threads(1).expect("threads");
    match path.as_str() {
        "linmux" => {
            for _ in 0..iterations {
                engine
                    .gemm(
                        Trans::No,
                        Trans::No,
                        1.0,
                        black_box(a.as_ref()),
                        black_box(b.as_ref()),
                        0.0,
                        black_box(c.as_mut()),
                    )
                    .expect("gemm");
            }
        }
        "dot" => {
            let (x, y) = (a.as_ref().col(0), b.as_ref().col(0));
            let mut sum = 0.0;
            for _ in 0..iterations {
                sum += engine.dot(black_box(x), black_box(y)).expect("dot");
            }
            black_box(sum);
        }
        "gemv" => {
            let x = b.as_ref().col(0);
            let mut y = vec![0.0; n];
            for _ in 0..iterations {
                engine
                    .gemv(
                        Trans::No,
                        1.0,
                        black_box(a.as_ref()),
                        black_box(x),
                        0.0,
                        linmux::VecMut::from_slice(&mut y),
                    )
                    .expect("gemv");
            }
            black_box(&y);
        }
        "faer" => {
            let fa = faer::MatRef::from_column_major_slice(a.as_slice(), n, n);
            let fb = faer::MatRef::from_column_major_slice(b.as_slice(), n, n);
            let mut fc = faer::Mat::<f64>::zeros(n, n);
            for _ in 0..iterations {
                faer::linalg::matmul::matmul(
                    black_box(fc.as_mut()),
                    faer::Accum::Replace,
                    black_box(fa),
                    black_box(fb),
                    1.0,
                    faer::Par::Seq,
                );
            }
        }
        "vendor" => {
            let Origin::Loaded(paths) = &engine.info().origin else {
                panic!("{backend} is not a loaded library");
            };
            let spec = LoadSpec::new(paths.iter().take(1).cloned())
                .lapack(LapackSource::None)
                .deep_bind(backend != "mkl");
            #[allow(unsafe_code, reason = "loading a vendor library runs its initializers")]
            // SAFETY: the path is the library the engine already loaded and probed.
            let vendor = unsafe { linmux_loader::load(&spec) }.expect("reload");
            for _ in 0..iterations {
                direct_dgemm(
                    &vendor,
                    n,
                    black_box(a.as_slice()),
                    black_box(b.as_slice()),
                    c.as_mut_slice(),
                );
            }
        }
        other => panic!("unknown path {other}"),
    }
    black_box(&c);
}
