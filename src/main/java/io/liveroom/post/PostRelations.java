package io.liveroom.post;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Set;

/**
 * Follows and blocks, answered by the social capability through the bootstrap. One query per call,
 * not cached: a block or unfollow counts on the next request.
 */
public interface PostRelations {
  /** Of {@code userIds}, those {@code viewerId} follows. */
  Future<Set<Long>> followedAmong(long viewerId, Collection<Long> userIds);

  /** Of {@code userIds}, those with a block either way with {@code viewerId}. */
  Future<Set<Long>> blockedAmong(long viewerId, Collection<Long> userIds);
}
