//! LAPACK through the Fortran symbols, column-major, with workspace
//! queries, 1-based pivots converted and `info` mapped in one place
//! ([`crate::convert::check_info`]).

#![allow(
    clippy::too_many_arguments,
    reason = "BLAS signatures are what they are"
)]

use linmux_core::{EigJob, Error, MatMut, MatRef, RealScalar, Result, Scalar, SvdJob, Trans, Uplo};
use linmux_loader::{BlasInt, LapackTable};

use crate::convert::{Positive, check_info, int, lwork_from, to_usize};
use crate::ffi::Ffi;
use crate::layout::{MatArg, MatOut, Order, elements, try_vec};

/// LAPACK over one table, column-major only.
#[derive(Debug)]
pub(crate) struct Lapack<I: BlasInt> {
    pub(crate) lp: LapackTable<I>,
    /// The backend's name (for errors).
    pub(crate) name: String,
}

fn lapack_trans<T: Scalar>(t: Trans) -> u8 {
    match (t, T::IS_COMPLEX) {
        (Trans::No, _) => b'N',
        (Trans::ConjTrans, true) => b'C',
        _ => b'T',
    }
}

impl<I: BlasInt> Lapack<I> {
    fn check<T: Scalar>(&self, routine: &'static str, info: I, p: Positive) -> Result<()> {
        check_info(&self.name, routine, T::KIND.blas_prefix(), info, p)
    }
    fn ipiv_in(ipiv: &[usize]) -> Result<Vec<I>> {
        ipiv.iter()
            .map(|&p| {
                p.checked_add(1)
                    .ok_or(Error::invalid("ipiv", "pivot index overflows"))
                    .and_then(|p| int(p, "ipiv"))
            })
            .collect()
    }

    pub(crate) fn getrf<T: Ffi>(&self, a: MatMut<'_, T>, ipiv: &mut [usize]) -> Result<()> {
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let mut piv = vec![I::ZERO; ipiv.len().max(1)];
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is m×n column-major with `lda`; ipiv has min(m, n) slots.
        let info = unsafe { T::getrf(&self.lp, m, n, ao.ptr, lda, piv.as_mut_ptr()) };
        ao.finish();
        if Into::<i64>::into(info) >= 0 {
            for (o, &p) in ipiv.iter_mut().zip(&piv) {
                *o = to_usize(p, &self.name, "getrf")?
                    .checked_sub(1)
                    .ok_or_else(|| Error::Backend {
                        backend: self.name.clone(),
                        routine: "getrf",
                        detail: String::from("returned a zero pivot index"),
                    })?;
            }
        }
        self.check::<T>("getrf", info, Positive::Singular)
    }
    pub(crate) fn getrs<T: Ffi>(
        &self,
        trans: Trans,
        lu: MatRef<'_, T>,
        ipiv: &[usize],
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let (n, nrhs): (I, I) = (int(lu.nrows(), "n")?, int(b.ncols(), "nrhs")?);
        let piv = Self::ipiv_in(ipiv)?;
        let aa = MatArg::new(lu, Order::Col, false, "lu")?;
        let bo = MatOut::new(b, Some(Order::Col), true, "b")?;
        let (lda, ldb) = (int(aa.ld, "lda")?, int(bo.ld, "ldb")?);
        // SAFETY: LU is n×n, B n×nrhs, column-major; ipiv has n entries.
        let info = unsafe {
            T::getrs(
                &self.lp,
                lapack_trans::<T>(trans),
                n,
                nrhs,
                aa.ptr,
                lda,
                piv.as_ptr(),
                bo.ptr,
                ldb,
            )
        };
        bo.finish();
        self.check::<T>("getrs", info, Positive::Never)
    }
    pub(crate) fn getri<T: Ffi>(&self, a: MatMut<'_, T>, ipiv: &[usize]) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let piv = Self::ipiv_in(ipiv)?;
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::getri(
                &self.lp,
                n,
                ao.ptr,
                lda,
                piv.as_ptr(),
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("getri", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), ipiv.len());
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A is n×n column-major, work has `lwork` elements.
        let info = unsafe {
            T::getri(
                &self.lp,
                n,
                ao.ptr,
                lda,
                piv.as_ptr(),
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        self.check::<T>("getri", info, Positive::Singular)
    }
    pub(crate) fn potrf<T: Ffi>(&self, uplo: Uplo, a: MatMut<'_, T>) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        // SAFETY: A is n×n column-major.
        let info = unsafe { T::potrf(&self.lp, uplo.as_char(), n, ao.ptr, lda) };
        ao.finish();
        self.check::<T>("potrf", info, Positive::NotPositiveDefinite)
    }
    pub(crate) fn potrs<T: Ffi>(
        &self,
        uplo: Uplo,
        a: MatRef<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let (n, nrhs): (I, I) = (int(a.nrows(), "n")?, int(b.ncols(), "nrhs")?);
        let aa = MatArg::new(a, Order::Col, false, "a")?;
        let bo = MatOut::new(b, Some(Order::Col), true, "b")?;
        let (lda, ldb) = (int(aa.ld, "lda")?, int(bo.ld, "ldb")?);
        // SAFETY: A n×n, B n×nrhs, column-major.
        let info = unsafe { T::potrs(&self.lp, uplo.as_char(), n, nrhs, aa.ptr, lda, bo.ptr, ldb) };
        bo.finish();
        self.check::<T>("potrs", info, Positive::Never)
    }
    pub(crate) fn geqrf<T: Ffi>(&self, a: MatMut<'_, T>, tau: &mut [T]) -> Result<()> {
        let (m, n): (I, I) = (int(a.nrows(), "m")?, int(a.ncols(), "n")?);
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut t = vec![T::default(); tau.len().max(1)];
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::geqrf(
                &self.lp,
                m,
                n,
                ao.ptr,
                lda,
                t.as_mut_ptr(),
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("geqrf", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), 1);
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A m×n column-major; tau has min(m, n) slots; work `lwork`.
        let info = unsafe {
            T::geqrf(
                &self.lp,
                m,
                n,
                ao.ptr,
                lda,
                t.as_mut_ptr(),
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        tau.copy_from_slice(&t[..tau.len()]);
        self.check::<T>("geqrf", info, Positive::Never)
    }
    pub(crate) fn ungqr<T: Ffi>(&self, a: MatMut<'_, T>, tau: &[T]) -> Result<()> {
        let (m, n, k): (I, I, I) = (
            int(a.nrows(), "m")?,
            int(a.ncols(), "n")?,
            int(tau.len(), "k")?,
        );
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let t: Vec<T> = if tau.is_empty() {
            vec![T::default()]
        } else {
            tau.to_vec()
        };
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::ungqr(
                &self.lp,
                m,
                n,
                k,
                ao.ptr,
                lda,
                t.as_ptr(),
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("ungqr", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), 1);
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A m×n column-major; tau has k entries; work `lwork`.
        let info = unsafe {
            T::ungqr(
                &self.lp,
                m,
                n,
                k,
                ao.ptr,
                lda,
                t.as_ptr(),
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        self.check::<T>("ungqr", info, Positive::Never)
    }
    pub(crate) fn gesdd<T: Ffi>(
        &self,
        job: SvdJob,
        a: MatMut<'_, T>,
        s: &mut [T::Real],
        u: Option<MatMut<'_, T>>,
        vt: Option<MatMut<'_, T>>,
    ) -> Result<()> {
        let (mu, nu) = a.shape();
        let (m, n): (I, I) = (int(mu, "m")?, int(nu, "n")?);
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut dummy_u = [T::default(); 1];
        let mut dummy_vt = [T::default(); 1];
        let uo = u
            .map(|u| MatOut::new(u, Some(Order::Col), false, "u"))
            .transpose()?;
        let vo = vt
            .map(|v| MatOut::new(v, Some(Order::Col), false, "vt"))
            .transpose()?;
        let (pu, ldu) = match &uo {
            Some(o) => (o.ptr, o.ld),
            None => (dummy_u.as_mut_ptr(), 1),
        };
        let (pv, ldvt) = match &vo {
            Some(o) => (o.ptr, o.ld),
            None => (dummy_vt.as_mut_ptr(), 1),
        };
        let mut sv = vec![<T::Real as Default>::default(); s.len().max(1)];
        // SAFETY: every buffer has the shape the job asks for (engine contract).
        let info = unsafe {
            T::gesdd(
                &self.lp,
                &self.name,
                job.as_char(),
                m,
                n,
                mu.min(nu),
                mu.max(nu),
                ao.ptr,
                lda,
                sv.as_mut_ptr(),
                pu,
                int(ldu, "ldu")?,
                pv,
                int(ldvt, "ldvt")?,
            )?
        };
        ao.finish();
        if let Some(o) = uo {
            o.finish();
        }
        if let Some(o) = vo {
            o.finish();
        }
        s.copy_from_slice(&sv[..s.len()]);
        self.check::<T>("gesdd", info, Positive::NoConvergence)
    }
    pub(crate) fn heevd<T: Ffi>(
        &self,
        job: EigJob,
        uplo: Uplo,
        a: MatMut<'_, T>,
        w: &mut [T::Real],
    ) -> Result<()> {
        let n: I = int(a.nrows(), "n")?;
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let mut wv = vec![<T::Real as Default>::default(); w.len().max(1)];
        // SAFETY: A is n×n column-major; w has n slots.
        let info = unsafe {
            T::heevd(
                &self.lp,
                &self.name,
                job.as_char(),
                uplo.as_char(),
                n,
                ao.ptr,
                lda,
                wv.as_mut_ptr(),
            )?
        };
        ao.finish();
        w.copy_from_slice(&wv[..w.len()]);
        self.check::<T>("heevd", info, Positive::NoConvergence)
    }
    pub(crate) fn geev<T: Ffi>(
        &self,
        a: MatMut<'_, T>,
        w: &mut [T::Complex],
        vl: Option<MatMut<'_, T::Complex>>,
        vr: Option<MatMut<'_, T::Complex>>,
    ) -> Result<()> {
        let n = a.nrows();
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let lda = int(ao.ld, "lda")?;
        let zero = <T::Complex as Default>::default();
        let nn = elements(n, n, "vl")?;
        let mut bl = vl.as_ref().map(|_| try_vec(zero, nn, "vl")).transpose()?;
        let mut br = vr.as_ref().map(|_| try_vec(zero, nn, "vr")).transpose()?;
        let mut wv = try_vec(zero, n, "w")?;
        // SAFETY: A n×n column-major; the buffers are n and n×n.
        let info = unsafe {
            T::geev(
                &self.lp,
                &self.name,
                n,
                ao.ptr,
                lda,
                &mut wv,
                bl.as_deref_mut(),
                br.as_deref_mut(),
            )?
        };
        ao.finish();
        self.check::<T>("geev", info, Positive::NoConvergence)?;
        w.copy_from_slice(&wv);
        for (view, buf) in [(vl, bl), (vr, br)] {
            if let (Some(mut view), Some(buf)) = (view, buf) {
                for j in 0..n {
                    for i in 0..n {
                        *view.at_mut(i, j) = buf[i + j * n];
                    }
                }
            }
        }
        Ok(())
    }
    pub(crate) fn gels<T: Ffi>(
        &self,
        trans: Trans,
        a: MatMut<'_, T>,
        b: MatMut<'_, T>,
    ) -> Result<()> {
        let (m, n, nrhs): (I, I, I) = (
            int(a.nrows(), "m")?,
            int(a.ncols(), "n")?,
            int(b.ncols(), "nrhs")?,
        );
        let ao = MatOut::new(a, Some(Order::Col), true, "a")?;
        let bo = MatOut::new(b, Some(Order::Col), true, "b")?;
        let (lda, ldb) = (int(ao.ld, "lda")?, int(bo.ld, "ldb")?);
        let tr = lapack_trans::<T>(trans);
        let mut q = [T::default(); 1];
        // SAFETY: workspace query.
        let info = unsafe {
            T::gels(
                &self.lp,
                tr,
                m,
                n,
                nrhs,
                ao.ptr,
                lda,
                bo.ptr,
                ldb,
                q.as_mut_ptr(),
                I::MINUS_ONE,
            )
        };
        self.check::<T>("gels", info, Positive::Never)?;
        let lwork = lwork_from(q[0].re().to_f64(), 1);
        let mut work = try_vec(T::default(), lwork, "work")?;
        // SAFETY: A m×n, B max(m,n)×nrhs, column-major; work `lwork`.
        let info = unsafe {
            T::gels(
                &self.lp,
                tr,
                m,
                n,
                nrhs,
                ao.ptr,
                lda,
                bo.ptr,
                ldb,
                work.as_mut_ptr(),
                int(lwork, "lwork")?,
            )
        };
        ao.finish();
        bo.finish();
        self.check::<T>("gels", info, Positive::Singular)
    }
}
