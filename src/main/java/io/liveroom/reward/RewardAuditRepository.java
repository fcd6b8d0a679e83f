package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/**
 * Writes admin actions on rewards (catalog changes, credits, withdrawal decisions) to the shared
 * audit log, inside the same transaction as the action, so there is never one without the other.
 */
final class RewardAuditRepository {
  static final String INSERT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, detail)
    VALUES ($1, $2, $3, $4, $5, $6)""";

  private RewardAuditRepository() {
  }

  static Future<Void> write(SqlClient conn, long actorId, Long subjectId, String action, String targetType,
                            String targetId, JsonObject detail) {
    return conn.preparedQuery(INSERT).execute(Tuple.of(actorId, subjectId, action, targetType, targetId, detail))
      .mapEmpty();
  }
}
