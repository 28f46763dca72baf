#!/usr/bin/env bash
# A private PostgreSQL cluster for development and tests, under .data/.
#
#   scripts/db.sh start   initialise (once) and start the cluster; create the roles and database
#   scripts/db.sh stop    stop it
#   scripts/db.sh env     print the ATTRD_* connection variables and the dev master key file (shell syntax)
#   scripts/db.sh psql [ARGS]  psql on the database as the cluster's superuser (bypasses row-level security)
#
# The cluster listens on 127.0.0.1 and a unix socket in .data/run only.
# Roles: attr_owner owns the database and will own the tables (it runs the
# migrations); attr_app is what attrd serves requests as: not a superuser, no
# BYPASSRLS, owns nothing, so row-level security always applies to it.
# When ATTRD_DATABASE_URL is already set, an external PostgreSQL is in use
# and this script leaves it alone.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA=$ROOT/.data
PGDATA=$DATA/pg
SOCKET_DIR=$DATA/run
LOG_FILE=$SOCKET_DIR/postgresql.log
ENV_FILE=$DATA/db.env
MASTER_KEY_FILE=$DATA/master.key
# The port is fixed when the cluster is made: ATTR_PG_PORT, else one derived
# from this checkout's path (55432-55931), so two checkouts never collide.
if [ -f "$DATA/db.env" ]; then
  PORT=$(sed -n 's/^ATTR_PG_PORT=//p' "$DATA/db.env")
fi
PORT=${PORT:-${ATTR_PG_PORT:-$((55432 + $(printf '%s' "$ROOT" | cksum | cut -d' ' -f1) % 500))}}
DATABASE=attribution
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}

log() { echo "db: $*" >&2; }

# The cluster runs as the postgres OS user when we are root (initdb refuses root).
if [ "$(id -u)" -eq 0 ]; then
  OS_USER=postgres
  as_cluster_user() { runuser -u postgres -- "$@"; }
else
  OS_USER=$(id -un)
  as_cluster_user() { "$@"; }
fi

superuser_psql() {
  as_cluster_user "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U "$OS_USER" "$@"
}

is_running() {
  [ -f "$PGDATA/PG_VERSION" ] && as_cluster_user "$PG_BIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1
}

init_cluster() {
  log "initialising a PostgreSQL cluster in $PGDATA"
  mkdir -p "$PGDATA" "$SOCKET_DIR"
  chown "$OS_USER" "$PGDATA" "$SOCKET_DIR"
  chmod 700 "$PGDATA"
  as_cluster_user "$PG_BIN/initdb" -D "$PGDATA" -U "$OS_USER" --auth-local=peer --auth-host=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  cat >>"$PGDATA/postgresql.conf" <<CONF

# attribution dev cluster
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$SOCKET_DIR'
shared_buffers = 256MB
fsync = on
log_min_messages = warning
CONF
}

password() { (umask 077 && openssl rand -hex 24); }

# Credentials are made once and kept in .data/db.env (mode 600).
ensure_env_file() {
  [ -f "$ENV_FILE" ] && return
  local owner_password app_password
  owner_password=$(password)
  app_password=$(password)
  (umask 077 && cat >"$ENV_FILE" <<ENV
ATTR_PG_PORT=$PORT
ATTR_DB_OWNER_PASSWORD=$owner_password
ATTR_DB_APP_PASSWORD=$app_password
ATTRD_DATABASE_URL=postgresql://attr_app:$app_password@127.0.0.1:$PORT/$DATABASE
ATTRD_OWNER_DATABASE_URL=postgresql://attr_owner:$owner_password@127.0.0.1:$PORT/$DATABASE
ENV
  )
}

ensure_roles_and_database() {
  # shellcheck disable=SC1090
  . "$ENV_FILE"
  superuser_psql -d postgres \
    -v owner_password="$ATTR_DB_OWNER_PASSWORD" -v app_password="$ATTR_DB_APP_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE attr_owner LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'attr_owner') \gexec
SELECT format('CREATE ROLE attr_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'attr_app') \gexec
ALTER ROLE attr_owner WITH LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD :'owner_password';
ALTER ROLE attr_app WITH LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEROLE NOCREATEDB PASSWORD :'app_password';
SELECT 'CREATE DATABASE attribution OWNER attr_owner'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'attribution') \gexec
SQL
  superuser_psql -d "$DATABASE" <<'SQL'
REVOKE ALL ON DATABASE attribution FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE attribution TO attr_app;
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE attribution TO attr_owner;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO attr_owner;
GRANT USAGE ON SCHEMA public TO attr_app;
SQL
}

# The dev master key that seals secrets at rest: random, made once, mode 600,
# in attrd's key file format (key-id:base64 lines, the current key first).
ensure_master_key() {
  [ -f "$MASTER_KEY_FILE" ] && return
  mkdir -p "$DATA"
  (umask 077 && printf 'dev-%s:%s\n' "$(date -u +%Y%m%d)" "$(openssl rand -base64 32)" >"$MASTER_KEY_FILE")
  log "made a development master key in $MASTER_KEY_FILE"
}

# Connections: make test runs the product tests in parallel, each with its
# own attrd or pools; with Dashboards and Influencers they passed 200 at the
# peak. Given on the command line, so it also applies to a
# cluster made before this line changed.
MAX_CONNECTIONS=500

start() {
  ensure_master_key
  if [ -n "${ATTRD_DATABASE_URL:-}" ] && [ ! -f "$ENV_FILE" ]; then
    log "ATTRD_DATABASE_URL is set: using that PostgreSQL, not a private cluster"
    return
  fi
  [ -x "$PG_BIN/initdb" ] || { log "PostgreSQL server binaries not found (run: make deps)"; exit 1; }
  [ -f "$PGDATA/PG_VERSION" ] || init_cluster
  if ! is_running; then
    mkdir -p "$SOCKET_DIR" && chown "$OS_USER" "$SOCKET_DIR"
    as_cluster_user "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG_FILE" -o "-c max_connections=$MAX_CONNECTIONS" -w -t 60 start \
      >/dev/null || { log "PostgreSQL did not start; see $LOG_FILE"; tail -n 20 "$LOG_FILE" >&2; exit 1; }
    log "PostgreSQL listening on 127.0.0.1:$PORT"
  elif [ "$(superuser_psql -d postgres -At -c 'SHOW max_connections')" -lt "$MAX_CONNECTIONS" ]; then
    # Started before MAX_CONNECTIONS was raised: restart with it (ends open connections).
    log "restarting PostgreSQL for max_connections=$MAX_CONNECTIONS"
    as_cluster_user "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$LOG_FILE" -m fast -o "-c max_connections=$MAX_CONNECTIONS" -w -t 60 \
      restart >/dev/null || { log "PostgreSQL did not restart; see $LOG_FILE"; tail -n 20 "$LOG_FILE" >&2; exit 1; }
  fi
  ensure_env_file
  ensure_roles_and_database
}

stop() {
  if is_running; then
    as_cluster_user "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
    log "PostgreSQL stopped"
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  restart) as_cluster_user "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w restart >/dev/null ;;
  env)
    if [ -f "$ENV_FILE" ]; then
      grep '^ATTRD_' "$ENV_FILE" | sed 's/^/export /'
    fi
    if [ -f "$MASTER_KEY_FILE" ]; then
      echo "export ATTRD_MASTER_KEY_FILE=$MASTER_KEY_FILE"
    fi ;;
  psql)
    shift
    is_running || { log "PostgreSQL is not running (scripts/db.sh start)"; exit 1; }
    superuser_psql -d "$DATABASE" "$@" ;;
  *) echo "usage: $0 start|stop|restart|env|psql [ARGS]" >&2; exit 2 ;;
esac
