#!/usr/bin/env bash
# Builds the container image and proves it: readiness, a paste explained over HTTP, a non-root process,
# size under 250 MB, /data surviving a new container, and a graceful stop on SIGTERM.
#
# No container registry is reachable on the build machines, so the base is built from Debian packages
# (base-images.sh; cached under /var/cache/aadsts-bot), the jar is the one Maven built on the host
# (JAR=prebuilt) and the trimmed Java runtime is linked with the host's JDK (JRE=prebuilt). Real users
# build with the defaults: debian:bookworm-slim, and maven:3.9-eclipse-temurin-17 for the jar and jlink.
#   deploy/container/test.sh            # needs root (podman), builds app/target/aadsts-bot.jar if missing
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/deploy/container"
image="localhost/aadsts-bot:test"
name="aadsts-bot-test-$$"
volume="aadsts-bot-test-data-$$"
max_bytes=$((250 * 1000 * 1000))
pass=0
fail=0

check() { # label, then a command that must succeed
  local label="$1"; shift
  if "$@"; then pass=$((pass + 1)); echo "ok   $label"; else fail=$((fail + 1)); echo "FAIL $label"; fi
}
cleanup() {
  podman rm -f -t 0 "$name" >/dev/null 2>&1 || true
  podman volume rm -f "$volume" >/dev/null 2>&1 || true
}
trap cleanup EXIT

if ! command -v podman >/dev/null || ! command -v mmdebstrap >/dev/null || ! command -v runc >/dev/null; then
  echo "test.sh: installing podman, runc and mmdebstrap from Debian" >&2
  apt-get install -y -q podman runc mmdebstrap >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q podman runc mmdebstrap >/dev/null; }
fi
# These machines run cgroups in hybrid mode, which crun refuses, and forbid raising rlimits above the
# host's: runc with the host's own limits works everywhere.
podman() {
  case "$1" in
    build|run) local verb="$1"; shift
      command podman --runtime runc "$verb" --ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" \
        --ulimit nproc=4096:4096 "$@" ;;
    *) command podman --runtime runc "$@" ;;
  esac
}
[ -f "$root/app/target/aadsts-bot.jar" ] || (cd "$root" && mvn -B -q -DskipTests -pl app -am package)
[ -x "$root/app/target/jre/bin/java" ] || "$here/jlink-runtime.sh" >/dev/null

base="$("$here/base-images.sh")"
echo "test.sh: building $image on $base (JAR=prebuilt, JRE=prebuilt)" >&2
# Docker format: the OCI image format has no HEALTHCHECK.
podman build --quiet --format docker --build-arg BASE_IMAGE="$base" --build-arg JAR=prebuilt --build-arg JRE=prebuilt \
  -t "$image" "$root" >/dev/null

size="$(podman image inspect --format '{{.Size}}' "$image")"
echo "image size: $((size / 1000000)) MB"
check "image under 250 MB ($((size / 1000000)) MB)" test "$size" -lt "$max_bytes"
check "image runs as a numeric non-root user" test "$(podman image inspect --format '{{.Config.User}}' "$image")" = "10001:10001"
check "image has a HEALTHCHECK" test -n "$(podman image inspect --format '{{.Config.Healthcheck}}' "$image" | grep healthcheck.sh)"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port="$(free_port)"
metrics="$(free_port)"
# Host networking keeps the test independent of the machine's container network set-up; binding to
# loopback keeps the bot off every other interface.
start() {
  # No health timer (it needs systemd, absent on build machines); the check below runs it by hand.
  podman run -d --name "$name" --network host --read-only --tmpfs /tmp --cap-drop ALL --health-interval disable \
    -e PORT="$port" -e BIND_ADDRESS=127.0.0.1 -e MANAGEMENT_PORT="$metrics" -e MANAGEMENT_BIND_ADDRESS=127.0.0.1 \
    -v "$volume":/data "$image" >/dev/null
}
ready() { # waits up to 5 minutes (the machine may be busy)
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ] && return 0
    [ "$(podman inspect --format '{{.State.Running}}' "$name")" = true ] || { podman logs "$name" >&2; return 1; }
    sleep 0.5
  done
  podman logs "$name" >&2
  return 1
}

podman volume create "$volume" >/dev/null
start
check "first start: /readyz answers 200" ready
check "HEALTHCHECK passes" podman healthcheck run "$name"
answer="$(curl -s --data-binary 'AADSTS50126: Error validating credentials due to invalid username or password.' \
  "http://127.0.0.1:$port/api/explain")"
check "POST /api/explain explains AADSTS50126" grep -q '"50126"' <<<"$answer"
check "GET /metrics on the management port" grep -q '^jvm_' <(curl -s "http://127.0.0.1:$metrics/metrics")
uid="$(podman exec "$name" sh -c 'awk "/^Uid:/ {print \$2}" /proc/1/status')"
check "the bot's process is not root (uid $uid)" test "$uid" != 0
check "the bot's process is java as PID 1" test "$(podman exec "$name" cat /proc/1/comm)" = java
check "the JVM maps the class-data archive" \
  podman exec "$name" sh -c 'grep -q aadsts-bot.jsa /proc/1/maps'
store="$(podman volume inspect --format '{{.Mountpoint}}' "$volume")/aadsts-bot.mv.db"
check "the H2 file is on the /data volume" test -s "$store"
before="$(stat -c %i "$store")"

podman stop -t 30 "$name" >/dev/null
check "SIGTERM stops it gracefully (exit $(podman inspect --format '{{.State.ExitCode}}' "$name"))" \
  grep -q 'aadsts-bot stopped' <(podman logs "$name" 2>&1)
podman rm "$name" >/dev/null

start
check "second container on the same volume: /readyz answers 200" ready
check "the second container reopened the same H2 file" test "$(stat -c %i "$store")" = "$before"
check "POST /api/explain still works" grep -q '"50126"' <(curl -s --data-binary 'AADSTS50126' "http://127.0.0.1:$port/api/explain")

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
