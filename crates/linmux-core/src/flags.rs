//! BLAS/LAPACK option flags. Each enum's values map one-to-one onto the
//! characters LAPACK takes (`as_char`).

/// How a matrix operand enters an operation: `op(A) = A`, `Aᵀ` or `Aᴴ`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Trans {
    /// `op(A) = A`.
    #[default]
    No,
    /// `op(A) = Aᵀ`.
    Trans,
    /// `op(A) = Aᴴ` (equal to `Aᵀ` for real types).
    ConjTrans,
}

impl Trans {
    /// The LAPACK character: `'N'`, `'T'` or `'C'`.
    pub const fn as_char(self) -> u8 {
        match self {
            Trans::No => b'N',
            Trans::Trans => b'T',
            Trans::ConjTrans => b'C',
        }
    }
    /// Whether `op` swaps rows and columns.
    pub const fn is_transposed(self) -> bool {
        !matches!(self, Trans::No)
    }
    /// Shape of `op(A)` for an `nrows × ncols` matrix `A`.
    pub const fn apply_shape(self, nrows: usize, ncols: usize) -> (usize, usize) {
        if self.is_transposed() {
            (ncols, nrows)
        } else {
            (nrows, ncols)
        }
    }
}

/// Which triangle of a symmetric, Hermitian or triangular matrix is referenced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Uplo {
    /// The upper triangle.
    #[default]
    Upper,
    /// The lower triangle.
    Lower,
}

impl Uplo {
    /// The LAPACK character: `'U'` or `'L'`.
    pub const fn as_char(self) -> u8 {
        match self {
            Uplo::Upper => b'U',
            Uplo::Lower => b'L',
        }
    }
    /// The other triangle (the one a transposed view of the same storage shows).
    pub const fn flip(self) -> Self {
        match self {
            Uplo::Upper => Uplo::Lower,
            Uplo::Lower => Uplo::Upper,
        }
    }
}

/// Whether a triangular matrix has an implicit unit diagonal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Diag {
    /// The diagonal is stored and used.
    #[default]
    NonUnit,
    /// The diagonal is taken to be all ones and is not read.
    Unit,
}

impl Diag {
    /// The LAPACK character: `'N'` or `'U'`.
    pub const fn as_char(self) -> u8 {
        match self {
            Diag::NonUnit => b'N',
            Diag::Unit => b'U',
        }
    }
}

/// On which side the special matrix multiplies: `A·B` (left) or `B·A` (right).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Side {
    /// `A` is on the left.
    #[default]
    Left,
    /// `A` is on the right.
    Right,
}

impl Side {
    /// The LAPACK character: `'L'` or `'R'`.
    pub const fn as_char(self) -> u8 {
        match self {
            Side::Left => b'L',
            Side::Right => b'R',
        }
    }
}

/// Which singular vectors `gesdd` computes (LAPACK's `JOBZ`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum SvdJob {
    /// Singular values only (`'N'`).
    ValuesOnly,
    /// Thin: `U` is `m × min(m,n)`, `Vᴴ` is `min(m,n) × n` (`'S'`).
    #[default]
    Thin,
    /// Full: `U` is `m × m`, `Vᴴ` is `n × n` (`'A'`).
    Full,
}

impl SvdJob {
    /// The LAPACK character: `'N'`, `'S'` or `'A'`.
    pub const fn as_char(self) -> u8 {
        match self {
            SvdJob::ValuesOnly => b'N',
            SvdJob::Thin => b'S',
            SvdJob::Full => b'A',
        }
    }
}

/// Whether an eigensolver computes eigenvectors (LAPACK's `JOBZ`/`JOBV*`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum EigJob {
    /// Eigenvalues only (`'N'`).
    ValuesOnly,
    /// Eigenvalues and eigenvectors (`'V'`).
    #[default]
    Vectors,
}

impl EigJob {
    /// The LAPACK character: `'N'` or `'V'`.
    pub const fn as_char(self) -> u8 {
        match self {
            EigJob::ValuesOnly => b'N',
            EigJob::Vectors => b'V',
        }
    }
}
