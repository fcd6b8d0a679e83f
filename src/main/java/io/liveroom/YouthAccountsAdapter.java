package io.liveroom;

import io.liveroom.account.AccountsCapability;
import io.liveroom.account.Minors;
import io.liveroom.youth.YouthAccounts;
import io.vertx.core.Future;

/**
 * Youth mode's view of accounts, answered by the accounts capability (wiring only): who is a minor
 * comes from accounts' {@link Minors} (so both use {@code accounts.minorAge}), admin role and
 * guardian record from accounts' own checks.
 */
final class YouthAccountsAdapter implements YouthAccounts {
  private final AccountsCapability accounts;

  YouthAccountsAdapter(AccountsCapability accounts) {
    this.accounts = accounts;
  }

  /**
   * A known age under {@code accounts.minorAge}. An unknown birth date is not a minor here, unlike
   * the hosting rule: accounts let such an account be active without a guardian (the birth date is
   * optional at registration), so forcing youth mode on would lock it with no guardian to lift it.
   * A verified ID that reveals a minor turns youth mode on (within the mode cache's 30 s).
   */
  @Override
  public Future<Boolean> isMinor(long userId) {
    return accounts.minors().profile(userId)
      .map(p -> p.band() != Minors.AgeBand.UNKNOWN && p.minor());
  }

  @Override
  public Future<Void> requireAdmin(long userId) {
    return accounts.admin().requireAdmin(userId);
  }

  @Override
  public Future<Void> requireGuardianRecord(long userId) {
    return accounts.admin().requireGuardianConsent(userId);
  }
}
