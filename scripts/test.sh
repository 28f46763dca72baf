#!/usr/bin/env bash
# `make test`: every test, against the private database and the dev PKI.
# ATTR_TEST_REQUIRE_ALL=1 makes tests that need them run (and fail) rather than skip.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
eval "$(scripts/db.sh env)"
export ATTR_TEST_REQUIRE_ALL=1
export ATTR_DEV_PKI_DIR=$ROOT/certs/dev

swift build --build-tests
swift test --skip-build
