package io.liveroom.notification;

import io.vertx.core.Future;

/**
 * Whether a block stands between two users, either way: then nothing one causes notifies the
 * other. Answered by the social capability through the bootstrap; asked once per notification with
 * an actor, so an implementation is one indexed lookup.
 */
public interface NotificationBlocks {
  /** A node without blocks. */
  NotificationBlocks NONE = (a, b) -> Future.succeededFuture(false);

  Future<Boolean> blockedEitherWay(long a, long b);
}
