package io.liveroom.reward;

import io.liveroom.auth.Principal;
import io.liveroom.account.UserDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.config.RewardsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * Sending a gift: the one implementation behind {@code rpc gift.send} and
 * {@code POST /api/v1/rooms/{id}/gifts}.
 *
 * <p>Guarantees: a gift is charged at most once per (sender, requestId); a replay returns the
 * original receipt unchanged, and the same request id with other parameters fails with
 * {@code idempotency_key_reused}. Only verified adults may send. The sender's coins are debited
 * only if the balance and the day/month caps allow it, in the same statement. The publication to
 * the room, the combo counter and the leaderboards follow only a commit.
 */
public final class GiftService {
  private final GiftRepository gifts;
  private final LedgerRepository ledger;
  private final GiftCatalog catalog;
  private final RoomLookup rooms;
  private final UserDirectory users;
  private final GiftEffects effects;
  private final RewardsConfig config;
  private final Clock clock;
  private final Admission admission;
  private final GiftBatcher batcher;
  private final MeterRegistry meters;
  volatile SpendingGate spending = SpendingGate.OPEN;
  private volatile GiftBlocks blocks = GiftBlocks.NONE;

  GiftService(GiftRepository gifts, LedgerRepository ledger, GiftCatalog catalog, RoomLookup rooms,
              UserDirectory users, GiftEffects effects, RewardsConfig config, Clock clock, MeterRegistry meters) {
    this.gifts = gifts;
    this.ledger = ledger;
    this.catalog = catalog;
    this.rooms = rooms;
    this.users = users;
    this.effects = effects;
    this.config = config;
    this.clock = clock;
    this.admission = new Admission(config.maxConcurrentGifts(), 100_000);
    this.meters = meters;
    this.batcher = new GiftBatcher(config.giftBatchSize(), config.giftBatchesInFlight(),
      DistributionSummary.builder("liveroom.gift.batch.size").description("Gifts per ledger statement")
        .register(meters),
      plans -> LedgerRetry.run("gift batch", config.retryAttempts(), () -> gifts.sendBatch(plans)),
      plan -> LedgerRetry.run("gift from user " + plan.senderId(), config.retryAttempts(), () -> gifts.send(plan)));
  }

  /** Refuses gifts between a host and a sender with a block either way (set once, while wiring). */
  void useBlocks(GiftBlocks blocks) {
    this.blocks = blocks;
  }

  GiftBatcher batcher() {
    return batcher;
  }

  public Future<GiftReceipt> send(Principal principal, GiftRequest request) {
    String key = request.idempotencyKey(principal.userId());
    // The replay lookup runs inside the admission slot too, so a burst of refusals stays bounded.
    return spending.maySpend(principal.userId(), "Gifts").compose(v -> admission.run(() -> attempt(principal.userId(), request, key).recover(e -> e instanceof AppException app
        ? replayOr(key, request, app) : Future.failedFuture(e))))
      .onFailure(e -> meters.counter("liveroom.gifts.refused", "code",
        e instanceof AppException app ? app.code().code() : "internal").increment());
  }

  private Future<GiftReceipt> attempt(long senderId, GiftRequest request, String key) {
    Future<Gift> gift = catalog.sendable(request.giftId());
    Future<RoomLookup.GiftTarget> target = rooms.giftTarget(request.roomId());
    Future<UserSummary> sender = users.find(senderId);
    return Future.all(gift, target, sender).compose(all -> {
      checkEligible(senderId, target.result(), sender.result(), LocalDate.now(clock));
      return blocks.blockedEitherWay(target.result().hostId(), senderId);
    }).compose(blocked -> {
      if (blocked) {
        throw AppException.of(ErrorCode.USER_BLOCKED, "A block between you and this room's host stops gifts into it.");
      }
      long coins;
      try {
        coins = Math.multiplyExact(gift.result().priceCoins(), request.count());
      } catch (ArithmeticException e) {
        coins = Long.MAX_VALUE;
      }
      if (coins > config.capPerTransactionCoins()) {
        throw cap("transaction", config.capPerTransactionCoins());
      }
      long price = coins;
      return plan(key, request, senderId, target.result(), price)
        .compose(plan -> batcher.submit(plan)
          .recover(e -> LedgerRetry.duplicateKey(e)
            ? Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "replayed"))
            : Future.failedFuture(e))
          .compose(done -> done.map(Future::succeededFuture).orElseGet(() -> explainRefusal(plan))))
        .onSuccess(r -> effects.apply(r, gift.result(), sender.result(), target.result().hostId(),
          target.result().liveSessionId()));
    });
  }

  private static void checkEligible(long senderId, RoomLookup.GiftTarget target, UserSummary sender,
                                    LocalDate today) {
    if (!target.live()) {
      throw AppException.of(ErrorCode.ROOM_NOT_LIVE, "This room is not live; gifts go to live rooms only.");
    }
    if (target.hostId() == senderId) {
      throw AppException.of(ErrorCode.GIFT_TO_SELF, "Hosts cannot send gifts into their own room.");
    }
    if (sender.active() && !sender.hasPhone()) {
      throw AppException.of(ErrorCode.PHONE_REQUIRED, "Add a phone number to this account before sending gifts.");
    }
    if (!sender.active() || !sender.verifiedAdultOn(today)) {
      throw AppException.of(ErrorCode.GIFT_SENDER_NOT_ELIGIBLE,
        "Only verified adults can send gifts (complete identity verification first).");
    }
  }

  private Future<GiftRepository.GiftPlan> plan(String key, GiftRequest request, long senderId,
                                                RoomLookup.GiftTarget target, long coins) {
    long beans = config.hostBeans(coins);
    Future<Long> wallet = ledger.account(AccountKind.USER_COINS, senderId);
    Future<Long> platform = ledger.account(AccountKind.PLATFORM_REVENUE, null);
    Future<Long> host = ledger.account(AccountKind.HOST_BEANS, target.hostId());
    Future<Long> issuance = ledger.account(AccountKind.BEAN_ISSUANCE, null);
    return Future.all(wallet, platform, host, issuance).map(all -> {
      LocalDate today = LocalDate.now(clock);
      boolean withBeans = beans > 0;
      Long[] accounts = withBeans ? new Long[] {wallet.result(), platform.result(), host.result(), issuance.result()}
        : new Long[] {wallet.result(), platform.result()};
      String[] currencies = withBeans ? new String[] {"coin", "coin", "bean", "bean"} : new String[] {"coin", "coin"};
      Long[] amounts = withBeans ? new Long[] {-coins, coins, beans, -beans} : new Long[] {-coins, coins};
      return new GiftRepository.GiftPlan(key, request, senderId, target.hostId(), target.liveSessionId(),
        wallet.result(), coins, beans, today, today.withDayOfMonth(1), config.capPerDayCoins(),
        config.capPerMonthCoins(), accounts, currencies, amounts);
    });
  }

  /** The debit matched no row: say why (a replay is handled by the caller's key lookup). */
  private Future<GiftReceipt> explainRefusal(GiftRepository.GiftPlan p) {
    return gifts.walletState(p.walletId(), p.today(), p.month()).compose(w -> {
      if (w.balance() < p.coins()) {
        return Future.failedFuture(AppException.of(ErrorCode.INSUFFICIENT_BALANCE,
          "Not enough coins for this gift.").with(Map.of("balance", w.balance(), "required", p.coins())));
      }
      if (w.dayCoins() + p.coins() > p.dayCap()) {
        return Future.failedFuture(cap("day", p.dayCap()));
      }
      if (w.monthCoins() + p.coins() > p.monthCap()) {
        return Future.failedFuture(cap("month", p.monthCap()));
      }
      // Balance or spending changed between the debit and this read: the caller may retry.
      return Future.failedFuture(AppException.of(ErrorCode.LEDGER_BUSY, "The wallet changed; retry."));
    });
  }

  private static AppException cap(String period, long limit) {
    return AppException.of(ErrorCode.SPENDING_CAP_EXCEEDED, "This gift would exceed the " + period + " spending cap.")
      .with(Map.of("cap", period, "limitCoins", limit));
  }

  /** After any refusal: if this request id already committed, the answer is its original receipt. */
  private Future<GiftReceipt> replayOr(String key, GiftRequest request, AppException refusal) {
    return gifts.findByKey(key).compose((Optional<GiftReceipt> found) -> {
      if (found.isEmpty()) {
        return Future.failedFuture(refusal.code() == ErrorCode.CONFLICT
          ? AppException.of(ErrorCode.LEDGER_BUSY, "The gift could not be recorded; retry.") : refusal);
      }
      if (!found.get().sameRequest(request)) {
        return Future.failedFuture(AppException.of(ErrorCode.IDEMPOTENCY_KEY_REUSED,
          "This requestId was already used for a different gift."));
      }
      return Future.succeededFuture(found.get());
    });
  }
}
