package io.liveroom.note;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One note. {@code source} says what it was made from: {@code text}, {@code ai_message} (the
 * answer's text copied into {@code text}; {@code conversationId}/{@code messageId} link back to it
 * until that conversation is deleted) or {@code image} ({@code mediaId}, with {@code text} as an
 * optional caption).
 */
public record Note(long id, long userId, String source, String title, String text, Long conversationId,
                   Long messageId, UUID mediaId, OffsetDateTime createdAt, OffsetDateTime updatedAt) {
  static final String TEXT = "text";
  static final String AI_MESSAGE = "ai_message";
  static final String IMAGE = "image";

  static Note from(Row r) {
    return new Note(r.getLong("id"), r.getLong("user_id"), r.getString("source"), r.getString("title"),
      r.getString("body"), r.getLong("source_conversation_id"), r.getLong("source_message_id"),
      r.getUUID("media_id"), r.getOffsetDateTime("created_at"), r.getOffsetDateTime("updated_at"));
  }

  /** The wire form (API and export); absent links are null. */
  public JsonObject toJson() {
    return new JsonObject().put("id", id).put("source", source).put("title", title).put("text", text)
      .put("conversationId", conversationId).put("messageId", messageId)
      .put("mediaId", mediaId == null ? null : mediaId.toString())
      .put("createdAt", createdAt.toInstant().toString()).put("updatedAt", updatedAt.toInstant().toString());
  }
}
