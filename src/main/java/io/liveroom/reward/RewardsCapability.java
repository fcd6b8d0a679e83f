package io.liveroom.reward;

import io.liveroom.account.UserDirectory;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.RewardsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rewards capability wired together: repositories, services, the balance folder, its HTTP
 * routes, its RPC method ({@code gift.send}) and its personal data (gifts, wallet statement,
 * ledger pseudonymization). Gifts go to the host that {@link RoomLookup} names.
 */
public final class RewardsCapability implements Capability {
  private final LedgerRepository ledger;
  private final BalanceFolder folder;
  private final GiftCatalog catalog;
  private final GiftService gifts;
  private final Leaderboards leaderboards;
  private final Reconciliation reconciliation;
  private final PaymentService payments;
  private final WithdrawalService withdrawals;
  private final WalletService wallets;
  private final List<GiftListener> listeners = new CopyOnWriteArrayList<>();
  private final RewardsConfig config;
  private final UserDirectory users;
  private final List<HttpRoutes> routes;
  private final RewardsPersonalData personalData;

  public RewardsCapability(Platform platform, UserDirectory users, RoomLookup rooms, Realtime realtime,
                           BearerAuth auth) {
    Clock clock = Clock.systemUTC();
    Vertx vertx = platform.vertx();
    Pool pool = platform.pool();
    RedisAPI redis = platform.redis();
    MeterRegistry meters = platform.meters();
    this.config = platform.config().rewards();
    this.users = users;
    this.ledger = new LedgerRepository(pool);
    this.folder = new BalanceFolder(vertx, pool, ledger, config.foldBatchSize(), config.retryAttempts());
    this.catalog = new GiftCatalog(pool);
    listeners.add((receipt, hostId, sessionId) -> meters.counter("liveroom.gifts.committed").increment());
    listeners.add((receipt, hostId, sessionId) -> folder.wake()); // its host's beans wait for a fold
    this.leaderboards = new Leaderboards(vertx, new LeaderboardRepository(pool), redis, users, clock);
    GiftEffects effects = new GiftEffects(redis, realtime, config.comboWindowSeconds(), listeners,
      leaderboards::invalidate);
    UserDirectory senders = new RecentUsers(users, 2_000, 200_000);
    this.gifts = new GiftService(new GiftRepository(pool), ledger, catalog, rooms, senders, effects, config, clock,
      meters);
    this.reconciliation = new Reconciliation(new ReconciliationRepository(pool));
    this.payments = new PaymentService(pool, new PaymentRepository(pool), ledger, users, config, clock, meters);
    this.withdrawals = new WithdrawalService(pool, new WithdrawalRepository(pool), ledger, folder, users, config);
    this.wallets = new WalletService(new WalletRepository(pool), config, clock);
    this.routes = List.of(new GiftRoutes(catalog, gifts, leaderboards, auth),
      new WalletRoutes(wallets, withdrawals, payments, auth),
      new RewardAdminRoutes(catalog, payments, withdrawals, reconciliation, leaderboards, auth, users));
    this.personalData = new RewardsPersonalData(pool);
  }

  @Override
  public String name() {
    return "rewards";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<RpcMethod> rpcMethods() {
    return List.of(new GiftSendRpc(gifts));
  }

  /** Gifts, wallet statement; the ledger is pseudonymized on erasure, never deleted. */
  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  /** Refuses gifts between a host and a sender with a block either way (the bootstrap wires social's). */
  public void refuseGiftsWhenBlocked(GiftBlocks blocks) {
    gifts.useBlocks(blocks);
  }

  /** Hook for other capabilities (rooms' hot score): told about each committed gift. */
  public void addGiftListener(GiftListener listener) {
    listeners.add(listener);
  }

  /** Who may send gifts, be credited recharges and request withdrawals (youth mode). */
  public void gateSpending(SpendingGate gate) {
    gifts.spending = gate;
    payments.spending = gate;
    withdrawals.spending = gate;
  }

  @Override
  public Future<Void> start() {
    folder.start(config.foldIntervalMs(), config.foldIdleIntervalMs());
    leaderboards.start();
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> stop() {
    folder.stop();
    leaderboards.stop();
    return Future.succeededFuture();
  }

  public GiftCatalog catalog() {
    return catalog;
  }

  public GiftService gifts() {
    return gifts;
  }

  public BalanceFolder folder() {
    return folder;
  }

  public Reconciliation reconciliation() {
    return reconciliation;
  }

  public Leaderboards leaderboards() {
    return leaderboards;
  }

  public PaymentService payments() {
    return payments;
  }

  public WithdrawalService withdrawals() {
    return withdrawals;
  }

  public WalletService wallets() {
    return wallets;
  }

  public LedgerRepository ledger() {
    return ledger;
  }
}
