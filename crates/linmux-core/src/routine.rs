//! [`Routine`]: the operations of the table as values, for provenance and
//! symbol names.

use crate::scalar::ScalarKind;

/// Which part of BLAS/LAPACK an operation belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// Vector operations.
    Blas1,
    /// Matrix-vector operations.
    Blas2,
    /// Matrix-matrix operations.
    Blas3,
    /// Factorizations and solvers.
    Lapack,
}

/// Writes [`Routine`] from the operation table.
macro_rules! define_routines {
    ($(
        $(#[$doc:meta])*
        $family:ident $name:ident($complex:literal, $real:literal)
            ($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty;
    )*) => { paste::paste! {
        /// An operation of the [`Ops`](crate::Ops) set, as a value: what
        /// provenance counts and symbol tables are keyed by.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Routine {
            $(
                #[doc = concat!("`", $complex, "` (`", $real, "` on real types)")]
                [<$name:camel>],
            )*
        }

        impl Routine {
            /// Every routine, in table order.
            pub const ALL: &'static [Routine] = &[$(Routine::[<$name:camel>],)*];

            /// The `Ops` method name (`"herk"`).
            pub const fn method(self) -> &'static str {
                match self { $(Routine::[<$name:camel>] => stringify!($name),)* }
            }
            /// The routine's name without type prefix, for complex types (`"herk"`).
            pub const fn name(self) -> &'static str {
                match self { $(Routine::[<$name:camel>] => $complex,)* }
            }
            /// The name without type prefix, for real types (`"syrk"` for `herk`).
            pub const fn real_name(self) -> &'static str {
                match self { $(Routine::[<$name:camel>] => $real,)* }
            }
            /// The family the routine belongs to.
            pub const fn family(self) -> Family {
                match self { $(Routine::[<$name:camel>] => Family::[<$family:camel>],)* }
            }
        }
    }};
}

crate::for_each_operation!(define_routines);

impl Routine {
    /// Whether the routine belongs to LAPACK (as opposed to BLAS).
    pub const fn is_lapack(self) -> bool {
        matches!(self.family(), Family::Lapack)
    }

    /// The BLAS/LAPACK name for scalar kind `kind` (`"dgemm"`, `"zherk"`,
    /// `"ssyrk"`, `"zdscal"`). In the table a complex stem starting with `@`
    /// takes the real prefix there (`"@scal"` is `csscal`/`zdscal`).
    pub fn blas_name(self, kind: ScalarKind) -> String {
        let base = if kind.is_complex() {
            self.name()
        } else {
            self.real_name()
        };
        match base.strip_prefix('@') {
            Some(rest) => {
                let real = if kind == ScalarKind::C32 { 's' } else { 'd' };
                format!("{}{real}{rest}", kind.blas_prefix())
            }
            None => format!("{}{base}", kind.blas_prefix()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_table() {
        assert_eq!(Routine::Herk.blas_name(ScalarKind::F64), "dsyrk");
        assert_eq!(Routine::Herk.blas_name(ScalarKind::C32), "cherk");
        assert_eq!(Routine::Dot.blas_name(ScalarKind::C64), "zdotu");
        assert_eq!(Routine::Gemm.method(), "gemm");
        assert_eq!(Routine::Rscal.blas_name(ScalarKind::C64), "zdscal");
        assert_eq!(Routine::Rscal.blas_name(ScalarKind::C32), "csscal");
        assert_eq!(Routine::Rot.blas_name(ScalarKind::C32), "csrot");
        assert_eq!(Routine::Hpr2.blas_name(ScalarKind::F32), "sspr2");
        assert!(Routine::Gesdd.is_lapack());
        assert!(!Routine::Trsm.is_lapack());
        assert_eq!(Routine::ALL[Routine::Gels as usize], Routine::Gels);
    }
}
