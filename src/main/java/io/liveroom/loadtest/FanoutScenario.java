package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * {@code fanout}: one channel, N viewers, P publishers sending R messages/s in total on a fixed
 * schedule. By default the channel is a live room and each message is a real chat publish (history,
 * presence, keyword filter and all); {@code --channel bench} uses the {@code bench:} namespace to
 * measure the bare delivery path. {@code two-node} is the same with viewers on {@code --port-b}.
 */
final class FanoutScenario implements Scenario {
  private final boolean twoNode;

  FanoutScenario(boolean twoNode) {
    this.twoNode = twoNode;
  }

  @Override
  public String name() {
    return twoNode ? "two-node" : "fanout";
  }

  @Override
  public Set<String> keys() {
    return Set.of("viewers", "publishers", "rate", "size", "channel", "server-pid");
  }

  @Override
  public Future<Void> run(Run run) {
    int viewers = run.options.integer("viewers", 100);
    int publishers = run.options.integer("publishers", 1);
    double rate = run.options.decimal("rate", 100);
    int size = run.options.integer("size", 100);
    boolean chat = !"bench".equals(run.options.string("channel", "room"));
    int viewerPort = twoNode ? run.options.integer("port-b", run.options.port() + 1) : run.options.port();
    Users users = new Users(run);
    Deliveries deliveries = new Deliveries(viewers, publishers);
    run.result.put("viewers", viewers).put("publishers", publishers).put("ratePerSec", rate).put("payloadBytes", size)
      .put("channelKind", chat ? "room chat" : "bench").put("viewerPort", viewerPort);
    return channel(run, users, chat)
      .compose(ch -> users.verified(chat ? publishers : 0).compose(pubUsers ->
        (chat ? Future.succeededFuture(List.<Api.User>of()) : users.viewers(publishers)).compose(benchPubs -> {
          List<Api.User> pubs = chat ? pubUsers : benchPubs;
          return users.viewers(viewers).compose(vs -> Connect.subscribed(run, vs, ch, viewerPort, (i, c) ->
              c.listen((channel, data, now) -> {
                long[] m = Deliveries.parse(data);
                if (m != null) {
                  deliveries.record(i, m);
                  run.stats.received.increment();
                  run.stats.latency(m[2], now);
                }
              })))
            .compose(vc -> Connect.subscribed(run, pubs, chat ? ch : null, run.options.port(), (i, c) -> { })
              .compose(pc -> run.serverCpuNanos().compose(cpu0 -> publish(run, pc, ch, chat, rate, size)
                  .compose(sent -> drain(run, deliveries, sent, viewers))
                  .compose(v -> run.serverCpuNanos().map(cpu1 -> cpuPerDelivery(run, cpu0, cpu1, deliveries))))
                .eventually(() -> Connect.closeAll(pc)))
              .eventually(() -> Connect.closeAll(vc)));
        })));
  }

  private static Future<String> channel(Run run, Users users, boolean chat) {
    if (!chat) {
      return Future.succeededFuture("bench:fanout-" + System.currentTimeMillis());
    }
    return users.verified(1).compose(h -> run.api.liveRoom(h.get(0), "load test fanout")).map(id -> "room:" + id);
  }

  /**
   * Publishes on schedule, round-robin over the publishers. Returns the publications the server
   * accepted per publisher, once every reply is in: a refused publish is an error, not a loss.
   */
  static Future<long[]> publish(Run run, List<RtClient> pubs, String ch, boolean chat, double rate, int size) {
    long[] seqs = new long[pubs.size()];
    AtomicLongArray accepted = new AtomicLongArray(pubs.size());
    java.util.concurrent.atomic.AtomicLong outstanding = new java.util.concurrent.atomic.AtomicLong();
    io.vertx.core.Promise<Void> scheduled = io.vertx.core.Promise.promise();
    long[] k = {0};
    run.startMeasuring();
    Schedule.start(run.vertx, rate, run.duration, intended -> {
      int p = (int) (k[0]++ % pubs.size());
      long seq = seqs[p]++;
      run.stats.sent.increment();
      outstanding.incrementAndGet();
      pubs.get(p).publish(ch, Deliveries.payload(chat, p, seq, intended, size)).onComplete(ar -> {
        if (ar.succeeded() && ar.result().ok()) {
          accepted.incrementAndGet(p);
        } else {
          run.stats.errors.increment();
          run.result.put("lastPublishError", ar.failed() ? ar.cause().getMessage()
            : ar.result().errorCode() + " " + ar.result().errorMessage());
        }
        outstanding.decrementAndGet();
      });
    }, scheduled::complete);
    return scheduled.future()
      .compose(v -> run.until(() -> outstanding.get() == 0, Duration.ofSeconds(10)))
      .map(v -> {
        long[] out = new long[pubs.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = accepted.get(i);
        }
        run.result.put("refusedOrFailedPublishes", run.stats.errors.sum());
        return out;
      });
  }

  /** Server CPU over the publishing phase (setup excluded) divided by deliveries; needs --server-pid. */
  private static Void cpuPerDelivery(Run run, long cpu0, long cpu1, Deliveries d) {
    if (cpu0 >= 0 && d.received() > 0) {
      run.result.put("serverCpuSeconds", (cpu1 - cpu0) / 1e9)
        .put("serverCpuMicrosPerDelivery", Math.round((cpu1 - cpu0) / 1e3 / d.received() * 100) / 100.0);
    }
    return null;
  }

  private static Future<Void> drain(Run run, Deliveries d, long[] sent, int viewers) {
    long expected = java.util.Arrays.stream(sent).sum() * viewers;
    Duration max = run.options.duration("drain", Duration.ofSeconds(5));
    return run.until(() -> d.received() >= expected, max).map(v -> {
      long received = d.received();
      run.result.put("published", java.util.Arrays.stream(sent).sum())
        .put("expectedDeliveries", expected).put("deliveries", received)
        .put("deliveriesPerSec", Math.round(received / (run.duration.toMillis() / 1000.0)))
        .put("losses", d.losses(sent)).put("outOfOrder", d.outOfOrder.sum()).put("duplicates", d.duplicates.sum());
      return null;
    });
  }
}
