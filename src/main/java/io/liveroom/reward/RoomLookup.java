package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

/**
 * What rewards needs to know about a room to accept a gift into it: who hosts it and which live
 * session is on now. Implemented by the room service (wired in Node). Called on an event loop for
 * every gift, so implementations must be cheap (a cache or one query). Fails with
 * {@code not_found} for an unknown room.
 */
public interface RoomLookup {
  Future<GiftTarget> giftTarget(long roomId);

  /** Where a gift into a room goes: its host, and the live session (0 when the room is not live). */
  record GiftTarget(long roomId, long hostId, long liveSessionId, boolean live) {
  }

  /** For a node without the room capability: every gift is refused as not available, visibly. */
  static RoomLookup unwired() {
    return roomId -> Future.failedFuture(AppException.of(ErrorCode.NOT_AVAILABLE,
      "Rooms are not wired on this node, so gifts cannot be sent."));
  }
}
