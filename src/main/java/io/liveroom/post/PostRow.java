package io.liveroom.post;

import io.vertx.sqlclient.Row;

import java.time.Instant;
import java.time.OffsetDateTime;

/** One stored post, as the renderer and the rules read it (its pictures are in {@code post_media}). */
record PostRow(long id, long authorId, String body, String videoUrl, String placeRegion, String placeName,
               String visibility, Long repostOf, long likes, long comments, long shares, boolean frozen,
               Instant createdAt, Instant editedAt, Instant deletedAt) {

  static final String COLUMNS = "id, author_id, body, video_url, place_region, place_name, visibility, repost_of, "
    + "like_count, comment_count, share_count, frozen, created_at, edited_at, deleted_at";

  static PostRow from(Row r) {
    return new PostRow(r.getLong("id"), r.getLong("author_id"), r.getString("body"), r.getString("video_url"),
      r.getString("place_region"), r.getString("place_name"), r.getString("visibility"), r.getLong("repost_of"),
      r.getLong("like_count"), r.getLong("comment_count"), r.getLong("share_count"), r.getBoolean("frozen"),
      instant(r.getOffsetDateTime("created_at")), instant(r.getOffsetDateTime("edited_at")),
      instant(r.getOffsetDateTime("deleted_at")));
  }

  /** Shown to someone at all: not deleted, and its author is not in the cancellation cooling-off period. */
  boolean live() {
    return deletedAt == null && !frozen;
  }

  static Instant instant(OffsetDateTime t) {
    return t == null ? null : t.toInstant();
  }
}
