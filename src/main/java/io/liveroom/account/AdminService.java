package io.liveroom.account;

import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * Administrative actions on accounts: roles, status (ban, freeze, reactivate) and guardian
 * consents. Each one checks the caller's current role in the database (a demoted admin's token
 * stops working for these at once) and is written to the audit log. A role change also ends every
 * session of the user, so no token carrying the old role outlives it.
 */
public final class AdminService {
  private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);
  public static final Set<String> STATUSES = Set.of("active", "frozen", "banned", "cancelled");

  private final UserRepository users;
  private final IdentityRepository identities;
  private final UserDirectory directory;
  private final AccountStatus status;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final SessionService sessions;

  public AdminService(UserRepository users, IdentityRepository identities, UserDirectory directory,
                      AccountStatus status, FieldCrypto crypto, AuditLog audit, SessionService sessions) {
    this.sessions = sessions;
    this.users = users;
    this.identities = identities;
    this.directory = directory;
    this.status = status;
    this.crypto = crypto;
    this.audit = audit;
  }

  public Future<Void> requireAdmin(long userId) {
    return directory.currentRole(userId).compose(role -> role == Role.ADMIN ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.PERMISSION_DENIED, "Administrators only.")));
  }

  public Future<Void> setRole(long adminId, long userId, Role role, String ip) {
    return requireAdmin(adminId)
      .compose(v -> directory.find(userId))
      .compose(before -> users.setRole(userId, role)
        .compose(found -> found ? audit.admin(adminId, userId, "admin.set_role", ip, new JsonObject()
            .put("role", role.wire()).put("previousRole", before.role().wire()))
          : Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "No such user.")))
        .compose(v -> before.role() == role ? Future.succeededFuture() : endSessions(userId)));
  }

  /** The user logs in again and gets tokens with the new role; live tokens are refused by the gate. */
  private Future<Void> endSessions(long userId) {
    return users.pool().withTransaction(tx -> sessions.revokeAll(tx, userId, "role_changed"))
      .compose(ids -> sessions.afterRevokeAll(userId, ids))
      .onSuccess(v -> LOG.info("User {}'s role changed: sessions revoked", userId));
  }

  public Future<Void> setStatus(long adminId, long userId, String newStatus, String reason, String ip) {
    return requireAdmin(adminId)
      .compose(v -> users.setStatus(users.pool(), userId, newStatus))
      .compose(found -> found ? audit.admin(adminId, userId, "admin.set_status", ip,
          new JsonObject().put("status", newStatus).put("reason", reason))
        : Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "No such user.")))
      .compose(v -> "active".equals(newStatus) ? status.enabled(userId) : status.disabled(userId, newStatus, "status_" + newStatus));
  }

  /**
   * Records that a guardian consented for an under-14 user (checked out of band: the evidence
   * reference points at the support ticket or signed form) and activates a pending account.
   */
  public Future<Void> recordGuardianConsent(long adminId, long userId, String relation, String evidenceRef, String ip) {
    return requireAdmin(adminId)
      .compose(v -> directory.find(userId))
      .compose(u -> identities.recordGuardianConsent(userId, relation, evidenceRef, adminId))
      .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "A guardian consent is already recorded."))
        : Future.failedFuture(e))
      .compose(v -> audit.admin(adminId, userId, "admin.guardian_consent", ip,
        new JsonObject().put("relation", relation).put("evidenceRef", evidenceRef)))
      .compose(v -> status.enabled(userId));
  }

  /**
   * For a guardian's requests on a minor's behalf (privacy): fails with
   * {@code guardian_record_required} unless a guardian consent is recorded for the account.
   */
  public Future<Void> requireGuardianConsent(long userId) {
    return identities.hasGuardianConsent(userId).compose(recorded -> recorded
      ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.GUARDIAN_RECORD_REQUIRED,
        "No guardian consent is recorded for this account; record it first "
          + "(POST /api/v1/admin/users/{id}/guardian-consent).")));
  }

  /** Promotes the accounts of {@code accounts.adminPhones} at boot; each promotion is audited. */
  public Future<Void> bootstrapAdmins(Set<String> phones) {
    if (phones.isEmpty()) {
      return Future.succeededFuture();
    }
    Buffer[] idx = phones.stream().map(p -> Buffer.buffer(crypto.index("phone", p))).toArray(Buffer[]::new);
    return users.promoteAdmins(idx).compose(rows -> {
      Future<Void> all = Future.succeededFuture();
      for (var r : rows) {
        long id = r.getLong("id");
        LOG.info("User {} promoted to admin from accounts.adminPhones", id);
        all = all.compose(v -> audit.write(null, id, "admin.bootstrap", "user", Long.toString(id), null,
          new JsonObject().put("source", "accounts.adminPhones")));
      }
      return all;
    });
  }
}
