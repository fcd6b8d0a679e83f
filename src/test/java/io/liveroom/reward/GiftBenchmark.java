package io.liveroom.reward;

import io.liveroom.support.RecordingRealtime;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigLoader;
import io.liveroom.infra.EmbeddedPostgresServer;
import io.liveroom.infra.EmbeddedRedisServer;
import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import static io.liveroom.reward.RewardFixtures.await;

/**
 * Benchmark (not a test): committed gifts per second on one node, on the embedded default
 * (durable PostgreSQL: fsync and synchronous_commit on) and embedded Redis, calling the gift
 * service as the HTTP route and the RPC do, with a bounded number of gifts in flight. Prints one
 * JSON line per scenario. See docs/PERFORMANCE.md for the command and results.
 *
 * <p>Arguments: {@code gifts wallets hosts concurrency} (defaults 30000 2000 1 256).
 */
public final class GiftBenchmark {
  private GiftBenchmark() {
  }

  public static void main(String[] args) throws Exception {
    int gifts = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
    int wallets = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    int hosts = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 256;
    Path dir = Files.createTempDirectory("liveroom-bench-pg");
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(dir, 0, true);
         EmbeddedRedisServer redis = EmbeddedRedisServer.start(0)) {
      JsonObject json = ConfigLoader.readDefaults();
      json.getJsonObject("http").put("port", 0).put("instances", 2);
      json.getJsonObject("pg").put("url", pg.url()).put("poolSize", Integer.getInteger("bench.pgPool", 16));
      json.getJsonObject("redis").put("url", redis.url());
      json.getJsonObject("auth").put("jwtSecret", "bench-secret-bench-secret-bench-secret-0123");
      json.getJsonObject("data").put("dir", dir.resolve("data").toString());
      json.getJsonObject("rewards").put("maxConcurrentGifts", concurrency).put("caps", new JsonObject()
        .put("perTransactionCoins", 1_000_000).put("perDayCoins", 1_000_000_000L).put("perMonthCoins", 1_000_000_000L));
      InMemoryRooms rooms = new InMemoryRooms();
      Node node = Node.start(AppConfig.from(json), java.time.Clock.systemUTC(), new NodeSeams(rooms, new CountingRealtime()))
        .toCompletionStage().toCompletableFuture().get();
      try {
        run(node, pg.url(), rooms, gifts, wallets, hosts, concurrency);
      } finally {
        node.stop().toCompletionStage().toCompletableFuture().get();
      }
    }
  }

  private static void run(Node node, String pgUrl, InMemoryRooms rooms, int gifts, int wallets, int hosts,
                          int concurrency) throws Exception {
    List<Long> users = users(pgUrl, wallets + hosts);
    List<Long> senders = users.subList(0, wallets);
    for (int h = 0; h < hosts; h++) {
      rooms.live(h + 1, users.get(wallets + h), 1_000 + h);
    }
    long giftId = await(node.rewards().catalog().create(new Principal(0, Role.ADMIN, "bench"),
      new JsonObject().put("name", "BenchRose").put("priceCoins", 1))).id();
    for (int from = 0; from < senders.size(); from += 100) {
      List<Future<JsonObject>> credits = new ArrayList<>();
      for (long s : senders.subList(from, Math.min(senders.size(), from + 100))) {
        credits.add(node.rewards().payments().adminCredit(new Principal(0, Role.ADMIN, "bench"), s,
          new JsonObject().put("coins", 1_000_000).put("reason", "bench").put("requestId", "bench-" + s)));
      }
      await(Future.all(credits));
    }
    drive(node, senders, hosts, giftId, Math.min(5_000, gifts), concurrency, "warmup");
    baseline(node, senders.size(), gifts, concurrency);
    if (Boolean.getBoolean("bench.ledgerOnly")) {
      ledgerOnly(node, senders, hosts, gifts, concurrency);
    }
    long ok = drive(node, senders, hosts, giftId, gifts, concurrency, "measure");
    await(node.rewards().folder().drain());
    JsonObject check = await(node.rewards().reconciliation().check());
    System.out.println(new JsonObject().put("reconciliationOk", check.getBoolean("ok"))
      .put("transactions", check.getLong("transactions")).encode());
    if (ok != gifts || !check.getBoolean("ok")) {
      throw new IllegalStateException("benchmark run was not clean: " + ok + " of " + gifts + " committed");
    }
  }

  private static long drive(Node node, List<Long> senders, int hosts, long giftId, int gifts, int concurrency,
                            String phase) throws InterruptedException {
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong committed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long start = System.nanoTime();
    for (int i = 0; i < gifts; i++) {
      inFlight.acquire();
      long sender = senders.get(i % senders.size());
      GiftRequest req = new GiftRequest(1 + (i % hosts), giftId, 1, phase + "-" + i);
      node.rewards().gifts().send(new Principal(sender, Role.USER, "bench"), req).onComplete(done -> {
        (done.succeeded() ? committed : failed).incrementAndGet();
        inFlight.release();
      });
    }
    inFlight.acquire(concurrency);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(new JsonObject().put("phase", phase).put("gifts", gifts).put("wallets", senders.size())
      .put("hosts", hosts).put("concurrency", concurrency).put("committed", committed.get())
      .put("failed", failed.get()).put("seconds", Math.round(seconds * 100) / 100.0)
      .put("giftsPerSecond", Math.round(committed.get() / seconds)).encode());
    return committed.get();
  }

  /*
   * Calibration on the same machine, pool and moment: the cheapest possible committed debit (one
   * conditional UPDATE of a wallet-like row per transaction, nothing else). The gift rate divided
   * by this is the price of the whole ledger write, idempotency, profile check and leaderboards.
   */
  static final String SCRATCH = "CREATE UNLOGGED TABLE IF NOT EXISTS bench_scratch (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL)";
  static final String SCRATCH_FILL = "INSERT INTO bench_scratch SELECT g, 1000000000 FROM generate_series(1, $1) g";
  static final String SCRATCH_DEBIT = "UPDATE bench_scratch SET balance = balance - 1 WHERE id = $1 AND balance >= 1 RETURNING balance";

  private static void baseline(Node node, int wallets, int n, int concurrency) throws InterruptedException {
    // A logged table like the ledger's (UNLOGGED would skip the WAL flush the ledger pays for).
    await(node.pool().query(SCRATCH.replace("UNLOGGED ", "")).execute());
    await(node.pool().preparedQuery(SCRATCH_FILL).execute(io.vertx.sqlclient.Tuple.of(wallets)));
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      node.pool().preparedQuery(SCRATCH_DEBIT).execute(io.vertx.sqlclient.Tuple.of(1L + i % wallets))
        .onComplete(r -> {
          if (r.succeeded()) {
            done.incrementAndGet();
          }
          inFlight.release();
        });
    }
    inFlight.acquire(concurrency);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(new JsonObject().put("phase", "baseline-single-update").put("transactions", done.get())
      .put("seconds", Math.round(seconds * 100) / 100.0).put("perSecond", Math.round(done.get() / seconds)).encode());
  }

  /** Only the gift's ledger statement (no profile check, no Redis, no publication): the database's share. */
  private static void ledgerOnly(Node node, List<Long> senders, int hosts, int n, int concurrency) throws InterruptedException {
    GiftRepository repo = new GiftRepository(node.pool());
    LedgerRepository ledger = node.rewards().ledger();
    long platform = await(ledger.account(AccountKind.PLATFORM_REVENUE, null));
    long issuance = await(ledger.account(AccountKind.BEAN_ISSUANCE, null));
    long host = await(ledger.account(AccountKind.HOST_BEANS, 424_242L));
    List<Long> wallets = new ArrayList<>();
    for (long s : senders) {
      wallets.add(await(ledger.account(AccountKind.USER_COINS, s)));
    }
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    Semaphore inFlight = new Semaphore(concurrency);
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      inFlight.acquire();
      int w = i % wallets.size();
      GiftRequest req = new GiftRequest(1, 1, 1, "ledger-only-" + i);
      GiftRepository.GiftPlan plan = new GiftRepository.GiftPlan(req.idempotencyKey(senders.get(w)), req, senders.get(w),
        424_242L, 1, wallets.get(w), 1, 0, today, today.withDayOfMonth(1), Long.MAX_VALUE / 4, Long.MAX_VALUE / 4,
        new Long[] {wallets.get(w), platform}, new String[] {"coin", "coin"}, new Long[] {-1L, 1L});
      repo.send(plan).onComplete(r -> {
        if (r.succeeded() && r.result().isPresent()) {
          done.incrementAndGet();
        }
        inFlight.release();
      });
    }
    inFlight.acquire(concurrency);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.println(new JsonObject().put("phase", "ledger-statement-only").put("transactions", done.get())
      .put("seconds", Math.round(seconds * 100) / 100.0).put("perSecond", Math.round(done.get() / seconds)).encode());
    inFlight.release(concurrency);
    System.out.println("(host " + host + ", issuance " + issuance + " unused: coin-only gifts)");
  }

  private static List<Long> users(String pgUrl, int n) throws Exception {
    io.vertx.pgclient.PgConnectOptions o = io.vertx.pgclient.PgConnectOptions.fromUri(pgUrl);
    List<Long> ids = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/"
      + o.getDatabase(), o.getUser(), o.getPassword()); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("INSERT INTO users (nickname, identity_verified, birth_date, phone_idx)"
           + " SELECT 'bench-' || g, true, DATE '1990-01-01', decode(md5('bench-' || g || clock_timestamp()), 'hex')"
           + " FROM generate_series(1, " + n + ") g RETURNING id")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  /** Counts publications instead of delivering them (the fan-out is the real-time core's benchmark). */
  static final class CountingRealtime extends RecordingRealtime {
    final AtomicLong published = new AtomicLong();

    @Override
    public Future<PublishResult> publish(String channel, JsonObject data) {
      return Future.succeededFuture(new PublishResult(published.incrementAndGet(), "bench"));
    }
  }
}
