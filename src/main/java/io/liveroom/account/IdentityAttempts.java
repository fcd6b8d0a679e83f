package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

/**
 * The daily limit on real-name verification attempts, each a paid eKYC call: at most {@code max}
 * per user in any 24 hours, counted in PostgreSQL ({@code identity_attempts}) so that a Redis flush
 * cannot hand out a fresh allowance. {@link #reserve} is atomic per user: it locks the user's row,
 * so parallel attempts are counted one after the other and never exceed the limit.
 */
final class IdentityAttempts {
  static final String LOCK_USER = "SELECT id FROM users WHERE id = $1 FOR UPDATE";
  static final String FORGET_OLD = "DELETE FROM identity_attempts WHERE user_id = $1 AND at <= now() - interval '1 day'";
  static final String RECENT = """
    SELECT count(*) AS n, ceil(extract(epoch FROM min(at) + interval '1 day' - now()))::bigint AS retry_after
    FROM identity_attempts WHERE user_id = $1""";
  static final String INSERT = "INSERT INTO identity_attempts (user_id) VALUES ($1)";

  private final Pool pool;
  private final int max;

  IdentityAttempts(Pool pool, int max) {
    this.pool = pool;
    this.max = max;
  }

  /**
   * Counts one attempt, or fails with 429 {@code identity_rate_limited} and Retry-After (seconds
   * until the oldest counted attempt leaves the 24-hour window) when the limit is used up.
   */
  Future<Void> reserve(long userId) {
    return pool.withTransaction(tx -> tx.preparedQuery(LOCK_USER).execute(Tuple.of(userId))
      .compose(locked -> tx.preparedQuery(FORGET_OLD).execute(Tuple.of(userId)))
      .compose(forgotten -> tx.preparedQuery(RECENT).execute(Tuple.of(userId)))
      .compose(rows -> {
        Row r = rows.iterator().next();
        if (r.getLong("n") >= max) {
          return Future.failedFuture(AppException.retryAfter(ErrorCode.IDENTITY_RATE_LIMITED,
            "Too many verification attempts today; try again later.", r.getLong("retry_after")));
        }
        return tx.preparedQuery(INSERT).execute(Tuple.of(userId)).mapEmpty();
      }));
  }
}
