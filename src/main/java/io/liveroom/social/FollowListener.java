package io.liveroom.social;

/**
 * Told, in process, when a user starts following another (a new follow committed; a repeated
 * follow of the same user is not new). The seam notifications plug into. Called on the event loop
 * that served the follow, after the commit; it must not block, and what it throws is logged and
 * does not undo the follow. At most once per new follow: nothing is replayed after a crash.
 */
@FunctionalInterface
public interface FollowListener {
  void followed(long followerId, long followeeId);
}
