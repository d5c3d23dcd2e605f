//! Throwaway fixture libraries for tests (feature `fixtures`): C sources
//! generated from the symbol tables' own lists and compiled with the system C
//! compiler (`$CC`, else `cc`), so the loader is tested without any vendor.
//!
//! Every table entry becomes an empty stub (never called: fixtures test
//! loading, not numerics) except the probe routines, which behave as the real
//! ones do for the width the fixture claims: `isamax` (Fortran, 1-based),
//! `cblas_isamax` (0-based) and `ilaver`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::suffix::SymbolSuffix;
use crate::tables::{CblasTable, FortranBlasTable, LapackTable};

/// C code of a thread-setter spy: `openblas_set_num_threads` records the last
/// count, `openblas_get_num_threads` returns it (initially 1), and
/// `fixture_set_calls` counts the setter's calls.
pub const THREAD_SPY_C: &str = r#"
static int fixture_threads = 1;
static int fixture_calls = 0;
void openblas_set_num_threads(int n) { fixture_threads = n; fixture_calls++; }
int openblas_get_num_threads(void) { return fixture_threads; }
int fixture_set_calls(void) { return fixture_calls; }
const char *openblas_get_config(void) { return "fixture-config"; }
"#;

/// A fixture library to build.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fixture {
    /// File stem: the library is `lib<name>.so`.
    pub name: String,
    /// Whether the probe routines use 64-bit integers (ILP64).
    pub int64: bool,
    /// The suffix every BLAS/LAPACK symbol carries.
    pub suffix: SymbolSuffix,
    /// Export the CBLAS table, the Fortran `isamax` and (with `optional`)
    /// the Fortran BLAS fallbacks.
    pub blas: bool,
    /// Export the LAPACK table and `ilaver`.
    pub lapack: bool,
    /// Export the tables' optional entries too.
    pub optional: bool,
    /// Exact symbol names to leave out.
    pub omit: Vec<String>,
    /// C code appended verbatim.
    pub extra_c: String,
}

impl Fixture {
    /// A complete LP64 BLAS + LAPACK fixture with plain names.
    pub fn new(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            int64: false,
            suffix: SymbolSuffix::None,
            blas: true,
            lapack: true,
            optional: true,
            omit: Vec::new(),
            extra_c: String::new(),
        }
    }

    /// The C source.
    pub fn c_source(&self) -> String {
        let int = if self.int64 { "long long" } else { "int" };
        let s = self.suffix;
        let mut c = String::from("#include <stddef.h>\n");
        let _ = writeln!(c, "typedef {int} fx_int;");
        let stub = |c: &mut String, sym: String| {
            if !self.omit.contains(&sym) {
                let id = c.len();
                let _ = writeln!(
                    c,
                    "void fx_stub_{id}(void) __asm__(\"{sym}\");\nvoid fx_stub_{id}(void) {{}}"
                );
            }
        };
        if self.blas {
            let probes = ["cblas_isamax"];
            let names = CblasTable::<i32>::REQUIRED.iter().chain(if self.optional {
                CblasTable::<i32>::OPTIONAL
            } else {
                &[]
            });
            for base in names.filter(|b| !probes.contains(b)) {
                stub(&mut c, s.cblas(base));
            }
            if self.optional {
                for base in FortranBlasTable::<i32>::OPTIONAL {
                    stub(&mut c, s.fortran(base));
                }
            }
            for (sym, body) in [
                (
                    s.fortran("isamax"),
                    "fx_int fx_isamax(const fx_int *n, const float *x, const fx_int *incx) { return fx_amax(*n, x, *incx) + (*n > 0 && *incx > 0); }",
                ),
                (
                    s.cblas("cblas_isamax"),
                    "size_t fx_cblas_isamax(fx_int n, const float *x, fx_int incx) { return (size_t)fx_amax(n, x, incx); }",
                ),
            ] {
                if self.omit.contains(&sym) {
                    continue;
                }
                let (decl, _) = body.split_once(" {").unwrap_or((body, ""));
                let _ = writeln!(c, "{}", AMAX_C);
                let _ = writeln!(c, "{decl} __asm__(\"{sym}\");\n{body}");
            }
        }
        if self.lapack {
            let probes = ["ilaver"];
            let names = LapackTable::<i32>::REQUIRED.iter().chain(if self.optional {
                LapackTable::<i32>::OPTIONAL
            } else {
                &[]
            });
            for base in names.filter(|b| !probes.contains(b)) {
                stub(&mut c, s.fortran(base));
            }
            let sym = s.fortran("ilaver");
            if self.optional && !self.omit.contains(&sym) {
                let _ = writeln!(
                    c,
                    "void fx_ilaver(fx_int *a, fx_int *b, fx_int *c) __asm__(\"{sym}\");\nvoid fx_ilaver(fx_int *a, fx_int *b, fx_int *c) {{ *a = 3; *b = 12; *c = 1; }}"
                );
            }
        }
        c.push_str(&self.extra_c);
        c
    }

    /// Writes the source to `dir/<name>.c` and compiles `dir/lib<name>.so`.
    ///
    /// # Errors
    /// The compiler's output when it fails, or an I/O error's text.
    pub fn build(&self, dir: &Path) -> Result<PathBuf, String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let src = dir.join(format!("{}.c", self.name));
        let out = dir.join(format!("lib{}.so", self.name));
        std::fs::write(&src, self.c_source()).map_err(|e| format!("{}: {e}", src.display()))?;
        let cc = std::env::var_os("CC").unwrap_or_else(|| "cc".into());
        let output = Command::new(&cc)
            .args(["-shared", "-fPIC", "-O1", "-o"])
            .arg(&out)
            .arg(&src)
            .output()
            .map_err(|e| format!("cannot run {}: {e}", cc.to_string_lossy()))?;
        if output.status.success() {
            Ok(out)
        } else {
            Err(format!(
                "{} failed on {}:\n{}",
                cc.to_string_lossy(),
                src.display(),
                String::from_utf8_lossy(&output.stderr)
            ))
        }
    }
}

/// 0-based position of the largest |x| (0 when n ≤ 0), shared by both probes.
const AMAX_C: &str = "#ifndef FX_AMAX\n#define FX_AMAX\nstatic fx_int fx_amax(fx_int n, const float *x, fx_int incx) {\n  fx_int best = 0; float bv = -1.0f;\n  if (n <= 0 || incx <= 0) return 0;\n  for (fx_int i = 0; i < n; i++) { float v = x[i * incx]; if (v < 0) v = -v; if (v > bv) { bv = v; best = i; } }\n  return best;\n}\n#endif";
