package io.liveroom.reward;

import io.vertx.core.Future;

/**
 * Whether a user may move money now (send a gift, be credited a recharge, request a withdrawal),
 * answered outside rewards (youth mode forbids all three). A refusal is a failed future carrying an
 * {@code AppException}. Called on an event loop; must not block.
 */
@FunctionalInterface
public interface SpendingGate {
  SpendingGate OPEN = (userId, what) -> Future.succeededFuture();

  /** {@code what} names the action for the refusal's message: "Gifts", "Recharge", "Withdrawal". */
  Future<Void> maySpend(long userId, String what);
}
