//! A record of every comparison a check makes, for cross-backend comparison
//! and for the contract's error table.
//!
//! While [`record`] runs a closure, every elementwise comparison
//! ([`crate::tol::check_mat_close`] and the functions built on it, which is
//! every [`crate::Expected`] check) and every residual bound of
//! [`crate::check`] is logged on the calling thread: what was compared, the
//! result, the reference and the bound. The conformance suite runs the same
//! cases, in the same order, on every backend (its seeds are fixed), so the
//! `k`-th entry of two backends' ledgers is the same comparison on the same
//! input: [`compare`] checks each pair of backends against each other within
//! twice the bound (each is within the bound of the same exact value), and
//! reports the largest ratio of error to bound per operation and backend.
//!
//! ```
//! use linmux_testkit::{ledger, tol};
//! let (r, entries) = ledger::record(|| tol::check_scalar_close("dot", 1.0f64, 1.0, 1e-15));
//! assert!(r.is_ok());
//! assert_eq!(entries.len(), 1);
//! assert_eq!(entries[0].ratio(), 0.0);
//! ```

use core::fmt::Write as _;
use std::cell::RefCell;
use std::collections::BTreeMap;

use linmux_core::{Scalar, ScalarKind, c64};

/// What one comparison saw.
#[derive(Clone, Debug, PartialEq)]
pub enum Observed {
    /// An elementwise comparison: result, reference and bound per element
    /// (column-major).
    Elementwise {
        /// The operation's result.
        actual: Vec<c64>,
        /// The reference value.
        expected: Vec<c64>,
        /// The allowed absolute error per element.
        bound: Vec<f64>,
    },
    /// A residual or orthogonality check: the measured value and its bound.
    Residual {
        /// The measured residual.
        measured: f64,
        /// Its bound.
        bound: f64,
    },
}

/// One comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// What was compared: the operation's name, or a residual's description
    /// (which starts with the operation's name and a colon).
    pub what: String,
    /// The scalar type.
    pub kind: ScalarKind,
    /// The values.
    pub observed: Observed,
}

/// `err / bound`, with an exact match counting 0 and an error against a zero
/// bound counting as infinite.
fn ratio(err: f64, bound: f64) -> f64 {
    if err == 0.0 {
        0.0
    } else if bound > 0.0 && !err.is_nan() {
        err / bound
    } else {
        f64::INFINITY
    }
}

fn same(a: c64, b: c64) -> bool {
    a.re.to_bits() == b.re.to_bits() && a.im.to_bits() == b.im.to_bits()
}

impl Entry {
    /// The operation's name: [`Entry::what`] up to its first colon.
    pub fn op(&self) -> &str {
        self.what.split(':').next().unwrap_or(&self.what).trim()
    }

    /// The largest error relative to its bound (`≤ 1` passes).
    pub fn ratio(&self) -> f64 {
        match &self.observed {
            Observed::Residual { measured, bound } => ratio(*measured, *bound),
            Observed::Elementwise {
                actual,
                expected,
                bound,
            } => actual
                .iter()
                .zip(expected)
                .zip(bound)
                .map(|((&a, &e), &b)| {
                    if same(a, e) {
                        0.0
                    } else {
                        ratio((a - e).norm(), b)
                    }
                })
                .fold(0.0, f64::max),
        }
    }

    /// The largest difference between two backends' results for the same
    /// comparison, relative to twice the bound; `None` when the entries do
    /// not describe the same comparison on the same reference (or are
    /// residuals, which are not results).
    pub fn pair_ratio(&self, other: &Entry) -> Option<f64> {
        let (
            Observed::Elementwise {
                actual: a,
                expected: e,
                bound: b,
            },
            Observed::Elementwise {
                actual: a2,
                expected: e2,
                bound: b2,
            },
        ) = (&self.observed, &other.observed)
        else {
            return None;
        };
        if self.what != other.what
            || self.kind != other.kind
            || e.len() != e2.len()
            || !e.iter().zip(e2).all(|(&x, &y)| same(x, y))
            || b != b2
        {
            return None;
        }
        Some(
            a.iter()
                .zip(a2)
                .zip(b)
                .map(|((&x, &y), &bd)| {
                    if same(x, y) {
                        0.0
                    } else {
                        ratio((x - y).norm(), 2.0 * bd)
                    }
                })
                .fold(0.0, f64::max),
        )
    }
}

thread_local! {
    static ACTIVE: RefCell<Option<Vec<Entry>>> = const { RefCell::new(None) };
}

/// Runs `f`, returning its result and every comparison it made on this
/// thread. Calls nest: an inner `record` takes the entries of its own run.
pub fn record<R>(f: impl FnOnce() -> R) -> (R, Vec<Entry>) {
    let outer = ACTIVE.with(|a| a.borrow_mut().replace(Vec::new()));
    let r = f();
    let entries = ACTIVE.with(|a| {
        let mut a = a.borrow_mut();
        let mine = a.take().unwrap_or_default();
        *a = outer;
        mine
    });
    (r, entries)
}

fn push(entry: impl FnOnce() -> Entry) {
    ACTIVE.with(|a| {
        if let Some(v) = a.borrow_mut().as_mut() {
            v.push(entry());
        }
    });
}

/// Logs an elementwise comparison (when recording).
pub(crate) fn elementwise<T: Scalar>(
    what: &str,
    actual: impl FnOnce() -> Vec<c64>,
    expected: impl FnOnce() -> Vec<c64>,
    bound: impl FnOnce() -> Vec<f64>,
) {
    push(|| Entry {
        what: what.to_owned(),
        kind: T::KIND,
        observed: Observed::Elementwise {
            actual: actual(),
            expected: expected(),
            bound: bound(),
        },
    });
}

/// Logs a residual check (when recording).
pub(crate) fn residual<T: Scalar>(what: &str, measured: f64, bound: f64) {
    push(|| Entry {
        what: what.to_owned(),
        kind: T::KIND,
        observed: Observed::Residual { measured, bound },
    });
}

/// Per operation: the largest ratio per backend, and the pair of backends
/// whose results differ most (relative to twice the bound).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Operation → backend → largest error / bound.
    pub worst: BTreeMap<String, BTreeMap<String, f64>>,
    /// Operation → (backend, backend, largest difference / (2·bound)).
    pub pairs: BTreeMap<String, (String, String, f64)>,
    /// Comparisons made between pairs of backends.
    pub compared: usize,
}

impl Table {
    /// Adds another table's figures (the larger ratio wins).
    pub fn merge(&mut self, other: Table) {
        for (op, per) in other.worst {
            let row = self.worst.entry(op).or_default();
            for (b, r) in per {
                let w = row.entry(b).or_insert(0.0);
                *w = w.max(r);
            }
        }
        for (op, p) in other.pairs {
            match self.pairs.get(&op) {
                Some(q) if q.2 >= p.2 => {}
                _ => {
                    self.pairs.insert(op, p);
                }
            }
        }
        self.compared += other.compared;
    }

    /// The table as Markdown: one row per operation, one column per backend,
    /// and the pair that differs most.
    pub fn markdown(&self) -> String {
        let backends: Vec<&String> = {
            let mut b: Vec<&String> = self.worst.values().flat_map(BTreeMap::keys).collect();
            b.sort();
            b.dedup();
            b
        };
        let mut s = String::from("| operation |");
        for b in &backends {
            let _ = write!(s, " {b} |");
        }
        s.push_str(" most different pair (diff / 2·bound) |\n|---|");
        for _ in &backends {
            s.push_str("---|");
        }
        s.push_str("---|\n");
        for (op, per) in &self.worst {
            let _ = write!(s, "| {op} |");
            for b in &backends {
                match per.get(*b) {
                    Some(r) => {
                        let _ = write!(s, " {} |", fmt_ratio(*r));
                    }
                    None => s.push_str(" — |"),
                }
            }
            match self.pairs.get(op) {
                Some((x, y, r)) => {
                    let _ = writeln!(s, " {x} / {y}: {} |", fmt_ratio(*r));
                }
                None => s.push_str(" — |\n"),
            }
        }
        s
    }
}

/// A ratio for the table: `0` when exact, three decimals from `0.01`, else
/// scientific notation.
fn fmt_ratio(r: f64) -> String {
    if r == 0.0 {
        String::from("0")
    } else if r >= 0.01 {
        format!("{r:.3}")
    } else {
        format!("{r:.1e}")
    }
}

/// Compares backends' ledgers of the same run.
///
/// # Errors
/// When the ledgers do not line up (a different number of comparisons, or a
/// different comparison at the same place), or any pair of results differs
/// by more than twice the bound: the operation, type, both backends and the
/// ratio.
pub fn compare(runs: &[(String, Vec<Entry>)]) -> Result<Table, String> {
    let mut t = Table::default();
    for (backend, entries) in runs {
        for e in entries {
            let w = t
                .worst
                .entry(e.op().to_owned())
                .or_default()
                .entry(backend.clone())
                .or_insert(0.0);
            *w = w.max(e.ratio());
        }
    }
    // Pairs compare results; residual checks stop at a backend's first
    // failure (a reported known violation), so their count may differ.
    let results: Vec<(&String, Vec<&Entry>)> = runs
        .iter()
        .map(|(b, entries)| {
            let r = entries
                .iter()
                .filter(|e| matches!(e.observed, Observed::Elementwise { .. }))
                .collect();
            (b, r)
        })
        .collect();
    let mut failures = Vec::new();
    for (i, (x, ex)) in results.iter().enumerate() {
        for (y, ey) in &results[i + 1..] {
            if ex.len() != ey.len() {
                failures.push(format!(
                    "{x} made {} comparisons and {y} {}: the runs did not see the same cases",
                    ex.len(),
                    ey.len()
                ));
                continue;
            }
            for (k, (a, b)) in ex.iter().zip(ey).enumerate() {
                // Residual descriptions may name the worst element, which
                // differs between backends: the operation must agree.
                if a.op() != b.op() || a.kind != b.kind {
                    failures.push(format!(
                        "comparison {k}: {x} checked {} ({}) but {y} checked {} ({})",
                        a.what,
                        a.kind.name(),
                        b.what,
                        b.kind.name()
                    ));
                    break;
                }
                let Some(r) = a.pair_ratio(b) else { continue };
                t.compared += 1;
                let op = a.op().to_owned();
                if t.pairs.get(&op).is_none_or(|p| r > p.2) {
                    t.pairs.insert(op.clone(), ((*x).clone(), (*y).clone(), r));
                }
                if r > 1.0 {
                    failures.push(format!(
                        "comparison {k}, {op} on {}: {x} and {y} differ by {r:.3}× twice the bound",
                        a.kind.name()
                    ));
                }
            }
        }
    }
    if failures.is_empty() {
        Ok(t)
    } else {
        Err(failures.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tol::check_vec_close;
    use linmux_core::VecRef;

    fn run(y: f64) -> Vec<Entry> {
        record(|| {
            let x = [1.0f64, y];
            check_vec_close(
                "axpy",
                VecRef::from_slice(&x),
                &[1.0, 2.0],
                &vec![1e-3, 1e-3].into(),
            )
        })
        .1
    }

    #[test]
    fn pairs_within_twice_the_bound_pass_and_beyond_fail() {
        let a = ("a".to_owned(), run(2.0 + 0.9e-3));
        let b = ("b".to_owned(), run(2.0 - 0.9e-3));
        let t = compare(&[a.clone(), b]).unwrap();
        assert_eq!(t.compared, 1);
        assert!((t.pairs["axpy"].2 - 0.9).abs() < 1e-9);
        assert!((t.worst["axpy"]["a"] - 0.9).abs() < 1e-9);
        // Each within the bound cannot differ by more than twice it; a
        // ledger entry edited to do so is caught.
        let mut c = ("c".to_owned(), run(2.0));
        if let Observed::Elementwise { actual, .. } = &mut c.1[0].observed {
            actual[1] = c64::new(2.0 + 3e-3, 0.0);
        }
        let e = compare(&[a, c]).unwrap_err();
        assert!(e.contains("axpy") && e.contains("a and c"), "{e}");
    }

    #[test]
    fn mismatched_runs_are_reported() {
        let a = ("a".to_owned(), run(2.0));
        let e = compare(&[a, ("b".to_owned(), Vec::new())]).unwrap_err();
        assert!(e.contains("did not see the same cases"), "{e}");
    }
}
