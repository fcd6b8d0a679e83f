package io.liveroom.consent;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place every capability asks "may we use this user's data for this purpose now?", and the
 * one place consent decisions are recorded. Reads go to the ledger every time (no cache), so a
 * withdrawal takes effect for the very next check on any node.
 *
 * <p>Withdrawal effects are pluggable: a capability registers a {@link ConsentWithdrawalListener}
 * for the purpose whose data it must delete; listeners run after the withdrawal is committed and
 * before the withdrawing request is answered.
 */
public final class ConsentService {
  private static final Logger LOG = LoggerFactory.getLogger(ConsentService.class);

  private final ConsentRepository repository;
  private final Map<Purpose, List<ConsentWithdrawalListener>> listeners = new EnumMap<>(Purpose.class);

  public ConsentService(Pool pool) {
    this.repository = new ConsentRepository(pool);
    for (Purpose p : Purpose.values()) {
      listeners.put(p, new CopyOnWriteArrayList<>());
    }
  }

  /** Registers a withdrawal effect; call during wiring, before the node serves requests. */
  public void onWithdrawal(Purpose purpose, ConsentWithdrawalListener listener) {
    listeners.get(purpose).add(listener);
  }

  /** True when the user's latest decision for the purpose is a grant. */
  public Future<Boolean> isGranted(long userId, Purpose purpose) {
    return repository.latest(userId, purpose).map(d -> d.map(ConsentDecision::granted).orElse(false));
  }

  /** Succeeds when granted; fails with {@code consent_required} naming the purpose otherwise. */
  public Future<Void> require(long userId, Purpose purpose) {
    return isGranted(userId, purpose).compose(granted -> granted ? Future.succeededFuture()
      : Future.failedFuture(consentRequired(purpose)));
  }

  /** Of the given users, those who currently grant the purpose (one query, for list filtering). */
  public Future<Set<Long>> grantedAmong(Collection<Long> userIds, Purpose purpose) {
    return repository.grantedAmong(userIds, purpose);
  }

  /** The current state of every purpose, in {@link Purpose} order; never-decided ones as not granted. */
  public Future<List<ConsentDecision>> current(long userId) {
    return repository.current(userId).map(decided -> {
      Map<Purpose, ConsentDecision> byPurpose = new EnumMap<>(Purpose.class);
      decided.forEach(d -> byPurpose.put(d.purpose(), d));
      List<ConsentDecision> out = new ArrayList<>();
      for (Purpose p : Purpose.values()) {
        out.add(byPurpose.getOrDefault(p, ConsentDecision.undecided(p)));
      }
      return out;
    });
  }

  /** Every decision the user ever made, oldest first: for the data export and the user's own view. */
  public Future<List<ConsentDecision>> history(long userId) {
    return repository.history(userId);
  }

  /**
   * Records a grant or a withdrawal (appended and audit-logged; a repeat of the current decision
   * appends nothing). A withdrawal then runs the purpose's listeners before this future completes.
   */
  public Future<ConsentDecision> decide(long userId, Purpose purpose, boolean granted, String policyVersion,
                                        ConsentSource source, String ip) {
    return repository.append(userId, purpose, granted, policyVersion, source, ip).compose(appended -> {
      if (appended.changed()) {
        LOG.info("User {} {} consent for {} (policy {}, via {})", userId, granted ? "granted" : "withdrew",
          purpose.wire(), policyVersion, source.wire());
      }
      return granted ? Future.succeededFuture(appended.decision())
        : runWithdrawalEffects(userId, purpose).map(appended.decision());
    });
  }

  /** Runs every listener even if one fails; failures are logged, never surfaced to the user. */
  private Future<Void> runWithdrawalEffects(long userId, Purpose purpose) {
    List<Future<Void>> effects = new ArrayList<>();
    for (ConsentWithdrawalListener l : listeners.get(purpose)) {
      effects.add(l.onWithdrawn(userId, purpose).recover(e -> {
        LOG.warn("Withdrawal effect for user {} purpose {} failed: {}; the withdrawal stands and processing "
          + "has stopped, the data waits for that capability's clean-up", userId, purpose.wire(), e.getMessage());
        return Future.succeededFuture();
      }));
    }
    return Future.join(effects).mapEmpty();
  }

  public static AppException consentRequired(Purpose purpose) {
    return AppException.of(ErrorCode.CONSENT_REQUIRED,
        "This needs your consent for '" + purpose.wire() + "' (PUT /api/v1/me/consents/" + purpose.wire() + ").")
      .with(Map.of("purpose", purpose.wire()));
  }
}
