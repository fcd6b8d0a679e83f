package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Comments ({@code post_comments}) and {@code posts.comment_count}, changed in one transaction, the
 * post's row locked first, so a comment is never added to a post deleted meanwhile.
 */
final class CommentRepository {
  static final String COUNT_NEW = """
    UPDATE posts SET comment_count = comment_count + 1 WHERE id = $1 AND deleted_at IS NULL AND NOT frozen RETURNING id""";
  static final String INSERT = """
    INSERT INTO post_comments (post_id, author_id, parent_id, body, created_at) VALUES ($1, $2, $3, $4, $5)
    RETURNING id, post_id, author_id, parent_id, body, created_at""";
  static final String FIND = """
    SELECT id, post_id, author_id, parent_id, body, created_at, deleted_at, frozen FROM post_comments WHERE id = $1""";
  /** A top-level comment takes its replies with it. */
  static final String DELETE = """
    UPDATE post_comments SET deleted_at = $2, deleted_by = $3 WHERE (id = $1 OR parent_id = $1) AND deleted_at IS NULL""";
  static final String UNCOUNT = "UPDATE posts SET comment_count = GREATEST(comment_count - $2, 0) WHERE id = $1";
  static final String PAGE = """
    SELECT id, post_id, author_id, parent_id, body, created_at FROM post_comments
    WHERE post_id = $1 AND id > $2 AND deleted_at IS NULL AND NOT frozen ORDER BY id LIMIT $3""";

  /** One comment. {@code parentId} is null for a top-level comment. */
  record Comment(long id, long postId, long authorId, Long parentId, String text, Instant createdAt, boolean live) {
    static Comment from(Row r) {
      boolean live = r.getColumnIndex("deleted_at") < 0
        || r.getOffsetDateTime("deleted_at") == null && !r.getBoolean("frozen");
      return new Comment(r.getLong("id"), r.getLong("post_id"), r.getLong("author_id"), r.getLong("parent_id"),
        r.getString("body"), r.getOffsetDateTime("created_at").toInstant(), live);
    }
  }

  private final Pool pool;

  CommentRepository(Pool pool) {
    this.pool = pool;
  }

  /** Adds a comment, or fails with nothing when the post is deleted or hidden (empty). */
  Future<Optional<Comment>> insert(long postId, long authorId, Long parentId, String text, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery(COUNT_NEW).execute(Tuple.of(postId)).compose(counted -> {
      if (counted.size() == 0) {
        return Future.succeededFuture(Optional.<Comment>empty());
      }
      return tx.preparedQuery(INSERT).execute(Tuple.of(postId, authorId, parentId, text, PostRepository.utc(at)))
        .map(rows -> Optional.of(Comment.from(rows.iterator().next())));
    }));
  }

  Future<Optional<Comment>> find(long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Comment.from(rows.iterator().next())));
  }

  /** Deletes a comment (and its replies) and uncounts them; idempotent. */
  Future<Void> delete(long postId, long commentId, long by, Instant at) {
    return pool.withTransaction(tx -> tx.preparedQuery(DELETE).execute(Tuple.of(commentId, PostRepository.utc(at), by))
      .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
        : uncount(tx, postId, rows.rowCount())));
  }

  private static Future<Void> uncount(SqlClient tx, long postId, int n) {
    return tx.preparedQuery(UNCOUNT).execute(Tuple.of(postId, n)).mapEmpty();
  }

  /** A post's visible comments, oldest first, after {@code afterId}. */
  Future<List<Comment>> page(long postId, long afterId, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(postId, afterId, limit)).map(rows -> {
      List<Comment> out = new ArrayList<>();
      rows.forEach(r -> out.add(Comment.from(r)));
      return out;
    });
  }
}
