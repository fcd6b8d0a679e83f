package io.liveroom.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * The going-live inbox rows of a fan-out batch: one statement per batch, so 5,000 followers cost
 * one round trip. Followers who turned the {@code going_live} in-app setting off, or muted the
 * host, get no row; a follower who already has this session's row (the batch ran before, on a node
 * that died after committing) gets no second one: the unique {@code (user_id, dedupe_key)} index.
 */
final class FanoutRepository {
  static final String KIND = "going_live";
  /** $1 follower ids, $2 host id, $3 subject, $4 payload, $5 dedupe key; the ids of the users who got a row. */
  static final String INSERT_BATCH = """
    INSERT INTO notifications (user_id, kind, actor_id, subject, payload, dedupe_key)
    SELECT f.id, 'going_live', $2, $3, $4, $5
    FROM unnest($1::bigint[]) AS f(id)
    WHERE NOT EXISTS (SELECT 1 FROM notification_settings s
        WHERE s.user_id = f.id AND s.kind = 'going_live' AND NOT s.in_app)
      AND NOT EXISTS (SELECT 1 FROM notification_muted_hosts m WHERE m.user_id = f.id AND m.host_id = $2)
    ON CONFLICT (user_id, dedupe_key) WHERE dedupe_key IS NOT NULL DO NOTHING
    RETURNING user_id""";

  /** Inserts the batch's rows in the caller's transaction; returns who got one. */
  Future<List<Long>> insertBatch(SqlClient tx, List<Long> followers, GoingLive live) {
    JsonObject payload = new JsonObject().put("roomId", live.roomId()).put("sessionId", live.sessionId());
    return tx.preparedQuery(INSERT_BATCH)
      .execute(Tuple.of(followers.toArray(new Long[0]), live.hostId(), "room/" + live.roomId(), payload,
        live.dedupeKey()))
      .map(rows -> {
        List<Long> ids = new ArrayList<>(rows.size());
        rows.forEach(r -> ids.add(r.getLong(0)));
        return ids;
      });
  }
}
