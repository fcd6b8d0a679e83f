package io.liveroom.room;

import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory stand-in for the real-time core's server API, for unit-level tests of the room
 * capability: it records what rooms publish and whom they unsubscribe, in order. It is not the
 * socket: fan-out, history and recovery are the core's and are tested end-to-end there.
 */
final class RecordingRealtime implements Realtime {
  record Publication(String channel, JsonObject data, long offset) {
  }

  record Unsubscribe(long userId, String channel) {
  }

  final List<Publication> publications = new CopyOnWriteArrayList<>();
  final List<Unsubscribe> unsubscribes = new CopyOnWriteArrayList<>();
  private final AtomicLong offset = new AtomicLong();

  @Override
  public Future<PublishResult> publish(String channel, JsonObject data) {
    long o = offset.incrementAndGet();
    publications.add(new Publication(channel, data.copy(), o));
    return Future.succeededFuture(new PublishResult(o, "test-epoch"));
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
    unsubscribes.add(new Unsubscribe(userId, channel));
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

  /** Publications of one type into a channel, in order. */
  List<JsonObject> ofType(String channel, String type) {
    return publications.stream().filter(p -> p.channel().equals(channel))
      .map(Publication::data).filter(d -> type.equals(d.getString("type"))).toList();
  }
}
