package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;

/**
 * Real-name verification: the provider confirms the (name, ID number) pair, then both are stored
 * encrypted with a blind index on the number (one number verifies one account), the birth date
 * derived from the number replaces any self-declared one, and a minor ({@link Minors#needsGuardian})
 * without a guardian consent in force is set to {@code pending_guardian}: their sessions end and
 * their live access tokens are refused at once. Only masked values leave.
 *
 * <p>Each attempt that reaches the provider is a paid call, so attempts are limited per user per
 * day ({@link IdentityAttempts}), and every attempt is audited: {@code identity_verified} when it
 * succeeds, {@code identity_failed} with the error code otherwise (the limit's refusal included).
 */
public final class IdentityService {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

  private final IdentityRepository identities;
  private final Minors minors;
  private final IdentityVerifier verifier;
  private final IdentityAttempts attempts;
  private final AccountStatus status;
  private final FieldCrypto crypto;
  private final AuditLog audit;
  private final Clock clock;

  IdentityService(IdentityRepository identities, Minors minors, IdentityVerifier verifier, IdentityAttempts attempts,
                  AccountStatus status, FieldCrypto crypto, AuditLog audit, Clock clock) {
    this.minors = minors;
    this.attempts = attempts;
    this.identities = identities;
    this.verifier = verifier;
    this.status = status;
    this.crypto = crypto;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<JsonObject> verify(long userId, String realName, ResidentId id, String ip) {
    int age = Period.between(id.birthDate(), LocalDate.now(clock)).getYears();
    return identities.isVerified(userId)
      .compose(verified -> verified ? Future.failedFuture(AppException.of(ErrorCode.IDENTITY_ALREADY_VERIFIED,
        "This account is already verified.")) : attempts.reserve(userId))
      .compose(v -> verifier.verify(realName, id))
      .compose(v -> minors.needsGuardian(id.birthDate())
        ? minors.consentInForce(userId, GuardianPurpose.ACCOUNT) : Future.succeededFuture(true))
      .compose(consented -> identities.pool().withTransaction(tx -> identities.store(tx, seal(userId, realName, id),
        id.birthDate(), !consented)))
      .recover(IdentityService::numberUsed)
      .recover(e -> audit.security(userId, "identity_failed", ip, new JsonObject().put("provider", verifier.name())
        .put("reason", e instanceof AppException a ? a.code().code() : "internal")).compose(v -> Future.failedFuture(e)))
      .compose(newStatus -> audit.security(userId, "identity_verified", ip, new JsonObject()
          .put("provider", verifier.name()).put("adult", age >= 18).put("status", newStatus))
        .compose(v -> "pending_guardian".equals(newStatus) ? status.disabled(userId, newStatus, "guardian_consent_required")
          : Future.succeededFuture())
        .map(v -> {
          LOG.info("User {} verified their identity with provider {}", userId, verifier.name());
          return new JsonObject().put("identityVerified", true).put("realName", ResidentId.maskName(realName))
            .put("idNumber", id.masked()).put("birthDate", id.birthDate().toString()).put("adult", age >= 18)
            .put("status", newStatus);
        }));
  }

  private IdentityRepository.Sealed seal(long userId, String realName, ResidentId id) {
    return new IdentityRepository.Sealed(userId, crypto.encrypt(realName, userId), crypto.encrypt(id.number(), userId),
      crypto.index("resident-id", id.number()), ResidentId.maskName(realName), id.masked(), verifier.name());
  }

  private static <T> Future<T> numberUsed(Throwable e) {
    if (e instanceof PgException pg && "23505".equals(pg.getSqlState())) {
      return Future.failedFuture(AppException.of(ErrorCode.IDENTITY_ALREADY_USED,
        "This ID number has already verified another account."));
    }
    return Future.failedFuture(e);
  }
}
