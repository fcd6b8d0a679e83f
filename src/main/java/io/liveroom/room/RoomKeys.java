package io.liveroom.room;

/**
 * Redis key names for rooms, in one place. Every per-room key carries the hash tag {@code {r<id>}}
 * so a room's keys live in one Redis Cluster slot and its Lua scripts may touch them together.
 */
final class RoomKeys {
  /** The hot list: live rooms by decaying score. */
  static final String HOT = "lr:rooms:hot";
  /** Claimed by the one node that decays the hot list in a period. */
  static final String HOT_DECAY_CLAIM = "lr:rooms:hot:decay";

  private RoomKeys() {
  }

  static String prefix(long roomId) {
    return "lr:{r" + roomId + "}:";
  }

  /** Present (value = session id) while the room is live; chat and likes need it. */
  static String live(long roomId) {
    return prefix(roomId) + "live";
  }

  static String host(long roomId) {
    return prefix(roomId) + "host";
  }

  static String mods(long roomId) {
    return prefix(roomId) + "mods";
  }

  static String slow(long roomId) {
    return prefix(roomId) + "slow";
  }

  static String pinned(long roomId) {
    return prefix(roomId) + "pinned";
  }

  static String likes(long roomId) {
    return prefix(roomId) + "likes";
  }

  static String likesClaim(long roomId) {
    return prefix(roomId) + "likes:claim";
  }

  static String messages(long roomId) {
    return prefix(roomId) + "msgs";
  }

  static String peak(long roomId) {
    return prefix(roomId) + "peak";
  }

  static String restriction(long roomId, Restriction kind, long userId) {
    return prefix(roomId) + kind.wire() + ":" + userId;
  }

  static String likeRate(long roomId, long userId) {
    return prefix(roomId) + "lrate:" + userId;
  }

  static String rate(long roomId, long userId) {
    return prefix(roomId) + "rate:" + userId;
  }

  static String cooldown(long roomId, long userId) {
    return prefix(roomId) + "cd:" + userId;
  }
}
