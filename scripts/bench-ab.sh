#!/usr/bin/env bash
# A/B of attrd's unary path: the release attrd of this tree against the
# release attrd of another revision, alternating runs of the same client
# (attrbench unary, 1 connection, 32 in flight) so that both see the same
# machine. Reports server CPU per call and QPS of each run.
#
#   scripts/bench-ab.sh REV [ROUNDS]     (default 3 rounds; PAYLOAD=32)
#
# REV is built in .build-ab/REV (a git worktree, release, once). The other
# revision's attrd migrates a database of its own (attribution_ab), so the
# two schemas never meet. Needs `make bench` to have built attrbench.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
REV=${1:?usage: scripts/bench-ab.sh REV [ROUNDS]}
ROUNDS=${2:-3}
eval "$(scripts/db.sh env)"
PKI=$ROOT/certs/dev
BENCH=$ROOT/Benchmarks/.build/release/attrbench
[ -x "$BENCH" ] || { echo "bench-ab: $BENCH not built (make bench builds it)" >&2; exit 1; }
log() { echo "bench-ab: $*" >&2; }

OTHER=$ROOT/.build-ab/$REV
if [ ! -x "$OTHER/.build/release/attrd" ]; then
  [ -d "$OTHER" ] || git worktree add --detach "$OTHER" "$REV" >/dev/null
  log "building attrd at $REV (release)"
  (cd "$OTHER" && swift build -c release --product attrd >/dev/null)
fi
log "building attrd here (release)"
swift build -c release --product attrd >/dev/null

scripts/db.sh psql -q -c "CREATE DATABASE attribution_ab OWNER attr_owner" 2>/dev/null || true
scripts/db.sh psql -q -d attribution_ab -c "REVOKE ALL ON DATABASE attribution_ab FROM PUBLIC;
  GRANT CONNECT, TEMPORARY ON DATABASE attribution_ab TO attr_app;
  REVOKE CREATE ON SCHEMA public FROM PUBLIC; ALTER SCHEMA public OWNER TO attr_owner; GRANT USAGE ON SCHEMA public TO attr_app;"

run() { # label binary [attrd args]
  local label=$1 binary=$2 log=$ROOT/.build-ab/$1.log port= pid
  shift 2
  "$binary" --listen 127.0.0.1:0 --cert "$PKI/server.crt" --key "$PKI/server.key" --ca "$PKI/ca.crt" \
    --crl "$PKI/ca.crl" --enable-interop-service true --log-level notice --pixel-alert-interval 0 "$@" >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    port=$(sed -n 's/.*attrd_listen=127\.0\.0\.1:\([0-9][0-9]*\).*attrd ready.*/\1/p' "$log" | head -n 1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$port" ] || { log "$label did not start:"; cat "$log" >&2; exit 1; }
  "$BENCH" unary --port "$port" --pki "$PKI" --server-pid "$pid" --label "$label" --duration 5 --warmup 1 \
    --payload "${PAYLOAD:-32}" --concurrency 32 \
    | python3 -c 'import json, sys; r = json.load(sys.stdin); print("%10s  %6.2f us/call  %9.0f QPS" % (r["label"], r["server_cpu_us_per_call"], r["qps"]))'
  kill -TERM "$pid"
  wait "$pid" || true
}
for _ in $(seq 1 "$ROUNDS"); do
  run here "$ROOT/.build/release/attrd"
  run "${REV:0:10}" "$OTHER/.build/release/attrd" \
    --database-url "${ATTRD_DATABASE_URL%/*}/attribution_ab" --owner-database-url "${ATTRD_OWNER_DATABASE_URL%/*}/attribution_ab"
done
