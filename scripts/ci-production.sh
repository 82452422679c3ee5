#!/usr/bin/env bash
# CI: make a production folder from a copy of this checkout with the same script as the Dockerfile
# (scripts/production.sh make: npm ci, build, prune dev dependencies), start it with node, check it
# (/readyz, brotli asset, cache headers, CSP, /metrics, a classroom and a party with own questions opened over
# Socket.IO within the protocol's bound), then SIGTERM it and require an exit within 10 s; then play a classroom
# and a party of own questions in Chromium on it.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  for p in "$PID" "$NODE_PID"; do
    if [ -n "$p" ] && kill -0 "$p" 2>/dev/null; then kill -KILL "$p" || true; fi
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
NODE_PID=""

if [ -n "${PRODUCTION_DIR:-}" ]; then
  # Re-check a folder already made with scripts/production.sh make (saves the npm ci when iterating).
  cd "$PRODUCTION_DIR"
else
  tar -C "$ROOT" --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./test-output --exclude=./.git -cf - . | tar -C "$WORK" -xf -
  cd "$WORK"
  started=$(date +%s)
  scripts/production.sh make
  echo "production folder made in $(( $(date +%s) - started )) s; dev dependencies pruned"
fi

# Waits for the JSON "listening" line in $1; sets URL and NODE_PID.
await_listening() {
  URL=""
  for _ in $(seq 1 600); do
    URL=$(sed -n 's/.*"url":"\(http:[^"]*\)".*/\1/p' "$1" | head -1)
    [ -n "$URL" ] && break
    kill -0 "$PID" 2>/dev/null || { cat "$1"; echo "server exited before listening" >&2; exit 1; }
    sleep 0.1
  done
  [ -n "$URL" ] || { cat "$1"; echo "server not listening after 60 s" >&2; exit 1; }
  NODE_PID=$(sed -n 's/.*"pid":\([0-9]*\).*"url".*/\1/p' "$1" | head -1)
}

# Sends SIGTERM to $PID and requires the server process $NODE_PID gone within 10 s, after a clean stop.
stop_within_10s() {
  kill -TERM "$PID"
  for _ in $(seq 1 100); do kill -0 "$NODE_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$NODE_PID" 2>/dev/null; then
    cat "$1"
    echo "server still running 10 s after SIGTERM" >&2
    kill -KILL "$NODE_PID" || true
    exit 1
  fi
  wait "$PID" && code=0 || code=$?
  PID=""
  echo "stopped by SIGTERM (exit $code)"
  # npm reports its SIGTERM'd shell as 143; the server itself must log a clean stop.
  grep -q '"msg":"stopped"' "$1" || { cat "$1"; echo "the server did not stop cleanly" >&2; exit 1; }
  [ "$code" -eq 0 ] || [ "$code" -eq 143 ] || { cat "$1"; exit 1; }
}

export NODE_ENV=production PORT=0 HOST=127.0.0.1 ARENA_DATA_DIR="$WORK/data"

# 1. What a teacher with a built, pruned folder runs: npm start (no build tools left, the build is current).
npm start --silent > "$WORK/npm-start.log" 2>&1 &
PID=$!
await_listening "$WORK/npm-start.log"
echo "npm start (npm pid $PID, node pid $NODE_PID) listening on $URL without dev dependencies"
node -e "fetch(process.argv[1]).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))" "$URL/readyz"
echo "npm start: /readyz 200"
stop_within_10s "$WORK/npm-start.log"

# 2. What the Dockerfile runs: node as the process itself; the full check.
scripts/production.sh start > "$WORK/server.log" 2>&1 &
PID=$!
await_listening "$WORK/server.log"
echo "production server (node pid $NODE_PID) listening on $URL"
scripts/production.sh check "$URL"
stop_within_10s "$WORK/server.log"

# 3. Own questions in Chromium on this folder's build (no dev dependencies in it): the browser test that plays a
# classroom and a party of a teacher's own questions, driven from the checkout's test tools, runs this folder's
# `node dist/server/cli.js serve` (ARENA_SERVER_DIR, see test/client/arena-server.ts).
FOLDER="$(pwd)"
(cd "$ROOT" && ARENA_SERVER_DIR="$FOLDER" npx vitest run --project browser test/client/own-questions.test.ts)
echo "own questions: a classroom and a party played in Chromium on the production folder"
