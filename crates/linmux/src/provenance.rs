//! Which backend served which routine: lock- and allocation-free counters.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::ThreadId;

use linmux_core::{Routine, ScalarKind};

const KINDS: [ScalarKind; 4] = [
    ScalarKind::F32,
    ScalarKind::F64,
    ScalarKind::C32,
    ScalarKind::C64,
];
const N: usize = Routine::ALL.len();

/// One thread's counts for one engine. Only the owning thread writes, so a
/// plain load and store is an exact increment with no locked instruction (a
/// locked add is a full barrier that cost ~20 ns per call when measured).
#[derive(Debug)]
pub(crate) struct Block {
    owner: ThreadId,
    /// One table per slot: per backend a routed engine sends calls to
    /// (one slot for every other engine).
    counts: Box<[[[AtomicU64; 4]; N]]>,
}

impl Block {
    /// Counts one call in `slot`. Only the owning thread calls this.
    #[inline]
    pub(crate) fn bump(&self, slot: usize, routine: Routine, kind: ScalarKind) {
        let k = match kind {
            ScalarKind::F32 => 0,
            ScalarKind::F64 => 1,
            ScalarKind::C32 => 2,
            ScalarKind::C64 => 3,
        };
        if let Some(table) = self.counts.get(slot) {
            let c = &table[routine as usize][k];
            c.store(c.load(Ordering::Relaxed) + 1, Ordering::Relaxed);
        }
    }
}

/// Per-engine call counters, indexed by (routine, scalar kind), kept per
/// calling thread and summed when read. Recording takes no lock and does not
/// allocate after a thread's first call on an engine.
#[derive(Debug)]
pub(crate) struct Counters {
    /// Unique per `Counters` (never reused): what a thread's cached block
    /// is matched against.
    pub(crate) id: u64,
    /// Tables per block (backends of a routed engine; 1 otherwise).
    slots: usize,
    blocks: Mutex<Vec<Arc<Block>>>,
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

impl Counters {
    pub(crate) fn new() -> Self {
        Self::with_slots(1)
    }

    /// Counters that tell `slots` backends apart.
    pub(crate) fn with_slots(slots: usize) -> Self {
        Self {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            slots: slots.max(1),
            blocks: Mutex::new(Vec::new()),
        }
    }

    /// Counts one call of `routine` on `kind` from the calling thread: the
    /// block this thread used last (kept in the engine module's one
    /// thread-local, [`crate::engine::HOT`]) when it is this engine's, else
    /// the thread's block found under the lock, which then becomes the
    /// thread's last.
    #[inline]
    pub(crate) fn record(&self, routine: Routine, kind: ScalarKind) {
        self.record_in(0, routine, kind);
    }

    /// [`Counters::record`] in `slot` (the backend a routed call went to).
    #[inline]
    pub(crate) fn record_in(&self, slot: usize, routine: Routine, kind: ScalarKind) {
        let hit = crate::engine::HOT
            .try_with(|h| match h.try_borrow() {
                Ok(h) => match &h.block {
                    Some((id, block)) if *id == self.id => {
                        block.bump(slot, routine, kind);
                        true
                    }
                    _ => false,
                },
                Err(_) => false,
            })
            .unwrap_or(false);
        if !hit {
            self.record_slow(slot, routine, kind);
        }
    }

    #[cold]
    fn record_slow(&self, slot: usize, routine: Routine, kind: ScalarKind) {
        let block = self.block_of_this_thread();
        block.bump(slot, routine, kind);
        crate::engine::set_hot_block(self.id, block);
    }

    /// The calling thread's block (created on its first call).
    #[cold]
    pub(crate) fn block_of_this_thread(&self) -> Arc<Block> {
        let me = std::thread::current().id();
        let mut blocks = self.blocks.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(b) = blocks.iter().find(|b| b.owner == me) {
            return b.clone();
        }
        let b = Arc::new(Block {
            owner: me,
            counts: (0..self.slots)
                .map(|_| std::array::from_fn(|_| std::array::from_fn(|_| AtomicU64::new(0))))
                .collect(),
        });
        blocks.push(b.clone());
        b
    }

    pub(crate) fn snapshot(&self, blas: &str, lapack: &str) -> Provenance {
        self.snapshot_slots(&[(blas, lapack)])
    }

    /// The counts of every slot, labelled with its backend's BLAS and
    /// LAPACK names (`labels[slot]`).
    pub(crate) fn snapshot_slots(&self, labels: &[(&str, &str)]) -> Provenance {
        let blocks = self.blocks.lock().unwrap_or_else(PoisonError::into_inner);
        let mut entries = Vec::new();
        for (slot, &(blas, lapack)) in labels.iter().enumerate().take(self.slots) {
            for &r in Routine::ALL {
                for (k, &kind) in KINDS.iter().enumerate() {
                    let count: u64 = blocks
                        .iter()
                        .map(|b| b.counts[slot][r as usize][k].load(Ordering::Relaxed))
                        .sum();
                    if count > 0 {
                        let backend = if r.is_lapack() { lapack } else { blas };
                        entries.push(ProvenanceEntry {
                            backend: backend.to_owned(),
                            routine: r,
                            kind,
                            count,
                        });
                    }
                }
            }
        }
        Provenance { entries }
    }

    /// Zeroes every count (calls running concurrently may survive the reset).
    pub(crate) fn reset(&self) {
        for b in self
            .blocks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .iter()
        {
            for row in b.counts.iter().flatten() {
                for c in row {
                    c.store(0, Ordering::Relaxed);
                }
            }
        }
    }
}

/// One line of a [`Provenance`] report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvenanceEntry {
    /// The backend that served the calls (for LAPACK routines on a backend
    /// without LAPACK, its LAPACK provider).
    pub backend: String,
    /// The operation.
    pub routine: Routine,
    /// The scalar type.
    pub kind: ScalarKind,
    /// How many calls the backend ran, counted after it returned: validated
    /// calls only; empty problems that never reach a backend, and calls the
    /// backend does not serve, are not counted.
    pub count: u64,
}

/// Snapshot of which backend served how many calls of each routine.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Provenance {
    /// Non-zero counters.
    pub entries: Vec<ProvenanceEntry>,
}

impl Provenance {
    /// Calls of `routine` on `kind` served by `backend`.
    pub fn count(&self, backend: &str, routine: Routine, kind: ScalarKind) -> u64 {
        self.entries
            .iter()
            .filter(|e| e.backend == backend && e.routine == routine && e.kind == kind)
            .map(|e| e.count)
            .sum()
    }
    /// All calls served by `backend`.
    pub fn total(&self, backend: &str) -> u64 {
        self.entries
            .iter()
            .filter(|e| e.backend == backend)
            .map(|e| e.count)
            .sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_exact_per_thread_and_summed() {
        let c = Counters::new();
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for _ in 0..1000 {
                        c.record(Routine::Gemm, ScalarKind::F64);
                    }
                });
            }
        });
        let other = Counters::new();
        other.record(Routine::Gemm, ScalarKind::F64);
        c.record(Routine::Potrf, ScalarKind::C32);
        let p = c.snapshot("b", "l");
        assert_eq!(p.count("b", Routine::Gemm, ScalarKind::F64), 4000);
        assert_eq!(p.count("l", Routine::Potrf, ScalarKind::C32), 1);
        assert_eq!(other.snapshot("b", "l").total("b"), 1);
        c.reset();
        assert_eq!(c.snapshot("b", "l").entries, vec![]);
    }

    #[test]
    fn names_follow_blas() {
        assert_eq!(Routine::Gemm.blas_name(ScalarKind::F64), "dgemm");
        assert_eq!(Routine::Herk.blas_name(ScalarKind::F32), "ssyrk");
        assert_eq!(Routine::Herk.blas_name(ScalarKind::C64), "zherk");
        assert_eq!(Routine::Ungqr.blas_name(ScalarKind::F64), "dorgqr");
    }
}
