package io.liveroom.post;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** SQL for posts' part of the privacy flows ({@link PostPersonalData}) and the retention purges. */
final class PostDataRepository {
  static final String POSTS = """
    SELECT id, body, video_url, place_region, place_name, visibility, created_at, edited_at, deleted_at
    FROM posts WHERE author_id = $1 AND repost_of IS NULL ORDER BY id""";
  static final String SHARES = """
    SELECT id, repost_of, body, visibility, created_at, deleted_at
    FROM posts WHERE author_id = $1 AND repost_of IS NOT NULL ORDER BY id""";
  static final String PICTURES = """
    SELECT m.post_id, m.position, m.media_id FROM post_media m JOIN posts p ON p.id = m.post_id
    WHERE p.author_id = $1 ORDER BY m.post_id, m.position""";
  static final String COMMENTS = """
    SELECT id, post_id, parent_id, body, created_at, deleted_at FROM post_comments WHERE author_id = $1 ORDER BY id""";
  static final String LIKES = "SELECT post_id, created_at FROM post_likes WHERE user_id = $1 ORDER BY created_at, post_id";
  static final String FREEZE_POSTS = "UPDATE posts SET frozen = $2 WHERE author_id = $1";
  static final String FREEZE_COMMENTS = "UPDATE post_comments SET frozen = $2 WHERE author_id = $1";
  /** Others' posts whose counts the erasure changes (the user liked, commented on or shared them). */
  static final String TOUCHED = """
    SELECT post_id FROM post_likes WHERE user_id = $1
    UNION SELECT post_id FROM post_comments WHERE author_id = $1
    UNION SELECT repost_of FROM posts WHERE author_id = $1 AND repost_of IS NOT NULL""";
  static final String ERASE_SHARES_OF_THEIRS = "DELETE FROM posts WHERE repost_of IN (SELECT id FROM posts WHERE author_id = $1)";
  static final String ERASE_POSTS = "DELETE FROM posts WHERE author_id = $1";
  static final String ERASE_LIKES = "DELETE FROM post_likes WHERE user_id = $1";
  static final String ERASE_COMMENTS = "DELETE FROM post_comments WHERE author_id = $1";
  static final String THAW_COMMENTS = "UPDATE post_comments SET frozen = false WHERE author_id = $1";
  static final String RECOUNT = """
    UPDATE posts p SET
      like_count = (SELECT count(*) FROM post_likes l WHERE l.post_id = p.id),
      comment_count = (SELECT count(*) FROM post_comments c WHERE c.post_id = p.id AND c.deleted_at IS NULL),
      share_count = (SELECT count(*) FROM posts s WHERE s.repost_of = p.id AND s.deleted_at IS NULL)
    WHERE p.id = ANY($1::bigint[])""";
  /** Deleted posts past retention; an original waits until its (deleted) shares are purged. */
  static final String PURGE_POSTS = """
    DELETE FROM posts WHERE id IN (
      SELECT p.id FROM posts p WHERE p.deleted_at < $1
        AND NOT EXISTS (SELECT 1 FROM posts s WHERE s.repost_of = p.id)
      ORDER BY p.deleted_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";
  static final String PURGE_COMMENTS = """
    DELETE FROM post_comments WHERE id IN (
      SELECT id FROM post_comments WHERE deleted_at < $1 ORDER BY deleted_at LIMIT $2 FOR UPDATE SKIP LOCKED)""";

  private final Pool pool;

  PostDataRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> export(ExportWriter out, String category, String sql, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, sql, Tuple.of(userId), mapper);
  }

  Future<Void> freeze(long userId, boolean frozen) {
    return pool.withTransaction(tx -> tx.preparedQuery(FREEZE_POSTS).execute(Tuple.of(userId, frozen))
      .compose(v -> tx.preparedQuery(FREEZE_COMMENTS).execute(Tuple.of(userId, frozen))).mapEmpty());
  }

  /** Erases the user's posts (and everything on them), likes, and comments or (anonymize) keeps them. */
  Future<Void> erase(SqlClient tx, long userId, boolean deleteComments) {
    Tuple id = Tuple.of(userId);
    return tx.preparedQuery(TOUCHED).execute(id).compose(rows -> {
      List<Long> touched = new ArrayList<>();
      rows.forEach(r -> touched.add(r.getLong(0)));
      return tx.preparedQuery(ERASE_SHARES_OF_THEIRS).execute(id)
        .compose(v -> tx.preparedQuery(ERASE_POSTS).execute(id))
        .compose(v -> tx.preparedQuery(ERASE_LIKES).execute(id))
        .compose(v -> tx.preparedQuery(deleteComments ? ERASE_COMMENTS : THAW_COMMENTS).execute(id))
        .compose(v -> tx.preparedQuery(RECOUNT).execute(Tuple.of(touched.toArray(Long[]::new))))
        .mapEmpty();
    });
  }

  Future<Integer> purgePosts(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE_POSTS).execute(Tuple.of(PostRepository.utc(cutoff), limit)).map(r -> r.rowCount());
  }

  Future<Integer> purgeComments(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE_COMMENTS).execute(Tuple.of(PostRepository.utc(cutoff), limit)).map(r -> r.rowCount());
  }
}
