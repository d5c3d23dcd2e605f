#!/usr/bin/env bash
# Installs the vendor BLAS/LAPACK libraries linmux's run-time backends load.
# Idempotent: skips what is already present.
#
#   Debian packages: OpenBLAS (pthread, openmp, serial, and the ILP64 build),
#                    BLIS, Netlib BLAS + LAPACK (the reference), FFTW3 (the
#                    fftw FFT provider: libfftw3.so.3, libfftw3f.so.3, _threads);
#                    pkg-config, CMake and GSL for the C client tests.
#   PyPI:            the `mkl` wheel into <repo>/.vendor/mkl, and the
#                    `scipy-openblas64` wheel (OpenBLAS with `scipy_`-prefixed,
#                    `64_`-suffixed names, the build inside NumPy's wheels;
#                    pinned: the tests check what it reports) into
#                    <repo>/.vendor/scipy-openblas64 (both git-ignored).
#
# Environment: LINMUX_SKIP_APT=1 / LINMUX_SKIP_MKL=1 / LINMUX_SKIP_SCIPY_OPENBLAS=1
#              skip a part;
#              LINMUX_VENDOR_DIR overrides <repo>/.vendor.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
vendor_dir="${LINMUX_VENDOR_DIR:-$repo/.vendor}"

debs=(libopenblas-dev libopenblas0-pthread libopenblas0-openmp libopenblas0-serial
      libopenblas64-0-pthread libblis-dev liblapack-dev libblas-dev libfftw3-dev
      # the C ABI's tests: pkg-config and CMake clients, the GSL examples
      pkg-config cmake libgsl-dev)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); fi
fi

if [ "${LINMUX_SKIP_APT:-0}" != 1 ]; then
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "install-backends: no apt-get; install OpenBLAS, BLIS and Netlib BLAS/LAPACK by hand" >&2
    else
        missing=()
        for p in "${debs[@]}"; do
            if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
                missing+=("$p")
            fi
        done
        if [ "${#missing[@]}" -gt 0 ]; then
            echo "install-backends: installing ${missing[*]}"
            # `apt-get update` only when the package lists do not know a package.
            if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
                "${sudo_cmd[@]}" apt-get update -q
            fi
            DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}"
        else
            echo "install-backends: Debian packages already installed"
        fi
    fi
fi

# pip_into DIR WHEEL PIP-ARGS...: installs a PyPI wheel with python3's pip
# (`pip install PIP-ARGS...` after creating DIR); no python3 is an error
# naming WHEEL.
pip_into() {
    local dir="$1" wheel="$2"
    shift 2
    local py
    py="$(command -v python3 || command -v python || true)"
    if [ -z "$py" ]; then
        echo "install-backends: no python3; cannot install the PyPI $wheel wheel" >&2
        exit 1
    fi
    mkdir -p "$dir"
    "$py" -m pip install --disable-pip-version-check --no-warn-script-location "$@"
}

if [ "${LINMUX_SKIP_MKL:-0}" != 1 ]; then
    mkl_dir="$vendor_dir/mkl"
    if ls "$mkl_dir"/lib/libmkl_rt.so.* >/dev/null 2>&1; then
        echo "install-backends: MKL already in $mkl_dir"
    else
        # The wheel puts its shared libraries under <target>/../../lib relative
        # to site-packages' data dir; with --prefix they land in <prefix>/lib.
        pip_into "$mkl_dir" mkl --ignore-installed --prefix "$mkl_dir" mkl
    fi
fi

if [ "${LINMUX_SKIP_SCIPY_OPENBLAS:-0}" != 1 ]; then
    sob_dir="$vendor_dir/scipy-openblas64"
    sob_version=0.3.34.481.3
    if [ -e "$sob_dir/scipy_openblas64-$sob_version.dist-info/METADATA" ] &&
        [ -e "$sob_dir/scipy_openblas64/lib/libscipy_openblas64_.so" ]; then
        echo "install-backends: scipy-openblas64 already in $sob_dir"
    else
        pip_into "$sob_dir" scipy-openblas64 \
            --no-deps --upgrade --target "$sob_dir" "scipy-openblas64==$sob_version"
    fi
fi

echo "install-backends: libraries found:"
for f in /usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0 \
         /usr/lib/x86_64-linux-gnu/openblas-openmp/libopenblas.so.0 \
         /usr/lib/x86_64-linux-gnu/openblas-serial/libopenblas.so.0 \
         /usr/lib/x86_64-linux-gnu/openblas64-pthread/libopenblas64.so.0 \
         /usr/lib/x86_64-linux-gnu/libblis.so.4 \
         /usr/lib/x86_64-linux-gnu/blas/libblas.so.3 \
         /usr/lib/x86_64-linux-gnu/lapack/liblapack.so.3; do
    if [ -e "$f" ]; then echo "  $f"; fi
done
if [ "${LINMUX_SKIP_MKL:-0}" != 1 ]; then
    find "$vendor_dir/mkl" -name 'libmkl_rt.so*' -printf '  %p\n' 2>/dev/null || true
fi
if [ -e "$vendor_dir/scipy-openblas64/scipy_openblas64/lib/libscipy_openblas64_.so" ]; then
    echo "  $vendor_dir/scipy-openblas64/scipy_openblas64/lib/libscipy_openblas64_.so"
fi
