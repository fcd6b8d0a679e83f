package io.liveroom.reward;

import io.vertx.core.Future;

/**
 * Whether a block stands between a room's host and a would-be sender, either way: then no gift goes
 * into that host's room. Answered by the social capability (wired by the bootstrap); asked once per
 * gift before any coin moves. A failed answer refuses the gift.
 */
public interface GiftBlocks {
  /** A node without a block list: no one is blocked. */
  GiftBlocks NONE = (hostId, senderId) -> Future.succeededFuture(false);

  Future<Boolean> blockedEitherWay(long hostId, long senderId);
}
