package io.liveroom;

import io.liveroom.account.AccountsCapability;
import io.liveroom.youth.YouthAccounts;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;

/**
 * Youth mode's view of accounts, answered by the accounts capability (wiring only): age from the
 * stored birth date, admin role and guardian record from accounts' own checks.
 */
final class YouthAccountsAdapter implements YouthAccounts {
  private static final int ADULT_AGE = 18;

  private final AccountsCapability accounts;
  private final Clock clock;

  YouthAccountsAdapter(AccountsCapability accounts, Clock clock) {
    this.accounts = accounts;
    this.clock = clock;
  }

  @Override
  public Future<Boolean> isMinor(long userId) {
    return accounts.directory().find(userId).map(u -> u.birthDate() != null
      && Period.between(u.birthDate(), LocalDate.now(clock)).getYears() < ADULT_AGE);
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
