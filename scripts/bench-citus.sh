#!/usr/bin/env bash
# Citus against plain PostgreSQL, in the same run on this machine (issue 15;
# docs/SCALING.md, docs/BENCHMARKS.md "Citus against plain PostgreSQL"), on
# the private cluster (scripts/db.sh) and on the Citus coordinator with two
# workers (scripts/citus.sh):
#
# 1. The database side of two tenant calls, driven by pgbench -M extended
#    (unnamed statements with bound parameters, as attrd's libpq
#    PQexecParams sends them) with the statements attrd sends
#    (scripts/bench-citus/*.sql), in BENCH_ROUNDS rounds that alternate the
#    two databases:
#      ingest   one IngestPixelEvents call of 1000 events (one transaction);
#      metrics  one QueryMetrics call by channel: the period and the previous one.
#    Citus's statement statistics are off while timing (scripts/citus.sh
#    statement-stats off; back on at exit): the plain cluster keeps none.
# 2. Each call once more on Citus with citus.multi_task_query_log_level =
#    error: it fails if any of its statements does not route to one shard.
# 3. The whole QueryMetrics call through attrd (mutual TLS, the RPC path, the
#    pool): CitusCallBenchmarks, an opt-in ServicesTests suite (a debug build,
#    as swift test builds it), an attrd on each database in alternating rounds.
#
#   BENCH_DURATION  seconds per pgbench run (default 10)   BENCH_CLIENTS  connections (default 1)
#   BENCH_ROUNDS    rounds (default 3)                     BENCH_CALLS    pgbench calls (default "ingest metrics")
#   BENCH_WHOLE_CALL=0  skip part 3
#
# Needs both databases migrated (make test and make test-citus do it) and
# Citus installed; it fails, never skips, without it. Opt-in: make bench does
# not run it (three nodes and attrd's peers would share the two cores).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-10}
CLIENTS=${BENCH_CLIENTS:-1}
ROUNDS=${BENCH_ROUNDS:-3}
CALLS=${BENCH_CALLS:-ingest metrics}
TENANT=00000000-0000-4000-8000-0000000c1705
SQL=$ROOT/scripts/bench-citus
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
log() { echo "bench-citus: $*" >&2; }

scripts/citus.sh check
scripts/db.sh start
scripts/citus.sh start
PLAIN_URL=$(bash -c 'eval "$(scripts/db.sh env)"; echo "$ATTRD_DATABASE_URL"')
CITUS_URL=$(bash -c 'eval "$(scripts/citus.sh env)"; echo "$ATTRD_DATABASE_URL"')

migrated() { # url
  "$PG_BIN/psql" "$1" -X -At -c "SELECT to_regproc('app_distribute_tables') IS NOT NULL" 2>/dev/null | grep -qx t
}
migrated "$PLAIN_URL" || { log "the private PostgreSQL is not migrated (no app_distribute_tables()) (make test, or start attrd once)"; exit 1; }
migrated "$CITUS_URL" || { log "the Citus cluster is not migrated (no app_distribute_tables()) (make test-citus)"; exit 1; }

# The bench tenant: its row, and 60 days x 5 channels of daily roll-up.
seed() { # url
  "$PG_BIN/psql" "$1" -X -q -v ON_ERROR_STOP=1 <<SQL
BEGIN;
SET LOCAL app.tenant_id TO '$TENANT';
INSERT INTO tenants (id, name) VALUES ('$TENANT', 'bench-citus') ON CONFLICT (id) DO NOTHING RETURNING id;
DELETE FROM pixel_events WHERE tenant_id = '$TENANT';
INSERT INTO attribution_daily_metrics (tenant_id, day, model, attribution_window, channel, campaign,
    conversions, revenue_minor, spend_minor, currency)
SELECT '$TENANT', current_date - d, 'linear', '30d', c, '', 3.5, 12345, 2000, 'EUR'
FROM generate_series(0, 59) AS d, unnest(ARRAY['meta', 'google', 'tiktok', 'email', 'organic']) AS c
ON CONFLICT DO NOTHING RETURNING 1;
COMMIT;
SQL
}
cleanup() { # url
  "$PG_BIN/psql" "$1" -X -q -v ON_ERROR_STOP=1 >/dev/null <<SQL || log "could not delete the bench tenant $TENANT"
BEGIN;
SET LOCAL app.tenant_id TO '$TENANT';
DELETE FROM tenants WHERE id = '$TENANT';
COMMIT;
SQL
}

# The metrics call's parameters: 30 days to today and the 30 before (the seeded days).
read -r FIRST LAST PREVIOUS_FIRST PREVIOUS_LAST < <("$PG_BIN/psql" "$PLAIN_URL" -X -At -F ' ' \
  -c "SELECT current_date - 29, current_date, current_date - 59, current_date - 30")
VARIABLES=(-D "tenant=$TENANT" -D model=linear -D window=30d -D 'channels={}' -D "first=$FIRST" -D "last=$LAST"
  -D "previous_first=$PREVIOUS_FIRST" -D "previous_last=$PREVIOUS_LAST")
pgbench() { # url script [pgbench args]
  local url=$1 script=$2
  shift 2
  "$PG_BIN/pgbench" -n -M extended "${VARIABLES[@]}" "$@" -f "$SQL/$script.sql" "$url"
}

run() { # label url script round
  local out tps latency
  out=$(pgbench "$2" "$3" -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" 2>&1) \
    || { log "pgbench $1 $3 failed:"; echo "$out" >&2; exit 1; }
  tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
  latency=$(echo "$out" | sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p')
  printf '{"bench":"citus","round":%s,"database":"%s","call":"%s","clients":%s,"seconds":%s,"calls_per_second":%s,"ms_per_call":%s,"load":"%s"}\n' \
    "$4" "$1" "$3" "$CLIENTS" "$DURATION" "$tps" "$latency" "$(cut -d' ' -f1 /proc/loadavg)"
}

seed "$PLAIN_URL" >/dev/null
seed "$CITUS_URL" >/dev/null
scripts/citus.sh statement-stats off
trap 'cleanup "$PLAIN_URL"; cleanup "$CITUS_URL"; scripts/citus.sh statement-stats on' EXIT
for round in $(seq 1 "$ROUNDS"); do
  for call in $CALLS; do
    run postgresql "$PLAIN_URL" "$call" "$round"
    run citus "$CITUS_URL" "$call" "$round"
  done
done

# Every statement of each call on one shard: any multi-shard statement is an error here.
for call in $CALLS; do
  if PGOPTIONS='-c citus.multi_task_query_log_level=error' pgbench "$CITUS_URL" "$call" -c 1 -t 1 >/dev/null 2>&1; then
    printf '{"bench":"citus","call":"%s","multi_shard_statements":0}\n' "$call"
  else
    log "$call: a statement ran on more than one shard:"
    PGOPTIONS='-c citus.multi_task_query_log_level=error' pgbench "$CITUS_URL" "$call" -c 1 -t 1 >&2 || true
    exit 1
  fi
done

# The whole QueryMetrics call through an attrd on each database (its own tenant and rows).
if [ "${BENCH_WHOLE_CALL:-1}" != 0 ]; then
  swift build --build-tests >&2
  (eval "$(scripts/db.sh env)"
   ATTR_TEST_REQUIRE_ALL=1 ATTR_DEV_PKI_DIR=$ROOT/certs/dev ATTR_CITUS_CALL_BENCH=1 ATTR_BENCH_CITUS_DATABASE_URL=$CITUS_URL \
     swift test --skip-build --filter CitusCallBenchmarks 2>&1) | tee "$ROOT/.data/bench-citus-call.log" | grep '^citus-call-bench' \
    || { log "the whole-call benchmark failed (.data/bench-citus-call.log)"; exit 1; }
  grep -q 'passed after' "$ROOT/.data/bench-citus-call.log" || { log "the whole-call benchmark failed (.data/bench-citus-call.log)"; exit 1; }
fi
