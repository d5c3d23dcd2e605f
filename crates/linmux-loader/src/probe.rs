//! ABI probing: symbol suffix and integer width, decided by looking at and
//! calling the library rather than by trusting its name.
//!
//! # Integer width
//!
//! `isamax` is called with `n = 0xFFFF_FFFF_0000_0003` (as a 64-bit integer),
//! `incx = 1` and `x = [1, 2, 3]`:
//!
//! - an LP64 library reads the low 32 bits, `n = 3`, and answers the position
//!   of the maximum, 3 (Fortran, 1-based) or 2 (CBLAS, 0-based);
//! - an ILP64 library reads `n < 0` and answers 0 without touching `x`.
//!
//! `isamax` has no error exit (BLAS defines `n ≤ 0` as "return 0"), so no
//! vendor `xerbla` can stop the process, and neither reading reads past `x`.
//! Only the low 32 bits of the result are read (an LP64 `int` return leaves
//! the upper half of the register undefined). The Fortran and the CBLAS entry
//! are both probed when present and must agree.
//!
//! A LAPACK library without BLAS (Netlib's `liblapack.so.3`) is probed with
//! `ilaver(major, minor, patch)`, which writes three integers: each output is
//! a 64-bit slot pre-filled with a marker, and an LP64 library overwrites only
//! its low half. `ilaver` also gives the LAPACK version.

use linmux_core::IntWidth;

use crate::error::LoadError;
use crate::library::Library;
use crate::suffix::SymbolSuffix;

/// The 64-bit `n` whose low half is 3 and which is negative as a whole.
const PROBE_N: i64 = 0xFFFF_FFFF_0000_0003_u64.cast_signed();
/// Marker for `ilaver`'s outputs: an LP64 write leaves the high half.
const MARKER: i64 = 0x5A5A_5A5A_5A5A_5A5A;

/// The first suffix in `candidates` under which `library` exports BLAS
/// (`cblas_isamax` or Fortran `isamax`).
///
/// # Errors
/// [`LoadError::NoSymbols`] listing every name tried.
pub fn blas_suffix(
    library: &Library,
    candidates: &[SymbolSuffix],
) -> Result<SymbolSuffix, LoadError> {
    // CBLAS names first: `64_` and `_64` give the same Fortran name
    // (`isamax_64_`) but different CBLAS names.
    let mut tried = Vec::new();
    for name_of in [
        (|s: SymbolSuffix| s.cblas("cblas_isamax")) as fn(SymbolSuffix) -> String,
        |s: SymbolSuffix| s.fortran("isamax"),
    ] {
        for &s in candidates {
            let name = name_of(s);
            if library.has(&name) {
                return Ok(s);
            }
            tried.push(name);
        }
    }
    Err(LoadError::NoSymbols {
        library: library.path().to_path_buf(),
        tried,
    })
}

/// The first suffix in `candidates` under which `library` exports LAPACK
/// (`dgetrf`), or `None` when it has no LAPACK (BLIS).
pub fn lapack_suffix(library: &Library, candidates: &[SymbolSuffix]) -> Option<SymbolSuffix> {
    candidates
        .iter()
        .copied()
        .find(|s| library.has(&s.fortran("dgetrf")))
}

fn classify(
    library: &Library,
    what: &str,
    low: u32,
    lp64_answer: u32,
) -> Result<IntWidth, LoadError> {
    match low {
        0 => Ok(IntWidth::Ilp64),
        v if v == lp64_answer => Ok(IntWidth::Lp64),
        v => Err(LoadError::Probe {
            library: library.path().to_path_buf(),
            detail: format!(
                "{what} returned {v} for the width probe (expected 0 for ILP64 or {lp64_answer} for LP64)"
            ),
        }),
    }
}

/// Integer width of the BLAS interface under `suffix`, by calling `isamax`
/// (see the module docs).
///
/// # Errors
/// [`LoadError::Probe`] when neither entry exists, an answer is unexpected,
/// or the Fortran and CBLAS entries disagree.
///
/// # Safety
/// `library` must be a BLAS library: its `isamax` symbols must be the BLAS
/// routines (they are called).
pub unsafe fn blas_int_width(
    library: &Library,
    suffix: SymbolSuffix,
) -> Result<IntWidth, LoadError> {
    if cfg!(target_endian = "big") {
        // The probes rely on an LP64 library reading the low half first.
        return Err(LoadError::Probe {
            library: library.path().to_path_buf(),
            detail: String::from("width probing is only implemented for little-endian targets"),
        });
    }
    let x: [f32; 3] = [1.0, 2.0, 3.0];
    let n: i64 = PROBE_N;
    let incx: i64 = 1;
    let mut found: Vec<(String, IntWidth)> = Vec::new();

    let fname = suffix.fortran("isamax");
    // SAFETY: the symbol is BLAS `isamax` (caller's contract). Declaring its
    // integers as 64-bit is sound for both widths: arguments are pointers to
    // 8 readable bytes of which an LP64 library reads the first 4 (the low
    // half on little-endian targets), and the result is read through its low
    // 32 bits only.
    if let Some(f) = unsafe {
        library.optional::<unsafe extern "C" fn(*const i64, *const f32, *const i64) -> i64>(&fname)
    } {
        // SAFETY: as above; n is either 3 (x has 3 elements) or negative.
        let r = unsafe { f(&n, x.as_ptr(), &incx) };
        let low = low_u32(r);
        found.push((fname.clone(), classify(library, &fname, low, 3)?));
    }

    let cname = suffix.cblas("cblas_isamax");
    // SAFETY: as above, with the integers passed by value in 64-bit
    // registers of which an LP64 library reads the low half.
    let cblas =
        unsafe { library.optional::<unsafe extern "C" fn(i64, *const f32, i64) -> u64>(&cname) };
    if let Some(f) = cblas {
        // SAFETY: as above.
        let r = unsafe { f(n, x.as_ptr(), incx) };
        let low = low_u32(r.cast_signed());
        found.push((cname.clone(), classify(library, &cname, low, 2)?));
    }

    match found.as_slice() {
        [] => Err(LoadError::Probe {
            library: library.path().to_path_buf(),
            detail: format!("neither `{fname}` nor `{cname}` is exported"),
        }),
        [(_, w)] => Ok(*w),
        [(a, wa), (b, wb)] if wa != wb => Err(LoadError::Probe {
            library: library.path().to_path_buf(),
            detail: format!(
                "`{a}` looks {} but `{b}` looks {}",
                wa.as_str(),
                wb.as_str()
            ),
        }),
        [(_, w), ..] => Ok(*w),
    }
}

/// What `ilaver` says: the integer width and LAPACK's version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LapackVersion {
    /// Width inferred from how many bytes `ilaver` wrote.
    pub int_width: IntWidth,
    /// `(major, minor, patch)`.
    pub version: (u32, u32, u32),
}

/// Calls `ilaver` under `suffix`, if exported (see the module docs).
///
/// # Errors
/// [`LoadError::Probe`] when the written values fit neither width.
///
/// # Safety
/// `library`'s `ilaver` symbol must be LAPACK's `ilaver` (it is called).
pub unsafe fn lapack_version(
    library: &Library,
    suffix: SymbolSuffix,
) -> Result<Option<LapackVersion>, LoadError> {
    let name = suffix.fortran("ilaver");
    // SAFETY: ilaver writes one integer through each pointer; each points to
    // 8 writable bytes, enough for either width.
    let Some(f) =
        (unsafe { library.optional::<unsafe extern "C" fn(*mut i64, *mut i64, *mut i64)>(&name) })
    else {
        return Ok(None);
    };
    let mut v = [MARKER; 3];
    let [a, b, c] = &mut v;
    // SAFETY: as above.
    unsafe { f(a, b, c) };
    let high_untouched = v.iter().all(|&x| high_u32(x) == high_u32(MARKER));
    let all_small = v.iter().all(|&x| (0..1 << 16).contains(&x));
    let (width, lows) = if all_small {
        (IntWidth::Ilp64, v.map(low_u32))
    } else if high_untouched {
        (IntWidth::Lp64, v.map(low_u32))
    } else {
        return Err(LoadError::Probe {
            library: library.path().to_path_buf(),
            detail: format!("`{name}` wrote {v:#x?}, which fits neither LP64 nor ILP64"),
        });
    };
    Ok(Some(LapackVersion {
        int_width: width,
        version: (lows[0], lows[1], lows[2]),
    }))
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "taking the low half is the point"
)]
fn low_u32(x: i64) -> u32 {
    (x as u64 & 0xFFFF_FFFF) as u32
}

#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "taking the high half is the point"
)]
fn high_u32(x: i64) -> u32 {
    ((x as u64) >> 32) as u32
}
