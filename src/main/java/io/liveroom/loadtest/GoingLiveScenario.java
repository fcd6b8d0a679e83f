package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code going-live}: a host with {@code --followers} followers (seeded beforehand, see
 * scripts/bench-going-live.sh) goes live {@code --go-after} into a chat run like {@code fanout}'s,
 * and the node's durable fan-out writes one inbox row per follower. Reports the fan-out's
 * throughput (rows over the time from the start request until the node's
 * {@code liveroom_fanout_rows_total} grew by the follower count) and the chat's publish-to-receive
 * latency while the fan-out ran, beside the whole run's.
 */
final class GoingLiveScenario implements Scenario {
  private static final String ROWS = "liveroom_fanout_rows_total";

  @Override
  public String name() {
    return "going-live";
  }

  @Override
  public Set<String> keys() {
    return Set.of("host-id", "followers", "viewers", "publishers", "rate", "go-after", "server-pid");
  }

  @Override
  public Future<Void> run(Run run) {
    long hostId = run.options.integer("host-id", 0);
    if (hostId <= 0) {
      return Future.failedFuture("--host-id is required: the seeded host whose followers are notified");
    }
    int followers = run.options.integer("followers", 100_000);
    int viewers = run.options.integer("viewers", 200);
    double rate = run.options.decimal("rate", 100);
    // Each sender at 0.5 msg/s, the node's default per-user chat limit: a node handles one
    // connection's publishes one after another to keep their order, so 5 senders at 20 msg/s each
    // measured that queue (p99 of seconds with no fan-out at all), not the room's chat latency.
    int publishers = run.options.integer("publishers", Math.max(1, (int) Math.round(rate * 2)));
    Duration goAfter = run.options.duration("go-after", Duration.ofSeconds(3));
    Users users = new Users(run);
    Stats during = new Stats();
    AtomicBoolean fanningOut = new AtomicBoolean();
    run.result.put("followers", followers).put("viewers", viewers).put("publishers", publishers).put("chatRatePerSec", rate);
    return users.existing(hostId).compose(host -> run.api.post("/api/v1/rooms", host.token(),
          new JsonObject().put("title", "going live benchmark").put("category", "music"), 201)
        .map(b -> b.getJsonObject("room").getLong("id"))
        .compose(hostRoom -> users.verified(1).compose(h -> run.api.liveRoom(h.get(0), "going-live chat"))
          .map(id -> "room:" + id)
          .compose(ch -> users.verified(publishers).compose(pubs -> followersWatching(run, users, hostId, viewers).compose(vs ->
            Connect.subscribed(run, vs, ch, run.options.port(), (i, c) -> c.listen((channel, data, now) -> {
              long[] m = Deliveries.parse(data);
              if (m != null) {
                run.stats.received.increment();
                run.stats.latency(m[2], now);
                if (fanningOut.get()) {
                  during.latency(m[2], now);
                }
              }
            })).compose(vc -> Connect.subscribed(run, pubs, ch, run.options.port(), (i, c) -> { })
              .compose(pc -> {
                Future<JsonObject> fanout = later(run, goAfter)
                  .compose(v -> goLive(run, host, hostRoom, followers, fanningOut));
                return Future.all(FanoutScenario.publish(run, pc, ch, true, rate, 100), fanout)
                  .eventually(() -> Connect.closeAll(pc));
              })
              .eventually(() -> Connect.closeAll(vc)))))))
        .map(all -> {
          run.result.put("chatLatencyDuringFanout", during.latencySummary());
          return null;
        }));
  }

  /**
   * Viewers are some of the host's own followers (the seed gives them the ids after the host's):
   * rooms admit only existing accounts, and minting {@code n} tokens costs nothing, unlike
   * registering {@code n} users through the API.
   */
  private static Future<java.util.List<Api.User>> followersWatching(Run run, Users users, long hostId, int n) {
    return run.inParallel(n, 16, i -> users.existing(hostId + 1 + i));
  }

  private static Future<Void> later(Run run, Duration delay) {
    Promise<Void> p = Promise.promise();
    run.vertx.setTimer(Math.max(1, delay.toMillis()), id -> p.complete());
    return p.future();
  }

  /** Starts the host's room, then reads the node's row counter until it grew by the follower count. */
  private static Future<JsonObject> goLive(Run run, Api.User host, long roomId, int followers, AtomicBoolean fanningOut) {
    return run.api.metrics(ROWS).compose(before -> {
      double base = before.getDouble(ROWS, 0.0);
      long t0 = System.nanoTime();
      fanningOut.set(true);
      return run.api.post("/api/v1/rooms/" + roomId + "/start", host.token(), new JsonObject(), 200)
        .compose(started -> waitForRows(run, base + followers, Duration.ofMinutes(3)))
        .map(rows -> {
          fanningOut.set(false);
          double seconds = (System.nanoTime() - t0) / 1e9;
          long written = Math.round(rows - base);
          run.result.put("fanoutRows", written).put("fanoutSeconds", Math.round(seconds * 1000) / 1000.0)
            .put("fanoutRowsPerSec", Math.round(written / seconds));
          return run.result;
        });
    });
  }

  /**
   * Reads the counter every 500 ms, one scrape at a time: a scrape costs the node real work, and
   * overlapping scrapes on a busy machine would starve the very chat this run measures.
   */
  private static Future<Double> waitForRows(Run run, double target, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    return run.api.metrics(ROWS).map(m -> m.getDouble(ROWS, 0.0)).otherwise(0.0).compose(rows ->
      rows >= target || System.nanoTime() > deadline ? Future.succeededFuture(rows)
        : later(run, Duration.ofMillis(500)).compose(v -> waitForRows(run, target, Duration.ofNanos(deadline - System.nanoTime()))));
  }

}
