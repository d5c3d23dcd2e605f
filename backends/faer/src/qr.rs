//! Householder QR in LAPACK's representation (`geqrf`, `ungqr`) and least
//! squares (`gels`).
//!
//! faer's QR is rank-revealing: on a (numerically) dependent column it skips
//! the row, which moves the Householder vectors and makes `R` a staircase. And
//! its reflectors are `I − v·vᴴ/τ` with a complex `β`. LAPACK's contract is the
//! plain factorization with `H = I − τ·v·vᴴ` and a real `β`, so the algorithm is
//! LAPACK's (`larfg`, `geqr2`, `larft`, `larfb`, blocked `geqrf`/`orgqr`),
//! with all the level-3 work done by faer's (triangular) matmul.

use faer::linalg::matmul::triangular::{self, BlockStructure};
use faer::linalg::matmul::{matmul, matmul_with_conj};
use faer::reborrow::{Reborrow, ReborrowMut};
use faer::{Accum, Conj, Par};
use linmux_core::{Error, Result, Trans};
use num_traits::Float;

use crate::elem::{Ctx, Elem, Real, Scratch, conj_in_place, one, try_vec, zero};

/// Block size of the blocked algorithms.
const NB: usize = 32;

/// Generates an elementary reflector (LAPACK `larfg`): given `α` and `x`,
/// finds `τ`, `v = [1; v₁]` and a real `β` with `Hᴴ·[α; x] = [β; 0]`,
/// `H = I − τ·v·vᴴ`. `α ← β`, `x ← v₁`; returns `τ` (0 when `H = I`).
pub(crate) fn larfg<T: Elem>(alpha: &mut T, mut x: faer::ColMut<'_, T>) -> T {
    let mut xnorm = crate::blas1::nrm2_col(x.rb());
    let (mut alphr, mut alphi) = (alpha.re(), alpha.im());
    let rzero = Real::<T>::default();
    if xnorm == rzero && alphi == rzero {
        return zero();
    }
    let lapy3 = |a: Real<T>, b: Real<T>, c: Real<T>| a.hypot(b).hypot(c);
    let signed = |r: Real<T>, a: Real<T>| if a >= rzero { -r } else { r };
    let mut beta = signed(lapy3(alphr, alphi, xnorm), alphr);
    let safmin = <Real<T> as Float>::min_positive_value() / <Real<T> as Float>::epsilon();
    let rsafmn = Float::recip(safmin);
    let mut knt = 0;
    if beta.abs() < safmin {
        // xnorm and beta may be inaccurate: scale x and recompute them.
        while beta.abs() < safmin && knt < 20 {
            knt += 1;
            let s = T::from_real(rsafmn);
            faer::zip!(x.rb_mut()).for_each(|faer::unzip!(v)| *v = s * *v);
            beta *= rsafmn;
            alphi *= rsafmn;
            alphr *= rsafmn;
        }
        xnorm = crate::blas1::nrm2_col(x.rb());
        beta = signed(lapy3(alphr, alphi, xnorm), alphr);
    }
    let tau = T::from_parts((beta - alphr) / beta, -alphi / beta);
    // |α − β| ≥ |β| ≥ safmin ≈ 1e-31 for c32: the reciprocal is representable
    // but |α − β|² may underflow (LAPACK's zlarfg uses zladiv here).
    let scale = crate::lu::recip(T::from_parts(alphr, alphi) - T::from_real(beta));
    faer::zip!(x.rb_mut()).for_each(|faer::unzip!(v)| *v = scale * *v);
    for _ in 0..knt {
        beta *= safmin;
    }
    *alpha = T::from_real(beta);
    tau
}

/// `C ← (I − τ·v·vᴴ)·C`, `v` a column (its first element already 1), `w` a
/// row buffer of at least `C.ncols()` elements.
fn apply_reflector<T: Elem>(v: faer::ColRef<'_, T>, tau: T, c: faer::MatMut<'_, T>, w: &mut [T]) {
    if tau == zero() || c.ncols() == 0 {
        return;
    }
    let nc = c.ncols();
    let mut w = faer::MatMut::from_row_major_slice_mut(&mut w[..nc], 1, nc);
    let vm = v.as_mat();
    // w = vᴴ·C
    matmul_with_conj(
        w.rb_mut(),
        Accum::Replace,
        vm.transpose(),
        Conj::Yes,
        c.rb(),
        Conj::No,
        one::<T>(),
        Par::Seq,
    );
    matmul(c, Accum::Add, vm, w.rb(), -tau, Par::Seq);
}

/// Unblocked QR of a panel (LAPACK `geqr2`).
fn geqr2<T: Elem>(mut p: faer::MatMut<'_, T>, tau: &mut [T], w: &mut [T]) {
    let (m, n) = (p.nrows(), p.ncols());
    for (i, tau_i) in tau.iter_mut().enumerate().take(m.min(n)) {
        let sub = p.rb_mut().get_mut(i.., i..);
        let (mut vcol, c) = sub.split_at_col_mut(1);
        let mut vcol = vcol.rb_mut().col_mut(0);
        let (head, tail) = vcol.rb_mut().split_at_row_mut(1);
        let mut head = head;
        let mut alpha = head[0];
        let t = larfg(&mut alpha, tail);
        *tau_i = t;
        head[0] = one();
        apply_reflector(vcol.rb(), t.conj(), c, w);
        vcol[0] = alpha;
    }
}

/// The triangular factor `T` of a block reflector (LAPACK `larft`, forward,
/// columnwise): `H₁⋯H_k = I − V·T·Vᴴ`. `V` (`mv × k`, `mv ≥ k`) is read
/// below its diagonal only.
fn larft<T: Elem>(v: faer::MatRef<'_, T>, tau: &[T], mut t: faer::MatMut<'_, T>, w: &mut [T]) {
    let k = tau.len();
    for i in 0..k {
        let (left, right) = t.rb_mut().split_at_col_mut(i);
        let mut tcol = right.col_mut(0);
        if tau[i] == zero() {
            tcol.fill(zero());
            continue;
        }
        tcol[i] = tau[i];
        if i == 0 {
            continue;
        }
        // w = V[i.., ..i]ᴴ · v_i  with v_i = [1; V[i+1.., i]]
        let mut wv = faer::ColMut::from_slice_mut(&mut w[..i]);
        for j in 0..i {
            wv[j] = v[(i, j)].conj();
        }
        matmul_with_conj(
            wv.rb_mut().as_mat_mut(),
            Accum::Add,
            v.get(i + 1.., ..i).transpose(),
            Conj::Yes,
            v.get(i + 1.., i..i + 1),
            Conj::No,
            one::<T>(),
            Par::Seq,
        );
        // T[..i, i] = −τ_i · T[..i, ..i] · w
        let t00 = left.rb().get(..i, ..i);
        triangular::matmul(
            tcol.rb_mut().get_mut(..i).as_mat_mut(),
            BlockStructure::Rectangular,
            Accum::Replace,
            t00,
            BlockStructure::TriangularUpper,
            wv.rb().as_mat(),
            BlockStructure::Rectangular,
            -tau[i],
            Par::Seq,
        );
        tcol.rb_mut().get_mut(i + 1..).fill(zero());
    }
}

/// Workspace of the blocked routines.
struct Work<T> {
    t: Scratch<T>,
    w1: Scratch<T>,
    w2: Scratch<T>,
    row: Vec<T>,
}

impl<T: Elem> Work<T> {
    fn new(nb: usize, ncols: usize, routine: &'static str) -> Result<Self> {
        Ok(Self {
            t: Scratch::zeros(nb, nb, routine)?,
            w1: Scratch::zeros(nb, ncols, routine)?,
            w2: Scratch::zeros(nb, ncols, routine)?,
            row: try_vec(ncols.max(nb), zero(), routine)?,
        })
    }
}

/// `C ← H·C` or `Hᴴ·C` (`conj_trans`) with `H = I − V·T·Vᴴ` (LAPACK `larfb`,
/// left, forward, columnwise). `V` is `mv × k` unit lower trapezoidal.
fn larfb<T: Elem>(
    v: faer::MatRef<'_, T>,
    t: faer::MatRef<'_, T>,
    conj_trans: bool,
    c: faer::MatMut<'_, T>,
    w1: &mut Scratch<T>,
    w2: &mut Scratch<T>,
    ctx: Ctx,
) {
    let (mv, k) = (v.nrows(), v.ncols());
    let nc = c.ncols();
    if nc == 0 || k == 0 {
        return;
    }
    let par = ctx.par(Ctx::mnk(mv, nc, k));
    let rect = BlockStructure::Rectangular;
    let (v1, v2) = v.split_at_row(k);
    let (mut c1, mut c2) = c.split_at_row_mut(k);
    let mut w1 = w1.as_mut().get_mut(..k, ..nc);
    let mut w2 = w2.as_mut().get_mut(..k, ..nc);
    // W1 = Vᴴ·C
    triangular::matmul_with_conj(
        w1.rb_mut(),
        rect,
        Accum::Replace,
        v1.transpose(),
        BlockStructure::UnitTriangularUpper,
        Conj::Yes,
        c1.rb(),
        rect,
        Conj::No,
        one::<T>(),
        par,
    );
    if mv > k {
        matmul_with_conj(
            w1.rb_mut(),
            Accum::Add,
            v2.transpose(),
            Conj::Yes,
            c2.rb(),
            Conj::No,
            one::<T>(),
            par,
        );
    }
    // W2 = op(T)·W1
    let (top, st, ct) = if conj_trans {
        (t.transpose(), BlockStructure::TriangularLower, Conj::Yes)
    } else {
        (t, BlockStructure::TriangularUpper, Conj::No)
    };
    triangular::matmul_with_conj(
        w2.rb_mut(),
        rect,
        Accum::Replace,
        top,
        st,
        ct,
        w1.rb(),
        rect,
        Conj::No,
        one::<T>(),
        par,
    );
    // C ← C − V·W2
    triangular::matmul_with_conj(
        c1.rb_mut(),
        rect,
        Accum::Add,
        v1,
        BlockStructure::UnitTriangularLower,
        Conj::No,
        w2.rb(),
        rect,
        Conj::No,
        -one::<T>(),
        par,
    );
    if mv > k {
        matmul(c2.rb_mut(), Accum::Add, v2, w2.rb(), -one::<T>(), par);
    }
}

/// `A = Q·R` in LAPACK's representation; `tau.len() == min(m, n)`.
pub(crate) fn geqrf<T: Elem>(mut a: faer::MatMut<'_, T>, tau: &mut [T], ctx: Ctx) -> Result<()> {
    let (m, n) = (a.nrows(), a.ncols());
    let k = m.min(n);
    let nb = NB.min(k.max(1));
    let mut work = Work::new(nb, n, "geqrf")?;
    let mut j = 0;
    while j < k {
        let jb = nb.min(k - j);
        let sub = a.rb_mut().get_mut(j.., j..);
        let (mut panel, rest) = sub.split_at_col_mut(jb);
        geqr2(panel.rb_mut(), &mut tau[j..j + jb], &mut work.row);
        if rest.ncols() > 0 {
            let mut t = work.t.as_mut().get_mut(..jb, ..jb);
            larft(panel.rb(), &tau[j..j + jb], t.rb_mut(), &mut work.row);
            let (w1, w2) = (&mut work.w1, &mut work.w2);
            larfb(panel.rb(), t.rb(), true, rest, w1, w2, ctx);
        }
        j += jb;
    }
    Ok(())
}

/// Unblocked generation of `Q`'s columns from a panel's reflectors (LAPACK
/// `org2r`), `p.ncols() == tau.len()`.
fn org2r<T: Elem>(mut p: faer::MatMut<'_, T>, tau: &[T], w: &mut [T]) {
    let (m, n) = (p.nrows(), p.ncols());
    for i in (0..tau.len()).rev() {
        let t = tau[i];
        {
            let sub = p.rb_mut().get_mut(i.., i..);
            let (mut vcol, c) = sub.split_at_col_mut(1);
            let mut vcol = vcol.rb_mut().col_mut(0);
            if i + 1 < n {
                vcol[0] = one();
                apply_reflector(vcol.rb(), t, c, w);
            }
            if i + 1 < m {
                faer::zip!(vcol.rb_mut().get_mut(1..)).for_each(|faer::unzip!(x)| *x = -t * *x);
            }
            vcol[0] = one::<T>() - t;
        }
        p.rb_mut().get_mut(..i, i).fill(zero());
    }
}

/// Overwrites `A` (`m × n`, `m ≥ n ≥ k`) with the first `n` columns of
/// `Q = H₁⋯H_k` (LAPACK `orgqr`/`ungqr`).
pub(crate) fn ungqr<T: Elem>(mut a: faer::MatMut<'_, T>, tau: &[T], ctx: Ctx) -> Result<()> {
    let n = a.ncols();
    let k = tau.len();
    for j in k..n {
        let mut col = a.rb_mut().col_mut(j);
        col.fill(zero());
        col[j] = one();
    }
    if k == 0 {
        return Ok(());
    }
    let nb = NB.min(k);
    let mut work = Work::new(nb, n, "ungqr")?;
    let mut i = (k - 1) / nb * nb;
    loop {
        let ib = nb.min(k - i);
        let sub = a.rb_mut().get_mut(i.., i..);
        let (mut panel, rest) = sub.split_at_col_mut(ib);
        if rest.ncols() > 0 {
            let mut t = work.t.as_mut().get_mut(..ib, ..ib);
            larft(panel.rb(), &tau[i..i + ib], t.rb_mut(), &mut work.row);
            let (w1, w2) = (&mut work.w1, &mut work.w2);
            larfb(panel.rb(), t.rb(), false, rest, w1, w2, ctx);
        }
        org2r(panel.rb_mut(), &tau[i..i + ib], &mut work.row);
        a.rb_mut().get_mut(..i, i..i + ib).fill(zero());
        if i == 0 {
            break;
        }
        i -= nb;
    }
    Ok(())
}

/// `C ← Qᴴ·C` (`conj_trans`) or `Q·C` with `Q` from [`geqrf`]'s `V` (`p × k`).
fn apply_q<T: Elem>(
    v: faer::MatRef<'_, T>,
    tau: &[T],
    conj_trans: bool,
    mut c: faer::MatMut<'_, T>,
    ctx: Ctx,
) -> Result<()> {
    let k = tau.len();
    if k == 0 {
        return Ok(());
    }
    let nb = NB.min(k);
    let mut work = Work::new(nb, c.ncols(), "gels")?;
    let blocks = k.div_ceil(nb);
    for bi in 0..blocks {
        // Qᴴ = H_kᴴ⋯H₁ᴴ applies the first block first; Q the last first.
        let i = if conj_trans { bi } else { blocks - 1 - bi } * nb;
        let ib = nb.min(k - i);
        let panel = v.get(i.., i..i + ib);
        let mut t = work.t.as_mut().get_mut(..ib, ..ib);
        larft(panel, &tau[i..i + ib], t.rb_mut(), &mut work.row);
        let (w1, w2) = (&mut work.w1, &mut work.w2);
        larfb(
            panel,
            t.rb(),
            conj_trans,
            c.rb_mut().get_mut(i.., ..),
            w1,
            w2,
            ctx,
        );
    }
    Ok(())
}

/// Least squares / minimum norm solution of `op(A)·X = B` (LAPACK `gels`).
pub(crate) fn gels<T: Elem>(
    trans: Trans,
    mut a: faer::MatMut<'_, T>,
    mut b: faer::MatMut<'_, T>,
    ctx: Ctx,
) -> Result<()> {
    let (m, n) = (a.nrows(), a.ncols());
    let tr = trans.is_transposed();
    let cj = trans == Trans::ConjTrans && T::IS_COMPLEX;
    let (r, c) = if tr { (n, m) } else { (m, n) };
    let par = ctx.par(Ctx::mnk(r, c, c) / 2.0);
    if r >= c {
        // Overdetermined: op(A) = Q·R, X = R⁻¹·(Qᴴ·B)[..c].
        if cj {
            conj_in_place(a.rb_mut());
        }
        let mut q = if tr { a.transpose_mut() } else { a };
        let mut tau = try_vec(c, zero::<T>(), "gels")?;
        geqrf(q.rb_mut(), &mut tau, ctx)?;
        apply_q(q.rb(), &tau, true, b.rb_mut().get_mut(..r, ..), ctx)?;
        check_diagonal(q.rb(), c)?;
        faer::linalg::triangular_solve::solve_upper_triangular_in_place(
            q.rb().get(..c, ..c),
            b.get_mut(..c, ..),
            par,
        );
    } else {
        // Underdetermined: op(A)ᴴ = Q·R, so op(A) = Rᴴ·Qᴴ and the minimum norm
        // solution is X = Q·[R⁻ᴴ·B; 0].
        if !cj {
            conj_in_place(a.rb_mut());
        }
        let mut q = if tr { a } else { a.transpose_mut() };
        let mut tau = try_vec(r, zero::<T>(), "gels")?;
        geqrf(q.rb_mut(), &mut tau, ctx)?;
        check_diagonal(q.rb(), r)?;
        faer::linalg::triangular_solve::solve_lower_triangular_in_place_with_conj(
            q.rb().get(..r, ..r).transpose(),
            if T::IS_COMPLEX { Conj::Yes } else { Conj::No },
            b.rb_mut().get_mut(..r, ..),
            par,
        );
        b.rb_mut().get_mut(r..c, ..).fill(zero());
        apply_q(q.rb(), &tau, false, b.get_mut(..c, ..), ctx)?;
    }
    Ok(())
}

/// LAPACK `gels` reports a zero diagonal element of `R` (rank deficiency).
fn check_diagonal<T: Elem>(r: faer::MatRef<'_, T>, k: usize) -> Result<()> {
    match (0..k).find(|&i| r[(i, i)] == zero()) {
        Some(i) => Err(Error::Singular { pivot: i + 1 }),
        None => Ok(()),
    }
}
