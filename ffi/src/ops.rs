//! Every operation of the table, for `s`, `d`, `c` and `z`, as
//! `linmux_<p><op>`: generated from `linmux_core::for_each_operation!`, with
//! the header's declarations ([`OPS`]) from the same expansion.
//!
//! Each table argument type becomes C parameters by one rule (see `munch!`):
//! a matrix is `(ptr, rows, cols, ld)` in the call's `layout`, a vector
//! `(ptr, len, inc)` (a negative `inc` walks backwards, as BLAS), a flag an
//! `int32_t`, a result a pointer written on success. Every function takes an
//! engine first (NULL: the current engine) and returns a `linmux_status`.

use crate::header::OpDecl;

/// Turns one table entry's arguments into C parameters, checks, views and
/// call arguments (a tt-muncher: one arm per argument type). The
/// identifiers in braces come from the caller so that every step's tokens
/// name the same variables.
macro_rules! munch {
    // a strided vector: pointer, length, increment
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : VecRef<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *const T, [<$n _len>]: i64, [<inc $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::vector::<T>($n, [<$n _len>], [<inc $n>], stringify!($n), stringify!([<inc $n>]))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view() }?;] [$($call)* $n,] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const {T} *", stringify!($n), ", int64_t ", stringify!($n), "_len, int64_t inc", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a strided vector: pointer, length, increment
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : VecMut<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut T, [<$n _len>]: i64, [<inc $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::vector::<T>($n, [<$n _len>], [<inc $n>], stringify!($n), stringify!([<inc $n>]))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view_mut() }?;] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n), ", int64_t ", stringify!($n), "_len, int64_t inc", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a dense matrix: pointer, rows, columns, leading dimension
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : MatRef<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *const T, [<$n _rows>]: i64, [<$n _cols>]: i64, [<ld $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::matrix::<T>($n, [<$n _rows>], [<$n _cols>], [<ld $n>], $lay, stringify!($n), stringify!([<ld $n>]))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view() }?;] [$($call)* $n,] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const {T} *", stringify!($n), ", int64_t ", stringify!($n), "_rows, int64_t ", stringify!($n), "_cols, int64_t ld", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a dense matrix: pointer, rows, columns, leading dimension
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : MatMut<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *mut T, [<$n _rows>]: i64, [<$n _cols>]: i64, [<ld $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::matrix::<T>($n, [<$n _rows>], [<$n _cols>], [<ld $n>], $lay, stringify!($n), stringify!([<ld $n>]))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view_mut() }?;] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n), ", int64_t ", stringify!($n), "_rows, int64_t ", stringify!($n), "_cols, int64_t ld", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a dense matrix (NULL for an optional one: not wanted)
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : Option<MatMut<'_, T>>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *mut T, [<$n _rows>]: i64, [<$n _cols>]: i64, [<ld $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::opt_matrix::<T>($n, [<$n _rows>], [<$n _cols>], [<ld $n>], $lay, stringify!($n), stringify!([<ld $n>]))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = match &[<$n _raw>] { Some(r) => Some(unsafe { r.view_mut() }?), None => None };] [$($call)* $n,] [$($out)* (stringify!($n), crate::views::opt_span(&[<$n _raw>])),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n), ", int64_t ", stringify!($n), "_rows, int64_t ", stringify!($n), "_cols, int64_t ld", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a dense matrix (NULL for an optional one: not wanted)
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : Option<MatMut<'_, T::Complex>>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *mut Cx, [<$n _rows>]: i64, [<$n _cols>]: i64, [<ld $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::opt_matrix::<Cx>($n, [<$n _rows>], [<$n _cols>], [<ld $n>], $lay, stringify!($n), stringify!([<ld $n>]))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = match &[<$n _raw>] { Some(r) => Some(unsafe { r.view_mut() }?), None => None };] [$($call)* $n,] [$($out)* (stringify!($n), crate::views::opt_span(&[<$n _raw>])),] [$($in)* ] [$($decl)* ", {C} *", stringify!($n), ", int64_t ", stringify!($n), "_rows, int64_t ", stringify!($n), "_cols, int64_t ld", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a band matrix: BLAS band storage (column-major) or CBLAS's row-major one
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : BandRef<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *const T, [<$n _rows>]: i64, [<$n _cols>]: i64, [<$n _kl>]: i64, [<$n _ku>]: i64, [<ld $n>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::band::<T>($n, [<$n _rows>], [<$n _cols>], [<$n _kl>], [<$n _ku>], [<ld $n>], $lay, stringify!($n))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view() }?;] [$($call)* $n,] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const {T} *", stringify!($n), ", int64_t ", stringify!($n), "_rows, int64_t ", stringify!($n), "_cols, int64_t ", stringify!($n), "_kl, int64_t ", stringify!($n), "_ku, int64_t ld", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a packed triangle: pointer, order, which triangle
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : PackedRef<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *const T, [<$n _n>]: i64, [<$n _uplo>]: i32,] [$($pre)* let [<$n _raw>] = crate::views::packed::<T>($n, [<$n _n>], [<$n _uplo>], $lay, stringify!($n))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view() }?;] [$($call)* $n,] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const {T} *", stringify!($n), ", int64_t ", stringify!($n), "_n, int32_t ", stringify!($n), "_uplo",] [$($fin)* ] $($rest)*);
    };
    // a packed triangle: pointer, order, which triangle
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : PackedMut<'_, T>, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* x] [$($par)* $n: *mut T, [<$n _n>]: i64, [<$n _uplo>]: i32,] [$($pre)* let [<$n _raw>] = crate::views::packed::<T>($n, [<$n _n>], [<$n _uplo>], $lay, stringify!($n))?;] [$($post)* // SAFETY: checked extent; overlap with outputs rejected above.
 let $n = unsafe { [<$n _raw>].view_mut() }?;] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n), ", int64_t ", stringify!($n), "_n, int32_t ", stringify!($n), "_uplo",] [$($fin)* ] $($rest)*);
    };
    // a real scalar
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : T :: Real, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: R,] [$($pre)* ] [$($post)* ] [$($call)* $n,] [$($out)* ] [$($in)* ] [$($decl)* ", {R} ", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a scalar
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : T, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: T,] [$($pre)* ] [$($post)* ] [$($call)* $n,] [$($out)* ] [$($in)* ] [$($decl)* ", {T} ", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a scalar read and written in place
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut T :: Real, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut R,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<R>::new($n, 1, stringify!($n))?;] [$($post)* // SAFETY: one valid element, overlapping no other argument (checked above).
 let $n = &mut unsafe { [<$n _raw>].slice_mut() }[0];] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {R} *", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a scalar read and written in place
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut T, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut T,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<T>::new($n, 1, stringify!($n))?;] [$($post)* // SAFETY: one valid element, overlapping no other argument (checked above).
 let $n = &mut unsafe { [<$n _raw>].slice_mut() }[0];] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a fixed array of five (rotm's param)
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut [T; 5], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut T,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<T>::new($n, 5, stringify!($n))?;] [$($post)* // SAFETY: five valid elements, overlapping no other argument (checked above).
 let $n = unsafe { &mut *[<$n _raw>].ptr().cast::<[T; 5]>() };] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // a fixed array of five (rotm's param)
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : & [T; 5], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *const T,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<T>::new($n, 5, stringify!($n))?;] [$($post)* // SAFETY: five valid elements, written through no output (checked above).
 let $n = unsafe { &*[<$n _raw>].ptr().cast_const().cast::<[T; 5]>() };] [$($call)* $n,] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const {T} *", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // 0-based pivots, written on success only
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut [usize], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut i64, [<$n _len>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<i64>::new($n, crate::views::dim([<$n _len>], stringify!($n))?, stringify!($n))?;
 let mut [<$n _tmp>] = linmux_core::try_vec(0usize, [<$n _raw>].len())?;] [$($post)* ] [$($call)* &mut [<$n _tmp>],] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", int64_t *", stringify!($n), ", int64_t ", stringify!($n), "_len",] [$($fin)* // SAFETY: valid for writes, overlapping no other argument (checked above).
 unsafe { crate::views::write_pivots([<$n _raw>], &[<$n _tmp>]) }?;] $($rest)*);
    };
    // 0-based pivots
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &[usize], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *const i64, [<$n _len>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<i64>::new($n, crate::views::dim([<$n _len>], stringify!($n))?, stringify!($n))?;] [$($post)* // SAFETY: valid for reads, written through no output (checked above).
 let [<$n _tmp>] = unsafe { crate::views::read_pivots([<$n _raw>], stringify!($n)) }?;] [$($call)* &[<$n _tmp>],] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const int64_t *", stringify!($n), ", int64_t ", stringify!($n), "_len",] [$($fin)* ] $($rest)*);
    };
    // a contiguous array and its length
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut [T :: Real], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut R, [<$n _len>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<R>::new($n, crate::views::dim([<$n _len>], stringify!($n))?, stringify!($n))?;] [$($post)* // SAFETY: valid for writes, overlapping no other argument (checked above).
 let $n = unsafe { [<$n _raw>].slice_mut() };] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {R} *", stringify!($n), ", int64_t ", stringify!($n), "_len",] [$($fin)* ] $($rest)*);
    };
    // a contiguous array and its length
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut [T :: Complex], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut Cx, [<$n _len>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<Cx>::new($n, crate::views::dim([<$n _len>], stringify!($n))?, stringify!($n))?;] [$($post)* // SAFETY: valid for writes, overlapping no other argument (checked above).
 let $n = unsafe { [<$n _raw>].slice_mut() };] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {C} *", stringify!($n), ", int64_t ", stringify!($n), "_len",] [$($fin)* ] $($rest)*);
    };
    // a contiguous array and its length
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &mut [T], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *mut T, [<$n _len>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<T>::new($n, crate::views::dim([<$n _len>], stringify!($n))?, stringify!($n))?;] [$($post)* // SAFETY: valid for writes, overlapping no other argument (checked above).
 let $n = unsafe { [<$n _raw>].slice_mut() };] [$($call)* $n,] [$($out)* (stringify!($n), [<$n _raw>].span()),] [$($in)* ] [$($decl)* ", {T} *", stringify!($n), ", int64_t ", stringify!($n), "_len",] [$($fin)* ] $($rest)*);
    };
    // a contiguous array and its length
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : &[T], $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: *const T, [<$n _len>]: i64,] [$($pre)* let [<$n _raw>] = crate::views::Raw::<T>::new($n, crate::views::dim([<$n _len>], stringify!($n))?, stringify!($n))?;] [$($post)* // SAFETY: valid for reads, written through no output (checked above).
 let $n = unsafe { [<$n _raw>].slice() };] [$($call)* $n,] [$($out)* ] [$($in)* (stringify!($n), [<$n _raw>].span()),] [$($decl)* ", const {T} *", stringify!($n), ", int64_t ", stringify!($n), "_len",] [$($fin)* ] $($rest)*);
    };
    // a flag, taken as an integer (LINMUX_NO_TRANS, LINMUX_UPPER, ...)
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] $n:ident : $f:ident, $($rest:tt)*) => {
        munch!(@m {$lay $res $val $eng} $name $docs [$($l)* ] [$($par)* $n: i32,] [$($pre)* let $n = crate::views::flag::<linmux_core::$f>($n, stringify!($n))?;] [$($post)* ] [$($call)* $n,] [$($out)* ] [$($in)* ] [$($decl)* ", int32_t ", stringify!($n),] [$($fin)* ] $($rest)*);
    };
    // no result
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] @ret ()) => {
        munch!(@done {$lay $res $val $eng} $name $docs [$($l)*] [$($par)*] [$($pre)*] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)*] [$($fin)* let () = $val;]);
    };
    // the result, through a pointer written on success only
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] @ret T :: Real) => {
        munch!(@done {$lay $res $val $eng} $name $docs [$($l)*] [$($par)* $res: *mut R,] [$($pre)* if $res.is_null() { return Err(crate::boundary::Failure::Null("result")); }] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)* ", {R} *result",] [$($fin)* // SAFETY: non-NULL (checked), valid by the caller's contract.
 unsafe { $res.write($val) };]);
    };
    // the result, through a pointer written on success only
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] @ret T) => {
        munch!(@done {$lay $res $val $eng} $name $docs [$($l)*] [$($par)* $res: *mut T,] [$($pre)* if $res.is_null() { return Err(crate::boundary::Failure::Null("result")); }] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)* ", {T} *result",] [$($fin)* // SAFETY: non-NULL (checked), valid by the caller's contract.
 unsafe { $res.write($val) };]);
    };
    // the result, through a pointer written on success only
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] @ret usize) => {
        munch!(@done {$lay $res $val $eng} $name $docs [$($l)*] [$($par)* $res: *mut i64,] [$($pre)* if $res.is_null() { return Err(crate::boundary::Failure::Null("result")); }] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)* ", int64_t *result",] [$($fin)* // SAFETY: non-NULL (checked), valid by the caller's contract.
 unsafe { $res.write(i64::try_from($val).map_err(|_| linmux_core::Error::invalid("result", "index overflows int64_t"))?) };]);
    };
    // the result, through a pointer written on success only
    (@m {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*] @ret f64) => {
        munch!(@done {$lay $res $val $eng} $name $docs [$($l)*] [$($par)* $res: *mut f64,] [$($pre)* if $res.is_null() { return Err(crate::boundary::Failure::Null("result")); }] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)* ", double *result",] [$($fin)* // SAFETY: non-NULL (checked), valid by the caller's contract.
 unsafe { $res.write($val) };]);
    };
    // done: with or without a layout parameter
    (@done {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*]) => {
        munch!(@emit false {$lay $res $val $eng} $name $docs [] [$($par)*] [$($pre)*] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)*] [$($fin)*]);
    };
    (@done {$lay:ident $res:ident $val:ident $eng:ident} $name:ident $docs:tt [$($l:tt)+] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($decl:tt)*] [$($fin:tt)*]) => {
        munch!(@emit true {$lay $res $val $eng} $name $docs [$lay: i32,] [$($par)*] [$($pre)*] [$($post)*] [$($call)*] [$($out)*] [$($in)*] [$($decl)*] [$($fin)*]);
    };
    (@emit $has_layout:literal $ctx:tt $name:ident [$($doc:literal),*] $l:tt $par:tt $pre:tt $post:tt $call:tt $out:tt $in:tt [$($decl:tt)*] $fin:tt) => {
        paste::paste! {
            #[cfg_attr(not(test), allow(dead_code, reason = "read by the header generator"))]
            pub(crate) const [<DECL_ $name:upper>]: OpDecl = OpDecl {
                name: stringify!($name),
                docs: &[$($doc),*],
                layout: $has_layout,
                params: concat!($($decl)* ""),
            };
        }
        emit_fn!(s f32, f32, linmux_core::c32; $ctx $name $l $par $pre $post $call $out $in $fin);
        emit_fn!(d f64, f64, linmux_core::c64; $ctx $name $l $par $pre $post $call $out $in $fin);
        emit_fn!(c linmux_core::c32, f32, linmux_core::c32; $ctx $name $l $par $pre $post $call $out $in $fin);
        emit_fn!(z linmux_core::c64, f64, linmux_core::c64; $ctx $name $l $par $pre $post $call $out $in $fin);
    };
}

/// One `linmux_<p><op>` export, in a module where `T`, `R` and `Cx` are the
/// scalar, its real type and its complex type.
macro_rules! emit_fn {
    ($p:ident $t:ty, $r:ty, $c:ty; {$lay:ident $res:ident $val:ident $eng:ident} $name:ident [$($l:tt)*] [$($par:tt)*] [$($pre:tt)*] [$($post:tt)*] [$($call:tt)*] [$($out:tt)*] [$($in:tt)*] [$($fin:tt)*]) => {
        paste::paste! {
            #[allow(non_snake_case, reason = "one module per generated export")]
            mod [<$name _ $p>] {
                #[allow(unused_imports, reason = "not every operation uses every type")]
                use super::*;
                #[allow(dead_code, reason = "not every operation uses every type")]
                type T = $t;
                #[allow(dead_code, reason = "not every operation uses every type")]
                type R = $r;
                #[allow(dead_code, reason = "not every operation uses every type")]
                type Cx = $c;

                #[doc = concat!("`linmux_", stringify!($p), stringify!($name), "`: see `include/linmux.h`.")]
                ///
                /// # Safety
                /// Every pointer is NULL or valid for the extent its dimensions
                /// describe; `engine` is NULL or live.
                #[unsafe(no_mangle)]
                #[allow(clippy::too_many_arguments, clippy::let_unit_value, clippy::ignored_unit_patterns, reason = "BLAS signatures; unit results")]
                pub unsafe extern "C" fn [<linmux_ $p $name>]($eng: *const crate::api::LinmuxEngine, $($l)* $($par)*) -> i32 {
                    crate::boundary::run(|| {
                        $($pre)*
                        crate::views::no_overlap(stringify!($name), &[$($out)*], &[$($in)*])?;
                        $($post)*
                        // SAFETY: NULL or live, by the caller's contract.
                        let engine_ref = unsafe { crate::api::engine_of($eng) }?;
                        let (ops, rec) = engine_ref.dispatch::<T>();
                        let $val = linmux_core::checked::$name(ops, rec, $($call)*)?;
                        $($fin)*
                        Ok(())
                    })
                }
            }
        }
    };
}

/// The table's callback: every entry through `munch!`, and [`OPS`].
macro_rules! table_exports {
    ($( $(#[doc = $doc:literal])* $family:ident $name:ident($c:literal, $r:literal)($($args:tt)*) -> $ret:tt $(:: $retreal:ident)?; )*) => {
        $( munch!(@m {layout result value engine} $name [$($doc),*] [] [] [] [] [] [] [] [] [] $($args)*, @ret $ret $(:: $retreal)?); )*
        paste::paste! {
            /// Every table operation's declaration, in table order.
            #[cfg_attr(not(test), allow(dead_code, reason = "read by the header generator"))]
            pub(crate) const OPS: &[OpDecl] = &[$([<DECL_ $name:upper>],)*];
        }
    };
}

linmux_core::for_each_operation!(table_exports);
