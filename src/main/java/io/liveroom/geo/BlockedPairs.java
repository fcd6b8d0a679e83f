package io.liveroom.geo;

import io.vertx.core.Future;

import java.util.Collection;
import java.util.Set;

/**
 * Blocks between users, as Nearby needs them: a blocked pair never sees each other in Nearby, in
 * either direction. Answered by the social capability, which owns the block list (wired by the
 * bootstrap). A failed answer fails the Nearby query rather than list someone who blocked the viewer.
 */
public interface BlockedPairs {
  /** Of {@code candidates}, those with a block either way with {@code viewerId}. */
  Future<Set<Long>> blockedAmong(long viewerId, Collection<Long> candidates);
}
