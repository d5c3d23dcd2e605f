//! Gives liblinmux.so its SONAME, so that programs record `liblinmux.so.0`
//! and a later ABI break can change it.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" || os == "freebsd" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,liblinmux.so.0");
    } else if os == "macos" {
        println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/liblinmux.0.dylib");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
