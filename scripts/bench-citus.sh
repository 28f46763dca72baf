#!/usr/bin/env bash
# Citus against plain PostgreSQL, in the same run on this machine (issue 15;
# docs/SCALING.md, docs/BENCHMARKS.md "Citus"): the database cost of two
# tenant calls, driven by pgbench with the statements attrd sends
# (scripts/bench-citus/*.sql), on the private cluster (scripts/db.sh) and on
# the Citus coordinator with two workers (scripts/citus.sh):
#   ingest   one IngestPixelEvents call of 1000 events (one transaction);
#   metrics  one dashboard-style metrics read (the period and the previous one).
# Then each call once more on Citus with citus.multi_task_query_log_level =
# error: it fails if any of its statements does not route to one shard.
#
#   BENCH_DURATION  seconds per scenario (default 10)   BENCH_CLIENTS  connections (default 1)
#
# Needs both databases migrated (make test and make test-citus do it) and
# Citus installed; it fails, never skips, without it. Opt-in: make bench does
# not run it (three nodes and attrd's peers would share the two cores).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
DURATION=${BENCH_DURATION:-10}
CLIENTS=${BENCH_CLIENTS:-1}
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

run() { # label url script
  local out tps latency
  out=$("$PG_BIN/pgbench" -n -c "$CLIENTS" -j "$CLIENTS" -T "$DURATION" -f "$SQL/$3.sql" "$2" 2>&1) \
    || { log "pgbench $1 $3 failed:"; echo "$out" >&2; exit 1; }
  tps=$(echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1)
  latency=$(echo "$out" | sed -n 's/^latency average = \([0-9.]*\) ms.*/\1/p')
  printf '{"bench":"citus","database":"%s","call":"%s","clients":%s,"seconds":%s,"calls_per_second":%s,"ms_per_call":%s}\n' \
    "$1" "$3" "$CLIENTS" "$DURATION" "$tps" "$latency"
}

seed "$PLAIN_URL" >/dev/null
seed "$CITUS_URL" >/dev/null
trap 'cleanup "$PLAIN_URL"; cleanup "$CITUS_URL"' EXIT
for call in ingest metrics; do
  run postgresql "$PLAIN_URL" "$call"
  run citus "$CITUS_URL" "$call"
done

# Every statement of each call on one shard: any multi-shard statement is an error here.
for call in ingest metrics; do
  if PGOPTIONS='-c citus.multi_task_query_log_level=error' \
      "$PG_BIN/pgbench" -n -c 1 -t 1 -f "$SQL/$call.sql" "$CITUS_URL" >/dev/null 2>&1; then
    printf '{"bench":"citus","call":"%s","multi_shard_statements":0}\n' "$call"
  else
    log "$call: a statement ran on more than one shard:"
    PGOPTIONS='-c citus.multi_task_query_log_level=error' "$PG_BIN/pgbench" -n -c 1 -t 1 -f "$SQL/$call.sql" "$CITUS_URL" >&2 || true
    exit 1
  fi
done
