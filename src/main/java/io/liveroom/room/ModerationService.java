package io.liveroom.room;

import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldError;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Moderation of a room by its host, its moderators and platform staff: appoint moderators (host
 * only), mute, kick, ban, delete and pin messages, slow mode. Each action is written to PostgreSQL
 * (durable) and Redis (what the hot paths check), audit-logged, and announced to the room with a
 * critical publication, which the publish budget never sheds.
 *
 * <p>Nobody can act against the host; a room moderator cannot act against another moderator.
 */
final class ModerationService {
  private static final Logger LOG = LoggerFactory.getLogger(ModerationService.class);

  private final RoomRepository rooms;
  private final ModerationRepository repository;
  private final ChatRepository chat;
  private final RoomState state;
  private final RoomPublisher publisher;
  private final Realtime realtime;
  private final Duration defaultKickBan;
  private final Duration maxMute;
  private final PlatformRoles roles;
  private volatile ModerationNotices notices = ModerationNotices.NONE;

  ModerationService(RoomRepository rooms, ModerationRepository repository, ChatRepository chat, RoomState state,
                    RoomPublisher publisher, Realtime realtime, PlatformRoles roles, Duration defaultKickBan,
                    Duration maxMute) {
    this.roles = roles;
    this.rooms = rooms;
    this.repository = repository;
    this.chat = chat;
    this.state = state;
    this.publisher = publisher;
    this.realtime = realtime;
    this.defaultKickBan = defaultKickBan;
    this.maxMute = maxMute;
  }

  /** Who is told about mutes, kicks and bans (the bootstrap wires notifications). */
  void useNotices(ModerationNotices notices) {
    this.notices = notices;
  }

  /** The caller's standing in a room. */
  private record Standing(Room room, boolean host, boolean moderator) {
  }

  Future<Void> appoint(Principal caller, long roomId, long userId) {
    return hostOnly(caller, roomId).compose(room -> repository.addModerator(roomId, userId, caller.userId())
      .compose(x -> state.addModerator(roomId, userId))
      .compose(x -> record(caller, roomId, userId, "room.moderator.appoint", new JsonObject())));
  }

  Future<Void> dismiss(Principal caller, long roomId, long userId) {
    return hostOnly(caller, roomId).compose(room -> repository.removeModerator(roomId, userId)
      .compose(x -> state.removeModerator(roomId, userId))
      .compose(x -> record(caller, roomId, userId, "room.moderator.dismiss", new JsonObject())));
  }

  Future<Void> mute(Principal caller, long roomId, long userId, Duration duration) {
    if (duration.compareTo(maxMute) > 0) {
      return Future.failedFuture(AppException.validation(List.of(new FieldError(
        "durationSeconds", "out_of_range", "A mute lasts at most " + maxMute.toSeconds() + " seconds."))));
    }
    return restrict(caller, roomId, userId, Restriction.MUTE, duration, false);
  }

  Future<Void> kick(Principal caller, long roomId, long userId, Duration rejoinBan) {
    return restrict(caller, roomId, userId, Restriction.KICK, rejoinBan == null ? defaultKickBan : rejoinBan, true);
  }

  /** A null duration bans for good. */
  Future<Void> ban(Principal caller, long roomId, long userId, Duration duration) {
    return restrict(caller, roomId, userId, Restriction.BAN, duration, true);
  }

  Future<Void> lift(Principal caller, long roomId, long userId, Restriction kind) {
    return target(caller, roomId, userId).compose(s -> repository.lift(roomId, userId, kind)
      .compose(x -> state.lift(roomId, kind, userId))
      .compose(x -> record(caller, roomId, userId, "room." + kind.wire() + ".lift", new JsonObject())));
  }

  private Future<Void> restrict(Principal caller, long roomId, long userId, Restriction kind, Duration duration,
                                boolean remove) {
    JsonObject detail = new JsonObject().put("seconds", duration == null ? null : duration.toSeconds());
    return target(caller, roomId, userId)
      .compose(s -> repository.restrict(roomId, userId, kind, duration, caller.userId()))
      .compose(x -> state.restrict(roomId, kind, userId, duration))
      .compose(x -> remove ? realtime.unsubscribeUser(userId, RoomNamespace.channel(roomId)) : Future.succeededFuture())
      .compose(x -> record(caller, roomId, userId, "room." + kind.wire(), detail))
      .compose(x -> notice(roomId, new JsonObject().put("action", kind.wire()).put("userId", userId)
        .put("seconds", detail.getValue("seconds"))))
      .onSuccess(x -> tell(roomId, userId, kind, duration));
  }

  private void tell(long roomId, long userId, Restriction kind, Duration duration) {
    try {
      notices.restricted(roomId, userId, kind.wire(), duration == null ? null : duration.toSeconds());
    } catch (RuntimeException e) {
      LOG.warn("Room {}: the {} of user {} was not notified: {}", roomId, kind.wire(), userId, e.toString());
    }
  }

  Future<Void> deleteMessage(Principal caller, long roomId, long messageId) {
    return staff(caller, roomId).compose(s -> chat.markDeleted(roomId, messageId, caller.userId()))
      .compose(found -> record(caller, roomId, null, "room.message.delete",
        new JsonObject().put("messageId", Long.toString(messageId)).put("stored", found)))
      .compose(x -> publish(roomId, new JsonObject().put("type", "removed").put("id", Long.toString(messageId))));
  }

  /** Pins a stored message (messages reach PostgreSQL within the archive's flush interval). */
  Future<JsonObject> pin(Principal caller, long roomId, long messageId) {
    return staff(caller, roomId).compose(s -> chat.find(roomId, messageId)).compose(m -> {
      if (m == null || m.getBoolean("deleted")) {
        throw AppException.of(ErrorCode.MESSAGE_NOT_FOUND, "No such message in this room (yet).");
      }
      JsonObject message = m.copy();
      message.remove("deleted");
      JsonObject pinned = new JsonObject().put("type", "pinned").put("message", message);
      return rooms.setPinned(roomId, message.encode()).compose(x -> state.pin(roomId, message.encode()))
        .compose(x -> record(caller, roomId, m.getLong("senderId"), "room.message.pin",
          new JsonObject().put("messageId", Long.toString(messageId))))
        .compose(x -> publish(roomId, pinned)).map(message);
    });
  }

  Future<Void> unpin(Principal caller, long roomId) {
    return staff(caller, roomId).compose(s -> rooms.setPinned(roomId, null)).compose(x -> state.pin(roomId, null))
      .compose(x -> record(caller, roomId, null, "room.message.unpin", new JsonObject()))
      .compose(x -> publish(roomId, new JsonObject().put("type", "unpinned")));
  }

  /** Slow mode: 1-120 s between messages per user (host and moderators exempt); 0 turns it off. */
  Future<Void> slowMode(Principal caller, long roomId, int seconds) {
    return staff(caller, roomId).compose(s -> rooms.setSlowMode(roomId, seconds))
      .compose(x -> state.slowMode(roomId, seconds))
      .compose(x -> record(caller, roomId, null, "room.slow_mode", new JsonObject().put("seconds", seconds)))
      .compose(x -> notice(roomId, new JsonObject().put("action", "slow_mode").put("seconds", seconds)));
  }

  /**
   * The caller's standing, for clients that show moderation controls only to staff: {@code role}
   * is {@code host}, {@code moderator} (appointed by the host), {@code platform} (platform
   * moderators and admins, as stored now), or null for everyone else. Changes nothing.
   */
  Future<JsonObject> standing(Principal caller, long roomId) {
    return staff(caller, roomId)
      .map(s -> s.host() ? "host" : s.moderator() ? "moderator" : "platform")
      .recover(e -> e instanceof AppException a && a.code() == ErrorCode.NOT_ROOM_STAFF
        ? Future.succeededFuture(null) : Future.failedFuture(e))
      .map(role -> new JsonObject().put("staff", role != null).put("role", role));
  }

  /** Platform roles are read from accounts now, not from the caller's token. */
  private Future<Room> hostOnly(Principal caller, long roomId) {
    return rooms.find(roomId).compose(room -> room.hostId() == caller.userId() ? Future.succeededFuture(room)
      : roles.isAdmin(caller.userId()).map(isAdmin -> {
        if (!isAdmin) {
          throw AppException.of(ErrorCode.NOT_ROOM_STAFF, "Only the room's host can appoint moderators.");
        }
        return room;
      }));
  }

  private Future<Standing> staff(Principal caller, long roomId) {
    return rooms.find(roomId).compose(room -> {
      if (room.hostId() == caller.userId()) {
        return Future.succeededFuture(new Standing(room, true, false));
      }
      return roles.isStaff(caller.userId()).compose(platformStaff -> platformStaff
        ? Future.succeededFuture(new Standing(room, false, false))
        : repository.isModerator(roomId, caller.userId()).map(mod -> {
          if (!mod) {
            throw AppException.of(ErrorCode.NOT_ROOM_STAFF, "Only the host and the room's moderators can do this.");
          }
          return new Standing(room, false, true);
        }));
    });
  }

  /** Staff acting on a user: never the host, and a room moderator not on another moderator. */
  private Future<Standing> target(Principal caller, long roomId, long userId) {
    return staff(caller, roomId).compose(s -> {
      if (userId == s.room().hostId() || userId == caller.userId()) {
        return Future.failedFuture(AppException.of(ErrorCode.FORBIDDEN, "This user cannot be moderated here."));
      }
      if (!s.moderator()) {
        return Future.succeededFuture(s);
      }
      return repository.isModerator(roomId, userId).map(targetIsMod -> {
        if (targetIsMod) {
          throw AppException.of(ErrorCode.FORBIDDEN, "Only the host can moderate a moderator.");
        }
        return s;
      });
    });
  }

  private Future<Void> record(Principal caller, long roomId, Long subject, String action, JsonObject detail) {
    return repository.audit(caller.userId(), subject, action, roomId, detail);
  }

  private Future<Void> notice(long roomId, JsonObject notice) {
    return publish(roomId, notice.put("type", "moderation"));
  }

  /** The action already took effect; a failed announcement is logged by the publisher, not fatal. */
  private Future<Void> publish(long roomId, JsonObject data) {
    return publisher.publish(roomId, Priority.CRITICAL, data).<Void>mapEmpty().otherwiseEmpty();
  }
}
