//! The embedded provider: RustFFT for complex transforms, RealFFT for real
//! ones. Plans come from their planners and are cached per [`PlanKey`].

use std::sync::{Arc, Mutex, PoisonError};

use linmux_core::{Error, Result, ScalarKind, c32, c64};
use num_complex::Complex;
use realfft::{ComplexToReal, RealFftPlanner, RealToComplex};
use rustfft::{Fft, FftDirection, FftNum, FftPlanner};

use crate::provider::{Direction, PlanCache, PlanKey, PlanKind, Provider, ProviderInfo, rows};

/// Plans and planners of one precision.
struct Precision<T: FftNum> {
    complex: Mutex<FftPlanner<T>>,
    real: Mutex<RealFftPlanner<T>>,
    c2c: PlanCache<Arc<dyn Fft<T>>>,
    r2c: PlanCache<Arc<dyn RealToComplex<T>>>,
    c2r: PlanCache<Arc<dyn ComplexToReal<T>>>,
}

impl<T: FftNum> Precision<T> {
    fn new() -> Self {
        Self {
            complex: Mutex::new(FftPlanner::new()),
            real: Mutex::new(RealFftPlanner::new()),
            c2c: PlanCache::default(),
            r2c: PlanCache::default(),
            c2r: PlanCache::default(),
        }
    }

    fn len(&self) -> usize {
        self.c2c.len() + self.r2c.len() + self.c2r.len()
    }

    fn key(n: usize, kind: PlanKind) -> PlanKey {
        let precision = if size_of::<T>() == 4 {
            ScalarKind::F32
        } else {
            ScalarKind::F64
        };
        PlanKey {
            len: n,
            kind,
            precision,
            threads: 1,
            aligned: false,
            howmany: 1,
        }
    }

    fn c2c(&self, n: usize, data: &mut [Complex<T>], dir: Direction) -> Result<usize> {
        rows(n, data.len(), n, None)?;
        let plan = self
            .c2c
            .get_or_build(Self::key(n, PlanKind::C2c(dir)), || {
                let d = match dir {
                    Direction::Forward => FftDirection::Forward,
                    Direction::Inverse => FftDirection::Inverse,
                };
                let mut planner = self.complex.lock().unwrap_or_else(PoisonError::into_inner);
                Ok(planner.plan_fft(n, d))
            })?;
        let mut scratch = linmux_core::try_vec(
            Complex::new(T::zero(), T::zero()),
            plan.get_inplace_scratch_len(),
        )?;
        plan.process_with_scratch(data, &mut scratch);
        Ok(1)
    }

    fn r2c(&self, n: usize, input: &mut [T], output: &mut [Complex<T>]) -> Result<usize> {
        let h = n / 2 + 1;
        rows(n, input.len(), n, Some((output.len(), h)))?;
        let plan = self.r2c.get_or_build(Self::key(n, PlanKind::R2c), || {
            let mut planner = self.real.lock().unwrap_or_else(PoisonError::into_inner);
            Ok(planner.plan_fft_forward(n))
        })?;
        let mut scratch =
            linmux_core::try_vec(Complex::new(T::zero(), T::zero()), plan.get_scratch_len())?;
        for (x, y) in input.chunks_exact_mut(n).zip(output.chunks_exact_mut(h)) {
            plan.process_with_scratch(x, y, &mut scratch)
                .map_err(|e| failed("realfft r2c", &e))?;
        }
        Ok(1)
    }

    fn c2r(&self, n: usize, input: &mut [Complex<T>], output: &mut [T]) -> Result<usize> {
        let h = n / 2 + 1;
        rows(n, output.len(), n, Some((input.len(), h)))?;
        let plan = self.c2r.get_or_build(Self::key(n, PlanKind::C2r), || {
            let mut planner = self.real.lock().unwrap_or_else(PoisonError::into_inner);
            Ok(planner.plan_fft_inverse(n))
        })?;
        let mut scratch =
            linmux_core::try_vec(Complex::new(T::zero(), T::zero()), plan.get_scratch_len())?;
        for (x, y) in input.chunks_exact_mut(h).zip(output.chunks_exact_mut(n)) {
            // RealFFT refuses (and FFTW ignores) imaginary parts that a real
            // signal's spectrum cannot have: drop them, as NumPy does.
            x[0].im = T::zero();
            if n.is_multiple_of(2) {
                x[h - 1].im = T::zero();
            }
            plan.process_with_scratch(x, y, &mut scratch)
                .map_err(|e| failed("realfft c2r", &e))?;
        }
        Ok(1)
    }
}

fn failed(routine: &'static str, e: &dyn std::fmt::Display) -> Error {
    Error::Backend {
        backend: String::from("rustfft"),
        routine,
        detail: e.to_string(),
    }
}

/// RustFFT + RealFFT.
pub(crate) struct RustFft {
    info: ProviderInfo,
    double: Precision<f64>,
    single: Precision<f32>,
}

impl std::fmt::Debug for RustFft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RustFft")
            .field("cached_plans", &self.cached_plans())
            .finish()
    }
}

impl RustFft {
    pub(crate) fn new() -> Self {
        Self {
            info: ProviderInfo {
                name: "rustfft",
                vendor: "RustFFT + RealFFT (compiled in)",
                version: Some(String::from("rustfft 6, realfft 3")),
                paths: Vec::new(),
                threading: String::from("sequential per call; linmux splits batches"),
            },
            double: Precision::new(),
            single: Precision::new(),
        }
    }
}

impl Provider for RustFft {
    fn info(&self) -> &ProviderInfo {
        &self.info
    }
    fn cached_plans(&self) -> usize {
        self.double.len() + self.single.len()
    }
    fn c2c_f64(&self, n: usize, data: &mut [c64], dir: Direction, _: usize) -> Result<usize> {
        self.double.c2c(n, data, dir)
    }
    fn c2c_f32(&self, n: usize, data: &mut [c32], dir: Direction, _: usize) -> Result<usize> {
        self.single.c2c(n, data, dir)
    }
    fn r2c_f64(&self, n: usize, x: &mut [f64], y: &mut [c64], _: usize) -> Result<usize> {
        self.double.r2c(n, x, y)
    }
    fn r2c_f32(&self, n: usize, x: &mut [f32], y: &mut [c32], _: usize) -> Result<usize> {
        self.single.r2c(n, x, y)
    }
    fn c2r_f64(&self, n: usize, x: &mut [c64], y: &mut [f64], _: usize) -> Result<usize> {
        self.double.c2r(n, x, y)
    }
    fn c2r_f32(&self, n: usize, x: &mut [c32], y: &mut [f32], _: usize) -> Result<usize> {
        self.single.c2r(n, x, y)
    }
}
