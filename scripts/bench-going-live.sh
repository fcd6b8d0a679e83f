#!/usr/bin/env bash
# The going-live fan-out benchmark (issue 22): one node on the embedded default (conf/loadtest.json),
# a host with FOLLOWERS followers seeded in SQL, then the load generator's going-live scenario: chat
# runs in another room while the host goes live and the durable fan-out writes one inbox row per
# follower. Prints the scenario's result line; the full JSON is under target/loadtest/.
#   scripts/bench-going-live.sh [FOLLOWERS] [CHAT_RATE] [PUBLISHERS]   (defaults 100000 100 2*CHAT_RATE)
# PUBLISHERS defaults to two senders per message per second, so each sends 0.5 msg/s: the node's
# default per-user chat limit (5 per 10 s). A node handles one connection's publishes one after
# another (their order is kept), so a few senders each far above any user's rate measure that
# per-connection queue, not the room's chat latency (PERFORMANCE.md, "Chat during going-live").
# BENCH_JAR picks the node's jar (default target/liveroom.jar; the generator runs from the same
# jar), so a saved base build and a new one can be compared turn about; BENCH_TMP the run directory's parent.
# The server is pinned to core 0 and the generator to core 1 when the machine has two or more.
set -euo pipefail
cd "$(dirname "$0")/.."
FOLLOWERS=${1:-100000}
RATE=${2:-100}
PUBLISHERS=${3:-$(awk -v r="$RATE" 'BEGIN { p = int(2 * r + 0.5); print (p < 1 ? 1 : p) }')}
PORT=${BENCH_HTTP_PORT:-18091}
PG_PORT=${BENCH_PG_PORT:-25442}
REDIS_PORT=${BENCH_REDIS_PORT:-26389}
RUN=$(mktemp -d "${BENCH_TMP:-/tmp}/bench-going-live.XXXXXX")
JAR=${BENCH_JAR:-target/liveroom.jar}
[[ -f "$JAR" ]] || mvn -B -q -DskipTests package
SERVER_PIN=(); GEN_CPUS=""
if [[ $(nproc) -ge 2 ]]; then SERVER_PIN=(taskset -c 0); GEN_CPUS=1; fi

LIVEROOM_HTTP_HOST=127.0.0.1 LIVEROOM_HTTP_PORT=$PORT LIVEROOM_DATA_DIR=$RUN/data \
LIVEROOM_PG_EMBEDDED_PORT=$PG_PORT LIVEROOM_REDIS_EMBEDDED_PORT=$REDIS_PORT LIVEROOM_PG_EMBEDDED_DATA_DIR=$RUN/pg \
  "${SERVER_PIN[@]}" java -Xmx1g -XX:+UseG1GC -jar "$JAR" -c conf/loadtest.json > "$RUN/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 180); do curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break; sleep 1; done

# The host (identity-verified adult with a phone, as hosting requires) and its followers, whose ids
# follow the host's (the scenario's viewers are the first of them). Seeding is not the node's
# business, so it is plain SQL here.
HOST_ID=$(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qtA -v ON_ERROR_STOP=1 <<SQL
WITH h AS (INSERT INTO users (nickname, identity_verified, birth_date, phone_idx)
    VALUES ('bench-host-' || md5(random()::text), true, DATE '1990-01-01', decode(md5(random()::text), 'hex')) RETURNING id),
  u AS (INSERT INTO users (nickname) SELECT 'bench-fan-' || g FROM generate_series(1, $FOLLOWERS) g RETURNING id),
  f AS (INSERT INTO follows (follower_id, followee_id) SELECT u.id, h.id FROM u, h RETURNING 1)
SELECT (SELECT id FROM h) || ' ' || (SELECT count(*) FROM f);
SQL
)
read -r HOST FOLLOWS <<<"$HOST_ID"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qtA -c "VACUUM ANALYZE users" -c "VACUUM ANALYZE follows"
echo "seeded host $HOST with $FOLLOWS followers; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

GEN_PIN=(); if [[ -n "$GEN_CPUS" ]]; then GEN_PIN=(taskset -c "$GEN_CPUS"); fi
LIVEROOM_DATA_DIR=$RUN/data "${GEN_PIN[@]}" java -Xmx1g -XX:+UseG1GC -jar "$JAR" loadtest going-live --port "$PORT" --config conf/loadtest.json --quiet true --users minted \
  --server-pid "$SERVER" --host-id "$HOST" --followers "$FOLLOWS" --viewers 200 --publishers "$PUBLISHERS" --rate "$RATE" \
  --duration 20s --warmup 2s --go-after 5s > "$RUN/lt.out" 2>&1 || true
grep -E "^result:|^latency:|passed|failure" "$RUN/lt.out" || tail -20 "$RUN/lt.out"
# The server's own timing of the job: enqueued (the start request) to its last batch committed.
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qtA -c "SELECT 'job: ' || state || ', ' || attempts
  || ' claim(s), ' || (cursor->>'notified') || ' rows in ' || round(extract(epoch FROM finished_at - created_at)::numeric, 2)
  || ' s = ' || round((cursor->>'notified')::numeric / extract(epoch FROM finished_at - created_at)::numeric)
  || ' rows/s' FROM jobs WHERE kind = 'notification.going_live'"
# The push's device lookups during the run: index scans of push_devices (one per follower, or one
# per batch). PostgreSQL publishes an idle backend's counters within about 10 s, so it may lag a little.
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -qtA -c "SELECT 'push_devices index scans: '
  || coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = 'push_devices'"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); logs in $RUN"
