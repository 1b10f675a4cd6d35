#!/usr/bin/env bash
# Measures process start -> first `GET /readyz` 200 for `serve` on the embedded store, several runs per
# configuration, interleaved so machine load hits every configuration alike; prints the medians and the
# ratio against the plain start. Every configuration starts on an empty data folder (the first start, which
# creates the schema) except "restart", which starts again on one that a previous start left (as a container
# restarting on its /data volume, or a replica joining an existing PostgreSQL, does). Also (re)writes the
# AppCDS archive app/target/aadsts-bot.jsa, which ./aadsts-bot then uses. With BASELINE_JAR set (an older
# build's app/target/aadsts-bot.jar, copied aside), that jar's first start with the image's flags and its own
# archive is measured in the same interleaved runs too ("baseline"), so a change can be judged on a busy machine.
# "image" is a first start with the image's flags and its environment too (JSON logs, metrics on), as the container
# runs; with BASELINE_JAR, "baseline-image" is the older build's.
#   scripts/start-time.sh [runs=5]
#   BASELINE_JAR=/tmp/main.jar scripts/start-time.sh [runs=5]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
jar="$root/app/target/aadsts-bot.jar"
archive="$root/app/target/aadsts-bot.jsa"
baseline="${BASELINE_JAR:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v curl >/dev/null || { echo "start-time: needs curl" >&2; exit 2; }
# Always built: a jar left from an earlier build would be measured as if it were this one.
(cd "$root" && mvn -B -q -DskipTests -pl app -am package)

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start <java flags...>: prints milliseconds from exec to /readyz 200; stops the server afterwards. The data
# folder is a new empty one, or $KEEP_DATA when set (kept afterwards). $START_ENV: more VAR=value settings.
start() {
  local port data pid t0 t1
  port="$(free_port)"
  data="${KEEP_DATA:-$work/data-$RANDOM}"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  PORT=$port DATA_DIR="$data" env ${START_ENV:-} java "$@" -jar "${JAR:-$jar}" serve >"$work/out.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" 2>/dev/null)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/out.log" >&2; return 1; }
    sleep 0.005
  done
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  [ -n "${KEEP_DATA:-}" ] || rm -rf "$data"
}

# Training run on an empty data folder (so the classes that create the schema are archived too), one explained
# paste, then SIGTERM; the JVM writes the archive at exit.   train [jar archive]   ($START_ENV as for start)
train() {
  local port data pid jar="${1:-$jar}" archive="${2:-$archive}"
  port="$(free_port)"; data="$work/train-$RANDOM"
  rm -f "$archive"
  # shellcheck disable=SC2086
  PORT=$port DATA_DIR="$data" env ${START_ENV:-} java -XX:ArchiveClassesAtExit="$archive" -Xlog:disable -jar "$jar" serve \
    >"$work/train.log" 2>&1 &
  pid=$!
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz" 2>/dev/null)" = 200 ]; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/train.log" >&2; exit 1; }
    sleep 0.05
  done
  curl -s -o /dev/null --data-binary 'AADSTS50126: Error validating credentials' "http://127.0.0.1:$port/api/explain"
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  [ -s "$archive" ] || { echo "start-time: the training run wrote no archive" >&2; exit 1; }
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }

train
# The image trains its archive with its own environment (deploy/container/train-cds.sh), so "image" gets one too.
image_env="LOG_FORMAT=json MANAGEMENT_PORT=0"
START_ENV="$image_env" train "$jar" "$work/image.jsa"
declare -A flags=(
  [plain]=""
  [cds]="-XX:SharedArchiveFile=$archive"
  [cds+c1]="-XX:SharedArchiveFile=$archive -XX:TieredStopAtLevel=1"
  [restart]="-XX:SharedArchiveFile=$archive -XX:TieredStopAtLevel=1"
  [image]="-XX:SharedArchiveFile=$work/image.jsa -XX:TieredStopAtLevel=1"
)
order=(plain cds cds+c1 restart image)
if [ -n "$baseline" ]; then
  train "$baseline" "$work/baseline.jsa"
  START_ENV="$image_env" train "$baseline" "$work/baseline-image.jsa"
  flags[baseline]="-XX:SharedArchiveFile=$work/baseline.jsa -XX:TieredStopAtLevel=1"
  flags[baseline-image]="-XX:SharedArchiveFile=$work/baseline-image.jsa -XX:TieredStopAtLevel=1"
  order+=(baseline baseline-image)
fi
for name in "${order[@]}"; do : >"$work/$name.ms"; done
start -Xshare:auto >/dev/null # warm the page cache once
KEEP_DATA="$work/kept" start -Xshare:auto >/dev/null # the folder "restart" starts again on
for _ in $(seq 1 "$runs"); do
  for name in "${order[@]}"; do
    if [ "$name" = restart ]; then
      # shellcheck disable=SC2086
      KEEP_DATA="$work/kept" start ${flags[$name]} >>"$work/$name.ms"
    elif [ "$name" = baseline ]; then
      # shellcheck disable=SC2086
      JAR="$baseline" start ${flags[$name]} >>"$work/$name.ms"
    elif [ "$name" = baseline-image ]; then
      # shellcheck disable=SC2086
      JAR="$baseline" START_ENV="$image_env" start ${flags[$name]} >>"$work/$name.ms"
    elif [ "$name" = image ]; then
      # shellcheck disable=SC2086
      START_ENV="$image_env" start ${flags[$name]} >>"$work/$name.ms"
    else
      # shellcheck disable=SC2086
      start ${flags[$name]} >>"$work/$name.ms"
    fi
  done
done
base="$(median <"$work/plain.ms")"
printf '%-16s %8s %8s %8s %7s   (%s runs, %s cores, load %s)\n' configuration median min max ratio "$runs" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)"
for name in "${order[@]}"; do
  m="$(median <"$work/$name.ms")"
  printf '%-16s %6s ms %5s ms %5s ms %6.2fx\n' "$name" "$m" "$(sort -n "$work/$name.ms" | head -1)" \
    "$(sort -n "$work/$name.ms" | tail -1)" "$(echo "$m / $base" | bc -l)"
done
