//! Loader probes against the vendor libraries `scripts/install-backends.sh`
//! installs. A vendor named in `LINMUX_REQUIRE_BACKENDS` (comma list) must
//! load; others that are absent are reported on stderr.

use std::path::PathBuf;

use linmux_core::IntWidth;
use linmux_loader::{LapackSource, LoadSpec, SymbolSuffix, load};

const LIBDIR: &str = "/usr/lib/x86_64-linux-gnu";

use linmux_testkit::vendors::required;

fn mkl_candidates() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.vendor/mkl/lib");
    vec![root.join("libmkl_rt.so.3"), root.join("libmkl_rt.so.2")]
}

struct Case {
    name: &'static str,
    spec: LoadSpec,
    width: IntWidth,
    lapack: bool,
}

fn cases() -> Vec<Case> {
    vec![
        Case {
            name: "openblas",
            spec: LoadSpec::new([format!("{LIBDIR}/openblas-pthread/libopenblas.so.0")]),
            width: IntWidth::Lp64,
            lapack: true,
        },
        Case {
            name: "openblas64",
            spec: LoadSpec::new([format!("{LIBDIR}/openblas64-pthread/libopenblas64.so.0")]),
            width: IntWidth::Ilp64,
            lapack: true,
        },
        Case {
            name: "blis",
            spec: LoadSpec::new([format!("{LIBDIR}/libblis.so.4")]),
            width: IntWidth::Lp64,
            lapack: false,
        },
        Case {
            name: "reference",
            spec: LoadSpec::new([format!("{LIBDIR}/blas/libblas.so.3")]).lapack(
                LapackSource::Separate(vec![format!("{LIBDIR}/lapack/liblapack.so.3").into()]),
            ),
            width: IntWidth::Lp64,
            lapack: true,
        },
        Case {
            name: "mkl",
            spec: LoadSpec::new(mkl_candidates()).preload_global(["libm.so.6"]),
            width: IntWidth::Lp64,
            lapack: true,
        },
    ]
}

#[test]
fn vendors_load_and_probe() {
    let mut loaded = 0;
    for c in cases() {
        // SAFETY: these are the vendors' BLAS/LAPACK libraries.
        match unsafe { load(&c.spec) } {
            Ok(v) => {
                let abi = v.abi();
                eprintln!("{}: {:?}", c.name, abi);
                assert_eq!(abi.int_width, c.width, "{}", c.name);
                assert_eq!(abi.suffix, SymbolSuffix::None, "{}", c.name);
                assert_eq!(v.has_lapack(), c.lapack, "{}", c.name);
                loaded += 1;
            }
            Err(e) if required(c.name) => panic!("required backend {} did not load: {e}", c.name),
            Err(e) => eprintln!("NOT TESTED: {} did not load (not required): {e}", c.name),
        }
    }
    eprintln!("{loaded} vendor libraries loaded");
}
