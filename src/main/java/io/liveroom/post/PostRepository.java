package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Posts and their pictures ({@code posts}, {@code post_media}). A share's count changes in the
 * transaction that adds or deletes the share, after locking the original's row, so a share never
 * outlives a concurrent deletion of its original and {@code share_count} stays exact.
 */
final class PostRepository {
  static final String INSERT = """
    INSERT INTO posts (author_id, body, video_url, place_region, place_name, visibility, repost_of, created_at)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
  static final String INSERT_MEDIA = """
    INSERT INTO post_media (post_id, position, media_id)
    SELECT $1, (t.n - 1)::smallint, t.m FROM unnest($2::uuid[]) WITH ORDINALITY AS t(m, n)""";
  static final String FIND = "SELECT " + PostRow.COLUMNS + " FROM posts WHERE id = $1";
  /**
   * The posts and, for shares among them, their originals: one array of ids first (each share's
   * original found through the primary key), then one primary-key lookup. Written as
   * {@code id = ANY($1) OR id IN (SELECT repost_of ..)}, PostgreSQL cannot use an index for the OR
   * and scanned every post: 400 ms and 15,385 buffers per page over a million posts, the following
   * feed benchmark's real bottleneck (docs/PERFORMANCE.md, "Following feed read path"); now 5 buffers.
   */
  static final String WITH_ORIGINALS = "SELECT " + PostRow.COLUMNS + " FROM posts WHERE id = ANY(ARRAY("
    + "SELECT unnest($1::bigint[]) UNION SELECT (SELECT repost_of FROM posts WHERE id = u.id) FROM unnest($1::bigint[]) AS u(id)))";
  static final String MEDIA_OF = """
    SELECT post_id, media_id FROM post_media WHERE post_id = ANY($1::bigint[]) ORDER BY post_id, position""";
  static final String LIKED = "SELECT post_id FROM post_likes WHERE user_id = $1 AND post_id = ANY($2::bigint[])";
  static final String EDIT = "UPDATE posts SET body = $2, edited_at = $3 WHERE id = $1 AND deleted_at IS NULL";
  /** Counts a new share, only while the original is not deleted (the row lock orders it against a deletion). */
  static final String COUNT_SHARE = """
    UPDATE posts SET share_count = share_count + 1 WHERE id = $1 AND deleted_at IS NULL AND NOT frozen RETURNING id""";
  static final String UNCOUNT_SHARE = "UPDATE posts SET share_count = share_count - 1 WHERE id = $1 AND share_count > 0";
  static final String DELETE = """
    UPDATE posts SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL RETURNING repost_of""";
  static final String DELETE_SHARES = """
    UPDATE posts SET deleted_at = $2, deleted_by = $3 WHERE repost_of = $1 AND deleted_at IS NULL""";
  static final String BY_AUTHOR = """
    SELECT id FROM posts WHERE author_id = $1 AND id < $2 AND deleted_at IS NULL AND NOT frozen
      AND visibility = ANY($3::text[]) ORDER BY id DESC LIMIT $4""";
  /** Undoes a post whose pictures could not be attached (it was never shown). */
  static final String ABORT = "DELETE FROM posts WHERE id = $1 AND like_count = 0 AND comment_count = 0 AND share_count = 0";
  static final String PICTURE_COUNT = "SELECT count(*) FROM post_media WHERE post_id = $1";

  private final Pool pool;

  PostRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** A new post (or share) with its pictures, in the caller's transaction; its id. */
  Future<Long> insert(SqlClient tx, NewPost p, Instant at) {
    return tx.preparedQuery(INSERT).execute(Tuple.from(new Object[]{p.authorId(), p.text(), p.videoUrl(),
        p.placeRegion(), p.placeName(), p.visibility(), p.repostOf(), utc(at)}))
      .map(rows -> rows.iterator().next().getLong(0))
      .compose(id -> p.pictures().isEmpty() ? Future.succeededFuture(id)
        : tx.preparedQuery(INSERT_MEDIA).execute(Tuple.of(id, (Object) p.pictures().toArray(UUID[]::new))).map(id));
  }

  Future<Optional<PostRow>> find(long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(PostRow.from(rows.iterator().next())));
  }

  /** The posts of {@code ids} and the originals of the shares among them, by id. */
  Future<Map<Long, PostRow>> withOriginals(Collection<Long> ids) {
    return pool.preparedQuery(WITH_ORIGINALS).execute(Tuple.of(ids.toArray(Long[]::new))).map(rows -> {
      Map<Long, PostRow> out = new LinkedHashMap<>();
      rows.forEach(r -> out.put(r.getLong("id"), PostRow.from(r)));
      return out;
    });
  }

  /** The pictures of each post, in display order. */
  Future<Map<Long, List<UUID>>> pictures(Collection<Long> postIds) {
    return pool.preparedQuery(MEDIA_OF).execute(Tuple.of(postIds.toArray(Long[]::new))).map(rows -> {
      Map<Long, List<UUID>> out = new LinkedHashMap<>();
      rows.forEach(r -> out.computeIfAbsent(r.getLong("post_id"), k -> new ArrayList<>()).add(r.getUUID("media_id")));
      return out;
    });
  }

  /** Of {@code postIds}, those {@code userId} likes. */
  Future<Set<Long>> likedBy(long userId, Collection<Long> postIds) {
    return pool.preparedQuery(LIKED).execute(Tuple.of(userId, (Object) postIds.toArray(Long[]::new))).map(rows -> {
      Set<Long> out = new HashSet<>();
      rows.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }

  Future<Void> edit(long id, String text, Instant at) {
    return pool.preparedQuery(EDIT).execute(Tuple.of(id, text, utc(at))).mapEmpty();
  }

  /** Counts a share of {@code originalId}; false when the original is deleted or hidden. */
  Future<Boolean> countShare(SqlClient tx, long originalId) {
    return tx.preparedQuery(COUNT_SHARE).execute(Tuple.of(originalId)).map(rows -> rows.size() == 1);
  }

  /**
   * Deletes a post and every share of it, and uncounts it from its original when it is a share.
   * False when it was already deleted (deleting is idempotent).
   */
  Future<Boolean> delete(SqlClient tx, long id, long by, Instant at) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(id, utc(at), by)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(false);
      }
      Long original = rows.iterator().next().getLong(0);
      return tx.preparedQuery(DELETE_SHARES).execute(Tuple.of(id, utc(at), by))
        .compose(v -> original == null ? Future.succeededFuture()
          : tx.preparedQuery(UNCOUNT_SHARE).execute(Tuple.of(original)).mapEmpty())
        .map(true);
    });
  }

  /** Ids of an author's live posts of the given visibilities, newest first, before {@code beforeId}. */
  Future<List<Long>> byAuthor(long authorId, long beforeId, List<String> visibilities, int limit) {
    return pool.preparedQuery(BY_AUTHOR).execute(Tuple.of(authorId, beforeId, visibilities.toArray(String[]::new), limit))
      .map(rows -> {
        List<Long> out = new ArrayList<>();
        for (Row r : rows) {
          out.add(r.getLong(0));
        }
        return out;
      });
  }

  Future<Void> abort(long id) {
    return pool.preparedQuery(ABORT).execute(Tuple.of(id)).mapEmpty();
  }

  Future<Integer> pictureCount(long postId) {
    return pool.preparedQuery(PICTURE_COUNT).execute(Tuple.of(postId)).map(rows -> rows.iterator().next().getInteger(0));
  }

  static OffsetDateTime utc(Instant t) {
    return t.atOffset(ZoneOffset.UTC);
  }
}
