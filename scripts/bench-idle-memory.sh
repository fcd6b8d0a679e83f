#!/usr/bin/env bash
# Memory per idle connection, cold and warm: starts one server (this build, or JAR) pinned to CPU 0,
# then runs the bench harness's idle scenario twice against it (5,000 connections, each joined to one
# room; live heap read with jcmd, as run-peers.sh does). The first run is the harness's figure (a fresh
# server, so it includes the JIT's and class loading's one-time memory); the second shows what further
# connections cost once the node is warm. Before and after each run it prints the resident size of the
# Java heap's address range and of everything else (from /proc/PID/smaps).
#   BENCH_DIR=/path/to/bench [JAR=...] [JVM_OPTS="..."] [CONNECTIONS=5000] scripts/bench-idle-memory.sh
# Ports and directories as in bench-peers.sh (PORT, BENCH_WORK); set LIVEROOM_PG_EMBEDDED_PORT and
# LIVEROOM_REDIS_EMBEDDED_PORT too when other servers run on the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DIR:?set BENCH_DIR to the bench harness directory}"
JAR=${JAR:-$PWD/target/liveroom.jar}
[[ -f "$JAR" ]] || mvn -B -q -DskipTests package
WORK=${BENCH_WORK:-/tmp/liveroom-bench}
mkdir -p "$WORK"
export LIVEROOM_PG_EMBEDDED_DATA_DIR=${LIVEROOM_PG_EMBEDDED_DATA_DIR:-$WORK/pg}
export LIVEROOM_DATA_DIR=$WORK/data LIVEROOM_HTTP_HOST=127.0.0.1 LIVEROOM_HTTP_PORT=${PORT:-18580} \
  LIVEROOM_REALTIME_BENCHMARK_NAMESPACE=true
[[ -f "$WORK/secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/secret"
export LIVEROOM_AUTH_JWT_SECRET=$(cat "$WORK/secret")
[[ -s "$WORK/tokens.txt" ]] || java -jar "$JAR" token --count 6000 > "$WORK/tokens.txt"

# Resident KB inside the Java heap's reserved range (from GC.heap_info), and outside it.
resident() {
  jcmd "$1" GC.heap_info | python3 -c '
import re, sys
ranges = [[int(x, 16) for x in re.findall(r"0x[0-9a-f]+", l)] for l in sys.stdin if "[0x" in l and "total" in l]
lo, hi = min(r[0] for r in ranges), max(r[-1] for r in ranges)
rss, inheap = {True: 0, False: 0}, False
for line in open("/proc/" + sys.argv[1] + "/smaps"):
    m = re.match(r"^([0-9a-f]+)-[0-9a-f]+ ", line)
    if m:
        inheap = lo <= int(m.group(1), 16) < hi
    elif line.startswith("Rss:"):
        rss[inheap] += int(line.split()[1])
print(f"heap_rss_kb={rss[True]} other_rss_kb={rss[False]}")' "$1"
}

LOG=$WORK/idle-memory-server.log
taskset -c 0 java ${JVM_OPTS:--XX:+UseG1GC -Xmx1g} -jar "$JAR" > "$LOG" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do grep -q 'listening on' "$LOG" && break; sleep 1; done
sleep 3
cd "$BENCH_DIR"
for run in cold warm; do
  echo "$run: before: load $(cut -d' ' -f1-3 /proc/loadavg), $(resident $PID)"
  taskset -c 1 node client.mjs --protocol centrifuge --target "liveroom-$run" --port "$LIVEROOM_HTTP_PORT" \
    --server-pid $PID --tokens "$WORK/tokens.txt" --room bench:room --scenario idle \
    --connections "${CONNECTIONS:-5000}" --jcmd on 2>/dev/null | tail -1
  echo "$run: after: load $(cut -d' ' -f1-3 /proc/loadavg), $(resident $PID)"
  sleep 5
done
