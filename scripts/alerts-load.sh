#!/usr/bin/env bash
# Load run for the alert webhook: alerts/s accepted durably on the embedded store and on PostgreSQL, flat out
# from 16 clients and at steady rates, each beside POST /api/explain (no store) measured in the same run.
# Every step lasts [seconds]; the whole run is stopped after MAX_SECONDS (default 900).
# Usage: scripts/alerts-load.sh [seconds=10] [rates=1000,2000,3000] [clients=16] [postgres-url]
set -euo pipefail
cd "$(dirname "$0")/.."
# The reactor resolves the modules from their target/ folders: nothing is installed into ~/.m2.
mvn -B -q -pl app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/load-classpath.txt
exec timeout --signal=TERM --kill-after=10 "${MAX_SECONDS:-900}" \
  java -cp "app/target/test-classes:app/target/classes:$(cat app/target/load-classpath.txt)" \
  dev.aadsts.app.alerts.AlertsLoad "$@"
