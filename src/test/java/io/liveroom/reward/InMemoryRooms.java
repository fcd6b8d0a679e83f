package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A test double for the room service: rooms in a map, each with its host and live session. */
public final class InMemoryRooms implements RoomLookup {
  private final Map<Long, GiftTarget> rooms = new ConcurrentHashMap<>();

  public InMemoryRooms live(long roomId, long hostId, long liveSessionId) {
    rooms.put(roomId, new GiftTarget(roomId, hostId, liveSessionId, true));
    return this;
  }

  public InMemoryRooms offline(long roomId, long hostId) {
    rooms.put(roomId, new GiftTarget(roomId, hostId, 0, false));
    return this;
  }

  @Override
  public Future<GiftTarget> giftTarget(long roomId) {
    GiftTarget t = rooms.get(roomId);
    return t == null ? Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "No such room."))
      : Future.succeededFuture(t);
  }
}
