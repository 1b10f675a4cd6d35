#!/usr/bin/env bash
# Load run for Slack replies (issues 13 and 15): signed message events at steady rates to /slack/events of the
# real server (a child process), one in ten carrying an AADSTS code, with a Web API stand-in that answers each
# chat.postMessage after 100-300 ms; in the same run the same events go to a bare Bolt app of the same version
# that only acknowledges, hosted the same way. Reports acks/s, ack p50/p99, replies delivered/s, delivery lag
# p99, events answered twice, refused events and server RSS, with ratios to the baseline.
# Usage: scripts/slack-load.sh [seconds-per-rate=60] [rates=250,500,1000] [bare-bolt=yes|no]
# Both servers run with LOAD_JAVA_OPTS (default: -Xmx512m -XX:+ExitOnOutOfMemoryError); the whole run is cut off
# after MAX_SECONDS (default 3600). LOAD_CODE_EVERY=n makes one event in n carry a code (default 10; 1 for all,
# 0 for none), to see what each kind of event costs; each rate also reports both servers' CPU time per event.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/load-classpath.txt
ulimit -n 8192 2>/dev/null || true
exec java -Xmx1g -cp "app/target/test-classes:app/target/classes:$(cat app/target/load-classpath.txt)" \
  dev.aadsts.app.slack.SlackLoad "$@"
