package io.liveroom.ai;

import io.liveroom.Node;
import io.liveroom.auth.Role;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.liveroom.loadtest.StampedUpstream;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test): how many concurrent streams one node sustains with the simulated
 * provider, and the latency the relay adds per token against reading the upstream directly.
 * Run: see docs/PERFORMANCE.md. Args: streams, tokensPerSecond, tokensPerAnswer.
 */
public final class AiRelayBench {
  private final Vertx vertx = Vertx.vertx();
  private final HttpClient client;

  private AiRelayBench(int streams) {
    client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(false),
      new PoolOptions().setHttp1MaxSize(streams + 10));
  }

  public static void main(String[] args) throws Exception {
    int streams = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int tps = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    int tokens = args.length > 2 ? Integer.parseInt(args[2]) : 150;
    TestInfra.get().reset();
    AiRelayBench bench = new AiRelayBench(streams);
    bench.simulated(streams, tps, tokens);
    bench.relayLatency(streams, tps, tokens);
    System.exit(0);
  }

  private void simulated(int streams, int tps, int tokens) throws Exception {
    Node node = TestNodes.start(json -> {
      json.getJsonObject("ai").getJsonObject("simulated").put("tokensPerSecond", tps).put("replyTokens", tokens);
      quotas(json);
    });
    String token = node.accessTokens().issue(AiTests.newUser(), Role.USER, "bench");
    run(Math.min(streams, 100), node.httpPort(), "/v1/chat/completions", token, "simulated", false);  // JIT warm-up
    Result r = run(streams, node.httpPort(), "/v1/chat/completions", token, "simulated", false);
    System.out.printf("simulated: %d streams x %d tokens at %d tok/s: %d complete, %d failed, %.0f tokens/s total, "
        + "inter-token gap p50 %.1f ms p99 %.1f ms max %.1f ms (ideal %.1f ms)%n", streams, tokens, tps, r.complete,
      r.failed, r.tokensPerSecond(), r.p(0.5), r.p(0.99), r.p(1.0), 1000.0 / tps);
    TestNodes.stop(node);
  }

  private void relayLatency(int streams, int tps, int tokens) throws Exception {
    Vertx upstreamVertx = Vertx.vertx();
    HttpServer upstream = new StampedUpstream(upstreamVertx, tps, tokens).listen(0).await(10, TimeUnit.SECONDS);
    String base = "http://127.0.0.1:" + upstream.actualPort() + "/v1";
    run(Math.min(streams, 100), upstream.actualPort(), "/v1/chat/completions", "none", "up", true);  // warm-up
    Result direct = run(streams, upstream.actualPort(), "/v1/chat/completions", "none", "up", true);
    Node node = TestNodes.start(json -> {
      AiTests.openai(json, base);
      json.getJsonObject("ai").getJsonObject("openai").put("firstTokenTimeoutMs", 30_000);
      quotas(json);
    });
    String token = node.accessTokens().issue(AiTests.newUser(), Role.USER, "bench");
    run(Math.min(streams, 100), node.httpPort(), "/v1/chat/completions", token, "chat", true);  // warm-up
    Result relayed = run(streams, node.httpPort(), "/v1/chat/completions", token, "chat", true);
    System.out.printf("per-token latency from upstream write to client read, %d streams at %d tok/s:%n", streams, tps);
    System.out.printf("  direct : p50 %.2f ms p99 %.2f ms (%d complete, %d failed)%n", direct.p(0.5), direct.p(0.99),
      direct.complete, direct.failed);
    System.out.printf("  relayed: p50 %.2f ms p99 %.2f ms (%d complete, %d failed)%n", relayed.p(0.5), relayed.p(0.99),
      relayed.complete, relayed.failed);
    System.out.printf("  added by the relay: p50 %.2f ms p99 %.2f ms%n", relayed.p(0.5) - direct.p(0.5),
      relayed.p(0.99) - direct.p(0.99));
    TestNodes.stop(node);
    upstreamVertx.close().await(10, TimeUnit.SECONDS);
  }

  private static void quotas(JsonObject json) {
    json.getJsonObject("ai").getJsonObject("quota").put("concurrentGenerations", 10_000)
      .put("requestsPerMinute", 1_000_000).put("tokensPerDay", 1_000_000_000L);
    json.getJsonObject("pg").put("poolSize", 16);
    json.getJsonObject("http").put("instances", 2);
  }

  private Result run(int streams, int port, String path, String token, String model, boolean timestamps) throws Exception {
    Result result = new Result();
    String body = new JsonObject().put("model", model).put("stream", true).put("messages",
      new JsonArray().add(new JsonObject().put("role", "user").put("content", "benchmark"))).encode();
    List<Future<Void>> all = new ArrayList<>();
    long start = System.nanoTime();
    for (int i = 0; i < streams; i++) {
      all.add(stream(port, path, token, body, timestamps, result));
    }
    Future.join(all).otherwiseEmpty().await(10, TimeUnit.MINUTES);
    result.seconds = (System.nanoTime() - start) / 1e9;
    return result;
  }

  private Future<Void> stream(int port, String path, String token, String body, boolean timestamps, Result result) {
    RequestOptions o = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1").setPort(port).setURI(path)
      .putHeader("Authorization", "Bearer " + token).putHeader("Content-Type", "application/json");
    return client.request(o).compose(req -> req.send(body)).compose(resp -> {
      if (resp.statusCode() != 200) {
        return Future.failedFuture("HTTP " + resp.statusCode());
      }
      long[] last = {0};
      RecordParser lines = RecordParser.newDelimited("\n", resp);
      lines.handler(line -> {
        String s = line.toString();
        if (!s.startsWith("data: {")) {
          return;
        }
        String content = new JsonObject(s.substring(6)).getJsonArray("choices", new JsonArray()).isEmpty() ? null
          : new JsonObject(s.substring(6)).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content");
        if (content == null || content.isEmpty()) {
          return;
        }
        long now = System.nanoTime();
        if (timestamps) {
          StampedUpstream.stamps(content).forEach(stamp -> result.add((now - stamp) / 1e6));
        } else if (last[0] != 0) {
          result.add((now - last[0]) / 1e6);
        }
        last[0] = now;
        result.tokens.incrementAndGet();
      });
      return resp.end();
    }).onSuccess(v -> result.completed()).onFailure(e -> result.failed());
  }

  private static final class Result {
    final List<Double> samples = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger tokens = new AtomicInteger();
    volatile int complete;
    volatile int failed;
    double seconds;

    void add(double ms) {
      samples.add(ms);
    }

    synchronized void completed() {
      complete++;
    }

    synchronized void failed() {
      failed++;
    }

    double tokensPerSecond() {
      return tokens.get() / seconds;
    }

    double p(double q) {
      List<Double> sorted = new ArrayList<>(samples);
      if (sorted.isEmpty()) {
        return Double.NaN;
      }
      Collections.sort(sorted);
      return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(q * sorted.size())));
    }
  }
}
