#!/usr/bin/env bash
# The per-call cost of liblinmux's cblas_dgemm against the same vendor's
# cblas_dgemm called directly, measured from C (tests/c/bench_cblas_dgemm.c):
# wall time per call, and instructions per call under callgrind (only the
# calls' loop counted; 1000 and 3000 calls, the difference over 2000).
#
#   cargo build --release -p linmux-ffi
#   bash scripts/bench-c-overhead.sh [backend ...]     # default: openblas mkl
#
# One thread (LINMUX_NUM_THREADS=1 and the vendor's variables). The library
# is taken from ${CARGO_TARGET_DIR:-target}/release. Skip the callgrind part
# with NO_CALLGRIND=1, the timing with NO_TIMING=1.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
lib=$(cd "${CARGO_TARGET_DIR:-$root/target}/release" && pwd)
[ -e "$lib/liblinmux.so" ] || { echo "no $lib/liblinmux.so: cargo build --release -p linmux-ffi" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ln -s "$lib/liblinmux.so" "$work/liblinmux.so"
ln -s "$lib/liblinmux.so" "$work/liblinmux.so.0"
cc -std=c99 -O2 -Wall -Wextra -Werror -pedantic -I"$root/include" \
    "$root/tests/c/bench_cblas_dgemm.c" -o "$work/bench" \
    -L"$work" -Wl,-rpath,"$work" -llinmux -ldl

export LINMUX_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 OMP_NUM_THREADS=1

# Instructions of `bench count WHICH N CALLS` under callgrind.
instructions() {
    valgrind --tool=callgrind --toggle-collect=run_calls --callgrind-out-file="$work/cg.out" "$work/bench" count "$@" >/dev/null 2>"$work/cg.err" ||
        { cat "$work/cg.err" >&2; exit 1; }
    sed -n 's/^==[0-9]*== Collected : //p' "$work/cg.err"
}

backends=("$@")
[ ${#backends[@]} -gt 0 ] || backends=(openblas mkl)
echo "CPU: $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1), $(nproc --all) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for b in "${backends[@]}"; do
    export LINMUX_BACKEND=$b
    echo "== $b"
    if [ -z "${NO_CALLGRIND:-}" ]; then
        for n in 4 64; do
            line="n = $n, instructions per call (callgrind, 3000 - 1000 calls):"
            for which in vendor linmux; do
                lo=$(instructions "$which" "$n" 1000)
                hi=$(instructions "$which" "$n" 3000)
                per=$(( (hi - lo) / 2000 ))
                eval "per_$which=$per"
                line="$line $which $per"
            done
            # shellcheck disable=SC2154 # set by the eval above
            echo "$line, linmux +$((per_linmux - per_vendor))"
        done
    fi
    if [ -z "${NO_TIMING:-}" ]; then
        "$work/bench" 2>/dev/null
    fi
done
