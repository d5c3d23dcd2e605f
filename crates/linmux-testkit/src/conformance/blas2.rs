//! `gemv`, `geru`, `gerc`, `hemv`, `trmv`, `trsv`.

use super::*;

/// One case's parameters: shape and layout of `A`, `trans`, `(uplo, diag)`,
/// the vector layouts, the `(α, β)` picks, a conjugated view, the seed.
type Params = (
    (usize, usize, Layout),
    Trans,
    (Uplo, Diag),
    (VecLayout, VecLayout),
    (u8, u8),
    bool,
    u64,
);

pub(super) fn run<S: Subject + ?Sized>(s: &S) -> Check {
    let strategy = (
        (st::dim(), st::dim(), st::layout()),
        st::trans(),
        (st::uplo(), st::diag()),
        (vec_layout(), vec_layout()),
        any::<(u8, u8)>(),
        any::<bool>(),
        seed(),
    );
    prop(strategy, |p: Params| {
        each_type!(case(s, p));
        Ok(())
    })?;
    if data::poison().is_some() || !large_and_hard() {
        // The non-finite pass, or large cases run elsewhere: the properties only.
        return Ok(());
    }
    let vl = (VecLayout { inc: 2, rev: true }, VecLayout::UNIT);
    let large: Params = (
        (LARGE, LARGE - 3, Layout::Transposed),
        Trans::ConjTrans,
        (Uplo::Lower, Diag::NonUnit),
        vl,
        (2, 3),
        false,
        21,
    );
    each_type!(case(s, large));
    Ok(())
}

fn case<S: Subject + ?Sized, T: Scalar>(s: &S, p: Params) -> Check {
    let ((m, n, la), t, (uplo, diag), (lx, ly), picks, conj, seed) = p;
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let (alpha, beta) = (coef::<T>(&mut rng, picks.0), coef::<T>(&mut rng, picks.1));
    // α = 0: A and x must not be read, so A holds NaN.
    let a = if alpha == T::zero() {
        Mat::from_fn(m, n, |_, _| data::nan::<T>())
    } else {
        data::random_mat::<T>(&mut rng, m, n)
    };
    let a = Operand::new(&a, la, conj);
    let (rows, cols) = t.apply_shape(m, n);
    let x = Vector::<T>::random(&mut rng, cols, lx);
    let y0 = if beta == T::zero() {
        Vector::dirty(rows, ly)
    } else {
        Vector::random(&mut rng, rows, ly)
    };
    let c = format!(
        "{t:?} m={m} n={n} A {la}{} x {lx} y {ly} α={alpha:?} β={beta:?}",
        if conj { " (conjugated view)" } else { "" }
    );
    let mut y = y0.clone();
    let reaches = rows > 0 && cols > 0 && alpha != T::zero();
    cx.call(Routine::Gemv, reaches, &c, |o| {
        o.gemv(t, alpha, a.view(), x.view(), beta, y.view_mut())
            .map_err(op_err)?;
        reference::gemv(t, alpha, a.view(), x.view(), beta, y0.view()).check_vec(y.view())?;
        y.check_padding()
    })?;

    // geru / gerc: A (m × n) += α·x·yᵀ or α·x·yᴴ.
    let xm = Vector::<T>::random(&mut rng, m, lx);
    let yn = Vector::<T>::random(&mut rng, n, ly);
    let a0 = TestMat::from_mat(&data::random_mat::<T>(&mut rng, m, n), la);
    let c = format!("m={m} n={n} A {la} x {lx} y {ly} α={alpha:?}");
    for routine in [Routine::Geru, Routine::Gerc] {
        let mut am = a0.clone();
        cx.call(routine, m > 0 && n > 0 && alpha != T::zero(), &c, |o| {
            let (xv, yv) = (xm.view(), yn.view());
            let expected = if routine == Routine::Gerc {
                o.gerc(alpha, xv, yv, am.as_mut()).map_err(op_err)?;
                reference::gerc(alpha, xv, yv, a0.as_ref())
            } else {
                o.geru(alpha, xv, yv, am.as_mut()).map_err(op_err)?;
                reference::geru(alpha, xv, yv, a0.as_ref())
            };
            expected.check_mat(am.as_ref())?;
            am.check_padding()
        })?;
    }

    // hemv / trmv / trsv on the square n × n case.
    let h = TestMat::from_mat(
        &triangle::<T>(&mut rng, n, (uplo, Diag::NonUnit), true, false),
        la,
    );
    let xn = Vector::<T>::random(&mut rng, n, lx);
    let y0 = if beta == T::zero() {
        Vector::dirty(n, ly)
    } else {
        Vector::random(&mut rng, n, ly)
    };
    let mut y = y0.clone();
    let c = format!("{uplo:?} n={n} A {la} x {lx} y {ly} α={alpha:?} β={beta:?}");
    cx.call(Routine::Hemv, n > 0 && alpha != T::zero(), &c, |o| {
        o.hemv(uplo, alpha, h.as_ref(), xn.view(), beta, y.view_mut())
            .map_err(op_err)?;
        reference::hemv(uplo, alpha, h.as_ref(), xn.view(), beta, y0.view()).check_vec(y.view())?;
        y.check_padding()
    })?;
    let tri = Operand::new(
        &triangle::<T>(&mut rng, n, (uplo, diag), false, true),
        la,
        conj,
    );
    let c = format!(
        "{uplo:?} {t:?} {diag:?} n={n} A {la}{} x {lx}",
        if conj { " (conjugated view)" } else { "" }
    );
    for routine in [Routine::Trmv, Routine::Trsv] {
        let mut xv = xn.clone();
        cx.call(routine, n > 0, &c, |o| {
            let expected = if routine == Routine::Trsv {
                o.trsv(uplo, t, diag, tri.view(), xv.view_mut())
                    .map_err(op_err)?;
                reference::trsv(uplo, t, diag, tri.view(), xn.view())
            } else {
                o.trmv(uplo, t, diag, tri.view(), xv.view_mut())
                    .map_err(op_err)?;
                reference::trmv(uplo, t, diag, tri.view(), xn.view())
            };
            expected.check_vec(xv.view())?;
            xv.check_padding()
        })?;
    }
    Ok(())
}
