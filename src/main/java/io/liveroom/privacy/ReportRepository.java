package io.liveroom.privacy;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.Optional;

import static io.liveroom.privacy.ExportRepository.utc;

/** SQL for reports and the moderation queue. */
final class ReportRepository {
  static final String COLUMNS = """
    id, reporter_id, target_user_id, room_id, message_id, media_id, reason, details, status, action, outcome,
    created_at, handled_at, post_id, comment_id""";
  static final String INSERT = """
    INSERT INTO reports (reporter_id, target_user_id, room_id, message_id, reason, details, created_at, media_id)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""" + " RETURNING " + COLUMNS;
  static final String INSERT_CONTENT = """
    INSERT INTO reports (reporter_id, target_user_id, post_id, comment_id, reason, details, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7)""" + " RETURNING " + COLUMNS;
  static final String MINE = "SELECT " + COLUMNS + " FROM reports WHERE reporter_id = $1 ORDER BY id DESC LIMIT 100";
  static final String QUEUE = "SELECT " + COLUMNS + " FROM reports WHERE status = $1 AND id > $2 ORDER BY id LIMIT $3";
  static final String LOCK = "SELECT " + COLUMNS + " FROM reports WHERE id = $1 FOR UPDATE";
  static final String RESOLVE = """
    UPDATE reports SET status = $2, action = $3, outcome = $4, handled_by = $5, handled_at = $6 WHERE id = $1""" + " RETURNING " + COLUMNS;

  static final String FILED_BY = """
    SELECT id, target_user_id, room_id, message_id, media_id, reason, details, status, action, outcome, created_at,
           handled_at, post_id, comment_id
    FROM reports WHERE reporter_id = $1 ORDER BY id""";
  static final String FORGET_DETAILS = "UPDATE reports SET details = NULL WHERE reporter_id = $1";

  private final Pool pool;

  ReportRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  Future<JsonObject> insert(long reporter, Long target, Long room, Long message, java.util.UUID media, String reason,
                            String details, Instant at) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(reporter, target, room, message, reason, details, utc(at), media))
      .map(rows -> toJson(rows.iterator().next()));
  }

  /** A report about a post or a comment (exactly one of them), whose author is {@code target}. */
  Future<JsonObject> insertContent(long reporter, long target, Long post, Long comment, String reason, String details,
                                   Instant at) {
    return pool.preparedQuery(INSERT_CONTENT).execute(Tuple.of(reporter, target, post, comment, reason, details, utc(at)))
      .map(rows -> toJson(rows.iterator().next()));
  }

  Future<JsonArray> mine(long reporter) {
    return pool.preparedQuery(MINE).execute(Tuple.of(reporter)).map(ReportRepository::array);
  }

  Future<JsonArray> queue(String status, long afterId, int limit) {
    return pool.preparedQuery(QUEUE).execute(Tuple.of(status, afterId, limit)).map(ReportRepository::array);
  }

  Future<Optional<Row>> lock(SqlConnection tx, long id) {
    return tx.preparedQuery(LOCK).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  Future<JsonObject> resolve(SqlConnection tx, long id, String status, String action, String outcome, long by,
                             Instant at) {
    return tx.preparedQuery(RESOLVE).execute(Tuple.of(id, status, action, outcome, by, utc(at)))
      .map(rows -> toJson(rows.iterator().next()));
  }

  private static JsonArray array(Iterable<Row> rows) {
    JsonArray out = new JsonArray();
    rows.forEach(r -> out.add(toJson(r)));
    return out;
  }

  /** The reporter's and the queue's view; the handling moderator is never shown. */
  static JsonObject toJson(Row r) {
    Long message = r.getLong("message_id");
    return new JsonObject().put("id", r.getLong("id")).put("targetUserId", r.getLong("target_user_id"))
      .put("roomId", r.getLong("room_id")).put("messageId", message == null ? null : Long.toString(message))
      .put("mediaId", r.getUUID("media_id") == null ? null : r.getUUID("media_id").toString())
      .put("postId", r.getLong("post_id")).put("commentId", r.getLong("comment_id"))
      .put("reason", r.getString("reason")).put("details", r.getString("details"))
      .put("status", r.getString("status")).put("action", r.getString("action")).put("outcome", r.getString("outcome"))
      .put("createdAt", Times.iso(r.getOffsetDateTime("created_at")))
      .put("handledAt", Times.iso(r.getOffsetDateTime("handled_at")));
  }

  /** The reports the user filed, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportFiledBy(ExportWriter out, String category, long reporterId) {
    return out.query(pool, category, FILED_BY, Tuple.of(reporterId), ReportRepository::toJson);
  }

  /** Erasure: the reports stay (evidence about someone else), the reporter's free text goes, through {@code tx}. */
  Future<Void> forgetDetails(SqlClient tx, long reporterId) {
    return tx.preparedQuery(FORGET_DETAILS).execute(Tuple.of(reporterId)).mapEmpty();
  }
}
