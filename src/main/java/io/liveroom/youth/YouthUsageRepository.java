package io.liveroom.youth;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.Collection;

/**
 * SQL for {@code youth_usage}: the durable copy of the daily usage counters that Redis keeps, read
 * back when Redis has lost a counter.
 */
final class YouthUsageRepository {
  /** One batch per tick; a total never goes down (a slower node's older reading loses). */
  static final String SAVE = """
    INSERT INTO youth_usage (user_id, kind, day, used_ms)
    SELECT * FROM unnest($1::bigint[], $2::text[], $3::date[], $4::bigint[])
    ON CONFLICT (user_id, kind, day) DO UPDATE
      SET used_ms = GREATEST(youth_usage.used_ms, EXCLUDED.used_ms), updated_at = now()""";
  /** Only the last days matter (a counter lives two); the users just written are pruned. */
  static final String PRUNE = """
    DELETE FROM youth_usage WHERE user_id = ANY($1::bigint[]) AND day < $2""";
  static final String FIND = "SELECT used_ms FROM youth_usage WHERE user_id = $1 AND kind = $2 AND day = $3";
  static final String DELETE = "DELETE FROM youth_usage WHERE user_id = $1";
  static final String EXPORT = """
    SELECT kind, day, used_ms, updated_at FROM youth_usage WHERE user_id = $1 ORDER BY day, kind""";

  /** One user's total of one kind on one day (in their zone), in ms. */
  record Reading(long userId, UsageKind kind, LocalDate day, long usedMs) {
  }

  private final Pool pool;

  YouthUsageRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> save(Collection<Reading> readings, LocalDate pruneBefore) {
    if (readings.isEmpty()) {
      return Future.succeededFuture();
    }
    Long[] users = readings.stream().map(Reading::userId).toArray(Long[]::new);
    String[] kinds = readings.stream().map(r -> r.kind().key).toArray(String[]::new);
    LocalDate[] days = readings.stream().map(Reading::day).toArray(LocalDate[]::new);
    Long[] used = readings.stream().map(Reading::usedMs).toArray(Long[]::new);
    return pool.preparedQuery(SAVE).execute(Tuple.of(users, kinds, days, used))
      .compose(v -> pool.preparedQuery(PRUNE).execute(Tuple.of(users, pruneBefore)))
      .mapEmpty();
  }

  /** The total stored for that day, 0 when none is. */
  Future<Long> used(long userId, UsageKind kind, LocalDate day) {
    return pool.preparedQuery(FIND).execute(Tuple.of(userId, kind.key, day))
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("used_ms"));
  }

  /** The stored days for a data export: kind, day (in the user's zone), seconds used. */
  Future<Void> export(ExportWriter out, String category, long userId) {
    return out.query(pool, category, EXPORT, Tuple.of(userId), r -> new JsonObject().put("kind", r.getString("kind"))
      .put("day", r.getLocalDate("day").toString()).put("usedSeconds", r.getLong("used_ms") / 1000)
      .put("updatedAt", r.getOffsetDateTime("updated_at").toInstant().toString()));
  }

  Future<Void> delete(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(userId)).mapEmpty();
  }
}
