//! Core types shared by every linmux crate.
//!
//! - [`Scalar`]: the four element types `f32`, `f64`, [`c32`], [`c64`];
//! - [`MatRef`] / [`MatMut`] / [`VecRef`] / [`VecMut`]: thin `Copy` strided
//!   views with `isize` element strides, and the owned [`Mat`];
//! - [`Trans`], [`Uplo`], [`Diag`], [`Side`] and the job flags;
//! - [`Error`]: every failure as a value, with its context;
//! - [`Backend`] and [`Ops`]: the object-safe operation set every backend
//!   implements, [`BackendInfo`] and [`ThreadControl`].
//!
//! This crate is pure Rust; the only unsafe code is the view machinery, whose
//! invariants are stated on [`MatRef::from_raw_parts`].

mod backend;
mod band;
pub mod check;
pub mod checked;
mod error;
mod flags;
mod packed;
pub mod policy;
mod routine;
mod scalar;
mod table;
mod thread_count;
mod view;

pub use backend::{
    Backend, BackendInfo, IntWidth, Ops, Origin, ThreadCapability, ThreadControl, ThreadScope,
    VendorGemm,
};
pub use band::{BandMut, BandRef};
pub use error::{Error, Result};
pub use flags::{Diag, EigJob, Side, SvdJob, Trans, Uplo};
pub use num_complex::Complex;
pub use packed::{PackedMut, PackedOrder, PackedRef};
pub use policy::{Serial, SizePolicy};
pub use routine::{Family, Routine};
pub use scalar::{RealScalar, Scalar, ScalarKind, c32, c64};
pub use thread_count::ThreadCount;
pub use view::{Mat, MatMut, MatRef, VecMut, VecRef, try_vec, try_vec_with_capacity};
