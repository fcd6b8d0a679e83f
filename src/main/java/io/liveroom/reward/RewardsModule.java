package io.liveroom.reward;

import io.liveroom.account.UserDirectory;
import io.liveroom.config.RewardsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The rewards capability wired together: repositories, services, the balance folder, its HTTP
 * routes and its RPC method. Node builds one and mounts {@link #httpModules()}, registers
 * {@link #rpcMethods()} with the real-time core, and starts/stops the folder with the node.
 */
public final class RewardsModule {
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

  public RewardsModule(Vertx vertx, Pool pool, RedisAPI redis, UserDirectory users, RoomLookup rooms,
                       Realtime realtime, RewardsConfig config, MeterRegistry meters) {
    Clock clock = Clock.systemUTC();
    this.config = config;
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
    this.payments = new PaymentService(pool, new PaymentRepository(pool), ledger, users, config, clock);
    this.withdrawals = new WithdrawalService(pool, new WithdrawalRepository(pool), ledger, folder, users, config);
    this.wallets = new WalletService(new WalletRepository(pool), config, clock);
  }

  public List<HttpRoutes> httpModules(BearerAuth auth) {
    return List.of(new GiftRoutes(catalog, gifts, leaderboards, auth),
      new WalletRoutes(wallets, withdrawals, payments, auth),
      new RewardAdminRoutes(catalog, payments, withdrawals, reconciliation, leaderboards, auth, users));
  }

  public List<RpcMethod> rpcMethods() {
    return List.of(new GiftSendRpc(gifts));
  }

  /** Hook for other capabilities (rooms' hot score): told about each committed gift. */
  public void addGiftListener(GiftListener listener) {
    listeners.add(listener);
  }

  public void start() {
    folder.start(config.foldIntervalMs(), config.foldIdleIntervalMs());
    leaderboards.start();
  }

  public void stop() {
    folder.stop();
    leaderboards.stop();
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
