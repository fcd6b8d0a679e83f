package io.liveroom.notification;

import io.vertx.core.json.JsonObject;

/** A host went live: the room, its new live session, the host. A fan-out job's payload. */
public record GoingLive(long roomId, long sessionId, long hostId) {
  /** The inbox rows' dedupe key: one going-live notification per follower and live session. */
  public String dedupeKey() {
    return "live/" + sessionId;
  }

  JsonObject toJson() {
    return new JsonObject().put("roomId", roomId).put("sessionId", sessionId).put("hostId", hostId);
  }

  static GoingLive fromJson(JsonObject json) {
    return new GoingLive(json.getLong("roomId"), json.getLong("sessionId"), json.getLong("hostId"));
  }
}
