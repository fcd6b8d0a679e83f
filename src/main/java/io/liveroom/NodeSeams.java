package io.liveroom;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import io.liveroom.reward.RoomLookup;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * Collaborators of the rewards capability that a test may replace with doubles: the room lookup
 * (so a ledger test needs no live room) and the real-time core (so it can record publications).
 * A null member means "the node's own"; {@link #none()} is what production uses.
 */
public record NodeSeams(RoomLookup rooms, Realtime realtime) {
  public static NodeSeams none() {
    return new NodeSeams(null, null);
  }

  /**
   * The real-time API of a process with no sockets (the rewards CLI): every call fails with
   * {@code not_available}, so nothing pretends to have been delivered.
   */
  static final class OfflineRealtime implements Realtime {
    private static <T> Future<T> offline() {
      return Future.failedFuture(AppException.of(ErrorCode.NOT_AVAILABLE, "No real-time core in this process."));
    }

    @Override
    public Future<PublishResult> publish(String channel, JsonObject data) {
      return offline();
    }

    @Override
    public Future<Void> sendToUser(long userId, JsonObject data) {
      return offline();
    }

    @Override
    public Future<Void> disconnectUser(long userId, DisconnectCode code) {
      return offline();
    }

    @Override
    public Future<Void> unsubscribeUser(long userId, String channel) {
      return offline();
    }

    @Override
    public String personalChannel(long userId) {
      return "#" + userId;
    }

    @Override
    public Future<PresenceStats> presenceStats(String channel) {
      return offline();
    }

    @Override
    public void onConnectionClosed(ConnectionListener listener) {
      // No connections exist in this process, so none will ever close.
    }
  }
}
