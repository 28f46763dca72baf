#!/usr/bin/env bash
# `make test-citus`: the storage suites, the service suites (with the job
# queue's and the attribution store's) and the C contract client against the
# private Citus cluster (scripts/citus.sh: a coordinator and two workers),
# the schema distributed by attrd's own migrations. Not part of `make test`.
# Without Citus it fails (scripts/citus.sh says how to get it): it never skips.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
scripts/citus.sh check
scripts/citus.sh start
eval "$(scripts/citus.sh env)"
export ATTR_TEST_REQUIRE_ALL=1
export ATTR_TEST_CITUS=1
export ATTR_DEV_PKI_DIR=$ROOT/certs/dev

swift build --build-tests
status=0
# As scripts/test.sh: the storage suites (with CitusDistributionTests), then
# the product suites, then the tests that bound memory growth, alone.
MEMORY_TESTS='aMillionRowsInAndOutInBoundedMemory|concurrentLargeUnaryOnOneConnection'
swift test --skip-build --filter 'StorageTests|AttributionStoreTests|JobsTests' --skip "$MEMORY_TESTS" \
  || { status=$?; echo "test-citus: storage suites failed ($status)" >&2; }
swift test --skip-build --filter 'ServicesTests' --skip "$MEMORY_TESTS" \
  || { status=$?; echo "test-citus: service suites failed ($status)" >&2; }
swift test --skip-build --filter "$MEMORY_TESTS" \
  || { status=$?; echo "test-citus: memory-bound tests failed ($status)" >&2; }
scripts/contract-test.sh || { status=1; echo "test-citus: contract tests failed" >&2; }
# Every table with tenant_id ended distributed (the migrator ran against the coordinator).
undistributed=$(scripts/citus.sh psql -At -c "
  SELECT string_agg(c.relname, ', ') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
  WHERE c.relkind IN ('r', 'p') AND NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.oid AND p.partmethod = 'h')")
if [ -n "$undistributed" ]; then
  status=1; echo "test-citus: tables with tenant_id not distributed: $undistributed" >&2
fi
exit "$status"
