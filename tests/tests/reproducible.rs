//! Reproducible mode (`LINMUX_REPRODUCIBLE=1`, `linmux::reproducible`): the
//! same calls in two separate processes give the same bits, on every
//! required backend, for a battery over the operation families at sizes
//! where the vendors thread (every core). The parent runs this binary's
//! ignored `child` test twice; each child prints one hash per (backend,
//! operation, type), and the parent compares them.

use std::collections::BTreeMap;
use std::process::Command;

use linmux::{EigJob, Engine, Mat, Scalar, Side, SvdJob, Trans, Uplo, VecMut, VecRef, c32};
use linmux_conformance::required_engines;
use linmux_testkit::{Rng, data};

const CHILD_ENV: &str = "LINMUX_REPRO_CHILD";

/// FNV-1a over the bits of every element.
fn hash<T: Scalar>(xs: &[T]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in xs {
        let z = x.to_c64();
        for w in [z.re.to_bits(), z.im.to_bits()] {
            for b in w.to_le_bytes() {
                h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
            }
        }
    }
    h
}

fn battery<T: Scalar>(e: &Engine, out: &mut Vec<(String, u64)>) {
    let mut rng = Rng::new(7);
    let mut put =
        |op: &str, h: u64| out.push((format!("{} {op} {}", e.info().name, T::KIND.name()), h));
    let n = 300;
    let a = data::random_mat::<T>(&mut rng, n, n);
    let b = data::random_mat::<T>(&mut rng, n, n);

    let x: Vec<T> = data::random_vec(&mut rng, 100_000);
    let y: Vec<T> = data::random_vec(&mut rng, 100_000);
    put(
        "dot",
        hash(&[e
            .dot(VecRef::from_slice(&x), VecRef::from_slice(&y))
            .unwrap()]),
    );
    put(
        "nrm2",
        hash(&[T::from_real(e.nrm2(VecRef::from_slice(&x)).unwrap())]),
    );

    let mut v = vec![T::zero(); n];
    e.gemv(
        Trans::No,
        T::one(),
        a.as_ref(),
        VecRef::from_slice(&x[..n]),
        T::zero(),
        VecMut::from_slice(&mut v),
    )
    .unwrap();
    put("gemv", hash(&v));

    let mut c = Mat::<T>::zeros(n, n);
    e.gemm(
        Trans::No,
        Trans::ConjTrans,
        T::one(),
        a.as_ref(),
        b.as_ref(),
        T::zero(),
        c.as_mut(),
    )
    .unwrap();
    put("gemm", hash(c.as_slice()));

    let mut s = Mat::<T>::zeros(n, n);
    e.herk(
        Uplo::Lower,
        Trans::No,
        T::one().re(),
        a.as_ref(),
        T::zero().re(),
        s.as_mut(),
    )
    .unwrap();
    put("herk", hash(s.as_slice()));

    // Diagonally dominant: a well-conditioned triangle and an HPD matrix.
    let dd = Mat::<T>::from_fn(n, n, |i, j| {
        if i == j {
            a[(i, j)] + T::from_c64(linmux::c64::new(2.0 * n as f64, 0.0))
        } else {
            a[(i, j)]
        }
    });
    let mut t = b.clone();
    e.trsm(
        Side::Left,
        Uplo::Upper,
        Trans::No,
        linmux::Diag::NonUnit,
        T::one(),
        dd.as_ref(),
        t.as_mut(),
    )
    .unwrap();
    put("trsm", hash(t.as_slice()));

    let mut lu = dd.clone();
    let mut ipiv = vec![0; n];
    e.getrf(lu.as_mut(), &mut ipiv).unwrap();
    put("getrf", hash(lu.as_slice()));

    let hpd = Mat::<T>::from_fn(n, n, |i, j| {
        if i >= j {
            dd[(i, j)]
        } else {
            dd[(j, i)].conj()
        }
    });
    let hpd = Mat::<T>::from_fn(n, n, |i, j| {
        if i == j {
            T::from_real(hpd[(i, i)].re())
        } else {
            hpd[(i, j)]
        }
    });
    let mut ch = hpd.clone();
    e.potrf(Uplo::Lower, ch.as_mut()).unwrap();
    put("potrf", hash(ch.as_slice()));

    let mut qr = a.clone();
    let mut tau = vec![T::zero(); n];
    e.geqrf(qr.as_mut(), &mut tau).unwrap();
    put("geqrf", hash(qr.as_slice()));

    let m = 150;
    let g = Mat::<T>::from_fn(m, m, |i, j| a[(i, j)]);
    let mut work = g.clone();
    let mut sv = vec![T::zero().re(); m];
    let (mut u, mut vt) = (Mat::<T>::zeros(m, m), Mat::<T>::zeros(m, m));
    e.gesdd(
        SvdJob::Thin,
        work.as_mut(),
        &mut sv,
        Some(u.as_mut()),
        Some(vt.as_mut()),
    )
    .unwrap();
    let sv: Vec<T> = sv.iter().map(|r| T::from_real(*r)).collect();
    put(
        "gesdd",
        hash(&sv) ^ hash(u.as_slice()).rotate_left(1) ^ hash(vt.as_slice()).rotate_left(2),
    );

    let mut h = Mat::<T>::from_fn(m, m, |i, j| hpd[(i, j)]);
    let mut w = vec![T::zero().re(); m];
    e.heevd(EigJob::Vectors, Uplo::Lower, h.as_mut(), &mut w)
        .unwrap();
    let w: Vec<T> = w.iter().map(|r| T::from_real(*r)).collect();
    put("heevd", hash(&w) ^ hash(h.as_slice()).rotate_left(1));

    let k = 100;
    let mut ge = Mat::<T>::from_fn(k, k, |i, j| a[(i, j)]);
    let mut ew = vec![T::Complex::default(); k];
    let mut vr = Mat::<T::Complex>::zeros(k, k);
    e.geev(ge.as_mut(), &mut ew, None, Some(vr.as_mut()))
        .unwrap();
    put("geev", hash(&ew) ^ hash(vr.as_slice()).rotate_left(1));

    let mut ls = Mat::<T>::from_fn(n, 200, |i, j| a[(i, j)]);
    let mut rhs = Mat::<T>::from_fn(n, 2, |i, j| b[(i, j)]);
    e.gels(Trans::No, ls.as_mut(), rhs.as_mut()).unwrap();
    put("gels", hash(rhs.as_slice()));
}

/// Run by [`two_processes_give_the_same_bits`] in a child process.
#[test]
#[ignore = "run by two_processes_give_the_same_bits in a child process"]
fn child() {
    if std::env::var(CHILD_ENV).is_err() {
        return;
    }
    assert!(
        linmux::reproducible::is_enabled(),
        "the parent sets LINMUX_REPRODUCIBLE=1"
    );
    let mut out = Vec::new();
    for e in required_engines() {
        battery::<f64>(&e, &mut out);
        battery::<c32>(&e, &mut out);
    }
    // The harness has printed "test child ... " without a newline.
    println!();
    for (what, h) in out {
        println!("HASH {what} {h:016x}");
    }
}

fn run_child() -> BTreeMap<String, String> {
    let exe = std::env::current_exe().expect("the test binary");
    let out = Command::new(exe)
        .args([
            "--ignored",
            "--exact",
            "child",
            "--nocapture",
            "--test-threads",
            "1",
        ])
        .env(CHILD_ENV, "1")
        .env(linmux::reproducible::ENV, "1")
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "child failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
        .lines()
        .filter_map(|l| l.strip_prefix("HASH "))
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
}

#[test]
fn two_processes_give_the_same_bits() {
    let first = run_child();
    let second = run_child();
    assert!(!first.is_empty(), "the child printed no hashes");
    let differ: Vec<&String> = first
        .keys()
        .filter(|k| first.get(*k) != second.get(*k))
        .collect();
    println!("{} results compared", first.len());
    assert!(
        differ.is_empty(),
        "not bitwise reproducible run to run: {differ:?}"
    );
}
