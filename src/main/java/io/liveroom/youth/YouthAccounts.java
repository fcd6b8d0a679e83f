package io.liveroom.youth;

import io.vertx.core.Future;

/**
 * What youth mode asks of accounts, and nothing more: the bootstrap answers it with the accounts
 * capability (one adapter, so it can be rewired when accounts gain an is-minor rule of their own).
 */
public interface YouthAccounts {
  /**
   * Whether the user is a minor today (under {@code accounts.minorAge}, default 18) by the birth
   * date accounts store (declared, or from the verified ID). False when no birth date is stored
   * (docs/YOUTH.md says why). Fails with {@code not_found} for an unknown id.
   */
  Future<Boolean> isMinor(long userId);

  /** Fails with {@code permission_denied} unless the user is an administrator now (never the token's claim). */
  Future<Void> requireAdmin(long userId);

  /**
   * Fails with {@code guardian_record_required} unless a guardian's consent (relation and evidence,
   * audited) is recorded for the account: the guardian path that acts for a minor.
   */
  Future<Void> requireGuardianRecord(long userId);
}
