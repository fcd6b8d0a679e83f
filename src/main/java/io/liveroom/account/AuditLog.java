package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes security and admin events to {@code audit_log}. The detail never holds secrets or
 * personal data in clear (no phone, code, password, name or ID number). A failed audit write is
 * logged and does not fail the action that was already done.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
  static final String INSERT = """
    INSERT INTO audit_log (actor_id, subject_id, action, target_type, target_id, ip, detail)
    VALUES ($1, $2, $3, $4, $5, $6, $7)""";

  private final Pool pool;

  public AuditLog(Pool pool) {
    this.pool = pool;
  }

  /** A user's own security event (login, password change...). */
  public Future<Void> security(Long userId, String action, String ip, JsonObject detail) {
    return write(userId, userId, action, null, null, ip, detail);
  }

  /** An admin acting on a user. */
  public Future<Void> admin(long adminId, long subjectId, String action, String ip, JsonObject detail) {
    return write(adminId, subjectId, action, "user", Long.toString(subjectId), ip, detail);
  }

  public Future<Void> write(Long actorId, Long subjectId, String action, String targetType, String targetId,
                            String ip, JsonObject detail) {
    return pool.preparedQuery(INSERT)
      .execute(Tuple.of(actorId, subjectId, action, targetType, targetId, ip, detail == null ? new JsonObject() : detail))
      .<Void>mapEmpty()
      .recover(e -> {
        LOG.error("Audit event {} for user {} was not written: {}", action, subjectId, e.getMessage());
        return Future.succeededFuture();
      });
  }
}
