package io.liveroom.room;

import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The live state of rooms in Redis, shared by every node: which rooms are live (and in which
 * session), host and moderators, slow mode, restrictions with their TTLs, and the session counters.
 * PostgreSQL stays the source of truth for rooms, moderators and restrictions; this is the copy the
 * hot paths (subscribe, chat, likes) read in one round trip.
 */
final class RoomState {
  private static final Duration ENDED_TTL = Duration.ofDays(1);
  private final RedisAPI redis;
  private final RedisScript access = RedisScript.load("lua/room/access.lua");
  private final RedisScript peak = RedisScript.load("lua/room/peak.lua");

  RoomState(RedisAPI redis) {
    this.redis = redis;
  }

  /** A restriction that applies now, with its remaining time (null = permanent). */
  record Active(Restriction kind, Duration remaining) {
  }

  /**
   * Publishes a session as live: counters reset, host and moderators mirrored, restrictions loaded
   * from their durable copy, the room entered in the hot list. Safe to repeat for the same session.
   */
  Future<Void> goLive(long roomId, long sessionId, long hostId, List<Long> mods, List<RestrictionRow> restrictions) {
    List<String> resetKeys = List.of(RoomKeys.slow(roomId), RoomKeys.likes(roomId), RoomKeys.messages(roomId),
      RoomKeys.peak(roomId), RoomKeys.pinned(roomId), RoomKeys.mods(roomId));
    Future<?> f = redis.get(RoomKeys.live(roomId)).compose(current -> {
      boolean sameSession = current != null && current.toString().equals(Long.toString(sessionId));
      return sameSession ? Future.succeededFuture() : redis.del(resetKeys);
    });
    f = f.compose(x -> redis.set(List.of(RoomKeys.host(roomId), Long.toString(hostId))));
    if (!mods.isEmpty()) {
      List<String> sadd = new ArrayList<>();
      sadd.add(RoomKeys.mods(roomId));
      mods.forEach(m -> sadd.add(Long.toString(m)));
      f = f.compose(x -> redis.sadd(sadd));
    }
    for (RestrictionRow r : restrictions) {
      f = f.compose(x -> restrict(roomId, r.kind(), r.userId(), r.remaining()));
    }
    return f.compose(x -> redis.persist(RoomKeys.mods(roomId)))
      .compose(x -> redis.zadd(List.of(RoomKeys.HOT, "NX", "0", Long.toString(roomId))))
      .compose(x -> redis.set(List.of(RoomKeys.live(roomId), Long.toString(sessionId))))
      .mapEmpty();
  }

  /**
   * Takes the room off the air: chat and likes are refused from now on, and it leaves the hot list.
   * The session counters stay readable for a day (they are copied to PostgreSQL when the session ends).
   */
  Future<Void> goIdle(long roomId) {
    Future<?> f = redis.del(List.of(RoomKeys.live(roomId), RoomKeys.slow(roomId), RoomKeys.pinned(roomId)))
      .compose(x -> redis.zrem(List.of(RoomKeys.HOT, Long.toString(roomId))));
    for (String key : List.of(RoomKeys.likes(roomId), RoomKeys.messages(roomId), RoomKeys.peak(roomId),
      RoomKeys.host(roomId), RoomKeys.mods(roomId))) {
      f = f.compose(x -> redis.pexpire(List.of(key, Long.toString(ENDED_TTL.toMillis()))));
    }
    return f.mapEmpty();
  }

  /** The live session id, or null when the room is not live. */
  Future<Long> liveSession(long roomId) {
    return redis.get(RoomKeys.live(roomId)).map(r -> r == null ? null : r.toLong());
  }

  Future<SessionStats> stats(long roomId, long sessionId) {
    return redis.mget(List.of(RoomKeys.peak(roomId), RoomKeys.likes(roomId), RoomKeys.messages(roomId)))
      .map(r -> new SessionStats(sessionId, (int) num(r.get(0)), num(r.get(1)), num(r.get(2))));
  }

  /**
   * Records the current viewer count and returns the peak so far. While the room is not live the
   * peak is left alone (and 0 returned): it belongs to the session, reset when the next one starts.
   */
  Future<Integer> observeViewers(long roomId, int viewers) {
    return peak.run(redis, List.of(RoomKeys.peak(roomId), RoomKeys.live(roomId)), List.of(Integer.toString(viewers)))
      .map(Response::toInteger);
  }

  /** The ban or kick that keeps this user out of the room now, or null when they may enter. */
  Future<Active> entryBlock(long roomId, long userId) {
    return access.run(redis, List.of(RoomKeys.restriction(roomId, Restriction.BAN, userId),
      RoomKeys.restriction(roomId, Restriction.KICK, userId)), List.of()).map(r -> {
        Active ban = active(Restriction.BAN, r.get(0).toLong());
        return ban != null ? ban : active(Restriction.KICK, r.get(1).toLong());
      });
  }

  /** Imposes a restriction; a null duration is permanent. */
  Future<Void> restrict(long roomId, Restriction kind, long userId, Duration duration) {
    List<String> args = new ArrayList<>(List.of(RoomKeys.restriction(roomId, kind, userId), "1"));
    if (duration != null) {
      args.add("PX");
      args.add(Long.toString(Math.max(1, duration.toMillis())));
    }
    return redis.set(args).mapEmpty();
  }

  Future<Void> lift(long roomId, Restriction kind, long userId) {
    return redis.del(List.of(RoomKeys.restriction(roomId, kind, userId))).mapEmpty();
  }

  Future<Void> addModerator(long roomId, long userId) {
    return redis.sadd(List.of(RoomKeys.mods(roomId), Long.toString(userId))).mapEmpty();
  }

  Future<Void> removeModerator(long roomId, long userId) {
    return redis.srem(List.of(RoomKeys.mods(roomId), Long.toString(userId))).mapEmpty();
  }

  /** Slow mode cooldown in seconds; 0 turns it off. */
  Future<Void> slowMode(long roomId, int seconds) {
    return seconds == 0 ? redis.del(List.of(RoomKeys.slow(roomId))).mapEmpty()
      : redis.set(List.of(RoomKeys.slow(roomId), Integer.toString(seconds))).mapEmpty();
  }

  Future<Void> pin(long roomId, String pinnedJson) {
    return pinnedJson == null ? redis.del(List.of(RoomKeys.pinned(roomId))).mapEmpty()
      : redis.set(List.of(RoomKeys.pinned(roomId), pinnedJson)).mapEmpty();
  }

  Future<String> pinned(long roomId) {
    return redis.get(RoomKeys.pinned(roomId)).map(r -> r == null ? null : r.toString());
  }

  private static Active active(Restriction kind, long pttl) {
    if (pttl == -2) {
      return null;
    }
    return new Active(kind, pttl == -1 ? null : Duration.ofMillis(pttl));
  }

  private static long num(Response r) {
    return r == null ? 0 : r.toLong();
  }
}
