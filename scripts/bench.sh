#!/usr/bin/env bash
# `make bench`: attrd and its peers measured in one run on this machine, the
# same way (release builds only), then docs/BENCHMARKS.md's measured section
# rewritten from the results (.build-bench/results.jsonl).
#
#   BENCH_DURATION  seconds measured per scenario (default 5)
#   BENCH_WARMUP    seconds of warm-up per scenario (default 1)
#   BENCH_IDLE      connection counts of the idle-memory scenario (default "1000 10000")
#   BENCH_COPY_ROWS rows of the COPY peer (default 200000)
#   BENCH_DASHBOARDS=1  also the 20-widget dashboard benchmark (DashboardsBenchmarks,
#                   an opt-in ServicesTests suite; its line goes to the log, not the report)
#   BENCH_JOBS=0    skip the job queue benchmark (JobQueueBenchmarks, an opt-in
#                   JobsTests suite run in a debug build; its figures go to the report)
#   BENCH_INFLUENCERS=1 also the influencers benchmarks (ListInfluencers over 1,000,000 orders,
#                   ingest with 1,000 influencers against none: InfluencersListBenchmarks and
#                   InfluencerIngestBenchmarks, opt-in ServicesTests suites; their lines go to the log)
#   BENCH_ONLY=influencers|dashboards  only that opt-in benchmark: no release build, no attrd/peer scenarios,
#                   docs/BENCHMARKS.md left alone (its figures are copied in by hand)
#
# Every server runs on 127.0.0.1 with the dev PKI's certificates; each is
# stopped before the next starts, so they never share the cores.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
eval "$(scripts/db.sh env)"

PKI=$ROOT/certs/dev
OUT=$ROOT/.build-bench
LOGS=$OUT/logs
RESULTS=$OUT/results.jsonl
DURATION=${BENCH_DURATION:-5}
WARMUP=${BENCH_WARMUP:-1}
IDLE_COUNTS=${BENCH_IDLE:-1000 10000}
COPY_ROWS=${BENCH_COPY_ROWS:-200000}
# The tenant the ingest scenarios write to (its rows are deleted at the end).
BENCH_TENANT=00000000-0000-4000-8000-0000000be4c1
mkdir -p "$LOGS"
# BENCH_ONLY runs keep the last full run's results.
[ -n "${BENCH_ONLY:-}" ] || : >"$RESULTS"
# 10 000 connections need 10 000 descriptors on each side.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

log() { echo "bench: $*" >&2; }

# opt_in NAME ENVVAR SUITE...: opt-in ServicesTests benchmarks (debug build, as
# `swift test` runs them), one suite at a time so they never share the cores;
# their `NAME-bench` lines go to .build-bench/logs/NAME.log.
opt_in() {
  local name=$1 switch=$2
  shift 2
  : >"$LOGS/$name.log"
  for suite in "$@"; do
    log "$name: swift test --filter $suite"
    env "$switch=1" ATTR_DEV_PKI_DIR="$ROOT/certs/dev" swift test --filter "$suite" 2>&1 | grep "$name-bench" | tee -a "$LOGS/$name.log"
  done
}
influencers() { opt_in influencers ATTR_INFLUENCERS_BENCH InfluencersListBenchmarks InfluencerIngestBenchmarks; }
case "${BENCH_ONLY:-}" in
  "") ;;
  influencers) influencers; exit 0 ;;
  dashboards) opt_in dashboards ATTR_DASHBOARDS_BENCH DashboardsBenchmarks; exit 0 ;;
  *) log "BENCH_ONLY is influencers or dashboards"; exit 2 ;;
esac

log "building release binaries"
swift build -c release --product attrd
(cd Benchmarks && swift build -c release)
make -s -C Benchmarks/Peers/grpc-cpp OUT="$OUT/grpc-cpp"
ATTRD=$ROOT/.build/release/attrd
BENCH=$ROOT/Benchmarks/.build/release/attrbench
GRPC_SWIFT=$ROOT/Benchmarks/.build/release/grpc-swift-echo
GRPC_CPP=$OUT/grpc-cpp/echo_server
GRPCBENCH=$OUT/grpc-cpp/grpcbench
certs/dev-pki.sh issue bench-ingest "spiffe://attribution.local/tenant/$BENCH_TENANT/service/bench" >/dev/null 2>&1

SERVER_PID=
PORT=
stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}
trap stop_server EXIT

# start NAME PATTERN COMMAND...: starts a server in the background and waits
# (30 s at most) for its log to match PATTERN, whose first group is the port.
start() {
  local name=$1 pattern=$2
  shift 2
  "$@" >"$LOGS/$name.log" 2>&1 &
  SERVER_PID=$!
  PORT=
  for _ in $(seq 1 300); do
    PORT=$(sed -n "s/$pattern/\\1/p" "$LOGS/$name.log" | head -n 1)
    [ -n "$PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "bench: $name did not start; its log:" >&2
  cat "$LOGS/$name.log" >&2
  exit 1
}

# measure COMMAND...: one scenario; its JSON line goes to the results.
measure() {
  log "${*:2}"
  "$@" | tee -a "$RESULTS"
}

TIMING=(--duration "$DURATION" --warmup "$WARMUP")
CLIENT_TLS=(--pki "$PKI")

# --- attrd (ARPC/1 over mutual TLS) ---
start attrd '.*attrd_listen=127\.0\.0\.1:\([0-9][0-9]*\).*attrd ready.*' \
  "$ATTRD" --listen 127.0.0.1:0 --cert "$PKI/server.crt" --key "$PKI/server.key" --ca "$PKI/ca.crt" \
  --crl "$PKI/ca.crl" --enable-interop-service true --log-level notice --pixel-alert-interval 0
ARPC=(--port "$PORT" "${CLIENT_TLS[@]}" --server-pid "$SERVER_PID" --label attrd "${TIMING[@]}")
for payload in 0 32 4096; do measure "$BENCH" unary "${ARPC[@]}" --payload "$payload" --concurrency 32; done
measure "$BENCH" unary "${ARPC[@]}" --payload 32 --concurrency 1
measure "$BENCH" stream "${ARPC[@]}" --payload 1024 --stream-messages 1000 --concurrency 4
for batch in 1 100 1000; do
  measure "$BENCH" ingest "${ARPC[@]}" --client bench-ingest --batch "$batch" --concurrency 16
done
for count in $IDLE_COUNTS; do
  measure "$BENCH" idle --port "$PORT" "${CLIENT_TLS[@]}" --server-pid "$SERVER_PID" --connections "$count"
done
stop_server

# --- the COPY peer of ingest: the same rows, psql \copy as the superuser ---
ROWS_FILE=$(mktemp /tmp/attrbench-rows.XXXXXX.csv)
chmod 644 "$ROWS_FILE"
"$BENCH" ingest-rows --rows "$COPY_ROWS" --tenant "$BENCH_TENANT" --output "$ROWS_FILE"
log "psql \\copy of $COPY_ROWS rows"
started=$(date +%s.%N)
scripts/db.sh psql -q -c "\\copy pixel_events ($("$BENCH" ingest-rows --print-columns)) FROM '$ROWS_FILE' WITH (FORMAT csv)"
finished=$(date +%s.%N)
rm -f "$ROWS_FILE"
python3 -c 'import json,sys; rows,t=int(sys.argv[1]),float(sys.argv[3])-float(sys.argv[2]); print(json.dumps({"label":"psql-copy","scenario":"ingest-copy","messages":rows,"duration_s":t,"messages_per_s":rows/t}))' \
  "$COPY_ROWS" "$started" "$finished" | tee -a "$RESULTS"
scripts/db.sh psql -q -c "DELETE FROM tenants WHERE id = '$BENCH_TENANT'"

# --- the raw TLS echo: the same NIO + OpenSSL stack, no RPC layer (the floor) ---
start tls-echo 'listening on \([0-9][0-9]*\)' "$BENCH" tls-echo-server --pki "$PKI"
RAW=(--port "$PORT" "${CLIENT_TLS[@]}" --server-pid "$SERVER_PID" --label tls-echo --raw "${TIMING[@]}")
for payload in 0 32 4096; do measure "$BENCH" unary "${RAW[@]}" --payload "$payload" --concurrency 32; done
measure "$BENCH" unary "${RAW[@]}" --payload 32 --concurrency 1
stop_server

# --- gRPC peers: grpc-swift-2 (HTTP/2 Posix transport) and gRPC C++, driven by the C++ client ---
for peer in grpc-swift grpc-cpp; do
  if [ "$peer" = grpc-swift ]; then server=$GRPC_SWIFT; else server=$GRPC_CPP; fi
  start "$peer" 'listening on \([0-9][0-9]*\)' "$server" --port 0 \
    --cert "$PKI/server.crt" --key "$PKI/server.key" --ca "$PKI/ca.crt"
  GRPC=(--target "127.0.0.1:$PORT" --ca "$PKI/ca.crt" --cert "$PKI/clients/tenant1-ingest.crt"
    --key "$PKI/clients/tenant1-ingest.key" --server-name localhost --server-pid "$SERVER_PID" --label "$peer"
    --connections 1 "${TIMING[@]}")
  for payload in 0 32 4096; do measure "$GRPCBENCH" "${GRPC[@]}" --scenario unary --payload "$payload" --concurrency 32; done
  measure "$GRPCBENCH" "${GRPC[@]}" --scenario unary --payload 32 --concurrency 1
  measure "$GRPCBENCH" "${GRPC[@]}" --scenario stream --payload 1024 --stream-messages 1000 --concurrency 4
  stop_server
done

# --- microbenchmarks ---
log "microbenchmarks"
"$BENCH" micro | tee -a "$RESULTS"

if [ "${BENCH_DASHBOARDS:-}" = 1 ]; then
  log "dashboards: 20 widgets over the roll-up of 1,000,000 orders"
  ATTR_DASHBOARDS_BENCH=1 ATTR_DEV_PKI_DIR="$PKI" swift test --filter DashboardsBenchmarks 2>&1 | grep 'dashboards-bench' | tee "$LOGS/dashboards.log"
fi
if [ "${BENCH_INFLUENCERS:-}" = 1 ]; then
  influencers
fi

if [ "${BENCH_JOBS:-1}" = 1 ]; then
  log "job queue: no-op jobs/s with 1 and 2 replicas, enqueue-to-start latency, idle transactions with 10 and 1,000 tenants"
  ATTR_JOBS_BENCH=1 ATTR_DEV_PKI_DIR="$PKI" swift test --filter JobQueueBenchmarks 2>&1 | grep '^jobs-bench' \
    | tee "$LOGS/jobs.log" | python3 scripts/bench-report.py --jobs-lines >>"$RESULTS"
fi

python3 scripts/bench-report.py "$RESULTS" docs/BENCHMARKS.md
log "results in $RESULTS; docs/BENCHMARKS.md updated"
