package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/** SQL for accounts' security and admin events in {@code audit_log} (see {@link AuditLog}). */
final class AuditRepository {
  static final String INSERT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, ip, detail)
    VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  private final Pool pool;

  AuditRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(Long actorId, Long subjectId, String action, String targetType, String targetId, String ip,
                      JsonObject detail) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(actorId, subjectId, action, targetType, targetId, ip, detail))
      .mapEmpty();
  }
}
