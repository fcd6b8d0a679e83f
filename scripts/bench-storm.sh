#!/usr/bin/env bash
# The reconnect storm on one server core (issue 26): for each jar, alternating (A B A B ...), a
# fresh node pinned to core 0 (its embedded PostgreSQL and Redis inherit the pin), and the load
# generator of the same jar on core 1 running `loadtest reconnect-storm` against it: CONNECTIONS
# viewers in a benchlive: channel with history, a publisher at RATE/s throughout, all viewers
# dropped without a close frame after KILL_AFTER and reconnected at once with recovery.
#
#   cp target/liveroom.jar /tmp/new.jar; scripts/bench-storm.sh /tmp/new.jar [/tmp/base.jar ...]
#
# Settings (environment, defaults in brackets): ROUNDS [1], CONNECTIONS [10000], RATE [10],
# KILL_AFTER [5s], DURATION [15s], SOURCES [4], PORT [18820], PG_PORT [25820], REDIS_PORT [26820],
# WORK [/tmp/liveroom-storm], JAVA_OPTS [-XX:+UseG1GC -Xmx1g] for the node, EXTRA (more generator
# options). One line per run goes to stdout and $WORK/results.txt with the load average beside it;
# the full JSON results are under $WORK/out.
set -euo pipefail
[[ $# -ge 1 ]] || { echo "usage: $0 JAR [JAR...]" >&2; exit 2; }
ROUNDS=${ROUNDS:-1} CONNECTIONS=${CONNECTIONS:-10000} RATE=${RATE:-10} KILL_AFTER=${KILL_AFTER:-5s}
DURATION=${DURATION:-15s} SOURCES=${SOURCES:-4} PORT=${PORT:-18820}
WORK=${WORK:-/tmp/liveroom-storm}
mkdir -p "$WORK/out"
[[ -f "$WORK/secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/secret"
# Shared by the node and the generator (which mints the viewers' tokens with it). Benchmarks only.
export LIVEROOM_HTTP_HOST=127.0.0.1 LIVEROOM_HTTP_PORT=$PORT LIVEROOM_REALTIME_BENCHMARK_NAMESPACE=true \
  LIVEROOM_AUTH_JWT_SECRET=$(cat "$WORK/secret") LIVEROOM_DATA_DIR=$WORK/data \
  LIVEROOM_PG_EMBEDDED_PORT=${PG_PORT:-25820} LIVEROOM_PG_EMBEDDED_DATA_DIR=$WORK/pg \
  LIVEROOM_REDIS_EMBEDDED_PORT=${REDIS_PORT:-26820}

one() { # label jar
  local label=$1 jar=$2 log=$WORK/server-$1.log
  taskset -c 0 java ${JAVA_OPTS:--XX:+UseG1GC -Xmx1g} -jar "$jar" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do grep -q 'listening on' "$log" && break; sleep 0.5; done
  grep -q 'listening on' "$log" || { echo "$label: the node did not start, see $log" >&2; kill "$pid"; return 1; }
  local load; load=$(sed 's/.*average: //' <<<"$(uptime)")
  taskset -c 1 java -XX:+UseG1GC -Xmx2g -jar "$jar" loadtest reconnect-storm --port "$PORT" --users minted \
    --connections "$CONNECTIONS" --rate "$RATE" --kill-after "$KILL_AFTER" --duration "$DURATION" \
    --sources "$SOURCES" --server-pid "$pid" --out "$WORK/out" --quiet true ${EXTRA:-} > "$WORK/client-$label.log" 2>&1 || true
  local result; result=$(grep '^result:' "$WORK/client-$label.log" | sed 's/^result: *//')
  local verdict; verdict=$(grep '^== ' "$WORK/client-$label.log" || echo "no result, see $WORK/client-$label.log")
  echo "$label (load before: $load; after: $(sed 's/.*average: //' <<<"$(uptime)")): $verdict $result" | tee -a "$WORK/results.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for round in $(seq 1 "$ROUNDS"); do
  i=0
  for jar in "$@"; do
    i=$((i + 1))
    one "r$round-jar$i-$(basename "$jar" .jar)-$(date +%H%M%S)" "$jar"
  done
done
