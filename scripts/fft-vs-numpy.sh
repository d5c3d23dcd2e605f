#!/usr/bin/env bash
# fft2 of ten 1024x1024 images on every FFT provider at 1 and 2 threads
# (`linmux bench`), then NumPy's np.fft.fft2 on the same images' shape in
# the same run, with the load average before and after; then cdist
# 5000x50 per BLAS backend.
#
# NumPy comes from python3 if it has it; otherwise it is installed from
# PyPI into a virtual environment (created once, reused afterwards):
# $LINMUX_NUMPY_VENV, default $CARGO_TARGET_DIR/numpy-venv (or target/).
#
#   bash scripts/fft-vs-numpy.sh [extra linmux bench options]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p linmux-cli
target="${CARGO_TARGET_DIR:-target}"
bin="$target/release/linmux"

py=python3
if ! "$py" -c 'import numpy' 2>/dev/null; then
    venv="${LINMUX_NUMPY_VENV:-$target/numpy-venv}"
    if [ ! -x "$venv/bin/python" ]; then
        python3 -m venv "$venv"
    fi
    if ! "$venv/bin/python" -c 'import numpy' 2>/dev/null; then
        "$venv/bin/python" -m pip install --quiet --disable-pip-version-check numpy
    fi
    py="$venv/bin/python"
fi

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" bench --backends faer --ops fft2-rustfft,fft2-fftw,fft2-mkl --threads 1,2 --no-progress "$@"
"$py" - <<'PY'
import os, time
import numpy as np
rng = np.random.default_rng(0)
imgs = [rng.random((1024, 1024)).astype(np.complex128) for _ in range(10)]
np.fft.fft2(imgs[0])
ts = []
for _ in range(5):
    t = time.perf_counter()
    for im in imgs:
        np.fft.fft2(im)
    ts.append(time.perf_counter() - t)
ts.sort()
print(f"numpy {np.__version__} np.fft.fft2, ten 1024x1024 complex128 images: "
      f"median {ts[2]*1e3:.0f} ms (min {ts[0]*1e3:.0f}, max {ts[-1]*1e3:.0f}); "
      f"pocketfft, single-threaded; load {os.getloadavg()[0]:.2f}")
PY
"$bin" bench --ops cdist --threads 1,2 --no-progress "$@"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
