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
 * consents (granted and withdrawn per purpose, see {@link GuardianPurpose}). Each one checks the caller's current role in the database (a demoted admin's token
 * stops working for these at once) and is written to the audit log. A role change also ends every
 * session of the user, so no token carrying the old role outlives it.
 */
public final class AdminService {
  private static final Logger LOG = LoggerFactory.getLogger(AdminService.class);
  public static final Set<String> STATUSES = Set.of("active", "frozen", "banned", "cancelled");

  private final UserRepository users;
  private final GuardianConsentRepository guardians;
  private final Minors minors;
  private final UserDirectory directory;
  private final AccountStatus status;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final SessionService sessions;

  public AdminService(UserRepository users, GuardianConsentRepository guardians, Minors minors, UserDirectory directory,
                      AccountStatus status, FieldCrypto crypto, AuditLog audit, SessionService sessions) {
    this.sessions = sessions;
    this.users = users;
    this.guardians = guardians;
    this.minors = minors;
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
   * Records that a guardian consented to {@code purpose} for a minor (checked out of band: the
   * evidence reference points at the support ticket or signed form). A consent for the account
   * activates a pending account; one for hosting is refused under 16, where nobody may consent.
   * Audited as {@code admin.guardian_consent} with the purpose, relation, evidence and age band.
   */
  public Future<Void> recordGuardianConsent(long adminId, long userId, GuardianPurpose purpose, String relation,
                                            String evidenceRef, String ip) {
    return requireAdmin(adminId)
      .compose(v -> directory.find(userId))
      .compose(u -> {
        Minors.AgeProfile age = minors.profileOf(u.birthDate());
        if (purpose == GuardianPurpose.HOSTING && age.band().compareTo(Minors.AgeBand.UNDER_18) < 0) {
          return Future.failedFuture(AppException.of(ErrorCode.MINOR_CANNOT_HOST,
            "Users under 16 (or of unknown age) cannot host, even with a guardian's consent."));
        }
        return guardians.record(userId, purpose, relation, evidenceRef, adminId).map(age);
      })
      .recover(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "A guardian consent for this purpose is already in force."))
        : Future.failedFuture(e))
      .compose(age -> audit.admin(adminId, userId, "admin.guardian_consent", ip, new JsonObject()
        .put("purpose", purpose.wire()).put("relation", relation).put("evidenceRef", evidenceRef)
        .put("ageBand", age.band().name().toLowerCase()).put("sensitive", age.band() == Minors.AgeBand.UNDER_14)))
      .compose(v -> purpose == GuardianPurpose.ACCOUNT ? status.enabled(userId) : Future.succeededFuture());
  }

  /**
   * The guardian withdraws a consent (through support, like the grant). Withdrawing the account
   * consent of a minor suspends the account the way a missing consent does: back to
   * {@code pending_guardian}, sessions revoked, live tokens refused and sockets closed at once
   * ({@link AccountStatus#disabled}). Fails with {@code guardian_consent_not_found} when none is in force.
   */
  public Future<Void> withdrawGuardianConsent(long adminId, long userId, GuardianPurpose purpose, String evidenceRef,
                                              String ip) {
    return requireAdmin(adminId)
      .compose(v -> minors.profile(userId))
      .compose(age -> guardians.withdraw(userId, purpose, adminId, evidenceRef,
        purpose == GuardianPurpose.ACCOUNT && age.minor()))
      .compose(w -> !w.found() ? Future.failedFuture(AppException.of(ErrorCode.GUARDIAN_CONSENT_NOT_FOUND,
          "No guardian consent for '" + purpose.wire() + "' is in force for this user."))
        : audit.admin(adminId, userId, "admin.guardian_consent_withdrawn", ip, new JsonObject()
          .put("purpose", purpose.wire()).put("evidenceRef", evidenceRef).put("accountSuspended", w.suspended()))
          .compose(v -> w.suspended()
            ? status.disabled(userId, "pending_guardian", "guardian_consent_withdrawn") : Future.succeededFuture()));
  }

  /**
   * For a guardian's requests on a minor's behalf (privacy): fails with
   * {@code guardian_record_required} unless a guardian was recorded for the account (a withdrawn
   * consent still identifies the guardian, who may then ask for the export or the cancellation).
   */
  public Future<Void> requireGuardianConsent(long userId) {
    return guardians.guardianKnown(userId).compose(recorded -> recorded
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
