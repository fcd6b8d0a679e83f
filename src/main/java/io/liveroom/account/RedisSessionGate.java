package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.util.List;

/**
 * {@link SessionGate} backed by two Redis markers, read in one MGET: {@code acct:revoked:<sid>}
 * (set when a session is revoked) and {@code acct:disabled:<userId>} (set, holding the status, when an
 * account stops being active). Both live as long as an access token can (access TTL + leeway), which is all that
 * is needed: after that every token of the session has expired, and refresh checks PostgreSQL.
 * If Redis is down the check fails (closed), answered as a temporary 503.
 */
public final class RedisSessionGate implements SessionGate {
  private static final int LEEWAY_SECONDS = 30;
  /** The marker privacy sets for a frozen account whose cancellation is pending. */
  public static final String CANCELLATION_PENDING = "cancellation_pending";

  private final RedisAPI redis;
  private final int ttlSeconds;

  public RedisSessionGate(RedisAPI redis, int accessTtlSeconds) {
    this.redis = redis;
    this.ttlSeconds = accessTtlSeconds + LEEWAY_SECONDS;
  }

  @Override
  public Future<Void> check(Principal p) {
    return redis.mget(List.of(revokedKey(p.sessionId()), disabledKey(p.userId())))
      .recover(e -> Future.failedFuture(AppException.of(ErrorCode.SERVICE_UNAVAILABLE,
        "Sessions cannot be checked right now.")))
      .compose(RedisSessionGate::decide);
  }

  private static Future<Void> decide(Response r) {
    // A disabled account explains more than its revoked sessions, so it is reported first.
    if (r.get(1) != null) {
      return Future.failedFuture(switch (r.get(1).toString()) {
        case "pending_guardian" -> AppException.of(ErrorCode.GUARDIAN_CONSENT_REQUIRED,
          "A guardian's consent must be recorded first.");
        case CANCELLATION_PENDING -> AppException.of(ErrorCode.CANCELLATION_PENDING,
          "This account is being cancelled; log in to withdraw the cancellation.");
        default -> AppException.of(ErrorCode.ACCOUNT_DISABLED, "This account cannot be used.");
      });
    }
    if (r.get(0) != null) {
      return Future.failedFuture(AppException.of(ErrorCode.SESSION_REVOKED, "This session has ended; log in again."));
    }
    return Future.succeededFuture();
  }

  public Future<Void> markRevoked(String sessionId) {
    return redis.set(List.of(revokedKey(sessionId), "1", "EX", Integer.toString(ttlSeconds))).mapEmpty();
  }

  /** Marks the account as not active, with its status (the gate's answer depends on it). */
  public Future<Void> markDisabled(long userId, String status) {
    return redis.set(List.of(disabledKey(userId), status, "EX", Integer.toString(ttlSeconds))).mapEmpty();
  }

  public Future<Void> markEnabled(long userId) {
    return redis.del(List.of(disabledKey(userId))).mapEmpty();
  }

  private static String revokedKey(String sid) {
    return "acct:revoked:" + sid;
  }

  private static String disabledKey(long userId) {
    return "acct:disabled:" + userId;
  }
}
