package io.liveroom.room;

import io.vertx.core.Future;

/**
 * Whether a block stands between a room's host and a viewer, either way: then the viewer still
 * reads the room but cannot comment in it. Answered by the social capability (wired by the
 * bootstrap); asked once per chat message, so an implementation is one indexed lookup. A failed
 * answer refuses the message (a block must not be skipped because its check failed), unless the
 * node already knows the pair's answer (chat's {@code LastKnownBlocks}, for database outages).
 */
public interface ChatBlocks {
  /** A node without a block list: no one is blocked. */
  ChatBlocks NONE = (hostId, userId) -> Future.succeededFuture(false);

  Future<Boolean> blockedEitherWay(long hostId, long userId);
}
