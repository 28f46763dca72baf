#!/usr/bin/env bash
# `make test`: every test, against the private database and the dev PKI.
# ATTR_TEST_REQUIRE_ALL=1 makes tests that need them run (and fail) rather than skip.
# After the Swift tests: the proto compatibility check, the check that the
# committed generated code matches proto/, and the C contract client against
# a live attrd. Every step runs; any failure fails the run.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
eval "$(scripts/db.sh env)"
export ATTR_TEST_REQUIRE_ALL=1
export ATTR_DEV_PKI_DIR=$ROOT/certs/dev

swift build --build-tests
status=0
# Three runs, each parallel inside: the runtime and storage tests (some
# measure time), then the product and integration tests (each starts servers:
# attrd in-process, sshd, moto, aiosmtpd), then the tests that bound the
# process's memory growth on their own (beside others, other tests'
# allocations would count as theirs). On 2 cores this keeps timing tests away
# from the heaviest load.
PRODUCT_TESTS='ServicesTests|IntegrationsTests'
MEMORY_TESTS='aMillionRowsInAndOutInBoundedMemory|concurrentLargeUnaryOnOneConnection'
swift test --skip-build --skip "$PRODUCT_TESTS|$MEMORY_TESTS" || { status=$?; echo "test: swift test failed ($status)" >&2; }
swift test --skip-build --filter "$PRODUCT_TESTS" || { status=$?; echo "test: product tests failed ($status)" >&2; }
swift test --skip-build --filter "$MEMORY_TESTS" || { status=$?; echo "test: memory-bound tests failed ($status)" >&2; }
make -s proto-check || { status=1; echo "test: proto compatibility check failed" >&2; }
scripts/generate-protos.sh --check || { status=1; echo "test: generated code is stale or a .proto does not compile" >&2; }
scripts/contract-test.sh || { status=1; echo "test: contract tests failed" >&2; }
exit "$status"
