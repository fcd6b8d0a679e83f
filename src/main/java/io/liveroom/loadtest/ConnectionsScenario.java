package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * {@code connections}: opens N authenticated connections subscribed to one channel, at a given rate,
 * holds them idle, and reports the connect rate, errors, and the server's RSS and heap growth per
 * connection from {@code /metrics}. With {@code --server-pid} (a local server process) it runs
 * {@code jcmd <pid> GC.run} before each reading, so heap is live heap after a full GC.
 */
final class ConnectionsScenario implements Scenario {
  private static final String[] METRICS = {"process_resident_memory_bytes", "jvm_memory_used_bytes{heap}",
    "jvm_gc_live_data_size_bytes"};

  @Override
  public String name() {
    return "connections";
  }

  @Override
  public Set<String> keys() {
    return Set.of("connections", "rate", "channel", "hold", "server-pid");
  }

  @Override
  public Future<Void> run(Run run) {
    int n = run.options.integer("connections", 1000);
    double rate = run.options.decimal("rate", 500);
    boolean bench = "bench".equals(run.options.string("channel", "room"));
    Users users = new Users(run);
    ConcurrentLinkedQueue<RtClient> open = new ConcurrentLinkedQueue<>();
    run.result.put("connections", n).put("ratePerSec", rate);
    Future<String> channel = bench ? Future.succeededFuture("bench:idle")
      : users.verified(1).compose(h -> run.api.liveRoom(h.get(0), "load test idle")).map(id -> "room:" + id);
    return channel.compose(ch -> users.viewers(n).compose(us -> serverMemory(run).compose(before -> {
      long t0 = System.nanoTime();
      return openAtRate(run, us, ch, rate, open).compose(v -> {
        double secs = (System.nanoTime() - t0) / 1e9;
        run.result.put("opened", open.size()).put("connectErrors", run.stats.errors.sum())
          .put("connectSeconds", Math.round(secs * 100) / 100.0)
          .put("connectsPerSec", Math.round(open.size() / secs));
        return run.sleep(run.options.duration("hold", Duration.ofSeconds(5)));
      }).compose(v -> serverMemory(run)).map(after -> {
        run.result.put("serverBefore", before).put("serverAfter", after);
        int k = Math.max(1, open.size());
        for (String m : METRICS) {
          double delta = after.getDouble(m, 0.0) - before.getDouble(m, 0.0);
          run.result.put(m.replace("{heap}", "_heap") + "_per_connection", Math.round(delta / k));
        }
        run.result.put("stillOpen", open.stream().filter(c -> !c.closed()).count());
        return (Void) null;
      });
    }))).eventually(() -> Connect.closeAll(List.copyOf(open)));
  }

  private static Future<Void> openAtRate(Run run, List<Api.User> users, String ch, double rate,
                                         ConcurrentLinkedQueue<RtClient> open) {
    Promise<Void> all = Promise.promise();
    int[] done = {0};
    Runnable finished = () -> {
      if (++done[0] == users.size()) {
        all.tryComplete();
      }
    };
    io.vertx.core.Context ctx = run.vertx.getOrCreateContext();
    int[] next = {0};
    Schedule.start(run.vertx, rate, Duration.ofNanos((long) (users.size() / rate * 1e9) + 1_000_000), intended -> {
      if (next[0] >= users.size()) {
        return;
      }
      Api.User u = users.get(next[0]++);
      run.stats.sent.increment();
      Connect.one(run, u, ch, run.options.port(), c -> { }).onComplete(ar -> ctx.runOnContext(v -> {
        if (ar.succeeded()) {
          open.add(ar.result());
          run.stats.received.increment();
          run.stats.latency(intended, System.nanoTime());
        } else {
          run.stats.errors.increment();
          run.result.put("lastConnectError", ar.cause().getMessage());
        }
        finished.run();
      }));
    }, () -> { });
    return all.future();
  }

  /** The node's memory gauges, after a full GC when the server's pid is known (jcmd runs on a worker). */
  private static Future<JsonObject> serverMemory(Run run) {
    String pid = run.options.string("server-pid", null);
    Future<Void> gc = pid == null ? Future.succeededFuture() : run.vertx.executeBlocking(() -> {
      Process p = new ProcessBuilder("jcmd", pid, "GC.run").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
      return null;
    });
    return gc.compose(v -> run.sleep(Duration.ofMillis(pid == null ? 1 : 5500))) // RSS gauge refreshes every 5 s
      .compose(v -> run.api.metrics(METRICS));
  }
}
