#!/usr/bin/env bash
# The C contract client (Tests/Contract) against a live debug attrd.
# Starts .build/debug/attrd on 127.0.0.1 (a free port) with the dev PKI and
# the interop service, runs arpc-contract against it, stops attrd with SIGTERM
# and exits with the client's status. Every step is bounded in time.
# Needs: swift build (debug), make contract, the private database (make db).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# make test-citus runs it against the Citus coordinator.
if [ "${ATTR_TEST_CITUS:-}" = 1 ]; then eval "$(scripts/citus.sh env)"; else eval "$(scripts/db.sh env)"; fi
PKI=$ROOT/certs/dev
ATTRD=$ROOT/.build/debug/attrd
CLIENT=$ROOT/.build-contract/arpc-contract
[ -x "$ATTRD" ] || { echo "contract: $ATTRD missing (swift build)" >&2; exit 1; }
make -s contract

LOG=$(mktemp /tmp/attrd-contract.XXXXXX)
ATTRD_PID=
stop_attrd() {
  [ -n "$ATTRD_PID" ] || return 0
  kill -TERM "$ATTRD_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$ATTRD_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$ATTRD_PID" 2>/dev/null || true
  wait "$ATTRD_PID" 2>/dev/null || true
  ATTRD_PID=
}
cleanup() { stop_attrd; rm -f "$LOG"; }
trap cleanup EXIT

"$ATTRD" --listen 127.0.0.1:0 \
  --cert "$PKI/server.crt" --key "$PKI/server.key" --ca "$PKI/ca.crt" --crl "$PKI/ca.crl" \
  --enable-interop-service true --shutdown-grace-period 2 >"$LOG" 2>&1 &
ATTRD_PID=$!

PORT=
for _ in $(seq 1 300); do   # 30 s for migrations and start-up
  PORT=$(sed -n 's/.*attrd_listen=127\.0\.0\.1:\([0-9][0-9]*\).*attrd ready.*/\1/p' "$LOG" | head -n 1)
  [ -n "$PORT" ] && break
  if ! kill -0 "$ATTRD_PID" 2>/dev/null; then break; fi
  sleep 0.1
done
if [ -z "$PORT" ]; then
  echo "contract: attrd did not become ready; its log:" >&2
  cat "$LOG" >&2
  exit 1
fi

# The cases call Ingest as tenant 1's admin user.
scripts/dev-roles.sh "$ATTRD"

status=0
timeout 120 "$CLIENT" 127.0.0.1 "$PORT" "$PKI/ca.crt" \
  "$PKI/clients/tenant1-admin.crt" "$PKI/clients/tenant1-admin.key" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "contract: arpc-contract exited $status; attrd's log:" >&2
  tail -n 50 "$LOG" >&2
fi
stop_attrd
exit "$status"
