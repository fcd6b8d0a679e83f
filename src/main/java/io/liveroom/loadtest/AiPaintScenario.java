package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ai-paint}: N users each start one {@code ai.paint} at the same moment on the server's
 * {@code simulated} painter (partial previews on its timeline, rendering on the node's worker
 * pool), over the socket, and wait for {@code done}. Reports the time from each request to its
 * first {@code partial} ({@code firstPreviewMs}) and to {@code done} ({@code doneMs}), failures,
 * and the node's event-loop delay while they run: the largest {@code event_loop_delay_seconds_max}
 * sampled from {@code /metrics} every 250 ms ({@code eventLoopDelayMaxMs}). The node's painting
 * quota must allow N users one painting each (the defaults do).
 */
final class AiPaintScenario implements Scenario {
  @Override
  public String name() {
    return "ai-paint";
  }

  @Override
  public Set<String> keys() {
    return Set.of("paintings", "size");
  }

  @Override
  public Future<Void> run(Run run) {
    int n = run.options.integer("paintings", 10);
    String size = run.options.string("size", "1024x1024");
    Histogram firstPreview = new Histogram(600_000_000L, 3);
    Histogram done = new Histogram(600_000_000L, 3);
    AtomicLong failures = new AtomicLong();
    double[] loopDelayMax = {0};
    boolean[] running = {true};
    run.result.put("paintings", n).put("size", size);
    return new Users(run).viewers(n).compose(us -> Connect.subscribed(run, us, null, run.options.port(), (i, c) -> { })
      .compose(cs -> {
        sample(run, loopDelayMax, running);
        return run.startMeasuring().inParallel(n, n, i -> one(run, cs.get(i), size, firstPreview, done, failures))
          .eventually(() -> {
            running[0] = false;
            return Connect.closeAll(cs);
          });
      }))
      .map(v -> {
        run.result.put("failures", failures.get())
          .put("firstPreviewMs", summary(firstPreview)).put("doneMs", summary(done))
          .put("eventLoopDelayMaxMs", Math.round(loopDelayMax[0] * 1000 * 10) / 10.0);
        return null;
      });
  }

  /** Reads the node's event-loop delay every 250 ms while the paintings run, keeping the largest. */
  private static void sample(Run run, double[] max, boolean[] running) {
    if (!running[0]) {
      return;
    }
    run.api.metrics("event_loop_delay_seconds_max").onComplete(ar -> {
      if (ar.succeeded()) {
        max[0] = Math.max(max[0], ar.result().getDouble("event_loop_delay_seconds_max", 0.0));
      }
      run.vertx.setTimer(250, t -> sample(run, max, running));
    });
  }

  private static JsonObject summary(Histogram h) {
    synchronized (h) {
      return new JsonObject().put("count", h.getTotalCount()).put("p50", Stats.ms(h.getValueAtPercentile(50)))
        .put("p99", Stats.ms(h.getValueAtPercentile(99))).put("max", Stats.ms(h.getMaxValue()));
    }
  }

  private static void record(Histogram h, long micros) {
    synchronized (h) {
      h.recordValue(Math.min(600_000_000L, micros));
    }
  }

  /** One painting: each of this user's {@code kind: paint} publications belongs to it (one at a time). */
  private static Future<Void> one(Run run, RtClient c, String size, Histogram firstPreview, Histogram done,
                                  AtomicLong failures) {
    Promise<Void> finished = Promise.promise();
    long start = System.nanoTime();
    boolean[] previewed = {false};
    c.listen((ch, data, now) -> {
      if (!"paint".equals(data.getString("kind"))) {
        return;
      }
      String type = data.getString("type");
      run.stats.received.increment();
      if ("partial".equals(type) && !previewed[0]) {
        previewed[0] = true;
        record(firstPreview, (now - start) / 1000);
      } else if ("done".equals(type)) {
        record(done, (now - start) / 1000);
        finished.tryComplete();
      } else if ("error".equals(type)) {
        failures.incrementAndGet();
        run.result.put("lastError", data.getString("code"));
        finished.tryComplete();
      }
    });
    run.stats.sent.increment();
    c.rpc("ai.paint", new JsonObject().put("prompt", "load test painting " + start).put("size", size)).onComplete(ar -> {
      if (ar.failed() || !ar.result().ok()) {
        failures.incrementAndGet();
        run.stats.errors.increment();
        run.result.put("lastRpcError", ar.failed() ? ar.cause().getMessage()
          : ar.result().errorCode() + " " + ar.result().errorMessage());
        finished.tryComplete();
      }
    });
    long timer = run.vertx.setTimer(run.duration.plus(Duration.ofSeconds(60)).toMillis(), id -> {
      failures.incrementAndGet();
      finished.tryComplete();
    });
    return finished.future().onComplete(v -> run.vertx.cancelTimer(timer));
  }
}
