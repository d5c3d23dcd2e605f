//! `dot`, `dotc`, `nrm2`, `asum`, `iamax`, `axpy`, `scal`, `copy`, `swap`.

use super::*;

pub(super) fn run<S: Subject + ?Sized>(s: &S) -> Check {
    prop(
        (st::dim(), vec_layout(), vec_layout(), any::<u8>(), seed()),
        |(n, lx, ly, pick, seed)| {
            each_type!(case(s, n, (lx, ly), pick, seed));
            Ok(())
        },
    )?;
    if data::poison().is_some() {
        // The non-finite pass: the properties only.
        return Ok(());
    }
    if large_and_hard() {
        let (lx, ly) = (VecLayout { inc: 2, rev: true }, VecLayout::UNIT);
        each_type!(case(s, LONG, (lx, ly), 2, 11));
    }
    each_type!(near_the_limits(s));
    each_type!(edges(s));
    Ok(())
}

fn case<S: Subject + ?Sized, T: Scalar>(
    s: &S,
    n: usize,
    layouts: (VecLayout, VecLayout),
    pick: u8,
    seed: u64,
) -> Check {
    scaled_case::<S, T>(s, n, layouts, pick, seed, (0, 0))
}

/// Every operation with `x` near the overflow threshold and `y` near the
/// underflow threshold, then the other way round: `nrm2` and `asum` of
/// either must neither overflow nor underflow (their squares do), `dot`'s
/// products are of order 1, `axpy` and `scal` stay in the normal range.
fn near_the_limits<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let (big, small) = if tol::eps::<T>() > 1e-10 {
        (128 - 12, -126 + 60)
    } else {
        (1024 - 12, -1022 + 60)
    };
    let l = (VecLayout { inc: 2, rev: false }, VecLayout::UNIT);
    scaled_case::<S, T>(s, 100, l, 2, 12, (big, small))?;
    scaled_case::<S, T>(s, 100, l, 3, 13, (small, big))
}

fn scaled_case<S: Subject + ?Sized, T: Scalar>(
    s: &S,
    n: usize,
    (lx, ly): (VecLayout, VecLayout),
    pick: u8,
    seed: u64,
    (ex, ey): (i32, i32),
) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let scaled = |rng: &mut Rng, e: i32, l| {
        let f = T::from_real(real::<T>(2f64.powi(e)));
        let v: Vec<T> = data::random_vec::<T>(rng, n)
            .into_iter()
            .map(|z| z * f)
            .collect();
        Vector::new(&v, l)
    };
    let x = scaled(&mut rng, ex, lx);
    let y0 = scaled(&mut rng, ey, ly);
    let alpha = coef::<T>(&mut rng, pick);
    let scale_note = if (ex, ey) == (0, 0) {
        String::new()
    } else {
        format!(" (x × 2^{ex}, y × 2^{ey})")
    };
    let c = format!("n={n} x {lx} y {ly} α={alpha:?}{scale_note}");
    let (xv, yv) = (x.view(), y0.view());
    cx.call(Routine::Dot, n > 0, &c, |o| {
        reference::dot(xv, yv).check_scalar(o.dot(xv, yv).map_err(op_err)?)
    })?;
    // On real types dotc is dot, and served as dot.
    let dotc = if T::IS_COMPLEX {
        Routine::Dotc
    } else {
        Routine::Dot
    };
    cx.call(dotc, n > 0, &c, |o| {
        reference::dotc(xv, yv).check_scalar(o.dotc(xv, yv).map_err(op_err)?)
    })?;
    cx.call(Routine::Nrm2, n > 0, &c, |o| {
        reference::nrm2(xv).check_scalar(o.nrm2(xv).map_err(op_err)?)
    })?;
    cx.call(Routine::Asum, n > 0, &c, |o| {
        reference::asum(xv).check_scalar(o.asum(xv).map_err(op_err)?)
    })?;
    cx.call(Routine::Iamax, n > 0, &c, |o| {
        let got = o.iamax(xv);
        if n == 0 {
            return ensure(matches!(got, Err(Error::InvalidArgument { .. })), || {
                format!("iamax of an empty vector gave {got:?}")
            });
        }
        let i = got.map_err(op_err)?;
        // With a NaN or ∞ input the index is only promised to be valid:
        // reference BLAS never picks a NaN after the first element, vendors'
        // kernels may (docs/contract.md).
        if data::poison().is_some() {
            return ensure(i < n, || format!("iamax chose {i} of {n} elements"));
        }
        // A near-tie may round either way in T: the chosen element must be a maximum.
        let best = xv.at(reference::iamax(xv)).abs1();
        let slack = T::eps() * best * real::<T>(4.0);
        ensure(i < n && xv.at(i).abs1() >= best - slack, || {
            format!("iamax chose {i} of {:?}", x.to_vec())
        })
    })?;
    let mut y = y0.clone();
    cx.call(Routine::Axpy, n > 0 && alpha != T::zero(), &c, |o| {
        o.axpy(alpha, xv, y.view_mut()).map_err(op_err)?;
        reference::axpy(alpha, xv, yv).check_vec(y.view())?;
        y.check_padding()
    })?;
    let mut y = y0.clone();
    cx.call(Routine::Scal, n > 0, &c, |o| {
        o.scal(alpha, y.view_mut()).map_err(op_err)?;
        // α = 0 on a NaN or ∞: reference BLAS computes 0·x (NaN), OpenBLAS
        // writes 0 (docs/contract.md, "NaN and infinity"): either is accepted.
        if data::poison().is_some() && alpha == T::zero() {
            let ok = y.to_vec().iter().zip(yv.to_vec()).all(|(&got, was)| {
                got == T::zero() || (got.to_c64().is_nan() && !was.to_c64().is_finite())
            });
            return ensure(ok, || format!("scal by 0 gave {:?}", y.to_vec()));
        }
        reference::scal(alpha, yv).check_vec(y.view())?;
        y.check_padding()
    })?;
    let mut y = Vector::<T>::dirty(n, ly);
    cx.call(Routine::Copy, n > 0, &c, |o| {
        o.copy(xv, y.view_mut()).map_err(op_err)?;
        let same = y
            .to_vec()
            .iter()
            .zip(xv.to_vec())
            .all(|(&a, b)| same_bits(a, b));
        ensure(same, || String::from("copy: y differs from x"))?;
        y.check_padding()
    })?;
    let (mut a, mut b) = (x.clone(), y0.clone());
    cx.call(Routine::Swap, n > 0, &c, |o| {
        o.swap(a.view_mut(), b.view_mut()).map_err(op_err)?;
        let same = |p: Vec<T>, q: Vec<T>| p.iter().zip(&q).all(|(&u, &v)| same_bits(u, v));
        ensure(
            same(a.to_vec(), y0.to_vec()) && same(b.to_vec(), x.to_vec()),
            || String::from("swap: the vectors were not exchanged"),
        )?;
        a.check_padding()?;
        b.check_padding()
    })
}

/// `iamax` takes the first of equal maxima by `|re| + |im|`; `nrm2` neither
/// overflows nor underflows.
fn edges<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let cx = Cx::<S, T>::new(s);
    let c = |re: f64, im: f64| T::from_c64(c64::new(re, im));
    let mut cases = vec![vec![c(1.0, 0.0), c(-3.0, 0.0), c(2.0, 0.0), c(3.0, 0.0)]];
    if T::IS_COMPLEX {
        cases.push(vec![c(2.0, 0.0), c(1.5, 1.5), c(0.0, 2.9)]);
    }
    for v in cases {
        let x = Vector::new(&v, VecLayout::UNIT);
        cx.call(Routine::Iamax, true, &format!("ties in {v:?}"), |o| {
            let i = o.iamax(x.view()).map_err(op_err)?;
            ensure(i == 1, || {
                format!("iamax chose {i}, not the first maximum 1")
            })
        })?;
    }
    let (max, min) = match T::KIND {
        ScalarKind::F32 | ScalarKind::C32 => (f64::from(f32::MAX), f64::from(f32::MIN_POSITIVE)),
        _ => (f64::MAX, f64::MIN_POSITIVE),
    };
    for scale in [max / 4.0, min * 4.0] {
        let x = Vector::new(&[c(scale, 0.0); 2], VecLayout { inc: 3, rev: false });
        cx.call(Routine::Nrm2, true, &format!("[{scale:e}; 2]"), |o| {
            let got = o.nrm2(x.view()).map_err(op_err)?.to_f64();
            let want = scale * 2f64.sqrt();
            let rel = ((got - want) / want).abs();
            ensure(got.is_finite() && rel <= 8.0 * tol::eps::<T>(), || {
                format!("nrm2 scaling: {got:e} vs {want:e}")
            })
        })?;
    }
    Ok(())
}
