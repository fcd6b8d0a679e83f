package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the consequences of an account leaving or re-entering the {@code active} status: when it
 * leaves, every session is revoked, live access tokens are refused by the gate, and
 * {@link SessionEvents#userDisabled} tells the real-time core to close its sockets.
 */
public final class AccountStatus {
  private static final Logger LOG = LoggerFactory.getLogger(AccountStatus.class);

  private final Pool pool;
  private final SessionService sessions;
  private final RedisSessionGate gate;
  private final SessionEvents events;

  public AccountStatus(Pool pool, SessionService sessions, RedisSessionGate gate, SessionEvents events) {
    this.pool = pool;
    this.sessions = sessions;
    this.gate = gate;
    this.events = events;
  }

  /**
   * Call after the status change is committed. The sockets are told first, so they close with
   * "account disabled" (4501) rather than with the "session revoked" (4500) of the revocations
   * that follow: the app can say why. The gate already refuses the account by then.
   */
  public Future<Void> disabled(long userId, String status, String reason) {
    return gate.markDisabled(userId, status)
      .compose(v -> {
        events.userDisabled(userId);
        return pool.withTransaction(tx -> sessions.revokeAll(tx, userId, reason));
      })
      .compose(ids -> sessions.afterRevokeAll(userId, ids))
      .map(v -> {
        LOG.info("User {} disabled ({}): sockets closed, sessions revoked", userId, reason);
        return null;
      });
  }

  public Future<Void> enabled(long userId) {
    return gate.markEnabled(userId);
  }
}
