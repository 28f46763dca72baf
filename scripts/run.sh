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

Stop attrd with Ctrl-C; stop the database with: make db-stop
MSG
exec "$BIN/attrd"
