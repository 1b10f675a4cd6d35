#!/bin/bash
# Image build step: one training run that writes the AppCDS archive (-XX:ArchiveClassesAtExit).
# Starts the server on the embedded store in a scratch directory, waits for /readyz, explains one paste
# (so the request path's classes are archived too), then stops it with SIGTERM like a runtime would.
set -euo pipefail
archive=/opt/aadsts-bot/aadsts-bot.jsa
scratch="$(mktemp -d)"
port=39781
ask() { # method path [body] -> prints the status line
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  if [ "$1" = POST ]; then
    printf 'POST %s HTTP/1.0\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s' "$2" "${#3}" "$3" >&3
  else
    printf 'GET %s HTTP/1.0\r\nHost: localhost\r\n\r\n' "$2" >&3
  fi
  IFS= read -r -t 5 status <&3 || return 1
  cat <&3 >/dev/null
  exec 3<&-
  echo "$status"
}
PORT=$port BIND_ADDRESS=127.0.0.1 MANAGEMENT_PORT=39782 MANAGEMENT_BIND_ADDRESS=127.0.0.1 DATA_DIR="$scratch" \
  java -XX:MaxRAMPercentage=75 -XX:TieredStopAtLevel=1 -XX:ArchiveClassesAtExit="$archive" -Xlog:disable \
  -jar /opt/aadsts-bot/aadsts-bot.jar serve >"$scratch/train.log" 2>&1 &
pid=$!
for _ in $(seq 1 3000); do
  case "$(ask GET /readyz 2>/dev/null || true)" in *" 200 "*) break ;; esac
  kill -0 "$pid" 2>/dev/null || { cat "$scratch/train.log" >&2; exit 1; }
  sleep 0.1
done
ask POST /api/explain 'AADSTS50126: Error validating credentials due to invalid username or password.' >/dev/null
kill -TERM "$pid"
wait "$pid" || true
rm -rf "$scratch"
[ -s "$archive" ] || { echo "train-cds: no archive written" >&2; exit 1; }
echo "train-cds: $(du -h "$archive" | cut -f1) archive written"
