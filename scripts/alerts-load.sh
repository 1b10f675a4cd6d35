#!/usr/bin/env bash
# Load run for the alert webhook: alerts/s accepted durably on the embedded store and on PostgreSQL, each
# beside a baseline (POST /api/explain, no store) measured in the same run.
# Usage: scripts/alerts-load.sh [requests=20000] [clients=16] [postgres-url]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q install -DskipTests -pl app -am
mvn -B -q test-compile -pl app
mvn -B -q dependency:build-classpath -pl app -Dmdep.includeScope=test -Dmdep.outputFile=target/load-classpath.txt
exec java -cp "app/target/test-classes:app/target/classes:$(cat app/target/load-classpath.txt)" \
  dev.aadsts.app.alerts.AlertsLoad "$@"
