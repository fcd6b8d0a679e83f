package io.liveroom.loadtest;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code ai-relay}: the latency the node's AI relay adds per token. The load generator hosts a
 * {@link StampedUpstream} (an OpenAI-compatible stand-in whose every token carries its write time)
 * and measures, for every token, its read time minus its write time:
 * <ul>
 *   <li>{@code --direct true}: N concurrent SSE streams read straight from that upstream (the
 *       baseline: loopback and this process's own reading);</li>
 *   <li>otherwise: N users each run one {@code ai.chat} generation on a node started with the
 *       {@code openai} provider pointing at the upstream, answers on the personal channel.</li>
 * </ul>
 * Streams start spread over {@code --ramp}. The run's latency histogram is the per-token latency
 * (after {@code --warmup}); relayed minus direct is what the relay adds.
 */
final class AiRelayScenario implements Scenario {
  @Override
  public String name() {
    return "ai-relay";
  }

  @Override
  public Set<String> keys() {
    return Set.of("streams", "tokens", "tokens-per-second", "upstream-port", "direct", "ramp");
  }

  @Override
  public Future<Void> run(Run run) {
    int streams = run.options.integer("streams", 10);
    int tokens = run.options.integer("tokens", 60);
    int tps = run.options.integer("tokens-per-second", 30);
    boolean direct = Boolean.parseBoolean(run.options.string("direct", "false"));
    AtomicLong failures = new AtomicLong();
    AtomicLong completed = new AtomicLong();
    run.result.put("streams", streams).put("tokensPerStream", tokens).put("tokensPerSecond", tps)
      .put("path", direct ? "direct from the upstream" : "through the node (ai.chat, personal channel)")
      .put("latency", "per token: read time minus the upstream's write time");
    StampedUpstream upstream = new StampedUpstream(run.vertx, tps, tokens);
    return upstream.listen(run.options.integer("upstream-port", 18099)).compose(server ->
        (direct ? direct(run, streams, server.actualPort(), failures, completed)
          : relayed(run, streams, failures, completed))
          .eventually(server::close))
      .map(v -> {
        run.result.put("streamsCompleted", completed.get()).put("failures", failures.get());
        return null;
      });
  }

  private static Future<Void> relayed(Run run, int streams, AtomicLong failures, AtomicLong completed) {
    return new Users(run).viewers(streams).compose(us -> run.inParallel(streams, 4, i -> run.api.conversation(us.get(i)))
      .compose(convs -> Connect.subscribed(run, us, null, run.options.port(), (i, c) -> { })
        .compose(cs -> run.startMeasuring().inParallel(streams, streams, i -> staggered(run, i, streams,
            () -> AiStreamsScenario.generation(run, cs.get(i), convs.get(i), "relay-" + i + "-" + System.nanoTime(),
              failures, completed, (data, now) -> record(run, data.getString("text", ""), now))))
          .eventually(() -> Connect.closeAll(cs))))).mapEmpty();
  }

  private static Future<Void> direct(Run run, int streams, int port, AtomicLong failures, AtomicLong completed) {
    HttpClient client = run.vertx.createHttpClient(new HttpClientOptions(), new PoolOptions().setHttp1MaxSize(streams));
    String body = new JsonObject().put("model", "stamped").put("stream", true)
      .put("messages", new JsonArray().add(new JsonObject().put("role", "user").put("content", "benchmark"))).encode();
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port)
      .setURI("/v1/chat/completions").putHeader("Content-Type", "application/json");
    return run.startMeasuring().inParallel(streams, streams, i -> staggered(run, i, streams, () -> {
      run.stats.sent.increment();
      return client.request(o).compose(req -> req.send(body)).compose(resp -> {
        RecordParser.newDelimited("\n", resp).handler(line -> {
          String s = line.toString();
          if (s.startsWith("data: {")) {
            long now = System.nanoTime();
            JsonArray choices = new JsonObject(s.substring(6)).getJsonArray("choices", new JsonArray());
            if (!choices.isEmpty()) {
              run.stats.received.increment();
              record(run, choices.getJsonObject(0).getJsonObject("delta", new JsonObject()).getString("content", ""), now);
            }
          }
        });
        return resp.end();
      }).onSuccess(v -> completed.incrementAndGet()).onFailure(e -> {
        failures.incrementAndGet();
        run.stats.errors.increment();
      }).otherwiseEmpty();
    })).eventually(client::close).mapEmpty();
  }

  /**
   * Starts stream {@code i} of {@code n} at {@code i/n} of {@code --ramp}, so that starts and ends
   * are spread as real users' are, and the node's per-generation work (rows written at the start
   * and the end) does not land on every stream in the same instant.
   */
  private static Future<Void> staggered(Run run, int i, int n, Supplier<Future<Void>> stream) {
    long rampMillis = run.options.duration("ramp", Duration.ZERO).toMillis();
    long delay = rampMillis * i / Math.max(1, n);
    if (delay == 0) {
      return stream.get();
    }
    Promise<Void> done = Promise.promise();
    run.vertx.setTimer(delay, id -> stream.get().onComplete(done));
    return done.future();
  }

  private static void record(Run run, String text, long receivedNanos) {
    for (long stamp : StampedUpstream.stamps(text)) {
      run.stats.latency(stamp, receivedNanos);
    }
  }
}
