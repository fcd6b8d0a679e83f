package io.liveroom.post;

import io.vertx.core.Future;

import java.util.List;
import java.util.Set;

/**
 * What feeds need of the follow graph, answered by the social capability through the bootstrap.
 * Both are read on every feed request (no cache), so a new follow, an unfollow or a block counts
 * from the next page.
 */
public interface FeedFollows {
  /** Everyone {@code userId} follows (bounded by the social capability's followee cap). */
  Future<List<Long>> followees(long userId);

  /** Everyone with a block either way with {@code userId}: their posts never reach this user's feeds. */
  Future<Set<Long>> blockedEitherWay(long userId);
}
