//! `rotg`, `rot`, `rscal` on every type; `rotm`, `rotmg`, `sdsdot`, `dsdot`
//! on real types, and their refusal on complex types.

use super::*;

type Params = (usize, (VecLayout, VecLayout), u8, u64);

pub(super) fn run<S: Subject + ?Sized>(s: &S) -> Check {
    // n reaches past 32, where OpenBLAS 0.3.21's dsdot kernel lost precision.
    let strategy = (
        0usize..40,
        (vec_layout(), vec_layout()),
        any::<u8>(),
        seed(),
    );
    prop(strategy, |p: Params| {
        each_type!(any_type(s, p));
        each_real!(real_only(s, p));
        dots_f32(s, p)?;
        dots_f64(s, p)
    })?;
    if large_and_hard() {
        let large = (
            LONG,
            (VecLayout { inc: 2, rev: true }, VecLayout::UNIT),
            1,
            41,
        );
        each_type!(any_type(s, large));
        each_real!(real_only(s, large));
        dots_f32(s, large)?;
    }
    each_type!(rotg_edges(s));
    each_real!(rotmg_edges(s));
    refused::<S, c32>(s)?;
    refused::<S, c64>(s)
}

fn any_type<S: Subject + ?Sized, T: Scalar>(s: &S, (n, (lx, ly), pick, seed): Params) -> Check {
    let cx = Cx::<S, T>::new(s).seeded(seed);
    let mut rng = Rng::new(seed);
    let (x0, y0) = (
        Vector::<T>::random(&mut rng, n, lx),
        Vector::<T>::random(&mut rng, n, ly),
    );
    let th = rng.uniform(-3.0, 3.0);
    let (c, sn) = (real::<T>(th.cos()), real::<T>(th.sin()));
    let case = format!("n={n} x {lx} y {ly} c={c:?} s={sn:?}");
    let (mut x, mut y) = (x0.clone(), y0.clone());
    cx.call(Routine::Rot, n > 0, &case, |o| {
        o.rot(x.view_mut(), y.view_mut(), c, sn).map_err(op_err)?;
        let (ex, ey) = rx::rot(x0.view(), y0.view(), c, sn);
        ex.check_vec(x.view())?;
        ey.check_vec(y.view())?;
        x.check_padding()?;
        y.check_padding()
    })?;

    let alpha = match pick % 4 {
        0 => real::<T>(0.0),
        1 => real::<T>(1.0),
        2 => real::<T>(-1.75),
        _ => real::<T>(rng.uniform(-2.0, 2.0)),
    };
    let mut x = x0.clone();
    cx.call(
        Routine::Rscal,
        n > 0,
        &format!("n={n} x {lx} α={alpha:?}"),
        |o| {
            o.rscal(alpha, x.view_mut()).map_err(op_err)?;
            rx::scal_real(alpha, x0.view()).check_vec(x.view())?;
            x.check_padding()
        },
    )?;

    // rotg on a pair drawn from the same data.
    if n > 0 {
        rotg_case(&cx, x0.to_vec()[0], y0.to_vec()[0])?;
    }
    Ok(())
}

fn rotg_case<S: Subject + ?Sized, T: Scalar>(cx: &Cx<'_, S, T>, a0: T, b0: T) -> Check {
    let (mut a, mut b, mut c, mut sn) = (a0, b0, real::<T>(7.0), T::from_real(real::<T>(7.0)));
    cx.call(Routine::Rotg, true, &format!("a={a0:?} b={b0:?}"), |o| {
        o.rotg(&mut a, &mut b, &mut c, &mut sn).map_err(op_err)?;
        let got = [a, b, T::from_real(c), sn];
        rx::rotg(a0, b0).check_vec(VecRef::from_slice(&got))
    })
}

/// 3-4-5 triangles in every sign, a zero `a` or `b`, equal magnitudes.
fn rotg_edges<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let cx = Cx::<S, T>::new(s);
    let f = |v: f64| T::from_real(real::<T>(v));
    for (a, b) in [
        (3.0, 4.0),
        (-3.0, 4.0),
        (4.0, -3.0),
        (0.0, 2.0),
        (2.0, 0.0),
        (1.0, 1.0),
    ] {
        rotg_case(&cx, f(a), f(b))?;
    }
    Ok(())
}

fn real_only<S: Subject + ?Sized, R: RealScalar>(
    s: &S,
    (n, (lx, ly), pick, seed): Params,
) -> Check {
    let cx = Cx::<S, R>::new(s).seeded(seed);
    let mut rng = Rng::new(seed ^ 0x5eed);
    let (x0, y0) = (
        Vector::<R>::random(&mut rng, n, lx),
        Vector::<R>::random(&mut rng, n, ly),
    );
    // Every flag of drotm: −2 (identity), −1 (full H), 0, 1; and NaN.
    let flag = [-2.0, -1.0, 0.0, 1.0, f64::NAN][usize::from(pick % 5)];
    let mut param = [R::from_f64(flag); 5];
    for p in &mut param[1..] {
        *p = R::from_f64(rng.uniform(-2.0, 2.0));
    }
    let (mut x, mut y) = (x0.clone(), y0.clone());
    let case = format!("n={n} x {lx} y {ly} param={param:?}");
    cx.call(Routine::Rotm, n > 0, &case, |o| {
        o.rotm(x.view_mut(), y.view_mut(), &param).map_err(op_err)?;
        let (ex, ey) = rx::rotm(x0.view(), y0.view(), param);
        ex.check_vec(x.view())?;
        ey.check_vec(y.view())?;
        x.check_padding()?;
        y.check_padding()
    })?;

    // rotmg on scalars drawn from the data (d1, d2 ≥ 0 for the usual path);
    // the H entries the flag leaves implicit are unspecified.
    let v: Vec<R> = data::random_vec(&mut rng, 4);
    let args = [
        v[0].to_f64().abs() + 0.5,
        v[1].to_f64().abs() + 0.25,
        v[2].to_f64(),
        v[3].to_f64(),
    ];
    rotmg_case(&cx, args, [R::zero(); 5], true)
}

/// One `rotmg` call; `only_used`: compare only the `H` entries the flag
/// uses (else the unused ones must be left as they were).
fn rotmg_case<S: Subject + ?Sized, R: RealScalar>(
    cx: &Cx<'_, S, R>,
    args: [f64; 4],
    p0: [R; 5],
    only_used: bool,
) -> Check {
    let [d1, d2, x1, y1] = args.map(R::from_f64);
    let mut want = rx::rotmg(d1, d2, x1, y1, p0);
    if args[0].max(args[1]) >= 1e9 || args[0].min(args[1]).abs() <= 1e-9 {
        // Cases that rescale by γ² = 2²⁴: MKL's drotmg rounds in another
        // order than drotmg.f (measured: 2× the reference's c·6·ε bound
        // on d1, a relative 1e-14).
        for v in want.bound.as_mut_slice() {
            *v *= 4.0;
        }
    }
    let (mut a, mut b, mut x, mut p) = (d1, d2, x1, p0);
    cx.call(
        Routine::Rotmg,
        true,
        &format!("rotmg{args:?} param₀={p0:?}"),
        |o| {
            o.rotmg(&mut a, &mut b, &mut x, y1, &mut p)
                .map_err(op_err)?;
            let mut got = [a, b, x, p[0], p[1], p[2], p[3], p[4]];
            if only_used {
                let flag = p[0].to_f64();
                for (k, used) in [
                    (4, flag == -1.0 || flag == 1.0),
                    (5, flag == -1.0 || flag == 0.0),
                    (6, flag == -1.0 || flag == 0.0),
                    (7, flag == -1.0 || flag == 1.0),
                ] {
                    if !used {
                        got[k] = R::zero();
                        want.value[(k, 0)] = R::zero();
                        want.bound[(k, 0)] = 0.0;
                    }
                }
            }
            want.check_vec(VecRef::from_slice(&got))
        },
    )
}

/// `rotmg`: generic, `d1 < 0`, `d2·y1 = 0`, both H forms, rescaling of `d1`
/// and `d2`; the unused `H` entries left as they were.
fn rotmg_edges<S: Subject + ?Sized, R: RealScalar>(s: &S) -> Check {
    let cx = Cx::<S, R>::new(s);
    let p0 = [7.0, 8.0, 9.0, 10.0, 11.0].map(R::from_f64);
    for args in [
        [1.0, 1.0, 3.0, 4.0],
        [2.0, 0.5, 4.0, 1.0],
        [0.5, 2.0, 1.0, 4.0],
        [-1.0, 1.0, 1.0, 1.0],
        [1.0, 0.0, 2.0, 3.0],
        [1.0, 2.0, 2.0, 0.0],
        [1e-9, 1.0, 1.0, 1.0],
        [1e9, 1.0, 1.0, 1e-3],
        [1.0, 1e9, 1e-3, 1.0],
        [1.0, -1.0, 1.0, 2.0],
    ] {
        rotmg_case(&cx, args, p0, false)?;
    }
    Ok(())
}

/// `sdsdot`/`dsdot` on `f32`: accumulated in `f64`, checked under
/// cancellation (`1e8 + 1 − 1e8` loses the 1 in `f32`).
fn dots_f32<S: Subject + ?Sized>(s: &S, (n, (lx, ly), pick, seed): Params) -> Check {
    let cx = Cx::<S, f32>::new(s);
    let mut rng = Rng::new(seed ^ 0xd07);
    let mut xv: Vec<f32> = data::random_vec(&mut rng, n);
    let mut yv: Vec<f32> = data::random_vec(&mut rng, n);
    if n >= 3 && pick % 2 == 0 {
        xv[..3].copy_from_slice(&[1e4, 1.0, -1e4]);
        yv[..3].copy_from_slice(&[1e4, 1.0, 1e4]);
    }
    let (x, y) = (Vector::new(&xv, lx), Vector::new(&yv, ly));
    let sb = if pick % 3 == 0 {
        0.0
    } else {
        data::random_scalar::<f32>(&mut rng)
    };
    let case = format!("n={n} x {lx} y {ly} sb={sb}");
    cx.call(Routine::Sdsdot, n > 0, &case, |o| {
        let got = o.sdsdot(sb, x.view(), y.view()).map_err(op_err)?;
        rx::sdsdot(sb, x.view(), y.view()).check_scalar(got)
    })?;
    cx.call(Routine::Dsdot, n > 0, &case, |o| {
        let got = o.dsdot(x.view(), y.view()).map_err(op_err)?;
        rx::dsdot(x.view(), y.view()).check_scalar(got)
    })
}

/// On `f64`, `dsdot` is `ddot` and `sdsdot` is `sb + ddot` (a dot with
/// `sb·1` appended).
fn dots_f64<S: Subject + ?Sized>(s: &S, (n, (lx, ly), _, seed): Params) -> Check {
    let cx = Cx::<S, f64>::new(s);
    let mut rng = Rng::new(seed ^ 0xd08);
    let (xv, yv): (Vec<f64>, Vec<f64>) =
        (data::random_vec(&mut rng, n), data::random_vec(&mut rng, n));
    let (x, y) = (Vector::new(&xv, lx), Vector::new(&yv, ly));
    let sb: f64 = data::random_scalar(&mut rng);
    let case = format!("n={n} x {lx} y {ly} sb={sb}");
    cx.call(Routine::Dsdot, n > 0, &case, |o| {
        let got = o.dsdot(x.view(), y.view()).map_err(op_err)?;
        reference::dot(x.view(), y.view()).check_scalar(got)
    })?;
    cx.call(Routine::Sdsdot, n > 0, &case, |o| {
        let got = o.sdsdot(sb, x.view(), y.view()).map_err(op_err)?;
        let (xe, ye) = (
            [xv.as_slice(), &[sb]].concat(),
            [yv.as_slice(), &[1.0]].concat(),
        );
        reference::dot(VecRef::from_slice(&xe), VecRef::from_slice(&ye)).check_scalar(got)
    })
}

/// The real-only routines refuse complex types (an argument error from the
/// checked surface, nothing written, nothing reaching the backend).
fn refused<S: Subject + ?Sized, T: Scalar>(s: &S) -> Check {
    let cx = Cx::<S, T>::new(s);
    let (mut xs, mut ys, mut p) = ([T::one(); 2], [T::one(); 2], [T::zero(); 5]);
    let bad = |what: &str, r: Result<(), Error>| {
        ensure(matches!(r, Err(Error::InvalidArgument { .. })), || {
            format!("{what} on a complex type gave {r:?}, not an argument error")
        })
    };
    let c = "complex type";
    cx.call(Routine::Rotm, false, &c, |o| {
        bad(
            "rotm",
            o.rotm(VecMut::from_slice(&mut xs), VecMut::from_slice(&mut ys), &p),
        )
    })?;
    let (mut a, mut b, mut x) = (T::one(), T::one(), T::one());
    cx.call(Routine::Rotmg, false, &c, |o| {
        bad("rotmg", o.rotmg(&mut a, &mut b, &mut x, T::one(), &mut p))
    })?;
    cx.call(Routine::Sdsdot, false, &c, |o| {
        let r = o.sdsdot(T::one(), VecRef::from_slice(&xs), VecRef::from_slice(&ys));
        bad("sdsdot", r.map(|_| ()))
    })?;
    cx.call(Routine::Dsdot, false, &c, |o| {
        let r = o.dsdot(VecRef::from_slice(&xs), VecRef::from_slice(&ys));
        bad("dsdot", r.map(|_| ()))
    })?;
    ensure(
        xs == [T::one(); 2] && p == [T::zero(); 5] && a == T::one(),
        || String::from("a refused call wrote its outputs"),
    )
}
