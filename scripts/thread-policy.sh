#!/usr/bin/env bash
# The built-in size policy against one thread (issue: threads by problem
# size): gemm, gemv, dot, potrf and getrf at n = 4 ... 2048 on every backend
# that loads, at 1 thread and at every core (the default count, which the
# policy caps for small problems); then, per backend, the worst ratio of the
# default's time to one thread's. The two counts of a case are timed in
# alternation, sample by sample (`--alternate`), over two rounds of every
# backend's worker (`--rounds 2`), and each is its fastest sample: a shared
# machine's slow spells then fall on both counts alike. Goal: never above
# 1.05.
#
#   bash scripts/thread-policy.sh [extra linmux bench options, e.g. --backends blis]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p linmux-cli
bin="${CARGO_TARGET_DIR:-target}/release/linmux"
cores=$(nproc)
out=$(mktemp)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
LINMUX_PROFILE=/nonexistent "$bin" bench --ops gemm,gemv,dot,potrf,getrf \
    --sizes 4,8,16,32,64,128,256,512,1024,2048 --threads "1,$cores" \
    --reps 9 --budget 0.5 --alternate --rounds 2 --no-progress --csv "$@" > "$out"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out" "$cores" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
cores = sys.argv[2]
t = {}
for r in rows:
    t[(r["backend"], r["op"], int(r["n"]), r["threads"])] = float(r["min_s"])
backends = sorted({k[0] for k in t}, key=lambda b: [r["backend"] for r in rows].index(b))
print(f"\n| backend | worst default ({cores} threads) / 1 thread | at | ratios > 1.05 |")
print("|---|---:|---|---|")
for b in backends:
    ratios = []
    for (bb, op, n, th), v in t.items():
        if bb == b and th == cores and (b, op, n, "1") in t:
            ratios.append((v / t[(b, op, n, "1")], op, n))
    if not ratios:
        print(f"| {b} | — (one thread only) | | |")
        continue
    worst = max(ratios)
    over = ", ".join(f"{op} {n}: {r:.2f}" for r, op, n in sorted(ratios, reverse=True) if r > 1.05)
    print(f"| {b} | {worst[0]:.3f} | {worst[1]} {worst[2]} | {over or 'none'} |")
print("\nper case (seconds, 1 thread → default):")
for b in backends:
    for op in ["gemm", "gemv", "dot", "potrf", "getrf"]:
        cells = []
        for n in [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048]:
            a, d = t.get((b, op, n, "1")), t.get((b, op, n, cores))
            if a and d:
                cells.append(f"{n}:{d / a:.2f}")
        if cells:
            print(f"  {b:<10} {op:<6} " + " ".join(cells))
PY
rm -f "$out"
