#!/usr/bin/env bash
# NumPy's classic vendor suite (gemm 4096, dot 524288, thin svd 2048x1024,
# cholesky 2048, eig 2048, eigh 2048; f64) at a fixed thread count, through
# `linmux bench` on the given backends (default: tuned and openblas), and
# through NumPy (pip's wheel, threads pinned with threadpoolctl) before and
# after it in the same run; prints per-operation time ratios linmux / NumPy
# (NumPy's faster median of the two) and their geometric mean, per backend.
#
#   bash scripts/suite-vs-numpy.sh [THREADS] [BACKENDS]
#
# `tuned` needs a profile (`linmux tune`, or LINMUX_PROFILE). NumPy and
# threadpoolctl come from python3 if it has them; otherwise from PyPI into a
# virtual environment created once: $LINMUX_NUMPY_VENV, default
# $CARGO_TARGET_DIR/numpy-venv (or target/).
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-$(nproc)}"
backends="${2:-tuned,openblas}"
cargo build -q --release -p linmux-cli
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/linmux"

py=python3
if ! "$py" -c 'import numpy, threadpoolctl' 2>/dev/null; then
    venv="${LINMUX_NUMPY_VENV:-$target/numpy-venv}"
    [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
    "$venv/bin/python" -c 'import numpy, threadpoolctl' 2>/dev/null ||
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check numpy threadpoolctl
    py="$venv/bin/python"
fi

out=$(mktemp -d)
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# NumPy's side runs before and after linmux's, and each operation takes
# the faster of its two medians: a slow spell of this shared machine then
# cannot fall on NumPy alone.
numpy_suite() {
"$py" - "$threads" <<'PY'
import json, sys, time
import numpy as np
from threadpoolctl import threadpool_limits, threadpool_info
threads = int(sys.argv[1])
rng = np.random.default_rng(0)
def spd(n):
    g = rng.random((n, n)) * 2 - 1
    return (g + g.T) / 2 + n * np.eye(n)
def sym(n):
    g = rng.random((n, n)) * 2 - 1
    return (g + g.T) / 2
a, b = rng.random((4096, 4096)), rng.random((4096, 4096))
x, y = rng.random(524288), rng.random(524288)
s = rng.random((2048, 1024))
c, e, h = spd(2048), rng.random((2048, 2048)), sym(2048)
ops = {
    "gemm": lambda: a @ b,
    "dot": lambda: np.dot(x, y),
    "svd": lambda: np.linalg.svd(s, full_matrices=False),
    "cholesky": lambda: np.linalg.cholesky(c),
    "eig": lambda: np.linalg.eig(e),
    "eigh": lambda: np.linalg.eigh(h),
}
res = {}
with threadpool_limits(limits=threads):
    info = [{k: p.get(k) for k in ("internal_api", "version", "num_threads")} for p in threadpool_info()]
    for name, f in ops.items():
        f()
        reps = 200 if name == "dot" else 3
        ts = []
        for _ in range(reps):
            t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
        ts.sort()
        res[name] = ts[len(ts) // 2]
print(json.dumps({"numpy": np.__version__, "pools": info, "median_s": res}))
PY
}
numpy_suite > "$out/numpy1.json"
# As many timed samples as NumPy's side above: 3, and 200 for the 60 µs dot
# (three samples of a call that short are mostly noise). A linmux sample of
# the dot is the mean of a batch of calls (bench batches calls shorter than
# its minimum sample); NumPy's are single calls. Each side's median is
# compared, and NumPy's is the faster of its two runs.
"$bin" bench --backends "$backends" --threads "$threads" --ops gemm,svd,cholesky,eig,eigh --reps 3 --no-progress --json > "$out/linmux.json"
"$bin" bench --backends "$backends" --threads "$threads" --ops dot --reps 200 --no-progress --json > "$out/dot.json"
numpy_suite > "$out/numpy2.json"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$out/linmux.json" "$out/numpy1.json" "$threads" "$out/dot.json" "$out/numpy2.json" <<'PY'
import json, math, sys, statistics
lm = json.load(open(sys.argv[1])); npy = json.load(open(sys.argv[2])); threads = int(sys.argv[3])
lm["results"] += json.load(open(sys.argv[4]))["results"]
again = json.load(open(sys.argv[5]))["median_s"]
npy["median_s"] = {o: min(t, again[o]) for o, t in npy["median_s"].items()}
print(f"NumPy {npy['numpy']}, pools {npy['pools']}, {threads} thread(s)")
t = {}
for r in lm["results"]:
    if r["threads"] == threads:
        t[(r["backend"], r["op"])] = r["median_s"]
ops = ["gemm", "dot", "svd", "cholesky", "eig", "eigh"]
print("| backend | " + " | ".join(ops) + " | geomean |")
print("|---|" + "---:|" * (len(ops) + 1))
print("| NumPy (s) | " + " | ".join(f"{npy['median_s'][o]:.4g}" for o in ops) + " | |")
for b in sorted({k[0] for k in t}):
    rs = [t[(b, o)] / npy["median_s"][o] for o in ops if (b, o) in t]
    g = math.exp(sum(map(math.log, rs)) / len(rs)) if rs else float("nan")
    print(f"| {b} (ratio) | " + " | ".join(f"{t[(b, o)] / npy['median_s'][o]:.2f}" if (b, o) in t else "—" for o in ops) + f" | {g:.3f} |")
PY
rm -rf "$out"
