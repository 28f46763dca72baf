#!/usr/bin/env bash
# Development PKI for attrd, made with the openssl CLI. See certs/README.md.
#
#   certs/dev-pki.sh                 create certs/dev/ if missing, stale or incomplete (idempotent)
#   certs/dev-pki.sh --force         recreate it from scratch
#   certs/dev-pki.sh issue NAME SPIFFE_ID
#                                    issue certs/dev/clients/NAME.{crt,key} from the dev CA
#
# No private key made here is ever committed: certs/dev/ is git-ignored.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEV_DIR=${ATTR_DEV_PKI_DIR:-$HERE/dev}
LAYOUT=2                              # bump when the set of files below changes
TRUST_DOMAIN=attribution.local
TENANT1=7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d
TENANT2=0e9f8a7b-6c5d-4e3f-a2b1-c0d9e8f7a6b5
LEAF_DAYS=825
CA_DAYS=3650
FRESH_SECONDS=$((30 * 24 * 3600))     # regenerate when anything expires within 30 days

# openssl reads every ${ENV::...} of its config when loading it, so these must
# always be set; `issue` overrides them for each leaf.
export LEAF_EKU=clientAuth LEAF_SAN=DNS:unused

log() { echo "dev-pki: $*" >&2; }

# openssl ca configuration for one CA directory. Extensions read their
# subjectAltName and extendedKeyUsage from the environment.
write_ca_config() {
  local dir=$1
  mkdir -p "$dir/issued"
  : >"$dir/index.txt"
  echo 1000 >"$dir/serial"
  echo 1000 >"$dir/crlnumber"
  cat >"$dir/openssl.cnf" <<CNF
[ ca ]
default_ca = dev_ca

[ dev_ca ]
dir              = $dir
database         = \$dir/index.txt
serial           = \$dir/serial
crlnumber        = \$dir/crlnumber
new_certs_dir    = \$dir/issued
certificate      = \$dir/ca.crt
private_key      = \$dir/ca.key
default_md       = sha256
default_crl_days = $CA_DAYS
policy           = any_subject
unique_subject   = no
copy_extensions  = none

[ any_subject ]
commonName       = supplied
organizationName = optional

[ req ]
distinguished_name = req_dn
prompt             = no

[ req_dn ]
CN = unused

[ ca_ext ]
basicConstraints       = critical, CA:TRUE
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ leaf_no_eku_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
subjectAltName         = \${ENV::LEAF_SAN}
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always

[ leaf_ext ]
basicConstraints       = critical, CA:FALSE
keyUsage               = critical, digitalSignature
extendedKeyUsage       = \${ENV::LEAF_EKU}
subjectAltName         = \${ENV::LEAF_SAN}
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid:always
CNF
}

new_key() {
  (umask 077 && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null)
}

# make_ca DIR COMMON_NAME
make_ca() {
  local dir=$1 cn=$2
  write_ca_config "$dir"
  new_key "$dir/ca.key"
  openssl req -new -x509 -config "$dir/openssl.cnf" -extensions ca_ext -key "$dir/ca.key" \
    -subj "/O=Attribution Dev/CN=$cn" -days "$CA_DAYS" -sha256 -out "$dir/ca.crt"
}

# issue CA_DIR OUT_BASE COMMON_NAME EKU SAN [START END]
# START/END are openssl ca dates (YYMMDDHHMMSSZ); without them the certificate
# is valid from now for LEAF_DAYS. EKU "none" leaves the extension out.
issue() {
  local ca_dir=$1 out=$2 cn=$3 eku=$4 san=$5 start=${6:-} end=${7:-}
  local extensions=leaf_ext
  [ "$eku" = none ] && extensions=leaf_no_eku_ext
  local validity=(-days "$LEAF_DAYS")
  [ -n "$start" ] && validity=(-startdate "$start" -enddate "$end")
  mkdir -p "$(dirname "$out")"
  new_key "$out.key"
  openssl req -new -config "$ca_dir/openssl.cnf" -key "$out.key" -subj "/O=Attribution Dev/CN=$cn" -out "$out.csr"
  LEAF_EKU=$eku LEAF_SAN=$san openssl ca -batch -notext -config "$ca_dir/openssl.cnf" -extensions "$extensions" \
    "${validity[@]}" -in "$out.csr" -out "$out.crt" 2>/dev/null
  rm -f "$out.csr"
}

spiffe() { echo "URI:spiffe://$TRUST_DOMAIN/tenant/$1/$2/$3"; }

generate() {
  work=$(mktemp -d "${DEV_DIR%/}.tmp.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  log "creating the development PKI in $DEV_DIR"

  make_ca "$work/ca" "Attribution Dev CA"
  make_ca "$work/other-ca" "Unrelated CA"

  issue "$work/ca" "$work/server" localhost serverAuth "DNS:localhost, IP:127.0.0.1"

  # Good clients: an admin user, an analyst user and a backend service per demo tenant.
  issue "$work/ca" "$work/clients/tenant1-admin" "tenant1 admin" clientAuth "$(spiffe "$TENANT1" user admin)"
  issue "$work/ca" "$work/clients/tenant1-analyst" "tenant1 analyst" clientAuth "$(spiffe "$TENANT1" user analyst)"
  issue "$work/ca" "$work/clients/tenant1-ingest" "tenant1 ingest" clientAuth "$(spiffe "$TENANT1" service ingest)"
  issue "$work/ca" "$work/clients/tenant2-admin" "tenant2 admin" clientAuth "$(spiffe "$TENANT2" user admin)"
  issue "$work/ca" "$work/clients/tenant2-ingest" "tenant2 ingest" clientAuth "$(spiffe "$TENANT2" service ingest)"

  # Bad clients the tests need, each wrong in exactly one way.
  issue "$work/ca" "$work/bad/expired" expired clientAuth "$(spiffe "$TENANT1" user expired)" \
    200101000000Z 210101000000Z
  issue "$work/ca" "$work/bad/not-yet-valid" "not yet valid" clientAuth "$(spiffe "$TENANT1" user future)" \
    400101000000Z 410101000000Z
  issue "$work/other-ca" "$work/bad/other-ca" "other ca" clientAuth "$(spiffe "$TENANT1" user admin)"
  issue "$work/ca" "$work/bad/revoked" revoked clientAuth "$(spiffe "$TENANT1" user revoked)"
  issue "$work/ca" "$work/bad/no-uri-san" "no uri san" clientAuth "DNS:no-uri-san.attribution.local"
  issue "$work/ca" "$work/bad/malformed-spiffe" "malformed spiffe" clientAuth \
    "URI:spiffe://$TRUST_DOMAIN/tenant/not-a-uuid/user/admin"
  issue "$work/ca" "$work/bad/foreign-domain" "foreign domain" clientAuth \
    "URI:spiffe://elsewhere.example/tenant/$TENANT1/user/admin"
  issue "$work/ca" "$work/bad/no-eku" "no extended key usage" none "$(spiffe "$TENANT1" user no-eku)"

  openssl ca -config "$work/ca/openssl.cnf" -revoke "$work/bad/revoked.crt" -crl_reason keyCompromise 2>/dev/null
  openssl ca -config "$work/ca/openssl.cnf" -gencrl -out "$work/ca/ca.crl" 2>/dev/null

  # The files attrd and the tests use, at stable paths.
  cp "$work/ca/ca.crt" "$work/ca.crt"
  cp "$work/ca/ca.crl" "$work/ca.crl"
  echo "$LAYOUT" >"$work/LAYOUT"

  # Point the CA configs at their final place, so that `issue` works later.
  sed -i "s#^dir *=.*#dir              = $DEV_DIR/ca#" "$work/ca/openssl.cnf"
  sed -i "s#^dir *=.*#dir              = $DEV_DIR/other-ca#" "$work/other-ca/openssl.cnf"

  rm -rf "$DEV_DIR"
  mv "$work" "$DEV_DIR"
  chmod 755 "$DEV_DIR"
  trap - EXIT
}

# Everything present, of this layout, and nothing about to expire?
is_fresh() {
  [ "$(cat "$DEV_DIR/LAYOUT" 2>/dev/null)" = "$LAYOUT" ] || return 1
  local cert
  for cert in ca.crt server.crt clients/tenant1-admin.crt clients/tenant1-analyst.crt clients/tenant1-ingest.crt \
    clients/tenant2-admin.crt clients/tenant2-ingest.crt bad/other-ca.crt bad/revoked.crt bad/no-uri-san.crt \
    bad/malformed-spiffe.crt bad/foreign-domain.crt bad/no-eku.crt; do
    [ -f "$DEV_DIR/${cert%.crt}.key" ] || [ "$cert" = ca.crt ] || return 1
    openssl x509 -in "$DEV_DIR/$cert" -noout -checkend "$FRESH_SECONDS" >/dev/null 2>&1 || return 1
  done
  [ -f "$DEV_DIR/bad/expired.crt" ] && [ -f "$DEV_DIR/bad/not-yet-valid.crt" ] || return 1
  local next_update
  next_update=$(openssl crl -in "$DEV_DIR/ca.crl" -noout -nextupdate 2>/dev/null | cut -d= -f2) || return 1
  [ $(( $(date -d "$next_update" +%s) - $(date +%s) )) -gt "$FRESH_SECONDS" ]
}

case "${1:-}" in
  "")
    is_fresh || generate ;;
  --force)
    generate ;;
  issue)
    [ $# -eq 3 ] || { echo "usage: $0 issue NAME SPIFFE_ID" >&2; exit 2; }
    is_fresh || generate
    [[ $3 == spiffe://* ]] || { echo "dev-pki: '$3' is not a spiffe:// URI" >&2; exit 2; }
    issue "$DEV_DIR/ca" "$DEV_DIR/clients/$2" "$2" clientAuth "URI:$3"
    log "issued $DEV_DIR/clients/$2.crt and .key for $3" ;;
  *)
    echo "usage: $0 [--force | issue NAME SPIFFE_ID]" >&2; exit 2 ;;
esac
