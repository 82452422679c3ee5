#!/usr/bin/env bash
# The one recipe for a production folder, used by the Dockerfile and by CI (scripts/ci-production.sh):
#   scripts/production.sh make        npm ci, build dist/ (server bundle + client with .br/.gz), prune dev deps
#   scripts/production.sh start [..]  exec node dist/server/cli.js serve (node is the process: signals reach it)
#   scripts/production.sh check URL   checks a running server: /readyz, a brotli asset, cache headers, CSP, /metrics,
#                                     a classroom and a party with own questions over Socket.IO
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  make)
    npm ci --no-audit --no-fund
    node scripts/build.mjs --force
    npm prune --omit=dev --no-audit --no-fund
    # tsx above all: the server and its task worker must run from dist/ without the TypeScript loader.
    if [ -d node_modules/vite ] || [ -d node_modules/esbuild ] || [ -d node_modules/tsx ]; then
      echo "production.sh: dev dependencies are still installed after the prune" >&2
      exit 1
    fi
    ;;
  start)
    shift
    exec node dist/server/cli.js serve "$@"
    ;;
  check)
    exec node scripts/check-production.mjs "${2:?usage: scripts/production.sh check URL}"
    ;;
  *)
    echo "usage: scripts/production.sh make | start [--port N] [--host H] | check URL" >&2
    exit 2
    ;;
esac
