package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes security and admin events to {@code audit_log}. The detail never holds secrets or
 * personal data in clear (no phone, code, password, name or ID number). A failed audit write is
 * logged and does not fail the action that was already done.
 */
public final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);

  private final AuditRepository rows;

  public AuditLog(Pool pool) {
    this.rows = new AuditRepository(pool);
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
    return rows.insert(actorId, subjectId, action, targetType, targetId, ip, detail == null ? new JsonObject() : detail)
      .recover(e -> {
        LOG.error("Audit event {} for user {} was not written: {}", action, subjectId, e.getMessage());
        return Future.succeededFuture();
      });
  }
}
