package io.liveroom.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/** The two lists of accounts to follow: ranked by the user's own follows, or the same for everyone. */
final class SuggestionRepository {
  /**
   * Personalized: accounts followed by those the user follows (their newest 200 follows), ranked by
   * how many of them follow it; never the user or someone they already follow.
   */
  static final String FROM_MY_FOLLOWS = """
    WITH mine AS (SELECT followee_id FROM follows WHERE follower_id = $1 ORDER BY id DESC LIMIT 200)
    SELECT f.followee_id AS user_id, count(*) AS score FROM mine JOIN follows f ON f.follower_id = mine.followee_id
    WHERE f.followee_id <> $1
      AND NOT EXISTS (SELECT 1 FROM follows x WHERE x.follower_id = $1 AND x.followee_id = f.followee_id)
    GROUP BY f.followee_id ORDER BY score DESC, f.followee_id LIMIT $2""";
  /** Not personalized: the most followed accounts, the same list for every user. */
  static final String MOST_FOLLOWED = """
    SELECT user_id, followers AS score FROM follow_counts WHERE followers > 0
    ORDER BY followers DESC, user_id LIMIT $1""";

  /** An account to suggest and its score (common follows, or followers). */
  record Suggestion(long userId, long score) {
  }

  private final Pool pool;

  SuggestionRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Suggestion>> fromFollows(long userId, int limit) {
    return pool.preparedQuery(FROM_MY_FOLLOWS).execute(Tuple.of(userId, limit)).map(SuggestionRepository::rows);
  }

  Future<List<Suggestion>> mostFollowed(int limit) {
    return pool.preparedQuery(MOST_FOLLOWED).execute(Tuple.of(limit)).map(SuggestionRepository::rows);
  }

  private static List<Suggestion> rows(io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row> rows) {
    List<Suggestion> out = new ArrayList<>();
    rows.forEach(r -> out.add(new Suggestion(r.getLong("user_id"), r.getLong("score"))));
    return out;
  }
}
