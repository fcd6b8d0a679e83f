#!/usr/bin/env bash
# Runs one load-test scenario against a node on this machine (loopback only), e.g.
#   scripts/loadtest.sh fanout --viewers 1000 --rate 100 --duration 30s
# Results: target/loadtest/<scenario>-<time>.json and .png. See docs/PERFORMANCE.md.
# JAVA_OPTS and LOADTEST_CPUS (a taskset CPU list, e.g. 1) are optional.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=target/liveroom.jar
[[ -f "$JAR" ]] || mvn -B -q -DskipTests package
PIN=()
if [[ -n "${LOADTEST_CPUS:-}" ]]; then PIN=(taskset -c "$LOADTEST_CPUS"); fi
exec "${PIN[@]}" java ${JAVA_OPTS:--Xmx2g -XX:+UseG1GC} -jar "$JAR" loadtest "$@"
