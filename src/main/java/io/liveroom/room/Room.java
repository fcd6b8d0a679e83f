package io.liveroom.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;
import java.util.List;

/** A room as stored, without its stream key (only the key's hash is ever stored). */
public record Room(long id, long hostId, String title, String coverUrl, String category, List<String> tags,
                   String status, Long currentSessionId, OffsetDateTime createdAt) {
  public static final String IDLE = "idle";
  public static final String LIVE = "live";
  public static final String CLOSED = "closed";

  public boolean live() {
    return LIVE.equals(status);
  }

  public String channel() {
    return RoomNamespace.channel(id);
  }

  /** The public view, as every HTTP response shows a room. */
  public JsonObject toJson() {
    return new JsonObject()
      .put("id", id)
      .put("hostId", hostId)
      .put("title", title)
      .put("coverUrl", coverUrl)
      .put("category", category)
      .put("tags", new JsonArray(tags))
      .put("status", status)
      .put("sessionId", currentSessionId)
      .put("channel", channel())
      .put("createdAt", createdAt.toString());
  }
}
