package io.liveroom.post;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A user's posts, shares, post pictures (media ids; the media export has the files), comments and
 * likes. Freezing hides the user's posts and comments from everyone (restorable); erasure deletes
 * their posts with everything on them (others' comments, likes and shares of them), their likes,
 * and their comments ({@code delete}) or keeps those, shown again under the anonymized account
 * ({@code anonymize}), as chat does; counts of others' posts are recomputed in the same transaction.
 */
final class PostPersonalData implements PersonalDataSource {
  private final PostDataRepository data;

  PostPersonalData(PostDataRepository data) {
    this.data = data;
  }

  @Override
  public List<String> categories() {
    return List.of("posts", "postShares", "postPictures", "postComments", "postLikes");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return data.export(out, "posts", PostDataRepository.POSTS, userId, r -> new JsonObject().put("id", r.getLong("id"))
        .put("text", r.getString("body")).put("videoUrl", r.getString("video_url"))
        .put("placeRegion", r.getString("place_region")).put("placeName", r.getString("place_name"))
        .put("visibility", r.getString("visibility")).put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("editedAt", iso(r.getOffsetDateTime("edited_at"))).put("deletedAt", iso(r.getOffsetDateTime("deleted_at"))))
      .compose(v -> data.export(out, "postShares", PostDataRepository.SHARES, userId, r -> new JsonObject()
        .put("id", r.getLong("id")).put("repostOf", r.getLong("repost_of")).put("text", r.getString("body"))
        .put("visibility", r.getString("visibility")).put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("deletedAt", iso(r.getOffsetDateTime("deleted_at")))))
      .compose(v -> data.export(out, "postPictures", PostDataRepository.PICTURES, userId, r -> new JsonObject()
        .put("postId", r.getLong("post_id")).put("position", r.getInteger("position"))
        .put("mediaId", r.getUUID("media_id").toString())))
      .compose(v -> data.export(out, "postComments", PostDataRepository.COMMENTS, userId, r -> new JsonObject()
        .put("id", r.getLong("id")).put("postId", r.getLong("post_id")).put("parentId", r.getLong("parent_id"))
        .put("text", r.getString("body")).put("createdAt", iso(r.getOffsetDateTime("created_at")))
        .put("deletedAt", iso(r.getOffsetDateTime("deleted_at")))))
      .compose(v -> data.export(out, "postLikes", PostDataRepository.LIKES, userId, r -> new JsonObject()
        .put("postId", r.getLong("post_id")).put("createdAt", iso(r.getOffsetDateTime("created_at")))));
  }

  @Override
  public Future<Void> freeze(long userId) {
    return data.freeze(userId, true);
  }

  @Override
  public Future<Void> restore(long userId) {
    return data.freeze(userId, false);
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return data.erase(tx, userId, mode == ErasureMode.DELETE);
  }

  /** Deleted posts (with their comments, likes and pictures' rows) past the retention period. */
  static RetentionTarget deletedPosts(PostDataRepository data) {
    return RetentionTarget.of("posts_deleted", data::purgePosts);
  }

  /** Deleted comments past the retention period. */
  static RetentionTarget deletedComments(PostDataRepository data) {
    return RetentionTarget.of("post_comments_deleted", data::purgeComments);
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
