#!/usr/bin/env bash
# CI: make a production folder from a copy of this checkout with the same script as the Dockerfile
# (scripts/production.sh make: npm ci, build, prune dev dependencies), start it with node, check it
# (/readyz, brotli asset, cache headers, CSP, /metrics), then SIGTERM it and require an exit within 10 s.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
PID=""
cleanup() {
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then kill -KILL "$PID" || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

tar -C "$ROOT" --exclude=./node_modules --exclude=./dist --exclude=./data --exclude=./test-output --exclude=./.git -cf - . | tar -C "$WORK" -xf -
cd "$WORK"
started=$(date +%s)
scripts/production.sh make
echo "production folder made in $(( $(date +%s) - started )) s; dev dependencies pruned"

NODE_ENV=production PORT=0 HOST=127.0.0.1 ARENA_DATA_DIR="$WORK/data" scripts/production.sh start > "$WORK/server.log" 2>&1 &
PID=$!
URL=""
for _ in $(seq 1 600); do
  URL=$(sed -n 's/.*"url":"\(http:[^"]*\)".*/\1/p' "$WORK/server.log" | head -1)
  [ -n "$URL" ] && break
  kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log"; echo "server exited before listening" >&2; exit 1; }
  sleep 0.1
done
[ -n "$URL" ] || { cat "$WORK/server.log"; echo "server not listening after 60 s" >&2; exit 1; }
echo "production server (node pid $PID) listening on $URL"

scripts/production.sh check "$URL"

kill -TERM "$PID"
for _ in $(seq 1 100); do kill -0 "$PID" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$PID" 2>/dev/null; then
  cat "$WORK/server.log"
  echo "server still running 10 s after SIGTERM" >&2
  exit 1
fi
wait "$PID" && code=0 || code=$?
[ "$code" -eq 0 ] || { cat "$WORK/server.log"; echo "server exited with $code after SIGTERM" >&2; exit 1; }
PID=""
echo "production server stopped by SIGTERM, exit 0"
