package io.liveroom.ai;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;

/** One stored message of a conversation. Token counts are set on assistant messages only. */
public record StoredMessage(long id, String role, String content, String status, String errorCode,
                            String generationId, Integer promptTokens, Integer completionTokens,
                            OffsetDateTime createdAt, OffsetDateTime completedAt) {
  static StoredMessage from(Row r) {
    return new StoredMessage(r.getLong("id"), r.getString("role"), r.getString("content"), r.getString("status"),
      r.getString("error_code"), r.getUUID("generation_id").toString(), r.getInteger("prompt_tokens"),
      r.getInteger("completion_tokens"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("completed_at"));
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject().put("id", id).put("role", role).put("content", content).put("status", status)
      .put("generationId", generationId).put("createdAt", createdAt.toString())
      .put("completedAt", completedAt.toString());
    if (errorCode != null) {
      json.put("errorCode", errorCode);
    }
    if (promptTokens != null) {
      json.put("usage", new JsonObject().put("promptTokens", promptTokens).put("completionTokens", completionTokens));
    }
    return json;
  }
}
