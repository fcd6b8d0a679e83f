package io.liveroom.loadtest;

import io.liveroom.ai.SimulatedProvider;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in OpenAI-compatible upstream for latency benchmarks: {@code POST /v1/chat/completions}
 * streams {@code tokens} SSE chunks at {@code tokensPerSecond}, each delta's content being
 * {@code " t<nanoTime>"}, the {@link System#nanoTime()} at which it was written, then a usage
 * chunk and {@code [DONE]}. A reader on the same machine subtracts the stamp from its own
 * {@code nanoTime()} (Linux's monotonic clock is shared by all processes) to get the latency of
 * each token, whether it reads this upstream directly or through a node's relay, which may join
 * several deltas into one: {@link #stamps} finds every stamp in a text.
 */
public final class StampedUpstream {
  /** The same format as the simulated provider's stamped tokens, so one parser reads both. */
  private static final String PREFIX = SimulatedProvider.STAMP_PREFIX;

  private final Vertx vertx;
  private final int tokensPerSecond;
  private final int tokens;

  public StampedUpstream(Vertx vertx, int tokensPerSecond, int tokens) {
    this.vertx = vertx;
    this.tokensPerSecond = tokensPerSecond;
    this.tokens = tokens;
  }

  /** Listens on loopback; {@code port} 0 picks a free one. */
  public Future<HttpServer> listen(int port) {
    return vertx.createHttpServer().requestHandler(this::handle).listen(port, "127.0.0.1");
  }

  /** The stamps found in a delta's text, in order. */
  public static List<Long> stamps(String text) {
    List<Long> out = new ArrayList<>(1);
    int at = text.indexOf(PREFIX);
    while (at >= 0) {
      int from = at + PREFIX.length();
      int to = from;
      while (to < text.length() && Character.isDigit(text.charAt(to))) {
        to++;
      }
      if (to > from) {
        out.add(Long.parseLong(text, from, to, 10));
      }
      at = text.indexOf(PREFIX, to);
    }
    return out;
  }

  private void handle(HttpServerRequest req) {
    if (!req.path().endsWith("/chat/completions")) {
      req.response().setStatusCode(404).end();
      return;
    }
    req.body().onSuccess(b -> {
      HttpServerResponse resp = req.response().setChunked(true).putHeader("Content-Type", "text/event-stream");
      int[] sent = {0};
      vertx.setPeriodic(Math.max(1, 1000 / tokensPerSecond), id -> {
        if (resp.closed() || resp.ended()) {
          vertx.cancelTimer(id);
        } else if (sent[0]++ < tokens) {
          resp.write(chunk(new JsonObject().put("content", PREFIX + System.nanoTime()), null, null));
        } else {
          vertx.cancelTimer(id);
          resp.write(chunk(new JsonObject(), null, "stop"));
          JsonObject usage = new JsonObject().put("prompt_tokens", 8).put("completion_tokens", tokens)
            .put("total_tokens", 8 + tokens);
          resp.write(chunk(null, usage, null));
          resp.end("data: [DONE]\n\n");
        }
      });
    });
  }

  private static String chunk(JsonObject delta, JsonObject usage, String finishReason) {
    JsonObject c = new JsonObject().put("id", "stamped").put("object", "chat.completion.chunk").put("model", "stamped")
      .put("choices", delta == null ? new JsonArray()
        : new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta).put("finish_reason", finishReason)));
    if (usage != null) {
      c.put("usage", usage);
    }
    return "data: " + c.encode() + "\n\n";
  }
}
