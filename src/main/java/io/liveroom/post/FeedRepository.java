package io.liveroom.post;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The feeds' selections of post ids (rendering is {@link PostViews}'). Every query keeps out what
 * nobody may see: deleted and frozen posts, and shares whose original is deleted or frozen.
 */
final class FeedRepository {
  /**
   * Following feed, dense path: the newest {@code $4} live posts below cursor {@code $2}, by the
   * primary key backwards, each marked {@code hit} when it belongs in the page (an author in
   * {@code $1}, not private, not a share of a deleted or frozen original); the first {@code $3} hits
   * come back, newest first. When the window holds fewer hits than a page, its last row ({@code n =
   * $4}) comes back too, hit or not: that is the window's floor, below which
   * {@link #FOLLOWING_SPARSE} goes on. So the cost is bounded by the window whatever the reader
   * follows: for a reader whose followees wrote a tenth of the recent posts, a page reads about 200
   * rows in ~10 buffers, against ~6,000 for the per-followee path (docs/PERFORMANCE.md, "Following
   * feed read path"). The followee test is {@code IN (SELECT unnest(..))} in the select list, which
   * PostgreSQL answers with one hash table per statement; {@code = ANY($1)} with a bound array is a
   * linear search per row, 4-5x slower over a 1,000-followee window (measured). The plan stays a
   * backward scan of the primary key that stops at the page. Followers-only posts are in: the
   * viewer follows their authors.
   */
  static final String FOLLOWING_DENSE = """
    SELECT id, hit, n = $4 AS floor FROM (
      SELECT id, author_id IN (SELECT unnest($1::bigint[])) AND visibility <> 'private'
          AND (repost_of IS NULL OR EXISTS (SELECT 1 FROM posts o WHERE o.id = posts.repost_of
            AND o.deleted_at IS NULL AND NOT o.frozen)) AS hit,
        row_number() OVER (ORDER BY id DESC) AS n
      FROM posts WHERE id < $2 AND deleted_at IS NULL AND NOT frozen
      ORDER BY id DESC LIMIT $4) scanned
    WHERE hit OR n = $4
    ORDER BY id DESC LIMIT $3""";
  /**
   * Following feed, per-followee path (when the dense window did not fill the page: followees who
   * post rarely), in two steps so a page reads about one index entry per followee rather than a page
   * per followee. {@code heads}: each followee's newest visible post below {@code $2} (one descent of
   * the covering posts_author_cover_idx per followee in {@code $1}, index-only), keeping the
   * {@code $3} newest. When there are {@code $3} heads, every post of the page is at least the oldest
   * of them (the heads themselves are {@code $3} visible posts that new), and only the heads' authors
   * have such posts; so the page is those authors' visible posts from that floor up, newest first.
   * With fewer heads (fewer followees with posts than a page) there is no floor. The visibility test
   * is the same in both steps, which that argument needs, and the same as the dense path's.
   */
  static final String FOLLOWING_SPARSE = """
    WITH heads AS (
      SELECT f.author_id, h.id FROM unnest($1::bigint[]) AS f(author_id)
      CROSS JOIN LATERAL (
        SELECT id FROM posts
        WHERE author_id = f.author_id AND id < $2 AND deleted_at IS NULL AND NOT frozen AND visibility <> 'private'
          AND (repost_of IS NULL OR EXISTS (SELECT 1 FROM posts o WHERE o.id = posts.repost_of
            AND o.deleted_at IS NULL AND NOT o.frozen))
        ORDER BY id DESC LIMIT 1) h
      ORDER BY h.id DESC LIMIT $3)
    SELECT p.id FROM heads
    CROSS JOIN LATERAL (
      SELECT id FROM posts
      WHERE author_id = heads.author_id AND id < $2 AND id >= (SELECT CASE WHEN count(*) < $3 THEN 0 ELSE min(id) END FROM heads)
        AND deleted_at IS NULL AND NOT frozen AND visibility <> 'private'
        AND (repost_of IS NULL OR EXISTS (SELECT 1 FROM posts o WHERE o.id = posts.repost_of
          AND o.deleted_at IS NULL AND NOT o.frozen))
      ORDER BY id DESC LIMIT $3) p
    ORDER BY p.id DESC LIMIT $3""";
  /** Discovery, recent: public posts below cursor {@code $1}, newest first, authors in {@code $3} left out. */
  static final String RECENT = """
    SELECT id FROM posts
    WHERE visibility = 'public' AND deleted_at IS NULL AND NOT frozen AND id < $1 AND author_id <> ALL($3::bigint[])
      AND (repost_of IS NULL OR EXISTS (SELECT 1 FROM posts o WHERE o.id = posts.repost_of
        AND o.deleted_at IS NULL AND NOT o.frozen))
    ORDER BY id DESC LIMIT $2""";
  /**
   * Discovery, hot: of the newest {@code $3} public posts (posts_public_idx; ids follow creation
   * time, so this bounds the work whatever the window), those of the last {@code $2} hours before
   * {@code $1}, each scored (likes + 2 comments + 3 shares + 1) / (age in
   * hours + 2)^1.5, times {@code $5} when the author is in {@code $4} (personalized ranking; an empty
   * {@code $4} when it is off); authors in {@code $6} left out; ranked, then {@code $8} from
   * position {@code $7}.
   */
  static final String HOT = """
    WITH recent AS (
      SELECT id, author_id, like_count, comment_count, share_count, created_at FROM posts
      WHERE visibility = 'public' AND deleted_at IS NULL AND NOT frozen
        AND (repost_of IS NULL OR EXISTS (SELECT 1 FROM posts o WHERE o.id = posts.repost_of
          AND o.deleted_at IS NULL AND NOT o.frozen))
      ORDER BY id DESC LIMIT $3)
    SELECT id FROM (
      SELECT id, (1 + like_count + 2 * comment_count + 3 * share_count)::float8
          / power(2 + extract(epoch FROM ($1::timestamptz - created_at))::float8 / 3600, 1.5)
          * CASE WHEN author_id = ANY($4::bigint[]) THEN $5::float8 ELSE 1 END AS score
      FROM recent WHERE author_id <> ALL($6::bigint[])
        AND created_at > $1::timestamptz - make_interval(hours => $2) AND created_at <= $1::timestamptz) ranked
    ORDER BY score DESC, id DESC OFFSET $7 LIMIT $8""";

  private final Pool pool;
  private final int denseWindow;

  /** {@code denseWindow}: how many of the newest posts the dense path reads before the per-followee path. */
  FeedRepository(Pool pool, int denseWindow) {
    this.pool = pool;
    this.denseWindow = denseWindow;
  }

  /**
   * One page of the following feed below {@code before}: the dense window first, then, only when it
   * held fewer than {@code limit} hits and did not reach the oldest post, the per-followee path from
   * the window's floor down. The second statement starts strictly below the floor the first one
   * read, so a post written or deleted between them can neither repeat nor hide a post.
   */
  Future<List<Long>> following(List<Long> authors, long before, int limit) {
    Long[] followees = authors.toArray(new Long[0]);
    return pool.preparedQuery(FOLLOWING_DENSE).execute(Tuple.of(followees, before, limit, denseWindow)).compose(rows -> {
      List<Long> page = new ArrayList<>(limit);
      Long floor = null;
      for (Row r : rows) {
        if (r.getBoolean("hit")) {
          page.add(r.getLong("id"));
        }
        if (r.getBoolean("floor")) {
          floor = r.getLong("id");
        }
      }
      if (page.size() == limit || floor == null) {
        return Future.succeededFuture(page);
      }
      return pool.preparedQuery(FOLLOWING_SPARSE).execute(Tuple.of(followees, floor, limit - page.size()))
        .map(more -> {
          more.forEach(r -> page.add(r.getLong(0)));
          return page;
        });
    });
  }

  Future<List<Long>> recent(long before, int limit, List<Long> hiddenAuthors) {
    return pool.preparedQuery(RECENT).execute(Tuple.of(before, limit, hiddenAuthors.toArray(new Long[0])))
      .map(FeedRepository::ids);
  }

  /** One page of the hot ranking; {@code boosted} authors' scores are multiplied by {@code boost}. */
  Future<List<Long>> hot(HotQuery q) {
    return pool.preparedQuery(HOT).execute(Tuple.tuple(List.of(q.now(), q.windowHours(), q.candidates(),
        q.boosted().toArray(new Long[0]), q.boost(), q.hiddenAuthors().toArray(new Long[0]), q.offset(), q.limit())))
      .map(FeedRepository::ids);
  }

  /** The parameters of one hot page. */
  record HotQuery(OffsetDateTime now, int windowHours, int candidates, List<Long> boosted, double boost,
                  List<Long> hiddenAuthors, int offset, int limit) {
  }

  private static List<Long> ids(RowSet<Row> rows) {
    List<Long> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }
}
