package io.liveroom.room;

/**
 * Told after a moderation action against a user in a room committed (mute, kick or ban), so the
 * user can be notified; the bootstrap answers it with notifications. Called on the event loop that
 * served the action, at most once per action, after it took effect: it must not block, and what it
 * throws is logged and never undoes the action. Nothing is replayed after a crash.
 */
@FunctionalInterface
public interface ModerationNotices {
  /** A node without notifications. */
  ModerationNotices NONE = (roomId, userId, action, seconds) -> { };

  /**
   * {@code action} is {@code mute}, {@code kick} or {@code ban}; {@code seconds} how long it lasts
   * (null: a ban for good).
   */
  void restricted(long roomId, long userId, String action, Long seconds);
}
