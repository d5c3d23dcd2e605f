//! The baseline both the vendor bench and the overhead example measure
//! against: the library's own `cblas_dgemm`, called directly.

use linmux_loader::{CBLAS_COL_MAJOR, CBLAS_NO_TRANS, LoadedVendor};

/// `C = A·B` through the library's own `cblas_dgemm`, column-major.
#[allow(
    unsafe_code,
    reason = "a direct vendor call is what this bench measures"
)]
pub fn direct_dgemm(v: &LoadedVendor, n: usize, a: &[f64], b: &[f64], c: &mut [f64]) {
    assert!(a.len() == n * n && b.len() == n * n && c.len() == n * n);
    match v {
        LoadedVendor::Lp64(v) => {
            let n = i32::try_from(n).expect("n fits i32");
            // SAFETY: a, b, c hold n×n column-major matrices with ld = n (asserted above).
            unsafe {
                (v.cblas.cblas_dgemm)(
                    CBLAS_COL_MAJOR,
                    CBLAS_NO_TRANS,
                    CBLAS_NO_TRANS,
                    n,
                    n,
                    n,
                    1.0,
                    a.as_ptr(),
                    n,
                    b.as_ptr(),
                    n,
                    0.0,
                    c.as_mut_ptr(),
                    n,
                );
            }
        }
        LoadedVendor::Ilp64(v) => {
            let n = i64::try_from(n).expect("n fits i64");
            // SAFETY: as above, with 64-bit integers.
            unsafe {
                (v.cblas.cblas_dgemm)(
                    CBLAS_COL_MAJOR,
                    CBLAS_NO_TRANS,
                    CBLAS_NO_TRANS,
                    n,
                    n,
                    n,
                    1.0,
                    a.as_ptr(),
                    n,
                    b.as_ptr(),
                    n,
                    0.0,
                    c.as_mut_ptr(),
                    n,
                );
            }
        }
    }
}
