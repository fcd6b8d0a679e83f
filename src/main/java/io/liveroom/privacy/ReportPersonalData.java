package io.liveroom.privacy;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.List;

/**
 * Reports the user filed, with their status and outcome. Erasure keeps the report rows (moderation
 * evidence about someone else) but deletes the free-text details the reporter wrote.
 */
final class ReportPersonalData implements PersonalDataSource {
  static final String FILED = """
    SELECT id, target_user_id, room_id, message_id, reason, details, status, action, outcome, created_at, handled_at
    FROM reports WHERE reporter_id = $1 ORDER BY id""";
  static final String FORGET_DETAILS = "UPDATE reports SET details = NULL WHERE reporter_id = $1";

  private final Pool pool;

  ReportPersonalData(Pool pool) {
    this.pool = pool;
  }

  @Override
  public List<String> categories() {
    return List.of("reportsFiled");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return out.query(pool, "reportsFiled", FILED, Tuple.of(userId), ReportRepository::toJson);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return tx.preparedQuery(FORGET_DETAILS).execute(Tuple.of(userId)).mapEmpty();
  }
}
