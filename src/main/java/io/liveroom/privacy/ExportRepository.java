package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for data export jobs (their documents: {@link ExportDocuments}). */
final class ExportRepository {
  /**
   * Serializes the export requests of one user (until the transaction ends) so that counting and
   * inserting cannot interleave with another request's. Hash collisions between users only make two
   * users' requests wait for each other, never let one past the cap.
   */
  static final String LOCK_USER = "SELECT pg_advisory_xact_lock(hashtextextended('liveroom.data_exports.' || $1, 0))";
  /** Inserts only while under the cap; run after LOCK_USER, in a statement (snapshot) of its own. */
  static final String INSERT_UNDER_CAP = """
    INSERT INTO data_exports (id, user_id, requested_by, status, requested_at)
    SELECT $1, $2, $3, 'pending', $4
    WHERE (SELECT count(*) FROM data_exports WHERE user_id = $2 AND requested_at > $5) < $6
    RETURNING id""";
  /** When the oldest export of the window leaves it (for Retry-After). */
  static final String OLDEST_SINCE = """
    SELECT min(requested_at) AS oldest FROM data_exports WHERE user_id = $1 AND requested_at > $2""";
  static final String MARK_READY = """
    UPDATE data_exports SET status = 'ready', ready_at = $2, expires_at = $3, size_bytes = $4
    WHERE id = $1 AND status = 'pending'""";
  static final String MARK_FAILED = """
    WITH failed AS (UPDATE data_exports SET status = 'failed', failure = $2 WHERE id = $1 RETURNING id)
    DELETE FROM data_export_chunks WHERE export_id IN (SELECT id FROM failed)""";
  static final String FIND_OWN = """
    SELECT id, user_id, status, requested_at, ready_at, expires_at, size_bytes FROM data_exports
    WHERE id = $1 AND user_id = $2""";
  static final String FIND = """
    SELECT id, user_id, status, requested_at, ready_at, expires_at, size_bytes FROM data_exports WHERE id = $1""";
  /** Pending far too long: the generating node died. Its partial document goes in the same statement. */
  static final String ABANDON = """
    WITH abandoned AS (UPDATE data_exports SET status = 'failed', failure = 'abandoned'
                       WHERE status = 'pending' AND requested_at < $1 RETURNING id),
         gone AS (DELETE FROM data_export_chunks WHERE export_id IN (SELECT id FROM abandoned))
    SELECT id FROM abandoned""";
  /** Due exports expire and their documents are deleted in one statement, on whichever node runs it. */
  static final String EXPIRE_DUE = """
    WITH expired AS (UPDATE data_exports SET status = 'expired'
                     WHERE id IN (SELECT id FROM data_exports WHERE status = 'ready' AND expires_at <= $1
                                  ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
                     RETURNING id),
         gone AS (DELETE FROM data_export_chunks WHERE export_id IN (SELECT id FROM expired))
    SELECT id FROM expired""";

  /** One export as stored. */
  record Export(UUID id, long userId, String status, OffsetDateTime requestedAt, OffsetDateTime readyAt,
                OffsetDateTime expiresAt, Long sizeBytes) {
    JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("status", status)
        .put("requestedAt", Times.iso(requestedAt)).put("readyAt", Times.iso(readyAt))
        .put("expiresAt", Times.iso(expiresAt)).put("sizeBytes", sizeBytes);
    }
  }

  private final Pool pool;

  ExportRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * Records a pending export unless the user already has {@code cap} requested after
   * {@code windowStart}. Check and insert are atomic: a per-user advisory lock held to the end of
   * the transaction serializes them, and the conditional insert runs after the lock is granted, so
   * (in READ COMMITTED) it counts every request committed before it. Succeeds with empty when
   * recorded, or with the instant a slot frees up when refused.
   */
  Future<Optional<Instant>> insertUnderCap(UUID id, long userId, long requestedBy, Instant at, Instant windowStart,
                                           int cap) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_USER).execute(Tuple.of(Long.toString(userId)))
      .compose(v -> tx.preparedQuery(INSERT_UNDER_CAP).execute(Tuple.of(id, userId, requestedBy, utc(at), utc(windowStart), cap)))
      .compose(inserted -> inserted.rowCount() == 1 ? Future.succeededFuture(Optional.<Instant>empty())
        : tx.preparedQuery(OLDEST_SINCE).execute(Tuple.of(userId, utc(windowStart))).map(rows -> {
          OffsetDateTime oldest = rows.iterator().next().getOffsetDateTime("oldest");
          return Optional.of((oldest == null ? at : oldest.toInstant()).plus(java.time.Duration.ofDays(1)));
        })));
  }

  /** False when the export is no longer pending (abandoned meanwhile): its document is then an orphan. */
  Future<Boolean> markReady(UUID id, Instant at, Instant expires, long size) {
    return pool.preparedQuery(MARK_READY).execute(Tuple.of(id, utc(at), utc(expires), size)).map(r -> r.rowCount() == 1);
  }

  Future<Void> markFailed(UUID id, String why) {
    return pool.preparedQuery(MARK_FAILED).execute(Tuple.of(id, why)).mapEmpty();
  }

  Future<Optional<Export>> findOwn(UUID id, long userId) {
    return pool.preparedQuery(FIND_OWN).execute(Tuple.of(id, userId)).map(ExportRepository::first);
  }

  Future<Optional<Export>> find(UUID id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id)).map(ExportRepository::first);
  }

  /** Marks due exports expired (one node per row), deletes their documents, and returns their ids. */
  Future<List<UUID>> expireDue(Instant now, int limit) {
    return pool.preparedQuery(EXPIRE_DUE).execute(Tuple.of(utc(now), limit)).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getUUID("id")));
      return ids;
    });
  }

  Future<List<UUID>> abandon(Instant requestedBefore) {
    return pool.preparedQuery(ABANDON).execute(Tuple.of(utc(requestedBefore))).map(rows -> {
      List<UUID> ids = new ArrayList<>();
      rows.forEach(r -> ids.add(r.getUUID("id")));
      return ids;
    });
  }

  private static Optional<Export> first(RowSet<Row> rows) {
    if (rows.size() == 0) {
      return Optional.empty();
    }
    Row r = rows.iterator().next();
    return Optional.of(new Export(r.getUUID("id"), r.getLong("user_id"), r.getString("status"),
      r.getOffsetDateTime("requested_at"), r.getOffsetDateTime("ready_at"), r.getOffsetDateTime("expires_at"),
      r.getLong("size_bytes")));
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
