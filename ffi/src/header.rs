//! `include/linmux.h`, generated: the version, the status list, the flags,
//! the types, the hand-written API's declarations and every table
//! operation's ([`crate::ops::OPS`]) for `s`, `d`, `c` and `z`.
//!
//! The unit test `header_is_current` compares the committed file with this
//! text (and rewrites it when `LINMUX_BLESS=1`), so CI fails on a stale one.

use std::fmt::Write as _;

/// One table operation's C declaration, with placeholders `{T}` (the
/// scalar), `{R}` (its real type) and `{C}` (its complex type).
#[derive(Debug)]
pub(crate) struct OpDecl {
    /// The `Ops` method name.
    pub(crate) name: &'static str,
    /// Its documentation, from the table.
    pub(crate) docs: &'static [&'static str],
    /// Whether it takes `int32_t layout` (it has a matrix argument).
    pub(crate) layout: bool,
    /// The parameters after `engine` (and `layout`), each starting with `", "`.
    pub(crate) params: &'static str,
}

/// The hand-written exports: documentation and prototype. The symbol test
/// (`tests/c_api.rs`) checks this list against the library's exports.
pub(crate) const API: &[(&str, &str)] = &[
    (
        "The library's version, \"MAJOR.MINOR.PATCH\" (static).",
        "const char *linmux_version(void)",
    ),
    (
        "The message of a status code (static; \"unknown status\" for other values).",
        "const char *linmux_status_message(linmux_status status)",
    ),
    (
        "The message of the last failed call on this thread (\"\" if none); valid until the next failing call on this thread.",
        "const char *linmux_last_error_message(void)",
    ),
    (
        "Creates an engine for `selection` (a backend name, a comma-separated list tried in order, a library path, or \"auto\") into *out.",
        "linmux_status linmux_engine_new(const char *selection, linmux_engine **out)",
    ),
    (
        "Frees an engine (NULL is ignored).",
        "void linmux_engine_free(linmux_engine *engine)",
    ),
    (
        "Makes `selection` the process-wide backend: calls with a NULL engine and the cblas_* exports use it from now on.",
        "linmux_status linmux_backend_set(const char *selection)",
    ),
    (
        "The backend name of `engine` (NULL: the current engine) into buf; *needed receives the bytes needed, NUL included (LINMUX_STATUS_BUFFER_TOO_SMALL if len is less; buf untouched).",
        "linmux_status linmux_backend_name(const linmux_engine *engine, char *buf, size_t len, size_t *needed)",
    ),
    (
        "Every backend name this build knows, comma-separated (buffer as linmux_backend_name).",
        "linmux_status linmux_backends_known(char *buf, size_t len, size_t *needed)",
    ),
    (
        "The known backends that load on this machine, comma-separated (buffer as linmux_backend_name).",
        "linmux_status linmux_backends_available(char *buf, size_t len, size_t *needed)",
    ),
    (
        "The backend of `engine` (NULL: current) as JSON (buffer as linmux_backend_name).",
        "linmux_status linmux_backend_info(const linmux_engine *engine, char *buf, size_t len, size_t *needed)",
    ),
    (
        "Sets the thread count of every engine, and of engines created later.",
        "linmux_status linmux_threads_set(size_t n)",
    ),
    (
        "The thread count calls on `engine` (NULL: current) use from this thread, into *out.",
        "linmux_status linmux_threads_get(const linmux_engine *engine, size_t *out)",
    ),
    (
        "Limits every engine to n threads until the matching linmux_threads_pop_limit on this thread (limits nest).",
        "linmux_status linmux_threads_push_limit(size_t n)",
    ),
    (
        "Ends this thread's innermost thread limit (LINMUX_STATUS_INVALID_ARGUMENT if none).",
        "linmux_status linmux_threads_pop_limit(void)",
    ),
    (
        "The name of the current FFT provider (rustfft, fftw, mkl; LINMUX_FFT chooses) into buf (buffer as linmux_backend_name).",
        "linmux_status linmux_fft_provider_name(char *buf, size_t len, size_t *needed)",
    ),
];

const PREFIXES: [(&str, &str, &str, &str); 4] = [
    ("s", "float", "float", "linmux_complex_float"),
    ("d", "double", "double", "linmux_complex_double"),
    ("c", "linmux_complex_float", "float", "linmux_complex_float"),
    (
        "z",
        "linmux_complex_double",
        "double",
        "linmux_complex_double",
    ),
];

/// Every function the header declares, by name (for the symbol test).
pub(crate) fn function_names() -> Vec<String> {
    let mut names: Vec<String> = API
        .iter()
        .map(|(_, proto)| name_of(proto).to_owned())
        .collect();
    for (_, proto) in crate::linalg::API {
        for (p, ..) in PREFIXES {
            names.push(name_of(proto).replace("{p}", p));
        }
    }
    for op in crate::ops::OPS {
        for (p, ..) in PREFIXES {
            names.push(format!("linmux_{p}{}", op.name));
        }
    }
    for (_, proto) in crate::fft::API {
        for (f, ..) in FFT_TYPES {
            names.push(name_of(proto).replace("{F}", f));
        }
    }
    names
}

/// The FFT's precisions: suffix, real type, complex type.
const FFT_TYPES: [(&str, &str, &str); 2] = [
    ("f32", "float", "linmux_complex_float"),
    ("f64", "double", "linmux_complex_double"),
];

fn name_of(proto: &str) -> &str {
    let head = proto.split('(').next().unwrap_or(proto);
    head.rsplit([' ', '*']).next().unwrap_or(head)
}

fn comment(out: &mut String, lines: &[&str]) {
    out.push_str("/**\n");
    for l in lines {
        for l in l.lines() {
            let _ = writeln!(
                out,
                " *{}{}",
                if l.is_empty() { "" } else { " " },
                l.trim_end()
            );
        }
    }
    out.push_str(" */\n");
}

/// The text of `include/linmux.h`.
pub(crate) fn header() -> String {
    let mut h = String::new();
    h.push_str(
        "/* linmux.h: the C API of linmux. GENERATED by ffi/src/header.rs; do not edit.\n \
         * Regenerate with: LINMUX_BLESS=1 cargo test -p linmux-ffi --lib header_is_current */\n\
         #ifndef LINMUX_H\n#define LINMUX_H\n\n#include <stddef.h>\n#include <stdint.h>\n\n\
         #ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
    );
    let _ = writeln!(
        h,
        "#define LINMUX_VERSION_MAJOR {}",
        env!("CARGO_PKG_VERSION_MAJOR")
    );
    let _ = writeln!(
        h,
        "#define LINMUX_VERSION_MINOR {}",
        env!("CARGO_PKG_VERSION_MINOR")
    );
    let _ = writeln!(
        h,
        "#define LINMUX_VERSION_PATCH {}",
        env!("CARGO_PKG_VERSION_PATCH")
    );
    let _ = writeln!(
        h,
        "#define LINMUX_VERSION_STRING \"{}\"\n",
        env!("CARGO_PKG_VERSION")
    );

    comment(
        &mut h,
        &[
            "Status of every fallible call: 0 is success; 1xx arguments, 2xx backends,\n3xx numerical failures, 4xx memory, 5xx internal errors.",
        ],
    );
    h.push_str("typedef int32_t linmux_status;\n");
    for (name, value, msg) in crate::status::ALL {
        let _ = writeln!(h, "#define LINMUX_STATUS_{name} {value} /* {msg} */");
    }
    h.push('\n');
    for (ty, values) in crate::views::FLAGS {
        let _ = writeln!(h, "/* {ty} */");
        for (name, v) in *values {
            let _ = writeln!(h, "#define LINMUX_{name} {v}");
        }
    }
    h.push('\n');
    comment(
        &mut h,
        &[
            "An engine: one backend. Several can live side by side. NULL wherever an\nengine is taken means the current (process-wide) engine.",
        ],
    );
    h.push_str("typedef struct linmux_engine linmux_engine;\n");
    h.push_str("/** Complex numbers: layout-compatible with C99 `float _Complex` and C++ `std::complex<float>`. */\n");
    h.push_str(
        "typedef struct linmux_complex_float { float re; float im; } linmux_complex_float;\n",
    );
    h.push_str(
        "typedef struct linmux_complex_double { double re; double im; } linmux_complex_double;\n\n",
    );

    for (doc, proto) in API {
        comment(&mut h, &[doc]);
        let _ = writeln!(h, "{proto};\n");
    }
    h.push_str("/* ---- high-level routines, for s, d, c, z ---- */\n\n");
    for (doc, proto) in crate::linalg::API {
        comment(&mut h, &[doc]);
        for (p, t, r, c) in PREFIXES {
            let proto = proto
                .replace("{p}", p)
                .replace("{T}", t)
                .replace("{R}", r)
                .replace("{C}", c);
            let _ = writeln!(h, "{proto};");
        }
        h.push('\n');
    }

    h.push_str("/* ---- FFT (numpy.fft), for f32 and f64, on the current provider (LINMUX_FFT) ---- */\n\n");
    for (doc, proto) in crate::fft::API {
        comment(&mut h, &[doc]);
        for (f, r, c) in FFT_TYPES {
            let proto = proto.replace("{F}", f).replace("{R}", r).replace("{C}", c);
            let _ = writeln!(h, "{proto};");
        }
        h.push('\n');
    }

    comment(
        &mut h,
        &[
            "The operation table, for s (float), d (double), c (complex float) and\n\
           z (complex double). Each takes an engine (NULL: current); a matrix is\n\
           (ptr, rows, cols, ld) as stored, before any op, in the call's layout, a\n\
           vector (ptr, len, inc) with a negative inc walking backwards as BLAS, a flag an int32_t, a result a\n\
           pointer written on success only. Outputs must not overlap other\n\
           arguments (LINMUX_STATUS_ALIASING). Real-only operations (rotm, rotmg,\n\
           sdsdot, dsdot) return LINMUX_STATUS_INVALID_ARGUMENT for c and z.",
        ],
    );
    for op in crate::ops::OPS {
        h.push('\n');
        comment(&mut h, op.docs);
        for (p, t, r, c) in PREFIXES {
            let params = op
                .params
                .replace("{T}", t)
                .replace("{R}", r)
                .replace("{C}", c);
            let _ = writeln!(
                h,
                "linmux_status linmux_{p}{}(const linmux_engine *engine{}{params});",
                op.name,
                if op.layout { ", int32_t layout" } else { "" }
            );
        }
    }
    h.push_str("\n#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* LINMUX_H */\n");
    h
}

/// The text of `include/linmux/cblas.h`: the reference `cblas.h` types and
/// enum values, and the `cblas_*` functions liblinmux exports.
pub(crate) fn cblas_header() -> String {
    let mut h = String::from(
        "/* linmux/cblas.h: the CBLAS functions liblinmux exports, with the reference\n \
         * cblas.h's (LAPACK 3.11+) names, types and enum values. GENERATED by\n \
         * ffi/src/header.rs; do not edit. */\n\
         #ifndef LINMUX_CBLAS_H\n#define LINMUX_CBLAS_H\n\n#include <stddef.h>\n#include <stdint.h>\n\n\
         #ifdef __cplusplus\nextern \"C\" {\n#endif\n\n\
         #ifndef CBLAS_INDEX\n#define CBLAS_INDEX size_t\n#endif\n\
         #ifndef CBLAS_INT\n#define CBLAS_INT int32_t\n#endif\n\n\
         typedef enum CBLAS_LAYOUT {CblasRowMajor=101, CblasColMajor=102} CBLAS_LAYOUT;\n\
         typedef enum CBLAS_TRANSPOSE {CblasNoTrans=111, CblasTrans=112, CblasConjTrans=113} CBLAS_TRANSPOSE;\n\
         typedef enum CBLAS_UPLO {CblasUpper=121, CblasLower=122} CBLAS_UPLO;\n\
         typedef enum CBLAS_DIAG {CblasNonUnit=131, CblasUnit=132} CBLAS_DIAG;\n\
         typedef enum CBLAS_SIDE {CblasLeft=141, CblasRight=142} CBLAS_SIDE;\n\
         #define CBLAS_ORDER CBLAS_LAYOUT\n\n",
    );
    let types = [
        ("s", "float", "float", "const float", "snrm2", "sasum", "s"),
        (
            "d",
            "double",
            "double",
            "const double",
            "dnrm2",
            "dasum",
            "d",
        ),
        (
            "c",
            "void",
            "float",
            "const void *",
            "scnrm2",
            "scasum",
            "s",
        ),
        (
            "z",
            "void",
            "double",
            "const void *",
            "dznrm2",
            "dzasum",
            "d",
        ),
    ];
    let mut seen = std::collections::BTreeSet::new();
    for (which, proto) in crate::cblas::DECLS {
        for (p, v, r, a, nrm2, asum, rp) in types {
            if which.contains(p) {
                let d = proto
                    .replace("{p}", p)
                    .replace("{rp}", rp)
                    .replace("{T}", r)
                    .replace("{V}", v)
                    .replace("{R}", r)
                    .replace("{A}", a)
                    .replace("{nrm2}", nrm2)
                    .replace("{asum}", asum)
                    .replace("* ", "*");
                if seen.insert(d.clone()) {
                    let _ = writeln!(h, "{d};");
                }
            }
        }
    }
    h.push_str(
        "\n/* Called with the 1-based position of a bad argument (the reference's,\n \
         * swapped for CblasRowMajor as the reference does). A program may define its\n \
         * own; liblinmux's prints and returns. */\n\
         void cblas_xerbla(CBLAS_INT p, const char *rout, const char *form, ...);\n",
    );
    h.push_str(
        "\n#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* LINMUX_CBLAS_H */\n",
    );
    h
}

/// The text of `include/linmux/lapacke.h`: LAPACKE's layout constants and
/// types (LP64) and the `LAPACKE_*` functions liblinmux exports.
pub(crate) fn lapacke_header() -> String {
    let mut h = String::from(
        "/* linmux/lapacke.h: the LAPACKE functions liblinmux exports, with LAPACKE's\n \
         * names, types (LP64: lapack_int is int32_t) and layout constants.\n \
         * GENERATED by ffi/src/header.rs; do not edit. */\n\
         #ifndef LINMUX_LAPACKE_H\n#define LINMUX_LAPACKE_H\n\n#include <stdint.h>\n\n\
         #ifdef __cplusplus\nextern \"C\" {\n#endif\n\n\
         #ifndef lapack_int\n#define lapack_int int32_t\n#endif\n\
         /* As LAPACKE: C99 _Complex in C, std::complex in C++ (predefine to override). */\n\
         #ifndef lapack_complex_float\n#ifdef __cplusplus\n} /* extern \"C\" */\n#include <complex>\nextern \"C\" {\n\
         #define lapack_complex_float std::complex<float>\n#define lapack_complex_double std::complex<double>\n\
         #else\n#include <complex.h>\n#define lapack_complex_float float _Complex\n#define lapack_complex_double double _Complex\n\
         #endif\n#endif\n\
         #define LAPACK_ROW_MAJOR 101\n#define LAPACK_COL_MAJOR 102\n\n",
    );
    let types = [
        ("s", "float", "float"),
        ("d", "double", "double"),
        ("c", "lapack_complex_float", "float"),
        ("z", "lapack_complex_double", "double"),
    ];
    for (which, proto) in crate::lapacke::DECLS {
        for (p, t, r) in types {
            if which.contains(p) {
                let d = proto.replace("{p}", p).replace("{T}", t).replace("{R}", r);
                let _ = writeln!(h, "{d};");
            }
        }
    }
    h.push_str(
        "\n#ifdef __cplusplus\n} /* extern \"C\" */\n#endif\n\n#endif /* LINMUX_LAPACKE_H */\n",
    );
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lapacke_header_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../include/linmux/lapacke.h");
        let text = lapacke_header();
        if std::env::var_os("LINMUX_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == text,
            "include/linmux/lapacke.h is stale: run `LINMUX_BLESS=1 cargo test -p linmux-ffi --lib` and commit it"
        );
    }

    #[test]
    fn cblas_header_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../include/linmux/cblas.h");
        let text = cblas_header();
        if std::env::var_os("LINMUX_BLESS").is_some() {
            std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/../include/linmux"))
                .unwrap();
            std::fs::write(path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == text,
            "include/linmux/cblas.h is stale: run `LINMUX_BLESS=1 cargo test -p linmux-ffi --lib` and commit it"
        );
    }

    #[test]
    fn header_is_current() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../include/linmux.h");
        let text = header();
        if std::env::var_os("LINMUX_BLESS").is_some() {
            std::fs::write(path, &text).unwrap();
            return;
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == text,
            "include/linmux.h is stale: run `LINMUX_BLESS=1 cargo test -p linmux-ffi --lib header_is_current` and commit it"
        );
    }

    #[test]
    fn names_are_unique() {
        let names = function_names();
        let set: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(set.len(), names.len());
        assert!(names.contains(&String::from("linmux_zgemm")));
    }
}
