package io.liveroom.privacy;

import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.function.Function;

import static io.liveroom.privacy.ExportRepository.utc;

/**
 * Privacy's SQL on the shared {@code audit_log} (every capability appends to it): a user's entries
 * for their export, their IP addresses at erasure, and the retention period (as a {@link RetentionTarget}).
 */
final class AuditTrailRepository implements RetentionTarget {
  static final String ENTRIES = """
    SELECT id, at, actor_id, action, target_type, target_id, ip, detail FROM audit_log
    WHERE subject_id = $1 OR actor_id = $1 ORDER BY id""";
  static final String FORGET_IP = "UPDATE audit_log SET ip = NULL WHERE (subject_id = $1 OR actor_id = $1) AND ip IS NOT NULL";
  static final String PURGE = """
    DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE at < $1 ORDER BY id LIMIT $2)""";

  private final Pool pool;

  AuditTrailRepository(Pool pool) {
    this.pool = pool;
  }

  /** Entries about the user or by them, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportEntries(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, ENTRIES, Tuple.of(userId), mapper);
  }

  /** Removes the IP addresses of the entries about or by the user, through {@code tx}. */
  Future<Void> forgetIps(SqlClient tx, long userId) {
    return tx.preparedQuery(FORGET_IP).execute(Tuple.of(userId)).mapEmpty();
  }

  /** The audit log's retention ({@code privacy.retention.auditDays}). */
  @Override
  public String name() {
    return "audit";
  }

  /** Deletes up to {@code limit} of the oldest entries written before {@code cutoff}; returns how many. */
  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(utc(cutoff), limit)).map(rows -> rows.rowCount());
  }
}
