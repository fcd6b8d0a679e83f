package io.liveroom.ai;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.Base64;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenAI-compatible images upstream for tests: a Vert.x HTTP server answering
 * {@code POST /v1/images/generations} and {@code /v1/images/edits} the way the current
 * {@link Mode} says. It records the requests (path, content type, body) and when connections closed.
 */
final class FakeImageUpstream implements AutoCloseable {
  enum Mode { JSON, STREAM, STALL, FAIL }

  record Received(String path, String contentType, byte[] body) {
  }

  static final byte[] PICTURE = PatternRenderer.render("upstream picture", null, 64, 64, 1.0);
  static final byte[] PARTIAL = PatternRenderer.render("upstream picture", null, 16, 16, 0.5);

  private final Vertx vertx;
  private final HttpServer server;
  volatile Mode mode = Mode.JSON;
  final AtomicInteger requests = new AtomicInteger();
  final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<Long> closedAtNanos = new ConcurrentLinkedQueue<>();

  FakeImageUpstream() throws Exception {
    vertx = Vertx.vertx();
    server = vertx.createHttpServer().requestHandler(this::handle).listen(0).toCompletionStage()
      .toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.actualPort() + "/v1";
  }

  void reset(Mode m) {
    mode = m;
    requests.set(0);
    received.clear();
    closedAtNanos.clear();
  }

  private void handle(HttpServerRequest req) {
    req.connection().closeHandler(v -> closedAtNanos.add(System.nanoTime()));
    req.body().onSuccess(body -> {
      requests.incrementAndGet();
      received.add(new Received(req.path(), req.getHeader("Content-Type"), body.getBytes()));
      HttpServerResponse resp = req.response();
      String b64 = Base64.getEncoder().encodeToString(PICTURE);
      switch (mode) {
        case FAIL -> resp.setStatusCode(503).end("{\"error\":{\"message\":\"overloaded\"}}");
        case JSON -> resp.putHeader("Content-Type", "application/json").end(new JsonObject().put("created", 1)
          .put("data", new JsonArray().add(new JsonObject().put("b64_json", b64))).encode());
        default -> {
          resp.setChunked(true).putHeader("Content-Type", "text/event-stream");
          String prefix = req.path().endsWith("edits") ? "image_edit" : "image_generation";
          event(resp, prefix + ".partial_image", Base64.getEncoder().encodeToString(PARTIAL));
          if (mode == Mode.STREAM) {
            vertx.setTimer(50, t -> {
              event(resp, prefix + ".completed", b64);
              resp.end();
            });
          }
        }
      }
    });
  }

  private static void event(HttpServerResponse resp, String type, String b64) {
    resp.write("event: " + type + "\ndata: " + new JsonObject().put("type", type).put("b64_json", b64).encode() + "\n\n");
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
