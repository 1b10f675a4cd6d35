#!/usr/bin/env bash
# Links the same trimmed Java runtime as the Dockerfile's jre-jlink stage, with this machine's JDK 17
# (jmods needed: Debian's openjdk-17-jdk-headless has them), into app/target/jre for JRE=prebuilt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/app/target/jre"
modules="$(grep -o 'add-modules [^ ]*' "$root/Dockerfile" | cut -d' ' -f2)"
jlink="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}/bin/jlink"
rm -rf "$out"
"$jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files --compress=2 --output "$out"
# Debian's JDK keeps its CA certificates outside the JDK (a symlink to /etc/ssl/certs/java/cacerts);
# copy the real file so TLS to Slack and Microsoft works inside the image.
if [ -f /etc/ssl/certs/java/cacerts ]; then
  cp -L /etc/ssl/certs/java/cacerts "$out/lib/security/cacerts"
fi
echo "$out"
