package io.liveroom.social;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Set;

/**
 * Who follows and who blocks whom, for many users at once: what lists of other capabilities'
 * content (posts, feeds) ask to decide what a viewer may see. Each call is one query, never cached,
 * so a new block or unfollow counts on the next request.
 */
public final class Relations {
  private final FollowRepository follows;
  private final BlockService blocks;

  Relations(FollowRepository follows, BlockService blocks) {
    this.follows = follows;
    this.blocks = blocks;
  }

  /** Of {@code userIds}, those {@code viewerId} follows. */
  public Future<Set<Long>> followedAmong(long viewerId, Collection<Long> userIds) {
    return userIds.isEmpty() ? Future.succeededFuture(Set.of()) : follows.followedAmong(viewerId, userIds);
  }

  /** Of {@code userIds}, those with a block either way with {@code viewerId}. */
  public Future<Set<Long>> blockedAmong(long viewerId, Collection<Long> userIds) {
    return userIds.isEmpty() ? Future.succeededFuture(Set.of()) : blocks.blockedAmong(viewerId, userIds);
  }
}
