#!/usr/bin/env bash
# The whole test suite: installs the vendor libraries the tests need
# (idempotent), then runs every test. Used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-backends.sh

# Backends every conformance test must run on; a missing one fails the run.
export LINMUX_REQUIRE_BACKENDS="${LINMUX_REQUIRE_BACKENDS:-faer,openblas,openblas64,mkl,blis,reference}"
# FFT providers every FFT test must run on; a missing one fails the run.
export LINMUX_REQUIRE_FFT="${LINMUX_REQUIRE_FFT:-rustfft,fftw,mkl}"
# No tuning profile: `auto` must mean the built-in order here (a profile in
# the user's config directory would make it route). Tests that need a
# profile write their own.
export LINMUX_PROFILE="${LINMUX_PROFILE:-$PWD/target/no-such-profile.json}"
# OpenBLAS under SciPy's symbol prefix (the PyPI scipy-openblas64 wheel,
# installed above): held to the conformance suite by
# backends/openblas/tests/scipy_openblas.rs; empty (a failure there) if the
# install did not put it in place.
if [ "${LINMUX_SKIP_SCIPY_OPENBLAS:-0}" != 1 ]; then
    vendor_dir="${LINMUX_VENDOR_DIR:-$PWD/.vendor}"
    sob="$vendor_dir/scipy-openblas64/scipy_openblas64/lib/libscipy_openblas64_.so"
    export LINMUX_SCIPY_OPENBLAS64_LIB="${LINMUX_SCIPY_OPENBLAS64_LIB:-$([ -e "$sob" ] && echo "$sob")}"
fi
# Property tests: fixed seeds, modest case counts (raise for deeper runs).
export PROPTEST_CASES="${PROPTEST_CASES:-24}"

echo "== linmux tests (required backends: $LINMUX_REQUIRE_BACKENDS; FFT providers: $LINMUX_REQUIRE_FFT)"
cargo run -q -p linmux-cli -- info
cargo test --workspace --no-fail-fast
# The NumPy-like layer's unit tests (crates/linmux/src/linalg) on every
# other required backend (they run on faer above).
for backend in ${LINMUX_REQUIRE_BACKENDS//,/ }; do
    [ "$backend" = faer ] && continue
    echo "== linalg on $backend"
    LINMUX_LINALG_TEST_BACKEND="$backend" cargo test -q -p linmux --lib linalg::
done
