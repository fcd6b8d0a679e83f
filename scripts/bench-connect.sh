#!/usr/bin/env bash
# Server CPU per connect, cold and warm, for one or more builds, alternating (A B A B ...), on
# this machine only (issue 26). Each round starts a fresh node per jar (server on core 0, the
# harness client on core 1), runs the harness's idle scenario RUNS times against it (5,000 JWT
# connects, each subscribing to bench:room; run 1 is the cold node, the next ones warm), then
# prints the node's CPU by thread group (event loops, C1/C2 compilers, GC) and stops it.
#
#   BENCH_DIR=/path/to/bench scripts/bench-connect.sh /tmp/base.jar /tmp/new.jar
#
# Copy each build's target/liveroom.jar somewhere first, so a rebuild cannot change a running
# benchmark. Settings (environment, defaults in brackets): ROUNDS [2], RUNS [2], CONNECTIONS
# [5000], PORT [18580], WORK [/tmp/liveroom-connect], JAVA_OPTS [-XX:+UseG1GC -Xmx1g], and LR_ENV
# for extra server settings (e.g. the embedded PostgreSQL/Redis ports). One line per run goes to
# stdout and to $WORK/results.txt, with the load average beside it.
set -euo pipefail
: "${BENCH_DIR:?set BENCH_DIR to the bench harness directory (npm ci done)}"
[[ $# -ge 1 ]] || { echo "usage: $0 JAR [JAR...]" >&2; exit 2; }
ROUNDS=${ROUNDS:-2} RUNS=${RUNS:-2} CONNECTIONS=${CONNECTIONS:-5000} PORT=${PORT:-18580}
WORK=${WORK:-/tmp/liveroom-connect}
mkdir -p "$WORK"
[[ -f "$WORK/secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/secret"
# The benchmark namespace and settings of scripts/bench-peers.sh. Never use them in production.
export LIVEROOM_HTTP_HOST=127.0.0.1 LIVEROOM_HTTP_PORT=$PORT LIVEROOM_REALTIME_BENCHMARK_NAMESPACE=true \
  LIVEROOM_REALTIME_COMMANDS_PER_SECOND=1000 LIVEROOM_REALTIME_COMMAND_BURST=2000 \
  LIVEROOM_REALTIME_WRITE_DELAY_MILLIS=0 LIVEROOM_AUTH_JWT_SECRET=$(cat "$WORK/secret")
[[ -s "$WORK/tokens.txt" ]] || LIVEROOM_DATA_DIR=$WORK/data java -jar "$1" token --count 6000 > "$WORK/tokens.txt"

# CPU ticks of a process's threads, summed by thread name without its number.
threads() {
  for t in /proc/"$1"/task/*; do
    local s; s=$(cat "$t/stat" 2>/dev/null) || continue # the thread ended meanwhile
    local name; name=$(sed 's/^[0-9]* (\(.*\)) .*/\1/; s/[#0-9-]*$//; s/ /_/g' <<<"$s")
    awk -v n="$name" '{ sub(/^.*\) /, ""); print n, $12 + $13 }' <<<"$s"
  done | awk '{ a[$1] += $2 } END { for (k in a) if (a[k] >= 10) printf "%s=%.1fs ", k, a[k] / 100; print "" }'
}

one() { # label jar
  local label=$1 jar=$2 log=$WORK/server-$1.log
  env LIVEROOM_DATA_DIR="$WORK/data" ${LR_ENV:-} taskset -c 0 java ${JAVA_OPTS:--XX:+UseG1GC -Xmx1g} -jar "$jar" > "$log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 240); do grep -q 'listening on' "$log" && break; sleep 0.5; done
  grep -q 'listening on' "$log" || { echo "$label: the node did not start, see $log" >&2; kill "$pid"; return 1; }
  echo "$label started: $(threads $pid)" | tee -a "$WORK/results.txt"
  for r in $(seq 1 "$RUNS"); do
    local load; load=$(sed 's/.*average: //' <<<"$(uptime)")
    local out; out=$(taskset -c 1 node "$BENCH_DIR/client.mjs" --protocol centrifuge --port "$PORT" --server-pid "$pid" \
      --scenario idle --connections "$CONNECTIONS" --tokens "$WORK/tokens.txt" --room bench:room --jcmd off --settle 1 \
      2>>"$WORK/client.log" | tail -1)
    node -e 'const j = JSON.parse(process.argv[1]); console.log(`${process.argv[2]} run ${process.argv[3]} (load ${process.argv[4]}): ` +
      `${j.server_cpu_us_per_connect} us/connect, ${j.connects_per_s} connects/s, ${j.connections} connected, ` +
      `${j.connect_errors} errors, ${j.disconnects} disconnects`)' "$out" "$label" "$r" "$load" | tee -a "$WORK/results.txt"
    sleep 2
  done
  echo "$label threads: $(threads $pid)" | tee -a "$WORK/results.txt"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for round in $(seq 1 "$ROUNDS"); do
  i=0
  for jar in "$@"; do
    i=$((i + 1))
    one "r$round-jar$i-$(basename "$jar" .jar)" "$jar"
  done
done
