package io.liveroom.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The follow graph and its counts. Every change of a follow row runs in a transaction that first
 * locks both users' count rows in id order ({@link #lockPair}), so concurrent follows, unfollows
 * and blocks of a pair serialize there, never deadlock, and the counts stay exact.
 */
final class FollowRepository {
  static final String ENSURE_COUNTS = """
    INSERT INTO follow_counts (user_id) SELECT id FROM unnest($1::bigint[]) AS t(id) ORDER BY id
    ON CONFLICT (user_id) DO NOTHING""";
  static final String LOCK_COUNTS = """
    SELECT user_id, following FROM follow_counts WHERE user_id = ANY($1::bigint[]) ORDER BY user_id FOR UPDATE""";
  static final String INSERT = """
    INSERT INTO follows (follower_id, followee_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id""";
  static final String DELETE = "DELETE FROM follows WHERE follower_id = $1 AND followee_id = $2 RETURNING id";
  /** $1 follower gains $3 following; $2 followee gains $3 followers. */
  static final String BUMP = """
    UPDATE follow_counts SET
      following = following + CASE WHEN user_id = $1 THEN $3 ELSE 0 END,
      followers = followers + CASE WHEN user_id = $2 THEN $3 ELSE 0 END
    WHERE user_id = ANY(ARRAY[$1, $2]::bigint[])""";
  static final String BUMP_DAILY = """
    INSERT INTO follow_daily (user_id, day, started) VALUES ($1, $2, 1)
    ON CONFLICT (user_id, day) DO UPDATE SET started = follow_daily.started + 1 RETURNING started""";
  static final String FOLLOWERS = """
    SELECT f.id, f.follower_id AS user_id, f.created_at,
      EXISTS (SELECT 1 FROM follows b WHERE b.follower_id = $1 AND b.followee_id = f.follower_id) AS mutual
    FROM follows f WHERE f.followee_id = $1 AND f.id < $2 ORDER BY f.id DESC LIMIT $3""";
  static final String FOLLOWING = """
    SELECT f.id, f.followee_id AS user_id, f.created_at,
      EXISTS (SELECT 1 FROM follows b WHERE b.follower_id = f.followee_id AND b.followee_id = $1) AS mutual
    FROM follows f WHERE f.follower_id = $1 AND f.id < $2 ORDER BY f.id DESC LIMIT $3""";
  /** A page of a user's followers in follower id order, after {@code $2} (keyset; index-only scan). */
  static final String FOLLOWER_IDS = """
    SELECT follower_id FROM follows WHERE followee_id = $1 AND follower_id > $2 ORDER BY follower_id LIMIT $3""";
  static final String FOLLOWED_AMONG = """
    SELECT followee_id FROM follows WHERE follower_id = $1 AND followee_id = ANY($2::bigint[])""";
  /** Everyone the user follows, newest follow first (the feeds' fan-out on read), at most $2. */
  static final String FOLLOWEE_IDS = """
    SELECT followee_id FROM follows WHERE follower_id = $1 ORDER BY id DESC LIMIT $2""";
  static final String RELATION = """
    SELECT COALESCE((SELECT followers FROM follow_counts WHERE user_id = $2), 0) AS followers,
      COALESCE((SELECT following FROM follow_counts WHERE user_id = $2), 0) AS following,
      EXISTS (SELECT 1 FROM follows WHERE follower_id = $1 AND followee_id = $2) AS you_follow,
      EXISTS (SELECT 1 FROM follows WHERE follower_id = $2 AND followee_id = $1) AS follows_you""";

  /** One row of a follower or following list. */
  record Edge(long cursor, long userId, java.time.OffsetDateTime since, boolean mutual) {
  }

  /** A profile's counts and how the viewer and the user follow each other. */
  record Relation(long followers, long following, boolean youFollow, boolean followsYou) {
  }

  private final Pool pool;

  FollowRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Creates missing count rows and locks both in id order; returns the following count of {@code a}. */
  Future<Long> lockPair(SqlClient tx, long a, long b) {
    Long[] ids = {Math.min(a, b), Math.max(a, b)};
    return tx.preparedQuery(ENSURE_COUNTS).execute(Tuple.of((Object) ids))
      .compose(v -> tx.preparedQuery(LOCK_COUNTS).execute(Tuple.of((Object) ids)))
      .map(rows -> {
        for (Row r : rows) {
          if (r.getLong("user_id") == a) {
            return r.getLong("following");
          }
        }
        return 0L;
      });
  }

  /** Inserts the follow and bumps both counts; false when it already existed (nothing changed). */
  Future<Boolean> insert(SqlClient tx, long follower, long followee) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(follower, followee)).compose(rows -> rows.size() == 0
      ? Future.succeededFuture(false)
      : tx.preparedQuery(BUMP).execute(Tuple.of(follower, followee, 1)).map(true));
  }

  /** Deletes the follow and lowers both counts; false when there was none. Call with the pair locked. */
  Future<Boolean> delete(SqlClient tx, long follower, long followee) {
    return tx.preparedQuery(DELETE).execute(Tuple.of(follower, followee)).compose(rows -> rows.size() == 0
      ? Future.succeededFuture(false)
      : tx.preparedQuery(BUMP).execute(Tuple.of(follower, followee, -1)).map(true));
  }

  /** Counts one more new follow of the user on {@code day}; returns the day's total. */
  Future<Integer> bumpDaily(SqlClient tx, long userId, LocalDate day) {
    return tx.preparedQuery(BUMP_DAILY).execute(Tuple.of(userId, day)).map(rows -> rows.iterator().next().getInteger(0));
  }

  Future<List<Edge>> followers(long userId, long before, int limit) {
    return pool.preparedQuery(FOLLOWERS).execute(Tuple.of(userId, before, limit)).map(FollowRepository::edges);
  }

  Future<List<Long>> followerIds(long userId, long afterFollowerId, int limit) {
    return pool.preparedQuery(FOLLOWER_IDS).execute(Tuple.of(userId, afterFollowerId, limit)).map(rows -> {
      List<Long> ids = new ArrayList<>(rows.size());
      rows.forEach(r -> ids.add(r.getLong(0)));
      return ids;
    });
  }

  Future<List<Edge>> following(long userId, long before, int limit) {
    return pool.preparedQuery(FOLLOWING).execute(Tuple.of(userId, before, limit)).map(FollowRepository::edges);
  }

  Future<List<Long>> followeeIds(long userId, int max) {
    return pool.preparedQuery(FOLLOWEE_IDS).execute(Tuple.of(userId, max)).map(rows -> {
      List<Long> out = new ArrayList<>(rows.size());
      rows.forEach(r -> out.add(r.getLong(0)));
      return out;
    });
  }

  private static List<Edge> edges(RowSet<Row> rows) {
    List<Edge> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Edge(r.getLong("id"), r.getLong("user_id"), r.getOffsetDateTime("created_at"),
      r.getBoolean("mutual"))));
    return out;
  }

  /** Of {@code userIds}, those {@code followerId} follows (one query, for lists of posts). */
  Future<java.util.Set<Long>> followedAmong(long followerId, java.util.Collection<Long> userIds) {
    return pool.preparedQuery(FOLLOWED_AMONG).execute(Tuple.of(followerId, (Object) userIds.toArray(Long[]::new)))
      .map(rows -> {
        java.util.Set<Long> out = new java.util.HashSet<>();
        rows.forEach(r -> out.add(r.getLong(0)));
        return out;
      });
  }

  Future<Relation> relation(long viewerId, long userId) {
    return pool.preparedQuery(RELATION).execute(Tuple.of(viewerId, userId)).map(rows -> {
      Row r = rows.iterator().next();
      return new Relation(r.getLong("followers"), r.getLong("following"), r.getBoolean("you_follow"),
        r.getBoolean("follows_you"));
    });
  }
}
