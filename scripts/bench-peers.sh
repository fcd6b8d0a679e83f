#!/usr/bin/env bash
# Runs the side-by-side fan-out harness (../shared/bench, see its README) with this server as the
# `liveroom` target, on this machine only. BENCH_DIR must point to a copy of the harness with its
# npm dependencies installed (`npm ci`). Extra server settings go in LR_ENV, e.g.
#   LR_ENV="LIVEROOM_REALTIME_WRITE_DELAY_MILLIS=20" TARGETS=liveroom scripts/bench-peers.sh
# LR_ENV replaces the default LIVEROOM_REALTIME_WRITE_DELAY_MILLIS=0, so repeat it there when adding
# settings (e.g. LIVEROOM_PG_EMBEDDED_PORT, LIVEROOM_REDIS_EMBEDDED_PORT). JAR picks another build
# (default target/liveroom.jar; copy it first, so a rebuild cannot change a running benchmark),
# LR_JAVA_OPTS the JVM options (default -XX:+UseG1GC -Xmx1g). The connect cost alone, cold:
#   TARGETS="liveroom ws bun" SCENARIOS=idle ROUNDS=3 scripts/bench-peers.sh
# cold and warm against one node, alternating builds: scripts/bench-connect.sh.
# Anything run-peers.sh reads (TARGETS, ROUNDS, RATES, WARMUP, SCENARIOS...) passes through.
# JVM_OPTS is accepted as another name for LR_JAVA_OPTS. The embedded PostgreSQL keeps its data under BENCH_WORK unless
# LIVEROOM_PG_EMBEDDED_DATA_DIR says otherwise (its default, ./data/pg, would land in BENCH_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${BENCH_DIR:?set BENCH_DIR to the bench harness directory}"
JAR=${JAR:-$PWD/target/liveroom.jar}
[[ -f "$JAR" ]] || mvn -B -q -DskipTests package
WORK=${BENCH_WORK:-/tmp/liveroom-bench}
mkdir -p "$WORK"
# The benchmark namespace (bench:*) and a raised command rate: the harness's single publisher
# sends up to 100 publications/s on one connection. Never use these settings in production.
export LIVEROOM_PG_EMBEDDED_DATA_DIR=${LIVEROOM_PG_EMBEDDED_DATA_DIR:-$WORK/pg}
export LIVEROOM_DATA_DIR=$WORK/data LIVEROOM_HTTP_HOST=127.0.0.1 LIVEROOM_HTTP_PORT=${PORT:-18580} \
  LIVEROOM_REALTIME_BENCHMARK_NAMESPACE=true LIVEROOM_REALTIME_COMMANDS_PER_SECOND=1000 \
  LIVEROOM_REALTIME_COMMAND_BURST=2000
[[ -f "$WORK/secret" ]] || head -c 48 /dev/urandom | base64 | tr -d '/+=\n' > "$WORK/secret"
export LIVEROOM_AUTH_JWT_SECRET=$(cat "$WORK/secret")
[[ -s "$WORK/tokens.txt" ]] || java -jar "$JAR" token --count 6000 > "$WORK/tokens.txt"
export PORT=$LIVEROOM_HTTP_PORT LIVEROOM_TOKENS=$WORK/tokens.txt LIVEROOM_CHANNEL=bench:room \
  LIVEROOM_READY='listening on' LIVEROOM_CMD="env ${LR_ENV:-LIVEROOM_REALTIME_WRITE_DELAY_MILLIS=0} java ${LR_JAVA_OPTS:-${JVM_OPTS:--XX:+UseG1GC -Xmx1g}} -jar $JAR"
export TARGETS=${TARGETS:-"liveroom bun"} WARMUP=${WARMUP:-10}
cd "$BENCH_DIR" && exec bash run-peers.sh
