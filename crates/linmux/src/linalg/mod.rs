//! NumPy-like linear algebra returning owned results.
