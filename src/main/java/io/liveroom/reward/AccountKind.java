package io.liveroom.reward;

/**
 * The kinds of ledger account, with their currency and how their balance is maintained.
 *
 * <p>{@code deferred} accounts (platform revenue, bean issuance, host earnings, clearing) receive
 * entries that the balance folder adds to their balance shortly after commit, so that thousands of
 * gifts per second can credit one of them without queueing on its row lock. Debits of a
 * non-negative account are always inline conditional updates ({@code WHERE balance >= n}).
 */
public enum AccountKind {
  USER_COINS("user_coins", Currency.COIN, false, false, true),
  HOST_BEANS("host_beans", Currency.BEAN, true, false, true),
  PLATFORM_REVENUE("platform_revenue", Currency.COIN, true, false, false),
  BEAN_ISSUANCE("bean_issuance", Currency.BEAN, true, true, false),
  RECHARGE_CLEARING("recharge_clearing", Currency.COIN, true, true, false),
  ADMIN_ADJUSTMENT("admin_adjustment", Currency.COIN, true, true, false),
  WITHDRAWAL_PENDING("withdrawal_pending", Currency.BEAN, false, false, false),
  WITHDRAWAL_PAYOUT("withdrawal_payout", Currency.BEAN, true, false, false);

  private final String wire;
  private final Currency currency;
  private final boolean deferred;
  private final boolean mayGoNegative;
  private final boolean owned;

  AccountKind(String wire, Currency currency, boolean deferred, boolean mayGoNegative, boolean owned) {
    this.wire = wire;
    this.currency = currency;
    this.deferred = deferred;
    this.mayGoNegative = mayGoNegative;
    this.owned = owned;
  }

  public String wire() {
    return wire;
  }

  public Currency currency() {
    return currency;
  }

  public boolean deferred() {
    return deferred;
  }

  public boolean mayGoNegative() {
    return mayGoNegative;
  }

  /** Owned by a user (wallet, earnings), as opposed to a single system account. */
  public boolean owned() {
    return owned;
  }

  /** The two currencies: coins bought by viewers, beans earned by hosts. Never mixed in one sum. */
  public enum Currency {
    COIN("coin"), BEAN("bean");

    private final String wire;

    Currency(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }
  }
}
