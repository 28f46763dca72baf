#!/usr/bin/env bash
# A private Citus cluster for development and `make test-citus`, under
# .data/citus/: a coordinator and two workers, PostgreSQL 15 with the citus
# extension, on 127.0.0.1 only.
#
#   scripts/citus.sh build   build and install Citus from its source (needs root for `make install`)
#   scripts/citus.sh start   initialise (once) and start the three nodes; roles, database, extension, workers
#   scripts/citus.sh stop    stop them
#   scripts/citus.sh env     print the ATTRD_* variables of the coordinator (shell syntax), as scripts/db.sh env does
#   scripts/citus.sh psql [ARGS]  psql on the coordinator's database as the superuser
#   scripts/citus.sh check   exit 0 when the citus extension is installed, else say how to get it and exit 1
#   scripts/citus.sh statement-stats on|off  statement statistics (citus_stat_statements,
#                            pg_stat_statements) on every node: on as configured (the default), or off,
#                            as scripts/bench-citus.sh times calls (the plain cluster of scripts/db.sh keeps none)
#
# Citus is not packaged in Debian. `build` compiles it from a checkout of
# citusdata/citus at tag v13.2.2 (the release that supports PostgreSQL 15)
# in CITUS_SRC (default /work/.citus-src, outside this repository: none of
# Citus's code is ever committed here). It fetches nothing: put the source
# there first, e.g.
#   git clone --branch v13.2.2 --depth 1 https://github.com/citusdata/citus "$CITUS_SRC"
#
# The roles are those of scripts/db.sh (attr_owner owns the database and
# runs the migrations; attr_app serves requests, no BYPASSRLS), made on every
# node with the same passwords; the nodes reach each other with them through
# Citus's pg_dist_authinfo. Ports: derived from this checkout's path like
# scripts/db.sh's, in 57000-57899 (coordinator P, workers P+1 and P+2), or
# CITUS_PORT. Credentials are kept in .data/citus/citus.env (mode 600).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=$ROOT/.data/citus
ENV_FILE=$DATA/citus.env
SOCKET_DIR=$DATA/run
MASTER_KEY_FILE=$ROOT/.data/master.key
DATABASE=attribution
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
CITUS_SRC=${CITUS_SRC:-/work/.citus-src}
CITUS_TAG=v13.2.2
if [ -f "$ENV_FILE" ]; then
  BASE_PORT=$(sed -n 's/^CITUS_PORT=//p' "$ENV_FILE")
fi
BASE_PORT=${BASE_PORT:-${CITUS_PORT:-$((57000 + ($(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 300) * 3))}}
NODES=(coordinator worker1 worker2)

log() { echo "citus: $*" >&2; }

if [ "$(id -u)" -eq 0 ]; then
  OS_USER=postgres
  as_cluster_user() { runuser -u postgres -- "$@"; }
else
  OS_USER=$(id -un)
  as_cluster_user() { "$@"; }
fi

node_port() { # index
  echo $((BASE_PORT + $1))
}

node_psql() { # port database [psql args]
  local port=$1 database=$2
  shift 2
  as_cluster_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$port" -U "$OS_USER" -d "$database" "$@"
}

citus_installed() {
  local pg_config
  pg_config=$(dirname "$PG_BIN")/bin/pg_config
  [ -x "$pg_config" ] || pg_config=$(command -v pg_config || true)
  [ -n "$pg_config" ] && [ -f "$($pg_config --sharedir)/extension/citus.control" ] \
    && [ -f "$($pg_config --pkglibdir)/citus.so" ]
}

not_installed() {
  log "the citus extension is not installed for $("$PG_BIN/postgres" --version 2>/dev/null || echo PostgreSQL)."
  log "Citus is not packaged in Debian: build it from source with"
  log "  git clone --branch $CITUS_TAG --depth 1 https://github.com/citusdata/citus $CITUS_SRC"
  log "  scripts/citus.sh build        (as root: it runs make install)"
  exit 1
}

build() {
  if [ ! -f "$CITUS_SRC/configure" ]; then
    log "no Citus source in $CITUS_SRC (CITUS_SRC). Put a checkout of citusdata/citus at tag $CITUS_TAG there, e.g."
    log "  git clone --branch $CITUS_TAG --depth 1 https://github.com/citusdata/citus $CITUS_SRC"
    exit 1
  fi
  local packages=(postgresql-server-dev-15 liblz4-dev libzstd-dev libkrb5-dev libselinux1-dev libxslt1-dev libpam0g-dev flex)
  local missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing the build dependencies: ${missing[*]}"
    log "(an upgrade of the PostgreSQL server files under a running cluster can break it: restart it after, scripts/db.sh stop; make db)"
    apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  # Debian's PostgreSQL 15 (15.18 and later) exports have_createdb_privilege;
  # Citus 13.2.2's compatibility header still defines a static one.
  local compat=$CITUS_SRC/src/include/pg_version_compat.h
  if grep -q '^have_createdb_privilege' "$compat" 2>/dev/null; then
    log "removing the static have_createdb_privilege from $compat"
    python3 - "$compat" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path).read()
text = re.sub(r'static inline bool\s*\nhave_createdb_privilege\(void\)\s*\{.*?\n\}\n', '', text, flags=re.S)
open(path, 'w').write(text)
PY
  fi
  (cd "$CITUS_SRC" && { [ -f Makefile.global ] || ./configure; } && make -j2 && make install)
  log "installed: $(ls "$(pg_config --pkglibdir)"/citus.so)"
}

password() { (umask 077 && openssl rand -hex 24); }

ensure_env_file() {
  [ -f "$ENV_FILE" ] && return
  mkdir -p "$DATA"
  local owner_password app_password super_password
  owner_password=$(password)
  app_password=$(password)
  super_password=$(password)
  (umask 077 && cat >"$ENV_FILE" <<ENV
CITUS_PORT=$BASE_PORT
CITUS_SUPERUSER_PASSWORD=$super_password
ATTR_DB_OWNER_PASSWORD=$owner_password
ATTR_DB_APP_PASSWORD=$app_password
ATTRD_DATABASE_URL=postgresql://attr_app:$app_password@127.0.0.1:$BASE_PORT/$DATABASE
ATTRD_OWNER_DATABASE_URL=postgresql://attr_owner:$owner_password@127.0.0.1:$BASE_PORT/$DATABASE
ENV
  )
}

init_node() { # name port
  local name=$1 port=$2 pgdata=$DATA/$1
  log "initialising the $name in $pgdata"
  mkdir -p "$pgdata" "$SOCKET_DIR"
  chown "$OS_USER" "$DATA" "$pgdata" "$SOCKET_DIR"
  chmod 700 "$pgdata"
  as_cluster_user "$PG_BIN/initdb" -D "$pgdata" -U "$OS_USER" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$pgdata/postgresql.conf" <<CONF

# attribution dev Citus cluster ($name)
shared_preload_libraries = 'citus,pg_stat_statements'
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$SOCKET_DIR'
max_connections = 300
shared_buffers = 128MB
max_prepared_transactions = 100
fsync = on
log_min_messages = warning
citus.stat_statements_track = all
# attrd's SET LOCAL app.tenant_id reaches the workers, where row-level security reads it.
citus.propagate_set_commands = 'local'
CONF
}

is_running() { # name
  [ -f "$DATA/$1/PG_VERSION" ] && as_cluster_user "$PG_BIN/pg_ctl" -D "$DATA/$1" status >/dev/null 2>&1
}

ensure_node() { # index
  local name=${NODES[$1]} port
  port=$(node_port "$1")
  [ -f "$DATA/$name/PG_VERSION" ] || init_node "$name" "$port"
  if ! is_running "$name"; then
    as_cluster_user "$PG_BIN/pg_ctl" -D "$DATA/$name" -l "$SOCKET_DIR/$name.log" -w -t 60 start >/dev/null \
      || { log "the $name did not start; see $SOCKET_DIR/$name.log"; tail -n 20 "$SOCKET_DIR/$name.log" >&2; exit 1; }
    log "$name listening on 127.0.0.1:$port"
  fi
  # Roles, database and extension once per node: afterwards Citus owns
  # them (a worker refuses DDL on objects the coordinator propagated).
  [ -f "$DATA/$name.setup-done" ] && return
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  node_psql "$port" postgres -v super_password="$CITUS_SUPERUSER_PASSWORD" \
    -v owner_password="$ATTR_DB_OWNER_PASSWORD" -v app_password="$ATTR_DB_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE attr_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'attr_owner') \gexec
SELECT format('CREATE ROLE attr_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'attr_app') \gexec
ALTER ROLE CURRENT_USER PASSWORD :'super_password';
ALTER ROLE attr_owner WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE attr_app WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD :'app_password';
SELECT 'CREATE DATABASE attribution OWNER attr_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'attribution') \gexec
SQL
  node_psql "$port" "$DATABASE" <<'SQL'
SET client_min_messages TO warning;
CREATE EXTENSION IF NOT EXISTS citus;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
REVOKE ALL ON DATABASE attribution FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE attribution TO attr_app;
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE attribution TO attr_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO attr_owner;
GRANT USAGE ON SCHEMA public TO attr_app;
SQL
  touch "$DATA/$name.setup-done"
}

ensure_master_key() {
  [ -f "$MASTER_KEY_FILE" ] && return
  mkdir -p "$(dirname "$MASTER_KEY_FILE")"
  (umask 077 && printf 'dev-%s:%s\n' "$(date -u +%Y%m%d)" "$(openssl rand -base64 32)" >"$MASTER_KEY_FILE")
  log "made a development master key in $MASTER_KEY_FILE"
}

start() {
  citus_installed || not_installed
  ensure_master_key
  ensure_env_file
  mkdir -p "$SOCKET_DIR"
  for index in 0 1 2; do ensure_node "$index"; done
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  local coordinator
  coordinator=$(node_port 0)
  # The workers connect to the other nodes too (two-phase commit recovery,
  # distributed deadlock detection): each keeps the same rows.
  for index in 1 2; do
    node_psql "$(node_port "$index")" "$DATABASE" -v super_user="$OS_USER" -v super_password="$CITUS_SUPERUSER_PASSWORD" \
      -v owner_password="$ATTR_DB_OWNER_PASSWORD" -v app_password="$ATTR_DB_APP_PASSWORD" >/dev/null <<'SQL'
DELETE FROM pg_dist_authinfo WHERE nodeid = 0 AND rolename IN (:'super_user', 'attr_owner', 'attr_app');
INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES
    (0, :'super_user', 'password=' || :'super_password'),
    (0, 'attr_owner', 'password=' || :'owner_password'),
    (0, 'attr_app', 'password=' || :'app_password');
SQL
  done
  # How nodes authenticate to each other (scram over 127.0.0.1): one row per
  # role for every node (nodeid 0), kept on the coordinator and synced to the workers.
  node_psql "$coordinator" "$DATABASE" -v super_user="$OS_USER" -v super_password="$CITUS_SUPERUSER_PASSWORD" \
    -v owner_password="$ATTR_DB_OWNER_PASSWORD" -v app_password="$ATTR_DB_APP_PASSWORD" \
    -v coordinator_port="$coordinator" -v worker1_port="$(node_port 1)" -v worker2_port="$(node_port 2)" >/dev/null <<'SQL'
DELETE FROM pg_dist_authinfo WHERE nodeid = 0 AND rolename IN (:'super_user', 'attr_owner', 'attr_app');
INSERT INTO pg_dist_authinfo (nodeid, rolename, authinfo) VALUES
    (0, :'super_user', 'password=' || :'super_password'),
    (0, 'attr_owner', 'password=' || :'owner_password'),
    (0, 'attr_app', 'password=' || :'app_password');
SELECT citus_set_coordinator_host('127.0.0.1', :coordinator_port);
SELECT citus_add_node('127.0.0.1', :worker1_port) WHERE NOT EXISTS
    (SELECT FROM pg_dist_node WHERE nodename = '127.0.0.1' AND nodeport = :worker1_port);
SELECT citus_add_node('127.0.0.1', :worker2_port) WHERE NOT EXISTS
    (SELECT FROM pg_dist_node WHERE nodename = '127.0.0.1' AND nodeport = :worker2_port);
SQL
  log "Citus coordinator on 127.0.0.1:$coordinator, workers on $(node_port 1) and $(node_port 2) (eval \"\$(scripts/citus.sh env)\")"
}

statement_stats() { # on|off
  local index
  for index in 0 1 2; do
    is_running "${NODES[$index]}" || { log "the ${NODES[$index]} is not running (scripts/citus.sh start)"; exit 1; }
    case "$1" in
      off) node_psql "$(node_port "$index")" "$DATABASE" -c "ALTER SYSTEM SET citus.stat_statements_track TO none" \
             -c "ALTER SYSTEM SET pg_stat_statements.track TO none" -c "SELECT pg_reload_conf()" >/dev/null ;;
      on) node_psql "$(node_port "$index")" "$DATABASE" -c "ALTER SYSTEM RESET citus.stat_statements_track" \
             -c "ALTER SYSTEM RESET pg_stat_statements.track" -c "SELECT pg_reload_conf()" >/dev/null ;;
      *) echo "usage: $0 statement-stats on|off" >&2; exit 2 ;;
    esac
  done
}

stop() {
  for name in worker2 worker1 coordinator; do
    if is_running "$name"; then
      as_cluster_user "$PG_BIN/pg_ctl" -D "$DATA/$name" -m fast -w stop >/dev/null
      log "$name stopped"
    fi
  done
}

case "${1:-}" in
  build) build ;;
  start) start ;;
  stop) stop ;;
  check) citus_installed || not_installed ;;
  statement-stats) statement_stats "${2:-}" ;;
  env)
    [ -f "$ENV_FILE" ] || { log "no cluster yet (scripts/citus.sh start)"; exit 1; }
    grep '^ATTRD_' "$ENV_FILE" | sed 's/^/export /'
    echo "export ATTRD_MASTER_KEY_FILE=$MASTER_KEY_FILE" ;;
  psql)
    shift
    is_running coordinator || { log "the coordinator is not running (scripts/citus.sh start)"; exit 1; }
    node_psql "$(node_port 0)" "$DATABASE" "$@" ;;
  *) echo "usage: $0 build|start|stop|check|env|psql [ARGS]|statement-stats on|off" >&2; exit 2 ;;
esac
