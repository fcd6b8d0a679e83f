package io.liveroom.reward;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One ledger transaction to write: its kind, its idempotency key and its legs. Built through
 * {@link #of}, which refuses a posting whose legs do not sum to zero per currency, so an
 * unbalanced transaction cannot even be attempted.
 */
public record Posting(String kind, String idempotencyKey, List<Leg> legs) {
  /** One entry: an account and a signed amount (positive credits, negative debits). */
  public record Leg(long accountId, AccountKind account, long amount) {
    /** Debits of accounts that must stay non-negative are conditional inline updates. */
    boolean conditionalDebit() {
      return amount < 0 && !account.mayGoNegative();
    }

    /** Folded later by the balance folder rather than applied inline. */
    boolean folded() {
      return account.deferred() && !conditionalDebit();
    }
  }

  public static Posting of(String kind, String idempotencyKey, List<Leg> legs) {
    Map<AccountKind.Currency, Long> sums = new EnumMap<>(AccountKind.Currency.class);
    for (Leg leg : legs) {
      if (leg.amount() == 0) {
        throw new IllegalArgumentException("zero-amount leg in " + kind);
      }
      sums.merge(leg.account().currency(), leg.amount(), Long::sum);
    }
    sums.forEach((currency, sum) -> {
      if (sum != 0) {
        throw new IllegalArgumentException(kind + " does not balance in " + currency.wire() + " (" + sum + ")");
      }
    });
    boolean anyFolded = legs.stream().anyMatch(Leg::folded);
    boolean inlineOnDeferred = legs.stream().anyMatch(l -> l.account().deferred() && !l.folded());
    if (anyFolded && inlineOnDeferred) {
      // The folder folds every deferred-account entry of an unfolded transaction; mixing would double count.
      throw new IllegalArgumentException(kind + " mixes folded and inline entries on deferred accounts");
    }
    return new Posting(kind, idempotencyKey, List.copyOf(legs));
  }

  boolean needsFolding() {
    return legs.stream().anyMatch(Leg::folded);
  }

  /** Inline legs in account id order, so concurrent postings lock rows in one order (no deadlock). */
  List<Leg> inlineLegsInLockOrder() {
    List<Leg> out = new ArrayList<>();
    for (Leg l : legs) {
      if (!l.folded()) {
        out.add(l);
      }
    }
    out.sort(Comparator.comparingLong(Leg::accountId));
    return out;
  }
}
