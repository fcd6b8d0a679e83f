package io.liveroom.room;

import io.liveroom.auth.Principal;
import io.liveroom.account.UserDirectory;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Room lifecycle: create (verified hosts allowed to host, see {@link HostEligibility}), go live, end, close, and the stream key. PostgreSQL
 * records the state; {@link RoomState} mirrors a live session into Redis for the hot paths; viewers
 * learn of changes through {@code started} and {@code ended} publications.
 *
 * <p>Starting is idempotent (a live room's start, or a media server's repeated on_publish, re-applies
 * the Redis state and returns the running session), and so is ending an idle room.
 */
final class RoomService {
  private static final Logger LOG = LoggerFactory.getLogger(RoomService.class);
  /** Rooms rebuilt per PostgreSQL query after Redis lost the live state. */
  private static final int RESTORE_PAGE = 200;
  private volatile CoverPictures covers = CoverPictures.NONE;
  private final RoomRepository rooms;
  private final ModerationRepository moderation;
  private final RoomState state;
  private final UserDirectory users;
  private final HostEligibility hosting;
  private final RoomPublisher publisher;
  private final PublishBudget budget;
  private final PlatformRoles roles;
  private final List<GoLiveListener> goLiveListeners = new CopyOnWriteArrayList<>();

  RoomService(RoomRepository rooms, ModerationRepository moderation, RoomState state, UserDirectory users,
              HostEligibility hosting, RoomPublisher publisher, PublishBudget budget) {
    this.hosting = hosting;
    this.roles = new PlatformRoles(users);
    this.rooms = rooms;
    this.moderation = moderation;
    this.state = state;
    this.users = users;
    this.publisher = publisher;
    this.budget = budget;
  }

  /** A new room and its stream key (shown only here and on rotation). */
  record Created(Room room, String streamKey) {
  }

  /**
   * A cover given as an uploaded picture is made public first (moderation), then the room is
   * created with its URL, then the room is recorded as referencing it.
   */
  Future<Created> create(Principal host, NewRoom input) {
    UUID media = input.coverMediaId();
    return requireHost(host.userId())
      .compose(u -> media == null ? Future.succeededFuture(input.coverUrl()) : covers.publish(host.userId(), media))
      .compose(coverUrl -> {
        String secret = StreamKeys.newSecret();
        return rooms.insert(host.userId(), input.title(), coverUrl, input.category(), input.tags(),
          StreamKeys.hash(secret)).map(room -> new Created(room, StreamKeys.format(room.id(), secret)));
      })
      .compose(created -> media == null ? Future.succeededFuture(created)
        : covers.reference(host.userId(), media, created.room().id()).map(created));
  }

  /**
   * The host (or an admin) changes the cover: an uploaded picture is made public first (moderation)
   * and referenced by the room, which releases the one it used before (swept after the grace
   * period); a plain URL, or none, releases the room's picture.
   */
  Future<Room> changeCover(Principal caller, long roomId, NewRoom.Cover cover) {
    return ownRoom(caller, roomId).compose(room -> cover.mediaId() == null
      ? rooms.setCover(roomId, cover.url()).compose(updated -> covers.release(roomId).map(updated))
      : covers.publish(room.hostId(), cover.mediaId())
        .compose(url -> rooms.setCover(roomId, url))
        .compose(updated -> covers.reference(room.hostId(), cover.mediaId(), roomId).map(updated)));
  }

  /** Called during wiring: told once per new live session, after its commit. */
  void addGoLiveListener(GoLiveListener listener) {
    goLiveListeners.add(listener);
  }

  /** Called once during wiring (the bootstrap's media adapter). */
  void useCoverPictures(CoverPictures covers) {
    this.covers = covers;
  }

  Future<Room> get(long roomId) {
    return rooms.find(roomId);
  }

  Future<List<Room>> listLive(Long beforeId, int limit) {
    return rooms.listLive(beforeId == null ? Long.MAX_VALUE : beforeId, limit);
  }

  /** A fresh stream key; the old one stops working at once (a running stream is not cut). */
  Future<String> rotateKey(Principal caller, long roomId) {
    return ownRoom(caller, roomId).compose(room -> {
      String secret = StreamKeys.newSecret();
      return rooms.setKeyHash(roomId, StreamKeys.hash(secret))
        .compose(x -> moderation.audit(caller.userId(), null, "room.stream_key.rotate", roomId, new JsonObject()))
        .map(x -> StreamKeys.format(roomId, secret));
    });
  }

  Future<Room> start(Principal caller, long roomId) {
    return ownRoom(caller, roomId)
      .compose(room -> requireHost(room.hostId()).map(room))
      .compose(room -> goLive(room, "http"));
  }

  Future<Room> end(Principal caller, long roomId) {
    return ownRoom(caller, roomId).compose(room -> endSession(room, Room.IDLE, "host"));
  }

  /** Admins (by their current role) close any room: the session ends and the room can never go live again. */
  Future<Room> close(Principal admin, long roomId, String reason) {
    return roles.isAdmin(admin.userId())
      .compose(isAdmin -> isAdmin ? rooms.find(roomId)
        : Future.failedFuture(AppException.of(ErrorCode.FORBIDDEN, "Only administrators can close a room.")))
      .compose(room -> endSession(room, Room.CLOSED, "closed_by_admin"))
      .compose(room -> moderation.audit(admin.userId(), room.hostId(), "room.close", roomId,
        new JsonObject().put("reason", reason)).map(room));
  }

  /** Ends every live session of the host's rooms (account frozen for cancellation); idempotent. */
  Future<Void> endHostedBy(long hostId, String reason) {
    return rooms.liveHostedBy(hostId).compose(ids -> {
      Future<Void> chain = Future.succeededFuture();
      for (long id : ids) {
        chain = chain.compose(v -> rooms.find(id)).compose(room -> endSession(room, Room.IDLE, reason)).mapEmpty();
      }
      return chain;
    });
  }

  /** on_publish: the stream key must match; the room goes live (its host must still be verified and allowed to host). */
  Future<Room> mediaPublish(StreamKeys.Parsed key) {
    return checkKey(key).compose(room -> requireHost(room.hostId()).map(room)).compose(room -> goLive(room, "media"));
  }

  /** on_unpublish: the stream stopped; the session ends. */
  Future<Room> mediaUnpublish(StreamKeys.Parsed key) {
    return checkKey(key).compose(room -> endSession(room, Room.IDLE, "stream_stopped"));
  }

  private Future<Room> checkKey(StreamKeys.Parsed key) {
    if (key == null) {
      return Future.failedFuture(AppException.of(ErrorCode.STREAM_KEY_REFUSED, "Not a stream key."));
    }
    return rooms.keyHash(key.roomId())
      .recover(e -> Future.failedFuture(AppException.of(ErrorCode.STREAM_KEY_REFUSED, "Unknown stream key.")))
      .compose(hash -> StreamKeys.matches(key.secret(), hash) ? rooms.find(key.roomId())
        : Future.failedFuture(AppException.of(ErrorCode.STREAM_KEY_REFUSED, "Wrong stream key.")));
  }

  private Future<Room> goLive(Room room, String startedBy) {
    if (Room.CLOSED.equals(room.status())) {
      return Future.failedFuture(AppException.of(ErrorCode.ROOM_CLOSED, "This room has been closed."));
    }
    if (room.live()) {
      // A repeated start (a retry, or on_publish after an HTTP start) re-applies the Redis state only.
      return mirror(room);
    }
    return rooms.startSession(room.id(), startedBy)
      .onSuccess(this::wentLive)
      .recover(e -> e instanceof AppException a && a.code() == ErrorCode.CONFLICT
        ? rooms.find(room.id()).compose(now -> now.live() ? Future.succeededFuture(now)
          : Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "The room changed state; try again.")))
        : Future.failedFuture(e))
      .compose(this::mirror)
      .compose(live -> announce(live, new JsonObject().put("type", "started").put("sessionId", live.currentSessionId()))
        .map(live));
  }

  /** Only the start that committed the session tells the listeners (a conflicting start found it live). */
  private void wentLive(Room live) {
    for (GoLiveListener listener : goLiveListeners) {
      try {
        listener.wentLive(live.id(), live.currentSessionId(), live.hostId());
      } catch (RuntimeException e) {
        LOG.error("Go-live listener failed for room {} session {}: {}", live.id(), live.currentSessionId(), e.toString());
      }
    }
  }

  /**
   * Rebuilds the Redis state of every room PostgreSQL says is live (after Redis lost its data):
   * page by page, newest first. Idempotent, and safe to run on several nodes at once.
   */
  Future<Void> restoreLive() {
    return restoreLive(Long.MAX_VALUE);
  }

  private Future<Void> restoreLive(long beforeId) {
    return rooms.listLive(beforeId, RESTORE_PAGE).compose(page -> {
      Future<Void> chain = Future.succeededFuture();
      for (Room room : page) {
        chain = chain.compose(x -> restore(room)).mapEmpty();
      }
      return page.size() < RESTORE_PAGE ? chain : chain.compose(x -> restoreLive(page.get(page.size() - 1).id()));
    });
  }

  /**
   * Redis says the room is not live but its cache is not known to be complete: asks PostgreSQL, and
   * if the room is live there, rebuilds its Redis state. True when the room is live now.
   */
  Future<Boolean> restoreIfLive(long roomId) {
    return rooms.find(roomId).compose(room -> room.live() ? restore(room) : Future.succeededFuture(false));
  }

  /**
   * Mirrors a room read as live, then reads it again: if its session ended meanwhile (the end took
   * it off the air in Redis before this mirror put it back), it goes off the air again. (An end
   * whose PostgreSQL write lands between the two reads can still be missed; a rebuild only runs
   * after Redis lost its data, so that window is rare and short.)
   */
  private Future<Boolean> restore(Room live) {
    return mirror(live).compose(x -> rooms.find(live.id())).compose(now -> {
      if (!now.live()) {
        return state.goIdle(live.id()).map(false);
      }
      // A new session started meanwhile: its state wins over the one just mirrored.
      return live.currentSessionId().equals(now.currentSessionId()) ? Future.succeededFuture(true) : restore(now);
    });
  }

  /** Mirrors a live session into Redis: moderators and restrictions from PostgreSQL, chat opens last. */
  private Future<Room> mirror(Room live) {
    return Future.all(moderation.moderators(live.id()), moderation.activeRestrictions(live.id()),
        rooms.sessionSettings(live.currentSessionId()))
      .compose(all -> state.goLive(live.id(), live.currentSessionId(), live.hostId(), all.resultAt(0), all.resultAt(1))
        .compose(x -> settings(live.id(), all.resultAt(2))))
      .map(live);
  }

  /** The session's slow mode and pin, back in Redis (after a repeated start, or after Redis lost them). */
  private Future<Void> settings(long roomId, RoomRepository.SessionSettings s) {
    return state.slowMode(roomId, s.slowModeSeconds()).compose(x -> state.pin(roomId, s.pinnedJson()));
  }

  private Future<Room> endSession(Room room, String newStatus, String reason) {
    if (!room.live()) {
      if (Room.CLOSED.equals(newStatus) && !Room.CLOSED.equals(room.status())) {
        return rooms.endSession(room.id(), -1, newStatus, reason, new SessionStats(-1, 0, 0, 0));
      }
      return Future.succeededFuture(room);
    }
    long sessionId = room.currentSessionId();
    // Redis first: chat and likes stop at once, even if the database write below must be retried.
    return state.goIdle(room.id())
      .compose(x -> state.stats(room.id(), sessionId))
      .compose(stats -> rooms.endSession(room.id(), sessionId, newStatus, reason, stats))
      .compose(ended -> announce(ended, new JsonObject().put("type", "ended").put("sessionId", sessionId)
        .put("reason", reason)).map(ended))
      .onSuccess(x -> budget.forget(room.id()));
  }

  /**
   * Viewers are told. A failed publication (logged by the publisher) is not fatal: the state change
   * already happened, and clients also see it in the room's status over HTTP.
   */
  private Future<Void> announce(Room room, JsonObject event) {
    return publisher.publish(room.id(), Priority.CRITICAL, event).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Room> ownRoom(Principal caller, long roomId) {
    return rooms.find(roomId).compose(room -> room.hostId() == caller.userId() ? Future.succeededFuture(room)
      : roles.isAdmin(caller.userId()).map(isAdmin -> {
        if (!isAdmin) {
          throw AppException.of(ErrorCode.NOT_ROOM_STAFF, "Only the room's host can do this.");
        }
        return room;
      }));
  }

  /**
   * Checked at creation and at every start: a verified identity, then the rules on minors
   * ({@link HostEligibility}), so a room created earlier cannot go live once its host may not host.
   */
  private Future<Void> requireHost(long userId) {
    return requireVerifiedHost(userId).compose(v -> hosting.requireMayHost(userId));
  }

  private Future<Void> requireVerifiedHost(long userId) {
    return users.requireVerified(userId).<Void>mapEmpty().recover(e ->
      Future.failedFuture(e instanceof AppException a && a.code() == ErrorCode.PERMISSION_DENIED
        ? AppException.of(ErrorCode.HOST_NOT_VERIFIED, "Only users with a verified identity can host a live room.")
        : e));
  }
}
