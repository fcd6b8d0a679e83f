#!/usr/bin/env bash
# Builds the fat jar if needed and runs the server on the embedded default
# (embedded PostgreSQL with data in ./data/pg, embedded Redis). Extra args go to the server.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -f target/liveroom.jar || -n "$(find src conf pom.xml web/src web/package-lock.json docs/PROTOCOL.md -newer target/liveroom.jar -print -quit)" ]]; then
  mvn -B -q package -DskipTests
fi
exec java ${JAVA_OPTS:-} -jar target/liveroom.jar "$@"
