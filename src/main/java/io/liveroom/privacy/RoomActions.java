package io.liveroom.privacy;

import io.liveroom.auth.Principal;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/**
 * What privacy needs of live rooms: a sender erasing their own chat message, and the actions staff
 * take on a report. Privacy defines it and the bootstrap hands it the rooms capability, so privacy
 * never depends on rooms. Every action goes through rooms' own rules and audit.
 */
public interface RoomActions {
  /** Erases a message its sender stored; fails with {@code message_not_found} otherwise. */
  Future<Void> deleteOwnMessage(long senderId, long messageId);

  /** The room ({@code roomId}) and sender ({@code senderId}) of a stored message, or null. */
  Future<JsonObject> storedMessage(long messageId);

  /** The host of a room; fails with {@code room_not_found}. */
  Future<Long> hostOf(long roomId);

  /** Staff mutes a user in a room for {@code duration}. */
  Future<Void> mute(Principal staff, long roomId, long userId, Duration duration);

  /** Staff bans a user from a room for good. */
  Future<Void> ban(Principal staff, long roomId, long userId);

  /** An admin closes a room for good. */
  Future<Void> close(Principal admin, long roomId, String reason);

  /** Stored chat's retention ({@code chat}), which privacy's scheduler enforces with its period. */
  RetentionTarget chatRetention();
}
