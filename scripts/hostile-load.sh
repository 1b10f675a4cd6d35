#!/usr/bin/env bash
# The hardening issue's load checks: starts the bot on a free loopback port with the embedded store, then
# sends 40 worst-case 1 MiB pastes at once (ten families) and holds 500 header-trickling connections for a
# minute, each while a fresh client asks /healthz. Prints health latency and the server's peak RSS. The server
# runs with the launcher's default JAVA_OPTS (set JAVA_OPTS to try others).
# Usage: scripts/hostile-load.sh [slow-seconds=60] [slow-connections=500]
set -euo pipefail
cd "$(dirname "$0")/.."
./aadsts-bot help >/dev/null                      # builds the jar when sources changed
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
data=$(mktemp -d)
PORT=$port DATA_DIR="$data" java ${JAVA_OPTS:--Xmx512m -XX:+ExitOnOutOfMemoryError} -jar app/target/aadsts-bot.jar serve 2>"$data/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  sleep 0.1
done
ulimit -n 4096 2>/dev/null || true
java scripts/HostileLoad.java "$port" "$pid" "${1:-60}" "${2:-500}"
