package io.liveroom.consent;

import io.vertx.core.Future;

/**
 * Told when a user withdraws consent for a purpose, so the capability that relied on it deletes
 * the data that purpose alone justified (location withdrawal removes the user's GEO entry).
 *
 * <p>Guarantees: called after the withdrawal is committed (so a check racing with it already sees
 * the withdrawal), before the withdrawing request is answered, once per listener. A failed future
 * is logged with the user and purpose but does not undo the withdrawal: processing stops anyway
 * because every use checks {@link ConsentService} first, and listeners must be idempotent so a
 * later withdrawal or a periodic clean-up can finish the job. Implementations should answer
 * within a second.
 */
@FunctionalInterface
public interface ConsentWithdrawalListener {
  Future<Void> onWithdrawn(long userId, Purpose purpose);
}
