package io.liveroom.privacy;

import io.liveroom.account.AccountStatus;
import io.liveroom.account.RedisSessionGate;
import io.liveroom.account.Reauthentication;
import io.liveroom.account.SmsPurpose;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Account cancellation with a cooling-off period. A request (after re-authentication) freezes the
 * account at once: status {@code frozen}, sessions revoked, live tokens refused, sockets closed
 * ({@link AccountStatus#disabled}), then every source's {@link PersonalDataSource#freeze} (rooms
 * ended, location deleted, leaderboards hidden). Within the period a correct login is answered with
 * {@code cancellation_pending} and a one-time withdrawal token; withdrawing restores the previous
 * status. After the period {@link ErasureJob} erases.
 */
final class CancellationService {
  private static final Logger LOG = LoggerFactory.getLogger(CancellationService.class);

  private final CancellationRepository repository;
  private final List<PersonalDataSource> sources;
  private final Reauthentication reauth;
  private final AccountStatus accountStatus;
  private final WithdrawalTokens tokens;
  private final Duration coolingOff;
  private final Clock clock;
  private volatile PrivacyNotices notices = PrivacyNotices.NONE;

  CancellationService(CancellationRepository repository, List<PersonalDataSource> sources, Reauthentication reauth,
                      AccountStatus accountStatus, WithdrawalTokens tokens, Duration coolingOff, Clock clock) {
    this.repository = repository;
    this.sources = sources;
    this.reauth = reauth;
    this.accountStatus = accountStatus;
    this.tokens = tokens;
    this.coolingOff = coolingOff;
    this.clock = clock;
  }

  /** Who is told when a cancellation is scheduled (the bootstrap wires notifications). */
  void useNotices(PrivacyNotices notices) {
    this.notices = notices;
  }

  /** The owner asks, proving it with a password or an SMS code (throttled like login, failures audited). */
  Future<JsonObject> request(long userId, String password, String code, String ip) {
    return reauth.verify(userId, password, code, SmsPurpose.CANCEL_ACCOUNT, ip).compose(v -> freeze(userId, userId, null));
  }

  /** An administrator asks on a guardian's behalf (checked out of band; the evidence is audit-logged). */
  Future<JsonObject> requestForGuardian(long userId, long adminId, String evidenceRef) {
    return freeze(userId, adminId, evidenceRef);
  }

  private Future<JsonObject> freeze(long userId, long by, String evidenceRef) {
    Instant now = clock.instant();
    Instant eraseAfter = now.plus(coolingOff);
    return all(s -> s.ensureCancellable(userId))
      .compose(v -> repository.pool().withTransaction(tx -> accountStatus.lockStatus(tx, userId).compose(status -> {
        String previous = status.orElseThrow(() -> AppException.of(ErrorCode.NOT_FOUND, "No such user."));
        if (!"active".equals(previous) && !"pending_guardian".equals(previous)) {
          // A frozen account may be frozen by its pending cancellation (insertPending says so) or by an admin.
          return "frozen".equals(previous) ? repository.pendingEraseAfter(userId).compose(p -> Future.failedFuture(
            p.isPresent() ? AppException.of(ErrorCode.CANCELLATION_ALREADY_PENDING, "This account is already being cancelled.")
              : blocked(previous))) : Future.failedFuture(blocked(previous));
        }
        return repository.insertPending(tx, userId, by, now, eraseAfter, previous).compose(inserted -> inserted
          ? accountStatus.freeze(tx, userId).compose(x -> repository.audit(tx, by, userId,
            "privacy.cancellation.requested", new JsonObject().put("eraseAfter", eraseAfter.toString())
              .put("evidenceRef", evidenceRef)))
          : Future.failedFuture(AppException.of(ErrorCode.CANCELLATION_ALREADY_PENDING,
            "This account is already being cancelled.")));
      })))
      .compose(v -> accountStatus.disabled(userId, RedisSessionGate.CANCELLATION_PENDING, "account_cancellation"))
      .compose(v -> bestEffort(userId, "freeze", s -> s.freeze(userId)))
      .map(v -> {
        LOG.info("User {} frozen for cancellation; erasure after {}", userId, eraseAfter);
        try {
          notices.cancellationScheduled(userId, eraseAfter);
        } catch (RuntimeException e) {
          LOG.warn("The cancellation notice of user {} failed: {}", userId, e.toString());
        }
        return new JsonObject().put("status", "pending").put("requestedAt", now.toString())
          .put("eraseAfter", eraseAfter.toString());
      });
  }

  /**
   * The {@link io.liveroom.account.FrozenAccountLogin} for accounts: a correct login of an account
   * in its cooling-off period fails with {@code cancellation_pending}, a withdrawal token and the
   * erasure time. Other frozen accounts fall through to accounts' {@code account_disabled}.
   */
  Future<Void> refuseLogin(long userId) {
    return repository.pendingEraseAfter(userId).compose(pending -> {
      if (pending.isEmpty() || !pending.get().toInstant().isAfter(clock.instant())) {
        return Future.succeededFuture();
      }
      return tokens.issue(userId).compose(token -> Future.failedFuture(AppException.of(ErrorCode.CANCELLATION_PENDING,
        "This account is being cancelled. To keep it, withdraw the cancellation with the withdrawalToken "
          + "(DELETE /api/v1/me/cancellation, header X-Withdrawal-Token), then log in again.")
        .with(Map.of("withdrawalToken", token, "eraseAfter", pending.get().toInstant().toString(),
          "withdraw", "DELETE /api/v1/me/cancellation"))));
    });
  }

  /** Withdraws with a token from {@link #refuseLogin}; the account returns to its previous status. */
  Future<JsonObject> withdraw(String token) {
    return tokens.consume(token).compose(user -> user.isPresent() ? withdrawFor(user.get())
      : Future.failedFuture(AppException.of(ErrorCode.WITHDRAWAL_TOKEN_INVALID,
        "The withdrawal token is unknown, used or expired; log in again for a new one.")));
  }

  private Future<JsonObject> withdrawFor(long userId) {
    Instant now = clock.instant();
    return repository.pool().withTransaction(tx -> repository.lockPending(tx, userId).compose(row -> {
        if (row.isEmpty() || !row.get().getOffsetDateTime("erase_after").toInstant().isAfter(now)) {
          throw AppException.of(ErrorCode.CANCELLATION_NOT_FOUND, "There is no cancellation to withdraw.");
        }
        String previous = row.get().getString("previous_status");
        return repository.withdraw(tx, userId, now)
          .compose(v -> accountStatus.restoreFrozen(tx, userId, previous))
          .compose(v -> repository.audit(tx, userId, userId, "privacy.cancellation.withdrawn", new JsonObject()))
          .map(previous);
      }))
      .compose(previous -> ("active".equals(previous) ? accountStatus.enabled(userId)
        : accountStatus.disabled(userId, previous, "cancellation_withdrawn")).map(previous))
      .compose(previous -> bestEffort(userId, "restore", s -> s.restore(userId)).map(previous))
      .map(previous -> {
        LOG.info("User {} withdrew the cancellation; status {} restored", userId, previous);
        return new JsonObject().put("status", "withdrawn").put("accountStatus", previous);
      });
  }

  private static AppException blocked(String status) {
    return AppException.of(ErrorCode.CANCELLATION_BLOCKED, "An account with status " + status
      + " cannot be cancelled by this request; contact support.").with(Map.of("reason", "account_" + status));
  }

  private Future<Void> all(Function<PersonalDataSource, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (PersonalDataSource s : sources) {
      chain = chain.compose(v -> step.apply(s));
    }
    return chain;
  }

  /** The account state already changed; a source failing to follow is logged and retried by nobody but ops. */
  private Future<Void> bestEffort(long userId, String what, Function<PersonalDataSource, Future<Void>> step) {
    Future<Void> chain = Future.succeededFuture();
    for (PersonalDataSource s : sources) {
      chain = chain.compose(v -> step.apply(s).recover(e -> {
        LOG.error("Cancellation {} of user {} incomplete in {}: {}", what, userId, s.categories(), e.toString());
        return Future.succeededFuture();
      }));
    }
    return chain;
  }
}
