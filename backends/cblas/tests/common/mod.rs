//! Shared test machinery: the vendor libraries by name. Everything else —
//! data, layouts, references, the conformance suite — is the testkit's.

pub mod vendors;
