package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ai-streams}: N users each run generations back to back (one at a time, under the per-user
 * quota) on the server's {@code simulated} provider, over the socket ({@code ai.chat} RPC, answer
 * on the personal channel). Reports time to first token ({@code ttftMs}, from the start of each
 * request), the gaps between deltas ({@code interTokenMs}), and failures (refused RPCs and
 * {@code error} endings).
 *
 * <p>When the node runs with {@code ai.simulated.stampTokens}, every token carries its emit time,
 * and the run's latency histogram (with its per-second timeline) is each token's emit-to-receive
 * time: what the node's relay (publish, broker, fan-out, socket) and this reader add. Tokens
 * emitted in the first {@code --warmup} are not counted. The same latency is also reported for the
 * tokens received while every stream was streaming ({@code latencyAllStreaming}): after the last
 * stream of a round had its first token and before the first one ended. That is the relay at N
 * concurrent streams, without the herds of starts and ends around it (see docs/PERFORMANCE.md).
 *
 * <p>{@code --ramp} spreads the streams' first requests evenly over that time (default 0: all at
 * once, a thundering herd). Real users do not start in the same millisecond, and with a ramp the
 * later rounds stay spread too, so the steady state is not interrupted by herds of starts.
 */
final class AiStreamsScenario implements Scenario {
  @Override
  public String name() {
    return "ai-streams";
  }

  @Override
  public Set<String> keys() {
    return Set.of("streams", "rounds", "ramp");
  }

  @Override
  public Future<Void> run(Run run) {
    int streams = run.options.integer("streams", 10);
    int rounds = run.options.integer("rounds", 1);
    long rampMillis = run.options.duration("ramp", Duration.ZERO).toMillis();
    Histogram interToken = new Histogram(60_000_000L, 3);
    Histogram ttft = new Histogram(600_000_000L, 3);
    Histogram allStreaming = new Histogram(Stats.MAX_MICROS, 3);
    Timing timing = new Timing(run, streams, new AtomicInteger(), interToken, ttft, allStreaming);
    AtomicLong failures = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    run.result.put("streams", streams).put("roundsPerStream", rounds).put("rampMs", rampMillis);
    return new Users(run).viewers(streams).compose(us -> run.inParallel(streams, 4, i -> run.api.conversation(us.get(i)))
      .compose(convs -> Connect.subscribed(run, us, null, run.options.port(), (i, c) -> { })
        .compose(cs -> run.startMeasuring().inParallel(streams, streams, i -> run.sleep(Duration.ofMillis(rampMillis * i / streams))
            .compose(v -> rounds(run, cs.get(i), convs.get(i), i, rounds, timing, failures, completed)))
          .eventually(() -> Connect.closeAll(cs)))))
      .map(v -> {
        synchronized (interToken) {
          run.result.put("generationsCompleted", completed.get()).put("failures", failures.get())
            .put("interTokenMs", new JsonObject().put("count", interToken.getTotalCount())
              .put("p50", Stats.ms(interToken.getValueAtPercentile(50)))
              .put("p99", Stats.ms(interToken.getValueAtPercentile(99))).put("max", Stats.ms(interToken.getMaxValue())));
        }
        synchronized (ttft) {
          run.result.put("ttftMs", new JsonObject().put("count", ttft.getTotalCount())
            .put("p50", Stats.ms(ttft.getValueAtPercentile(50))).put("p99", Stats.ms(ttft.getValueAtPercentile(99)))
            .put("max", Stats.ms(ttft.getMaxValue())));
        }
        synchronized (allStreaming) {
          run.result.put("latencyAllStreaming", Stats.summary(allStreaming));
        }
        run.result.put("latency", "per token: receive time minus the node's emit time (needs ai.simulated.stampTokens)");
        return null;
      });
  }

  /**
   * Where the times go: first tokens, gaps between deltas, and stamped tokens' latency into the
   * run's, and also into {@code allStreaming} while all {@code streams} are between their first
   * token and their end ({@code streaming} counts them).
   */
  private record Timing(Run run, int streams, AtomicInteger streaming, Histogram interToken, Histogram ttft,
                        Histogram allStreaming) {
    void first(long micros) {
      synchronized (ttft) {
        ttft.recordValue(Math.min(600_000_000L, micros));
      }
    }

    void gap(long micros) {
      synchronized (interToken) {
        interToken.recordValue(Math.min(60_000_000L, micros));
      }
    }

    void stamped(String text, long receivedNanos) {
      boolean all = streaming.get() == streams;
      for (long stamp : StampedUpstream.stamps(text)) {
        run.stats.latency(stamp, receivedNanos);
        if (all && run.stats.measured(stamp)) {
          synchronized (allStreaming) {
            allStreaming.recordValue(Stats.micros(stamp, receivedNanos));
          }
        }
      }
    }
  }

  private static Future<Void> rounds(Run run, RtClient c, long conversation, int stream, int left, Timing timing,
                                     AtomicLong failures, AtomicLong completed) {
    if (left == 0) {
      return Future.succeededFuture();
    }
    return one(run, c, conversation, "lt-" + stream + "-" + left + "-" + System.nanoTime(), timing, failures, completed)
      .compose(v -> rounds(run, c, conversation, stream, left - 1, timing, failures, completed));
  }

  /** One generation, timed into {@code timing}. */
  private static Future<Void> one(Run run, RtClient c, long conversation, String requestId, Timing timing,
                                  AtomicLong failures, AtomicLong completed) {
    long start = System.nanoTime();
    long[] last = {0};
    return generation(run, c, conversation, requestId, failures, completed, (data, now) -> {
      if (last[0] == 0) {
        timing.first((now - start) / 1000);
        timing.streaming().incrementAndGet();
      } else {
        timing.gap((now - last[0]) / 1000);
      }
      last[0] = now;
      timing.stamped(data.getString("text", ""), now);
    }).onComplete(ended -> {
      if (last[0] != 0) {
        timing.streaming().decrementAndGet();
      }
    });
  }

  /** What a scenario does with each {@code delta} publication of a generation, and when it arrived. */
  interface DeltaSink {
    void delta(JsonObject data, long receivedNanos);
  }

  /**
   * Runs one {@code ai.chat} generation on the socket and waits for its {@code done} or
   * {@code error} (bounded by the run's duration), counting it as completed or failed.
   */
  static Future<Void> generation(Run run, RtClient c, long conversation, String requestId, AtomicLong failures,
                                 AtomicLong completed, DeltaSink sink) {
    Promise<Void> finished = Promise.promise();
    String[] generation = {null};
    c.listen((ch, data, now) -> {
      String type = data.getString("type");
      if ("start".equals(type) && requestId.equals(data.getString("requestId"))) {
        generation[0] = data.getString("generationId");
      } else if (generation[0] != null && generation[0].equals(data.getString("generationId"))) {
        if ("delta".equals(type)) {
          sink.delta(data, now);
          run.stats.received.increment();
        } else if ("done".equals(type) || "error".equals(type)) {
          (("done".equals(type)) ? completed : failures).incrementAndGet();
          finished.tryComplete();
        }
      }
    });
    run.stats.sent.increment();
    c.rpc("ai.chat", new JsonObject().put("conversationId", conversation).put("text", "Tell me about load testing.")
      .put("requestId", requestId)).onComplete(ar -> {
        if (ar.failed() || !ar.result().ok()) {
          failures.incrementAndGet();
          run.stats.errors.increment();
          run.result.put("lastRpcError", ar.failed() ? ar.cause().getMessage()
            : ar.result().errorCode() + " " + ar.result().errorMessage());
          finished.tryComplete();
        }
      });
    long timer = run.vertx.setTimer(run.duration.plus(Duration.ofSeconds(30)).toMillis(), id -> {
      failures.incrementAndGet();
      finished.tryComplete();
    });
    return finished.future().onComplete(v -> run.vertx.cancelTimer(timer));
  }
}
