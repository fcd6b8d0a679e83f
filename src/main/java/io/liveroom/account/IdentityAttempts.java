package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

/**
 * The daily limit on real-name verification attempts, each a paid eKYC call: at most {@code max}
 * per user in any 24 hours, counted in PostgreSQL ({@code identity_attempts}) so that a Redis flush
 * cannot hand out a fresh allowance. {@link #reserve} is atomic per user: it locks the user's row,
 * so parallel attempts are counted one after the other and never exceed the limit.
 */
final class IdentityAttempts {
  private final IdentityAttemptRepository attempts;
  private final int max;

  IdentityAttempts(IdentityAttemptRepository attempts, int max) {
    this.attempts = attempts;
    this.max = max;
  }

  /**
   * Counts one attempt, or fails with 429 {@code identity_rate_limited} and Retry-After (seconds
   * until the oldest counted attempt leaves the 24-hour window) when the limit is used up.
   */
  Future<Void> reserve(long userId) {
    return attempts.pool().withTransaction(tx -> attempts.lockUser(tx, userId)
      .compose(locked -> attempts.forgetOld(tx, userId))
      .compose(forgotten -> attempts.recent(tx, userId))
      .compose(r -> {
        if (r.getLong("n") >= max) {
          return Future.failedFuture(AppException.retryAfter(ErrorCode.IDENTITY_RATE_LIMITED,
            "Too many verification attempts today; try again later.", r.getLong("retry_after")));
        }
        return attempts.insert(tx, userId);
      }));
  }
}
