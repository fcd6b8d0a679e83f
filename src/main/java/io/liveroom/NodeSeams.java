package io.liveroom;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.liveroom.reward.RoomLookup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Collaborators a node needs from capabilities that are built on other branches: the room
 * service (for gifts) and the real-time core (for publications). Tests pass doubles; until the
 * lead wires the real ones, {@link #unwired()} refuses visibly instead of pretending.
 */
public record NodeSeams(RoomLookup rooms, Realtime realtime) {
  public static NodeSeams unwired() {
    return new NodeSeams(RoomLookup.unwired(), new UnwiredRealtime());
  }

  public NodeSeams withRooms(RoomLookup rooms) {
    return new NodeSeams(rooms, realtime);
  }

  public NodeSeams withRealtime(Realtime realtime) {
    return new NodeSeams(rooms, realtime);
  }

  /** Stand-in until the real-time core is merged: every call fails with {@code not_available}. */
  static final class UnwiredRealtime implements Realtime {
    private static <T> Future<T> unwired() {
      return Future.failedFuture(AppException.of(ErrorCode.NOT_AVAILABLE, "The real-time core is not wired on this node."));
    }

    @Override
    public Future<PublishResult> publish(String channel, JsonObject data) {
      return unwired();
    }

    @Override
    public Future<Void> sendToUser(long userId, JsonObject data) {
      return unwired();
    }

    @Override
    public Future<Void> disconnectUser(long userId, DisconnectCode code) {
      return unwired();
    }

    @Override
    public Future<Void> unsubscribeUser(long userId, String channel) {
      return unwired();
    }

    @Override
    public String personalChannel(long userId) {
      return "#" + userId;
    }
  }
}
