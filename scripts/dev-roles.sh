#!/usr/bin/env bash
# Makes `user/admin` of both demo tenants an admin (docs/SECURITY.md: users
# are analysts unless granted). Idempotent. Needs the database migrated (an
# attrd has started once) and the database environment (scripts/db.sh env).
#   scripts/dev-roles.sh PATH-TO-ATTRD
set -euo pipefail
ATTRD=${1:?usage: dev-roles.sh PATH-TO-ATTRD}
for tenant in 7d3c2b1a-9f8e-4d6c-8b5a-1e2f3a4b5c6d 0e9f8a7b-6c5d-4e3f-a2b1-c0d9e8f7a6b5; do
  "$ATTRD" roles grant --tenant "$tenant" --user admin --role admin --log-level warning >/dev/null
done
