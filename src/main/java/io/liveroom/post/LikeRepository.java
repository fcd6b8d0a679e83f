package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;

/**
 * Likes ({@code post_likes}) and {@code posts.like_count}. Each statement changes the row and the
 * count together: the count moves only when a row was really added or removed, and the update of
 * the post's row serializes concurrent changes, so the count equals the rows under any mix of
 * concurrent likes and unlikes.
 */
final class LikeRepository {
  static final String LIKE = """
    WITH added AS (
      INSERT INTO post_likes (post_id, user_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING post_id)
    UPDATE posts SET like_count = like_count + 1 WHERE id IN (SELECT post_id FROM added)""";
  static final String UNLIKE = """
    WITH removed AS (DELETE FROM post_likes WHERE post_id = $1 AND user_id = $2 RETURNING post_id)
    UPDATE posts SET like_count = like_count - 1 WHERE id IN (SELECT post_id FROM removed)""";
  static final String COUNT = "SELECT like_count FROM posts WHERE id = $1";

  private final Pool pool;

  LikeRepository(Pool pool) {
    this.pool = pool;
  }

  /** True when this call added the like (false: it was there already). */
  Future<Boolean> like(long postId, long userId, Instant at) {
    return pool.preparedQuery(LIKE).execute(Tuple.of(postId, userId, PostRepository.utc(at)))
      .map(rows -> rows.rowCount() == 1);
  }

  /** True when this call removed the like. */
  Future<Boolean> unlike(long postId, long userId) {
    return pool.preparedQuery(UNLIKE).execute(Tuple.of(postId, userId)).map(rows -> rows.rowCount() == 1);
  }

  Future<Long> count(long postId) {
    return pool.preparedQuery(COUNT).execute(Tuple.of(postId))
      .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }
}
