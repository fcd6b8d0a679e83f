package io.liveroom.notification;

import io.vertx.core.Future;

import java.util.List;

/**
 * The followers the going-live fan-out notifies, asked of the social capability (which owns
 * {@code follows}) through this seam; the bootstrap answers it. Contract: ids of the users
 * following {@code hostId}, ascending, strictly after {@code afterFollowerId} (0 for the first
 * page), at most {@code limit}. Keyset paging, so the fan-out's cursor is just the last id it
 * committed, and a page costs the same at any depth.
 */
@FunctionalInterface
public interface FanoutFollowers {
  Future<List<Long>> followerIds(long hostId, long afterFollowerId, int limit);
}
