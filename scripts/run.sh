#!/usr/bin/env bash
# `make run`: attrd in the foreground on 127.0.0.1 with the development PKI and
# the private database, after writing an attrctl context for it.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
eval "$(scripts/db.sh env)"

BIN=$ROOT/.build/release
PKI=$ROOT/certs/dev
export ATTRD_LISTEN=${ATTRD_LISTEN:-127.0.0.1:7443}
export ATTRD_CERT=${ATTRD_CERT:-$PKI/server.crt}
export ATTRD_KEY=${ATTRD_KEY:-$PKI/server.key}
export ATTRD_CA=${ATTRD_CA:-$PKI/ca.crt}
export ATTRD_CRL=${ATTRD_CRL:-$PKI/ca.crl}

# The admin of demo tenant 1, as the current attrctl context.
"$BIN/attrctl" config set-context attrd-dev --use --server "$ATTRD_LISTEN" \
  --cert "$PKI/clients/tenant1-admin.crt" --key "$PKI/clients/tenant1-admin.key" --ca "$PKI/ca.crt" >/dev/null

cat <<MSG
attrd starts on $ATTRD_LISTEN (mutual TLS; dev PKI in certs/dev/, database in .data/).
attrctl's current context is now "attrd-dev" (admin of demo tenant 1). In another shell:

  export PATH="$BIN:\$PATH"
  attrctl health                # a call over mutual TLS as tenant 1's admin
  attrctl config view           # the settings attrctl will use, and where each comes from
  attrctl config get-contexts
  attrctl ingest orders -f F    # send your own records (JSON array or NDJSON)

Stop attrd with Ctrl-C; stop the database with: make db-stop
MSG

# attrd in the background while the demo data loads, then waited on; Ctrl-C
# or SIGTERM reaches it and it shuts down gracefully.
"$BIN/attrd" &
ATTRD_PID=$!
trap 'kill -TERM "$ATTRD_PID" 2>/dev/null' INT TERM
for _ in $(seq 1 100); do
  "$BIN/attrctl" health >/dev/null 2>&1 && break
  kill -0 "$ATTRD_PID" 2>/dev/null || { wait "$ATTRD_PID"; exit $?; }
  sleep 0.1
done
# The demo tenants' admin users get the admin role (users are analysts otherwise).
scripts/dev-roles.sh "$BIN/attrd"
# A month of the demo shop into tenant 1, as its admin (the current context):
# the admin may ingest, and creates the demo influencers, which need the admin
# role (idempotent: a second `make run` adds only what is new).
echo "loading the demo shop's data into tenant 1 (attrctl demo seed)..."
"$BIN/attrctl" demo seed || echo "demo seed failed; attrd keeps running" >&2
# The demo admin's default dashboard (as the current context, tenant 1's admin).
"$BIN/attrctl" demo dashboard || echo "demo dashboard failed; attrd keeps running" >&2
status=0
wait "$ATTRD_PID" || status=$?
# A trapped signal ends `wait` early: wait again until attrd has really stopped.
while kill -0 "$ATTRD_PID" 2>/dev/null; do wait "$ATTRD_PID" || status=$?; done
exit "$status"
