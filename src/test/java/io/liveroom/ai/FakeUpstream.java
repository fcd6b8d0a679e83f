package io.liveroom.ai;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real OpenAI-compatible upstream for tests: a Vert.x HTTP server answering
 * {@code POST /v1/chat/completions} the way the current {@link Mode} says (stream, stall, fail,
 * flood). It records the requests it got and when their connections closed.
 */
final class FakeUpstream implements AutoCloseable {
  enum Mode { STREAM, STALL, STALL_AFTER_TOKENS, FAIL, BREAK_AFTER_TOKENS, FLOOD }

  static final List<String> TOKENS = List.of("Hello", ",", " world", "!", " How", " are", " you", "?");

  private final Vertx vertx;
  private final HttpServer server;
  volatile Mode mode = Mode.STREAM;
  volatile List<String> tokens = TOKENS;
  volatile long delayMs = 2;
  volatile int tokensBeforeStall = 3;
  volatile long floodBytes = 64L * 1024 * 1024;
  final AtomicInteger requests = new AtomicInteger();
  final ConcurrentLinkedQueue<JsonObject> bodies = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> closedAtNanos = new ConcurrentLinkedQueue<>();
  final AtomicLong floodWritten = new AtomicLong();
  final AtomicInteger floodStalls = new AtomicInteger();

  FakeUpstream() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0).toCompletionStage()
      .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  void reset(Mode m) {
    mode = m;
    delayMs = 2;
    tokens = TOKENS;
    tokensBeforeStall = 3;
    requests.set(0);
    bodies.clear();
    closedAtNanos.clear();
    floodWritten.set(0);
    floodStalls.set(0);
  }

  private void handle(HttpServerRequest req) {
    req.connection().closeHandler(v -> closedAtNanos.add(System.nanoTime()));
    req.body().onSuccess(body -> {
      requests.incrementAndGet();
      bodies.add(body.toJsonObject());
      HttpServerResponse resp = req.response();
      switch (mode) {
        case FAIL -> resp.setStatusCode(500).end("{\"error\":{\"message\":\"upstream secret internals at 10.0.0.7\"}}");
        case STALL -> startSse(resp);
        case FLOOD -> {
          startSse(resp);
          flood(resp, 0);
        }
        default -> {
          startSse(resp);
          stream(resp, 0);
        }
      }
    });
  }

  private static void startSse(HttpServerResponse resp) {
    resp.setChunked(true).putHeader("Content-Type", "text/event-stream");
    resp.write(": keep-alive comment\n\n");
  }

  private void stream(HttpServerResponse resp, int i) {
    if (resp.closed()) {
      return;
    }
    if ((mode == Mode.STALL_AFTER_TOKENS || mode == Mode.BREAK_AFTER_TOKENS) && i == tokensBeforeStall) {
      if (mode == Mode.BREAK_AFTER_TOKENS) {
        resp.reset();
      }
      return;
    }
    if (i < tokens.size()) {
      // Every other event uses CRLF line ends, as some servers do.
      String end = i % 2 == 0 ? "\n\n" : "\r\n\r\n";
      resp.write("data: " + chunk(new JsonObject().put("content", tokens.get(i)), null).encode() + end);
      vertx.setTimer(delayMs, t -> stream(resp, i + 1));
      return;
    }
    resp.write("data: " + chunk(new JsonObject(), "stop").encode() + "\n\n");
    resp.write("data: " + new JsonObject().put("id", "x").put("object", "chat.completion.chunk")
      .put("choices", new JsonArray()).put("usage", new JsonObject().put("prompt_tokens", 11)
        .put("completion_tokens", tokens.size()).put("total_tokens", 11 + tokens.size())).encode() + "\n\n");
    resp.end("data: [DONE]\n\n");
  }

  /** Writes deltas as fast as the connection takes them, counting what was accepted. */
  private void flood(HttpServerResponse resp, int i) {
    String line = "data: " + chunk(new JsonObject().put("content", "x".repeat(1000)), null).encode() + "\n\n";
    Buffer b = Buffer.buffer(line);
    while (!resp.closed() && floodWritten.get() < floodBytes) {
      if (resp.writeQueueFull()) {
        floodStalls.incrementAndGet();
        resp.drainHandler(v -> flood(resp, i));
        return;
      }
      resp.write(b);
      floodWritten.addAndGet(b.length());
    }
    if (!resp.closed()) {
      resp.end("data: [DONE]\n\n");
    }
  }

  static JsonObject chunk(JsonObject delta, String finish) {
    return new JsonObject().put("id", "chatcmpl-fake").put("object", "chat.completion.chunk").put("model", "up-model")
      .put("choices", new JsonArray().add(new JsonObject().put("index", 0).put("delta", delta)
        .put("finish_reason", finish)));
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
