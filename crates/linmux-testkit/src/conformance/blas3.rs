//! `gemm`; `symm`, `hemm`, `syrk`, `herk`, `syr2k`, `her2k`; `trmm`, `trsm`.

use super::*;

fn conj_note(conj: bool) -> &'static str {
    if conj { " (conjugated view)" } else { "" }
}

// ---- gemm ----------------------------------------------------------------------

type GemmParams = (
    (usize, usize, usize, Layout, Layout, Layout),
    (Trans, Trans),
    (u8, u8),
    (bool, bool),
    u64,
);

pub(super) fn run_gemm<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        st::gemm_dims(),
        st::trans_pair(),
        any::<(u8, u8)>(),
        any::<(bool, bool)>(),
        seed(),
    );
    prop(strategy, |p: GemmParams| {
        each_type!(gemm(s, p));
        Ok(())
    })?;
    if data::poison().is_some() || !large_and_hard() {
        // The non-finite pass, or large cases run elsewhere: the properties only.
        return Ok(());
    }
    // m = k = 300 past every vendor's blocking; n kept small, so that the
    // compensated reference stays cheap on every backend and type.
    let dims = (
        HUGE,
        48,
        HUGE,
        Layout::ColMajor,
        Layout::RowMajor,
        Layout::Padded { extra: 1 },
    );
    each_type!(gemm(
        s,
        (
            dims,
            (Trans::No, Trans::ConjTrans),
            (2, 3),
            (false, false),
            31
        )
    ));
    each_type!(gemm_exact(s, 33));
    Ok(())
}

/// The order of the exact `gemm` case: past every vendor's blocking and
/// threading thresholds.
const EXACT: usize = 400;

/// `C ← A·Bᴴ − C` at `n = 400` on small integers (entries in `−2..=2`, real
/// and imaginary parts): every product and partial sum is an integer below
/// 2²⁴, exact in every type and summation order, so the result must equal
/// the exact one bit for bit (the contract's exact cases). A backend off by
/// a single ulp anywhere fails here, where the error bound of the random
/// cases (`∝ k·ε·|A|·|B|`) would let a 10³-ulp error through.
fn gemm_exact<S: Subject + ?Sized, T: Scalar>(s: &S, seed: u64) -> Check {
    let n = EXACT;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let mut small = || {
        let re = rng.below(5) as f64 - 2.0;
        let im = if T::IS_COMPLEX {
            rng.below(5) as f64 - 2.0
        } else {
            0.0
        };
        T::from_c64(c64::new(re, im))
    };
    let a = Mat::<T>::from_fn(n, n, |_, _| small());
    let b = Mat::<T>::from_fn(n, n, |_, _| small());
    let c0 = Mat::<T>::from_fn(n, n, |_, _| small());
    let wide = |m: &Mat<T>| Mat::<c64>::from_fn(n, n, |i, j| m[(i, j)].to_c64());
    let exact = exact_a_bh_minus_c(&wide(&a), &wide(&b), &wide(&c0));
    let want = Mat::<T>::from_fn(n, n, |i, j| T::from_c64(exact[(i, j)]));
    let (la, lb, lc) = (
        Layout::RowMajor,
        Layout::ColMajor,
        Layout::Padded { extra: 3 },
    );
    let a_op = Operand::new(&a, la, false);
    let b_op = Operand::new(&b, lb, false);
    let mut c = output(&c0, lc, false);
    let case = format!(
        "exact integers: ta=No tb=ConjTrans m={n} n={n} k={n} A {la} B {lb} C {lc} α=1 β=−1"
    );
    cx.call(Routine::Gemm, true, &case, |o| {
        o.gemm(
            Trans::No,
            Trans::ConjTrans,
            T::one(),
            a_op.view(),
            b_op.view(),
            -T::one(),
            c.as_mut(),
        )
        .map_err(op_err)?;
        tol::check_mat_close(
            "gemm (exact)",
            c.as_ref(),
            want.as_ref(),
            &tol::Bound::Uniform(0.0),
        )?;
        c.check_padding()
    })
}

/// `A·Bᴴ − C`, exactly for integer entries (every partial sum an integer
/// below 2⁵³). Not generic, so it is compiled with the testkit's
/// optimization: instantiated in an unoptimized test crate, the n³ loop
/// dominated the `gemm` family's time.
fn exact_a_bh_minus_c(a: &Mat<c64>, b: &Mat<c64>, c: &Mat<c64>) -> Mat<c64> {
    let n = a.nrows();
    Mat::from_fn(n, n, |i, j| {
        let mut acc = c64::new(0.0, 0.0);
        for l in 0..n {
            acc += a[(i, l)] * b[(j, l)].conj();
        }
        acc - c[(i, j)]
    })
}

fn gemm<S: Subject + ?Sized, T: Scalar>(s: &S, p: GemmParams) -> Check {
    let ((m, n, k, la, lb, lc), (ta, tb), picks, conj, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    let (ar, ac) = ta.apply_shape(m, k);
    let (br, bc) = tb.apply_shape(k, n);
    // α = 0: A and B must not be read, so they hold NaN.
    let mut input = |r, c| {
        if alpha == T::zero() {
            Mat::from_fn(r, c, |_, _| data::nan::<T>())
        } else {
            data::random_mat::<T>(&mut rng, r, c)
        }
    };
    let a = Operand::new(&input(ar, ac), la, conj.0);
    let b = Operand::new(&input(br, bc), lb, conj.1);
    let c0 = output(
        &data::random_mat::<T>(&mut rng, m, n),
        lc,
        beta == T::zero(),
    );
    let mut c = c0.clone();
    let case = format!(
        "ta={ta:?} tb={tb:?} m={m} n={n} k={k} A {la}{} B {lb}{} C {lc} α={alpha:?} β={beta:?}",
        conj_note(conj.0),
        conj_note(conj.1)
    );
    let reaches = m > 0 && n > 0 && k > 0 && alpha != T::zero();
    cx.call(Routine::Gemm, reaches, &case, |o| {
        o.gemm(ta, tb, alpha, a.view(), b.view(), beta, c.as_mut())
            .map_err(op_err)?;
        reference::gemm(ta, tb, alpha, a.view(), b.view(), beta, c0.as_ref())
            .check_mat(c.as_ref())?;
        c.check_padding()
    })
}

// ---- symmetric and Hermitian ---------------------------------------------------

type SymParams = (
    (usize, usize, Layout, Layout, Layout),
    (Side, Uplo, Trans),
    (u8, u8),
    u64,
);

pub(super) fn run_symmetric<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        (
            st::dim(),
            st::dim(),
            st::layout(),
            st::layout(),
            st::layout(),
        ),
        (st::side(), st::uplo(), st::trans()),
        any::<(u8, u8)>(),
        seed(),
    );
    prop(strategy, |p: SymParams| {
        each_type!(symmetric(s, p));
        Ok(())
    })?;
    if data::poison().is_some() || !large_and_hard() {
        // The non-finite pass, or large cases run elsewhere: the properties only.
        return Ok(());
    }
    // Side::Right: A, and syrk's C, of order n = 300; m (syrk's k) small.
    let dims = (
        16,
        HUGE,
        Layout::RowMajor,
        Layout::ColMajor,
        Layout::Transposed,
    );
    each_type!(symmetric(
        s,
        (dims, (Side::Right, Uplo::Lower, Trans::Trans), (2, 3), 32)
    ));
    Ok(())
}

fn symmetric<S: Subject + ?Sized, T: Scalar>(s: &S, p: SymParams) -> Check {
    let ((m, n, la, lb, lc), (side, uplo, t), picks, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    let ka = if side == Side::Left { m } else { n };
    let b = TestMat::from_mat(&data::random_mat::<T>(&mut rng, m, n), lb);
    for (routine, herm) in [(Routine::Symm, false), (Routine::Hemm, true)] {
        let a = TestMat::from_mat(
            &triangle::<T>(&mut rng, ka, (uplo, Diag::NonUnit), herm, false),
            la,
        );
        let c0 = output(
            &data::random_mat::<T>(&mut rng, m, n),
            lc,
            beta == T::zero(),
        );
        let mut c = c0.clone();
        let case =
            format!("{side:?} {uplo:?} m={m} n={n} A {la} B {lb} C {lc} α={alpha:?} β={beta:?}");
        cx.call(routine, m > 0 && n > 0 && alpha != T::zero(), &case, |o| {
            let (av, bv) = (a.as_ref(), b.as_ref());
            let expected = if herm {
                o.hemm(side, uplo, alpha, av, bv, beta, c.as_mut())
                    .map_err(op_err)?;
                reference::hemm(side, uplo, alpha, av, bv, beta, c0.as_ref())
            } else {
                o.symm(side, uplo, alpha, av, bv, beta, c.as_mut())
                    .map_err(op_err)?;
                reference::symm(side, uplo, alpha, av, bv, beta, c0.as_ref())
            };
            expected.check_mat(c.as_ref())?;
            c.check_padding()
        })?;
    }
    // Rank-k updates: C is n × n, op(A) is n × m (m plays k).
    let sy_t = if T::IS_COMPLEX && t == Trans::ConjTrans {
        Trans::Trans
    } else {
        t
    };
    let he_t = if T::IS_COMPLEX && t == Trans::Trans {
        Trans::ConjTrans
    } else {
        t
    };
    let (ra, rb) = (alpha.re(), beta.re());
    for (routine, herm, two) in [
        (Routine::Syrk, false, false),
        (Routine::Herk, true, false),
        (Routine::Syr2k, false, true),
        (Routine::Her2k, true, true),
    ] {
        let tt = if herm { he_t } else { sy_t };
        let (ar, ac) = tt.apply_shape(n, m);
        let a = TestMat::from_mat(&data::random_mat::<T>(&mut rng, ar, ac), la);
        let b2 = TestMat::from_mat(&data::random_mat::<T>(&mut rng, ar, ac), lb);
        let mut c0m = data::random_mat::<T>(&mut rng, n, n);
        // The triangle the update must not touch is poisoned; β = 0 makes the other dirty.
        data::poison_unreferenced(&mut c0m, uplo, Diag::NonUnit, data::nan::<T>());
        let c0 = output(&c0m, lc, beta == T::zero());
        let mut c = c0.clone();
        let reaches = n > 0
            && m > 0
            && if herm && !two {
                ra != T::zero().re()
            } else {
                alpha != T::zero()
            };
        let case =
            format!("{uplo:?} {tt:?} n={n} k={m} A {la} B {lb} C {lc} α={alpha:?} β={beta:?}");
        cx.call(routine, reaches, &case, |o| {
            let (av, bv, cv) = (a.as_ref(), b2.as_ref(), c0.as_ref());
            let expected = match (herm, two) {
                (false, false) => {
                    o.syrk(uplo, tt, alpha, av, beta, c.as_mut())
                        .map_err(op_err)?;
                    reference::syrk(uplo, tt, alpha, av, beta, cv)
                }
                (true, false) => {
                    o.herk(uplo, tt, ra, av, rb, c.as_mut()).map_err(op_err)?;
                    reference::herk(uplo, tt, ra, av, rb, cv)
                }
                (false, true) => {
                    o.syr2k(uplo, tt, alpha, av, bv, beta, c.as_mut())
                        .map_err(op_err)?;
                    reference::syr2k(uplo, tt, alpha, av, bv, beta, cv)
                }
                (true, true) => {
                    o.her2k(uplo, tt, alpha, av, bv, rb, c.as_mut())
                        .map_err(op_err)?;
                    reference::her2k(uplo, tt, alpha, av, bv, rb, cv)
                }
            };
            expected.check_mat(c.as_ref())?;
            c.check_padding()
        })?;
    }
    Ok(())
}

// ---- triangular ------------------------------------------------------------------

type TriParams = (
    (usize, usize, Layout, Layout),
    (Side, Uplo, Trans, Diag),
    u8,
    bool,
    u64,
);

pub(super) fn run_triangular<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        (st::dim(), st::dim(), st::layout(), st::layout()),
        st::tri_flags(),
        any::<u8>(),
        any::<bool>(),
        seed(),
    );
    prop(strategy, |p: TriParams| {
        each_type!(triangular(s, p));
        Ok(())
    })?;
    if data::poison().is_some() || !large_and_hard() {
        // The non-finite pass, or large cases run elsewhere: the properties only.
        return Ok(());
    }
    let dims = (HUGE, 16, Layout::Padded { extra: 2 }, Layout::RowMajor);
    let flags = (Side::Left, Uplo::Upper, Trans::ConjTrans, Diag::NonUnit);
    each_type!(triangular(s, (dims, flags, 2, false, 33)));
    Ok(())
}

fn triangular<S: Subject + ?Sized, T: Scalar>(s: &S, p: TriParams) -> Check {
    let ((m, n, la, lb), (side, uplo, t, diag), pick, conj, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let alpha = coef::<T>(&mut rng, pick);
    let k = if side == Side::Left { m } else { n };
    let a = Operand::new(
        &triangle::<T>(&mut rng, k, (uplo, diag), false, true),
        la,
        conj,
    );
    let b0 = TestMat::from_mat(&data::random_mat::<T>(&mut rng, m, n), lb);
    let case = format!(
        "{side:?} {uplo:?} {t:?} {diag:?} m={m} n={n} A {la}{} B {lb} α={alpha:?}",
        conj_note(conj)
    );
    for routine in [Routine::Trmm, Routine::Trsm] {
        let mut b = b0.clone();
        cx.call(routine, m > 0 && n > 0 && alpha != T::zero(), &case, |o| {
            let expected = if routine == Routine::Trsm {
                o.trsm(side, uplo, t, diag, alpha, a.view(), b.as_mut())
                    .map_err(op_err)?;
                reference::trsm(side, uplo, t, diag, alpha, a.view(), b0.as_ref())
            } else {
                o.trmm(side, uplo, t, diag, alpha, a.view(), b.as_mut())
                    .map_err(op_err)?;
                reference::trmm(side, uplo, t, diag, alpha, a.view(), b0.as_ref())
            };
            expected.check_mat(b.as_ref())?;
            b.check_padding()
        })?;
    }
    Ok(())
}
