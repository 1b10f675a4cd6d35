#!/usr/bin/env bash
# Load run for Teams (issue 13): Bot Framework message activities with signed tokens at steady rates to
# /api/messages of the real server (a child process), one in five answered (AADSTS pastes in channels,
# `aadsts 50011` in personal chats and @mentions), with a Bot Connector stand-in that answers each reply post
# after 100-300 ms; in the same run the same activities go to the Bot Framework SDK's own minimal bot (an
# ActivityHandler on the SDK's adapter, same SDK version, same token check) that only acknowledges, hosted the
# same way. Reports acks/s, ack p50/p99, the ratio to the bare SDK bot, replies delivered and per second, delivery
# lag p50/p99, activities answered twice, 503s and server RSS.
# Usage: scripts/teams-load.sh [seconds-per-rate=60] [rates=50,100,200] [bare-sdk=yes|no]
# Both servers run with LOAD_JAVA_OPTS (default: -Xmx512m -XX:+ExitOnOutOfMemoryError); the whole run is cut off
# after MAX_SECONDS (default 1800).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/load-classpath.txt
ulimit -n 8192 2>/dev/null || true
exec java -Xmx1g -cp "app/target/test-classes:app/target/classes:$(cat app/target/load-classpath.txt)" \
  dev.aadsts.app.teams.TeamsLoad "$@"
