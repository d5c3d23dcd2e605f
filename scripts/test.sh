#!/usr/bin/env bash
# The whole test suite: installs what the tests need, then runs every test.
# Safe to run repeatedly; used by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Backends the conformance tests must find; a missing one fails the run.
export LINMUX_REQUIRE_BACKENDS="${LINMUX_REQUIRE_BACKENDS:-faer}"
# Property tests: fixed seeds, modest case counts (override for deeper runs).
export PROPTEST_CASES="${PROPTEST_CASES:-24}"

echo "== linmux tests (required backends: $LINMUX_REQUIRE_BACKENDS)"
cargo test --workspace --no-fail-fast
