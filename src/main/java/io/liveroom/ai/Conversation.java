package io.liveroom.ai;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** A user's conversation with the assistant. */
public record Conversation(long id, long userId, String title, String systemPrompt, OffsetDateTime createdAt,
                           OffsetDateTime updatedAt) {
  static Conversation from(Row r) {
    return new Conversation(r.getLong("id"), r.getLong("user_id"), r.getString("title"),
      r.getString("system_prompt"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("title", title).put("systemPrompt", systemPrompt)
      .put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
  }
}
