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

/** SQL for data export jobs. */
final class ExportRepository {
  static final String COUNT_SINCE = """
    SELECT count(*) AS n, min(requested_at) AS oldest FROM data_exports WHERE user_id = $1 AND requested_at > $2""";
  static final String INSERT = """
    INSERT INTO data_exports (id, user_id, requested_by, status, requested_at) VALUES ($1, $2, $3, 'pending', $4)""";
  static final String MARK_READY = """
    UPDATE data_exports SET status = 'ready', ready_at = $2, expires_at = $3, size_bytes = $4
    WHERE id = $1 AND status = 'pending'""";
  static final String MARK_FAILED = "UPDATE data_exports SET status = 'failed', failure = $2 WHERE id = $1";
  static final String FIND_OWN = """
    SELECT id, user_id, status, requested_at, ready_at, expires_at, size_bytes FROM data_exports
    WHERE id = $1 AND user_id = $2""";
  static final String FIND = """
    SELECT id, user_id, status, requested_at, ready_at, expires_at, size_bytes FROM data_exports WHERE id = $1""";
  /** Pending far too long: the generating node died. Its partial file is deleted by the caller. */
  static final String ABANDON = """
    UPDATE data_exports SET status = 'failed', failure = 'abandoned'
    WHERE status = 'pending' AND requested_at < $1 RETURNING id""";
  static final String EXPIRE_DUE = """
    UPDATE data_exports SET status = 'expired'
    WHERE id IN (SELECT id FROM data_exports WHERE status = 'ready' AND expires_at <= $1
                 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
    RETURNING id""";

  /** One export as stored. */
  record Export(UUID id, long userId, String status, OffsetDateTime requestedAt, OffsetDateTime readyAt,
                OffsetDateTime expiresAt, Long sizeBytes) {
    JsonObject toJson() {
      return new JsonObject().put("id", id.toString()).put("status", status)
        .put("requestedAt", Times.iso(requestedAt)).put("readyAt", Times.iso(readyAt))
        .put("expiresAt", Times.iso(expiresAt)).put("sizeBytes", sizeBytes);
    }
  }

  /** How many exports since a time, and the oldest of them (for Retry-After). */
  record Recent(long count, OffsetDateTime oldest) {
  }

  private final Pool pool;

  ExportRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Recent> since(long userId, Instant since) {
    return pool.preparedQuery(COUNT_SINCE).execute(Tuple.of(userId, utc(since))).map(rows -> {
      Row r = rows.iterator().next();
      return new Recent(r.getLong("n"), r.getOffsetDateTime("oldest"));
    });
  }

  Future<Void> insert(UUID id, long userId, long requestedBy, Instant at) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(id, userId, requestedBy, utc(at))).mapEmpty();
  }

  Future<Void> markReady(UUID id, Instant at, Instant expires, long size) {
    return pool.preparedQuery(MARK_READY).execute(Tuple.of(id, utc(at), utc(expires), size)).mapEmpty();
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

  /** Marks due exports expired (one node per row) and returns their ids, whose files are then deleted. */
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
