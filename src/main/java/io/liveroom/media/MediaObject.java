package io.liveroom.media;

import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.util.UUID;

/** One stored picture's record (its bytes are in the {@link MediaStore}). */
record MediaObject(UUID id, long ownerId, String purpose, String visibility, String moderation, String sourceType,
                   String contentType, int width, int height, long bytes, Instant createdAt, boolean frozen) {

  static MediaObject from(Row r) {
    return new MediaObject(r.getUUID("id"), r.getLong("owner_id"), r.getString("purpose"), r.getString("visibility"),
      r.getString("moderation"), r.getString("source_type"), r.getString("content_type"), r.getInteger("width"),
      r.getInteger("height"), r.getLong("bytes"), r.getOffsetDateTime("created_at").toInstant(), r.getBoolean("frozen"));
  }

  /** Served under its stable public URL to anyone: public, approved by moderation, and its owner not cancelling. */
  boolean publiclyServed() {
    return "public".equals(visibility) && "approved".equals(moderation) && !frozen;
  }
}
