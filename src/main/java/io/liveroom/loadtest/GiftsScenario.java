package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code gifts}: verified senders, each credited through the admin credit endpoint, send gifts on a
 * fixed schedule into live rooms ({@code --hosts 1} is one hot host), over the documented
 * {@code POST /api/v1/rooms/{id}/gifts {giftId, count, requestId}}. Reports committed gifts/s and
 * commit latency, then runs the ledger reconciliation ({@code GET /api/v1/admin/ledger/check}) and
 * fails the run unless it is ok. Needs the rewards capability and an admin token
 * ({@code --admin-token}); against a build without rewards it stops at once and says so.
 */
final class GiftsScenario implements Scenario {
  @Override
  public String name() {
    return "gifts";
  }

  @Override
  public Set<String> keys() {
    return Set.of("senders", "hosts", "rate", "admin-token", "gift-id", "coins");
  }

  @Override
  public Future<Void> run(Run run) {
    String admin = run.options.string("admin-token", null);
    if (admin == null) {
      return Future.failedFuture("gifts needs --admin-token (an admin's access token) to credit wallets and reconcile");
    }
    int senders = run.options.integer("senders", 20);
    int hosts = run.options.integer("hosts", 1);
    double rate = run.options.decimal("rate", 50);
    long giftId = run.options.integer("gift-id", 1);
    Users users = new Users(run);
    run.result.put("senders", senders).put("hosts", hosts).put("ratePerSec", rate);
    return run.api.get("/api/v1/gifts", null).recover(e -> Future.failedFuture(
        "the gift catalog is not there (" + e.getMessage() + "): this build has no rewards capability yet"))
      .compose(x -> users.verified(hosts)).compose(hs -> run.inParallel(hosts, 4, i -> run.api.liveRoom(hs.get(i), "gifts " + i)))
      .compose(rooms -> users.verified(senders).compose(ss -> run.inParallel(senders, 4, i -> run.api.post(
          "/api/v1/admin/wallets/" + ss.get(i).id() + "/credit", admin, new JsonObject()
            .put("coins", run.options.integer("coins", 1_000_000)).put("reason", "load test")
            .put("requestId", "lt-credit-" + ss.get(i).id()), 200))
        .compose(x -> send(run, rooms, ss, giftId, rate))))
      .compose(x -> run.api.get("/api/v1/admin/ledger/check", admin))
      .compose(check -> {
        run.result.put("ledgerCheck", check);
        return Boolean.TRUE.equals(check.getBoolean("ok")) ? Future.succeededFuture()
          : Future.failedFuture("ledger reconciliation failed: " + check.encode());
      });
  }

  private static Future<Void> send(Run run, List<Long> rooms, List<Api.User> senders, long giftId, double rate) {
    java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.LongAdder committed = new java.util.concurrent.atomic.LongAdder();
    io.vertx.core.Promise<Void> scheduled = io.vertx.core.Promise.promise();
    long[] k = {0};
    Schedule.start(run.vertx, rate, run.duration, intended -> {
      Api.User s = senders.get((int) (k[0] % senders.size()));
      long room = rooms.get(ThreadLocalRandom.current().nextInt(rooms.size()));
      String requestId = "lt-" + s.id() + "-" + k[0]++;
      run.stats.sent.increment();
      outstanding.incrementAndGet();
      run.api.post("/api/v1/rooms/" + room + "/gifts", s.token(), new JsonObject().put("giftId", giftId).put("count", 1)
        .put("requestId", requestId), 200).onComplete(ar -> {
          if (ar.succeeded()) {
            committed.increment();
            run.stats.received.increment();
            run.stats.latency(intended, System.nanoTime());
          } else {
            run.stats.errors.increment();
            run.result.put("lastGiftError", ar.cause().getMessage());
          }
          outstanding.decrementAndGet();
        });
    }, scheduled::complete);
    return scheduled.future().compose(v -> run.until(() -> outstanding.get() == 0, java.time.Duration.ofSeconds(30)))
      .map(v -> {
        run.result.put("committed", committed.sum())
          .put("committedPerSec", Math.round(committed.sum() / (run.duration.toMillis() / 1000.0)));
        return null;
      });
  }
}
