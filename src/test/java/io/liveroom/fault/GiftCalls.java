package io.liveroom.fault;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

/**
 * Concurrent {@code POST /api/v1/rooms/{id}/gifts} calls as many phones send them: one connection
 * each, each with its own {@code requestId}, each with a client-side deadline. The outcome of a
 * call is its status and body, or "no answer" when the deadline passed or the connection broke.
 */
final class GiftCalls {
  /** One call's outcome: {@code status} -1 means no answer (timeout or broken connection). */
  record Outcome(String requestId, int status, String body, long millis) {
    boolean answered() {
      return status > 0;
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
    .connectTimeout(Duration.ofSeconds(5)).build();
  private final int port;
  private final String token;
  private final long roomId;
  private final long giftId;
  private final Duration deadline;

  GiftCalls(int port, String token, long roomId, long giftId, Duration deadline) {
    this.port = port;
    this.token = token;
    this.roomId = roomId;
    this.giftId = giftId;
    this.deadline = deadline;
  }

  /** One gift (count 1) with this request id, answered or not within the deadline. */
  CompletableFuture<Outcome> send(String requestId) {
    String body = new JsonObject().put("giftId", giftId).put("count", 1).put("requestId", requestId).encode();
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/rooms/" + roomId + "/gifts"))
      .timeout(deadline).header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
      .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    long start = System.nanoTime();
    return client.sendAsync(req, HttpResponse.BodyHandlers.ofString())
      .handle((r, e) -> r == null
        ? new Outcome(requestId, -1, String.valueOf(e), Drill.millisSince(start, System.nanoTime()))
        : new Outcome(requestId, r.statusCode(), r.body(), Drill.millisSince(start, System.nanoTime())));
  }

  /** All these request ids at once, at most {@code inFlight} outstanding; the outcomes in the same order. */
  List<Outcome> sendAll(List<String> requestIds, int inFlight) {
    Semaphore slots = new Semaphore(inFlight);
    List<CompletableFuture<Outcome>> calls = IntStream.range(0, requestIds.size()).mapToObj(i -> {
      slots.acquireUninterruptibly();
      return send(requestIds.get(i)).whenComplete((o, e) -> slots.release());
    }).toList();
    return calls.stream().map(CompletableFuture::join).toList();
  }
}
