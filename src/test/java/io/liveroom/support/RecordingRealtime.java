package io.liveroom.support;

import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one test double of the real-time core's server API, for unit-level tests of a capability:
 * it records what the capability publishes, whom it unsubscribes and disconnects, in order, and
 * acknowledges publications like a broker would. It is not the socket: fan-out, history and
 * recovery are the core's and are tested end to end over real WebSockets. Subclasses override
 * {@link #publish} to stall or count instead.
 */
public class RecordingRealtime implements Realtime {
  public record Publication(String channel, JsonObject data, long offset) {
  }

  public record Unsubscribe(long userId, String channel) {
  }

  /** A disconnect order: the whole user, or one session of theirs when {@code sessionId} is set. */
  public record Disconnect(long userId, String sessionId, DisconnectCode code) {
  }

  public final List<Publication> publications = new CopyOnWriteArrayList<>();
  public final List<Unsubscribe> unsubscribes = new CopyOnWriteArrayList<>();
  public final List<Disconnect> disconnects = new CopyOnWriteArrayList<>();
  private final AtomicLong offset = new AtomicLong();

  public List<Publication> publications() {
    return publications;
  }

  /** The data published into one channel, in order. */
  public List<JsonObject> on(String channel) {
    return publications.stream().filter(p -> p.channel().equals(channel)).map(Publication::data).toList();
  }

  /** Publications of one {@code type} into a channel, in order. */
  public List<JsonObject> ofType(String channel, String type) {
    return on(channel).stream().filter(d -> type.equals(d.getString("type"))).toList();
  }

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
    disconnects.add(new Disconnect(userId, null, code));
    return Future.succeededFuture();
  }

  @Override
  public Future<Void> disconnectSession(long userId, String sessionId, DisconnectCode code) {
    disconnects.add(new Disconnect(userId, sessionId, code));
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
}
