package io.liveroom;

import io.liveroom.auth.Principal;
import io.liveroom.personaldata.RetentionTarget;
import io.liveroom.privacy.RoomActions;
import io.liveroom.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.time.Duration;

/** Privacy's view of live rooms, answered by the rooms capability (wiring only, no rules here). */
final class PrivacyRoomActions implements RoomActions {
  private final Rooms rooms;

  PrivacyRoomActions(Rooms rooms) {
    this.rooms = rooms;
  }

  @Override
  public Future<Void> deleteOwnMessage(long senderId, long messageId) {
    return rooms.deleteOwnMessage(senderId, messageId);
  }

  @Override
  public Future<JsonObject> storedMessage(long messageId) {
    return rooms.storedMessage(messageId);
  }

  @Override
  public Future<Long> hostOf(long roomId) {
    return rooms.hostOf(roomId);
  }

  @Override
  public Future<Void> mute(Principal staff, long roomId, long userId, Duration duration) {
    return rooms.mute(staff, roomId, userId, duration);
  }

  @Override
  public Future<Void> ban(Principal staff, long roomId, long userId) {
    return rooms.ban(staff, roomId, userId);
  }

  @Override
  public Future<Void> close(Principal admin, long roomId, String reason) {
    return rooms.close(admin, roomId, reason);
  }

  @Override
  public RetentionTarget chatRetention() {
    return rooms.chatRetention();
  }
}
