package io.liveroom.ai;

import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test double for the real-time core's server API (the core is built separately): it records
 * every publication in order, with its channel, and acknowledges it like a broker would.
 */
final class RecordingRealtime implements Realtime {
  record Publication(String channel, JsonObject data) {
  }

  final List<Publication> publications = new CopyOnWriteArrayList<>();
  private final AtomicLong offset = new AtomicLong();

  @Override
  public Future<PublishResult> publish(String channel, JsonObject data) {
    publications.add(new Publication(channel, data.copy()));
    return Future.succeededFuture(new PublishResult(offset.incrementAndGet(), "test"));
  }

  @Override
  public Future<Void> sendToUser(long userId, JsonObject data) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> disconnectUser(long userId, DisconnectCode code) {
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> unsubscribeUser(long userId, String channel) {
    return Future.succeededFuture();
  }

  @Override
  public String personalChannel(long userId) {
    return "#" + userId;
  }

  @Override
  public Future<PresenceStats> presenceStats(String channel) {
    return Future.failedFuture(new UnsupportedOperationException("presence is not recorded by this test double"));
  }

  @Override
  public void onConnectionClosed(ConnectionListener listener) {
    throw new UnsupportedOperationException("connections are not simulated by this test double");
  }

  List<JsonObject> of(String generationId) {
    return publications.stream().map(Publication::data)
      .filter(d -> generationId.equals(d.getString("generationId"))).toList();
  }

  /** Waits until the generation's final publication ({@code done} or {@code error}) is recorded. */
  List<JsonObject> awaitEnd(String generationId) throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline) {
      List<JsonObject> seen = of(generationId);
      if (!seen.isEmpty() && List.of("done", "error").contains(seen.get(seen.size() - 1).getString("type"))) {
        return seen;
      }
      Thread.sleep(5);
    }
    throw new AssertionError("no final publication for " + generationId + ": " + of(generationId));
  }
}
