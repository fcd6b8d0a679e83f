package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Applies the consequences of an account leaving or re-entering the {@code active} status: when it
 * leaves, every session is revoked, live access tokens are refused by the gate, and
 * {@link SessionEvents#userDisabled} tells the real-time core to close its sockets.
 */
public final class AccountStatus {
  private static final Logger LOG = LoggerFactory.getLogger(AccountStatus.class);

  private final UserRepository users;
  private final SessionService sessions;
  private final RedisSessionGate gate;
  private final SessionEvents events;

  public AccountStatus(UserRepository users, SessionService sessions, RedisSessionGate gate, SessionEvents events) {
    this.users = users;
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
        return users.pool().withTransaction(tx -> sessions.revokeAll(tx, userId, reason));
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

  /**
   * For a status change made inside another capability's transaction {@code tx} (privacy's
   * cancellation): the account's status, its row locked until {@code tx} ends; empty for an unknown id.
   */
  public Future<Optional<String>> lockStatus(SqlClient tx, long userId) {
    return users.lockStatus(tx, userId);
  }

  /** Sets the status {@code frozen} through {@code tx}; call {@link #disabled} once it committed. */
  public Future<Void> freeze(SqlClient tx, long userId) {
    return users.freeze(tx, userId);
  }

  /** Puts a frozen account back to {@code status} through {@code tx} (no change unless still frozen). */
  public Future<Void> restoreFrozen(SqlClient tx, long userId, String status) {
    return users.restoreFrozen(tx, userId, status);
  }
}
