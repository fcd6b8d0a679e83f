package io.liveroom.room;

import io.liveroom.auth.Principal;
import io.liveroom.config.RoomsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.ChannelNamespace;
import io.liveroom.realtime.NamespaceOptions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * The {@code room:{id}} channels. History is on (so clients recover missed chat), presence is on
 * (the viewer count), clients publish chat into it (see {@link ChatService}).
 *
 * <p>Join/leave pushes are off at the namespace level: with thousands of viewers they would be most
 * of the traffic. Per channel, the core asks {@link #joinLeave}: rooms with at most
 * {@code rooms.channel.joinLeaveMaxViewers} viewers get them.
 *
 * <p>When Redis lost a room's history (or it expired), {@code history} serves the recent chat
 * reloaded from PostgreSQL ({@link #historyFallback}).
 */
public final class RoomNamespace implements ChannelNamespace {
  private static final Logger LOG = LoggerFactory.getLogger(RoomNamespace.class);
  public static final String NAME = "room";

  private final NamespaceOptions options;
  private final RoomRepository rooms;
  private final RoomState state;
  private final ChatService chat;
  private final Profiles profiles;
  private final ChatHistory archive;
  private final int joinLeaveMaxViewers;
  private volatile ViewingGate gate = ViewingGate.OPEN;

  RoomNamespace(RoomsConfig config, RoomRepository rooms, RoomState state, ChatService chat, Profiles profiles,
                ChatHistory archive) {
    this.options = new NamespaceOptions(config.historySize(), config.historyTtl(), true, false, true, true);
    this.rooms = rooms;
    this.state = state;
    this.chat = chat;
    this.profiles = profiles;
    this.archive = archive;
    this.joinLeaveMaxViewers = config.joinLeaveMaxViewers();
  }

  public static String channel(long roomId) {
    return NAME + ":" + roomId;
  }

  /** The room id of a {@code room:<id>} channel; fails with {@code unknown_channel} otherwise. */
  static long roomId(String channel) {
    String prefix = NAME + ":";
    if (channel != null && channel.startsWith(prefix)) {
      String id = channel.substring(prefix.length());
      if (id.matches("[1-9][0-9]{0,17}")) {
        return Long.parseLong(id);
      }
    }
    throw AppException.of(ErrorCode.UNKNOWN_CHANNEL, "Room channels are named room:<id>.");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public NamespaceOptions options() {
    return options;
  }

  /** Anyone signed in may watch a room that exists and is not closed, unless banned or kicked. */
  @Override
  public Future<Void> authorizeSubscribe(Principal principal, String channel) {
    long roomId;
    try {
      roomId = roomId(channel);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    return gate.mayWatch(principal.userId()).compose(v -> rooms.find(roomId)).compose(room -> {
      if (Room.CLOSED.equals(room.status())) {
        throw AppException.of(ErrorCode.ROOM_CLOSED, "This room has been closed.");
      }
      // Warms the profile cache, so this viewer can chat even if PostgreSQL goes away later.
      profiles.find(principal.userId());
      return state.entryBlock(roomId, principal.userId());
    }).compose(block -> block == null ? Future.succeededFuture() : Future.failedFuture(refusal(block)));
  }

  private static AppException refusal(RoomState.Active block) {
    ErrorCode code = block.kind() == Restriction.BAN ? ErrorCode.ROOM_BANNED : ErrorCode.ROOM_KICKED;
    String detail = block.kind() == Restriction.BAN ? "You are banned from this room."
      : "You were removed from this room and cannot re-join yet.";
    if (block.remaining() == null) {
      return AppException.of(code, detail);
    }
    long seconds = Math.max(1, (block.remaining().toMillis() + 999) / 1000);
    return AppException.retryAfter(code, detail, seconds).with(Map.of("retryAfterSeconds", seconds));
  }

  /** Chat: returns the message as published (id, masked text, sender profile, server time). */
  @Override
  public Future<JsonObject> authorizePublish(Principal principal, String channel, JsonObject data) {
    try {
      long roomId = roomId(channel);
      return gate.mayWatch(principal.userId()).compose(v -> chat.accept(principal, roomId, data));
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
  }

  /** Set once by the bootstrap, before the node serves. */
  void gate(ViewingGate gate) {
    this.gate = gate;
  }

  /**
   * Whether join/leave pushes suit a room with this many viewers: only up to
   * {@code rooms.channel.joinLeaveMaxViewers}. Synchronous and cheap.
   */
  public boolean joinLeaveFor(String channel, long viewers) {
    return viewers <= joinLeaveMaxViewers;
  }

  /**
   * Raises the live session's peak viewer count at every join and leave, so a short peak that no
   * stats read saw is still recorded (an idle room's count is not recorded: the script checks the
   * room is live). Fire and forget: a failure costs at most this observation.
   */
  @Override
  public void subscribersChanged(String channel, long subscribers) {
    long roomId;
    try {
      roomId = roomId(channel);
    } catch (AppException e) {
      return;
    }
    state.observeViewers(roomId, (int) Math.min(subscribers, Integer.MAX_VALUE))
      .onFailure(e -> LOG.debug("Peak viewers of room {} not raised to {}: {}", roomId, subscribers, e.getMessage()));
  }

  @Override
  public boolean joinLeave(String channel, long subscribers) {
    return joinLeaveFor(channel, subscribers);
  }

  /** The room's newest stored chat (chat reaches PostgreSQL within the archive's flush interval). */
  @Override
  public Future<List<JsonObject>> historyFallback(String channel, int limit) {
    try {
      return archive.recent(roomId(channel), limit);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
  }
}
