//! Error-free transformations and compensated accumulation in `f64`.
//!
//! The reference kernels sum in `f64` with Ogita–Rump–Oishi's `Dot2`: every
//! product is split exactly by an FMA ([`two_prod`]) and every addition by
//! Knuth's [`two_sum`], and the rounding errors are summed separately. The
//! result is as accurate as if computed in twice the working precision, so
//! for `f32`/`c32` (and `f64` without extreme cancellation) it is the exact
//! value correctly rounded, up to a few units in the last place.

use linmux_core::c64;

/// `(s, e)` with `s = fl(a + b)` and `a + b = s + e` exactly (Knuth's TwoSum).
#[inline]
pub fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

/// `(p, e)` with `p = fl(a·b)` and `a·b = p + e` exactly (barring underflow).
#[inline]
pub fn two_prod(a: f64, b: f64) -> (f64, f64) {
    let p = a * b;
    (p, a.mul_add(b, -p))
}

/// A compensated real sum: adds terms and products with their rounding
/// errors kept aside.
///
/// Non-finite terms are handled as plain IEEE sums (an infinity or NaN in the
/// input gives the same infinity or NaN as naive summation).
///
/// ```
/// use linmux_testkit::accum::CompensatedSum;
/// let mut s = CompensatedSum::new();
/// for x in [1e16, 1.0, -1e16] {
///     s.add(x);
/// }
/// assert_eq!(s.value(), 1.0);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct CompensatedSum {
    hi: f64,
    lo: f64,
    naive: f64,
}

impl CompensatedSum {
    /// The empty sum.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds `x`.
    #[inline]
    pub fn add(&mut self, x: f64) {
        let (s, e) = two_sum(self.hi, x);
        self.hi = s;
        self.lo += e;
        self.naive += x;
    }
    /// Adds the exact product `a·b`.
    #[inline]
    pub fn add_product(&mut self, a: f64, b: f64) {
        let (p, e) = two_prod(a, b);
        self.add(p);
        self.lo += e;
        // `naive` already got p; e is below its resolution.
    }
    /// The sum, rounded once.
    pub fn value(&self) -> f64 {
        let v = self.hi + self.lo;
        if v.is_finite() { v } else { self.naive }
    }
}

/// A compensated complex sum (real and imaginary parts kept separately).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ComplexSum {
    re: CompensatedSum,
    im: CompensatedSum,
}

impl ComplexSum {
    /// The empty sum.
    pub fn new() -> Self {
        Self::default()
    }
    /// Adds `z`.
    #[inline]
    pub fn add(&mut self, z: c64) {
        self.re.add(z.re);
        self.im.add(z.im);
    }
    /// Adds the product `a·b`, each of its four real products exactly.
    #[inline]
    pub fn add_product(&mut self, a: c64, b: c64) {
        self.re.add_product(a.re, b.re);
        self.re.add_product(-a.im, b.im);
        self.im.add_product(a.re, b.im);
        self.im.add_product(a.im, b.re);
    }
    /// The sum, each part rounded once.
    pub fn value(&self) -> c64 {
        c64::new(self.re.value(), self.im.value())
    }
}

/// `Σ xᵢ·yᵢ` with compensated accumulation.
///
/// # Panics
/// If the lengths differ.
pub fn dot(x: &[c64], y: &[c64]) -> c64 {
    assert_eq!(x.len(), y.len(), "accum::dot: lengths differ");
    let mut s = ComplexSum::new();
    for (&a, &b) in x.iter().zip(y) {
        s.add_product(a, b);
    }
    s.value()
}

/// `Σ xᵢ` with compensated accumulation.
pub fn sum(x: &[f64]) -> f64 {
    let mut s = CompensatedSum::new();
    for &v in x {
        s.add(v);
    }
    s.value()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sum_and_two_prod_are_exact() {
        let (s, e) = two_sum(1e16, 1.0);
        assert_eq!(s, 1e16);
        assert_eq!(e, 1.0);
        let a = 1.0 + f64::EPSILON;
        let (p, e) = two_prod(a, a);
        // (1 + ε)² = 1 + 2ε + ε²: the ε² term is the error.
        assert_eq!(p, 1.0 + 2.0 * f64::EPSILON);
        assert_eq!(e, f64::EPSILON * f64::EPSILON);
    }

    #[test]
    fn compensated_sum_survives_cancellation() {
        assert_eq!(sum(&[1e16, 1.0, -1e16]), 1.0);
        assert_eq!(sum(&[1.0, 1e100, 1.0, -1e100]), 2.0);
        // Naive summation gives 0 here.
        let naive: f64 = [1e16, 1.0, -1e16].iter().sum();
        assert_eq!(naive, 0.0);
        assert_eq!(sum(&[]), 0.0);
        assert!(sum(&[1.0, f64::INFINITY]).is_infinite());
        assert!(sum(&[f64::NAN, 1.0]).is_nan());
    }

    #[test]
    fn compensated_dot_recovers_lost_products() {
        // x·y = (1+ε)(1−ε) − 1 = −ε²: lost entirely by naive f64 arithmetic.
        let e = f64::EPSILON;
        let x = [c64::new(1.0 + e, 0.0), c64::new(-1.0, 0.0)];
        let y = [c64::new(1.0 - e, 0.0), c64::new(1.0, 0.0)];
        assert_eq!(dot(&x, &y), c64::new(-e * e, 0.0));
        // Complex: (1+i)(1−i) = 2, and i·i = −1.
        let x = [c64::new(1.0, 1.0), c64::new(0.0, 1.0)];
        let y = [c64::new(1.0, -1.0), c64::new(0.0, 1.0)];
        assert_eq!(dot(&x, &y), c64::new(1.0, 0.0));
    }
}
