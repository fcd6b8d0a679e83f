package io.liveroom.social;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;

/** Social's personal data for the privacy flows: export queries and the erasure statements. */
final class SocialDataRepository {
  static final String FOLLOWING = "SELECT followee_id, created_at FROM follows WHERE follower_id = $1 ORDER BY id";
  static final String FOLLOWERS = "SELECT follower_id, created_at FROM follows WHERE followee_id = $1 ORDER BY id";
  static final String BLOCKS = "SELECT blocked_id, created_at FROM user_blocks WHERE blocker_id = $1 ORDER BY id";
  static final String HISTORY = "SELECT query, searched_at FROM search_history WHERE user_id = $1 ORDER BY searched_at DESC";
  static final String SETTINGS = "SELECT record_history, updated_at FROM search_settings WHERE user_id = $1";
  /**
   * Deletes every follow of or by the user and takes each one off the other side's count, in one
   * statement. Should it deadlock with a follow happening at the same moment, the erasure rolls
   * back as a whole and the privacy scheduler runs it again.
   */
  static final String ERASE_FOLLOWS = """
    WITH gone AS (DELETE FROM follows WHERE follower_id = $1 OR followee_id = $1 RETURNING follower_id, followee_id),
    lost AS (
      SELECT CASE WHEN follower_id = $1 THEN followee_id ELSE follower_id END AS other,
        count(*) FILTER (WHERE follower_id = $1) AS followers, count(*) FILTER (WHERE followee_id = $1) AS following
      FROM gone GROUP BY 1)
    UPDATE follow_counts c SET followers = c.followers - lost.followers, following = c.following - lost.following
    FROM lost WHERE c.user_id = lost.other""";
  static final String ERASE_COUNTS = "DELETE FROM follow_counts WHERE user_id = $1";
  static final String ERASE_DAILY = "DELETE FROM follow_daily WHERE user_id = $1";
  static final String ERASE_BLOCKS = "DELETE FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1";
  static final String ERASE_HISTORY = "DELETE FROM search_history WHERE user_id = $1";
  static final String ERASE_SETTINGS = "DELETE FROM search_settings WHERE user_id = $1";
  static final String PURGE_DAILY = """
    DELETE FROM follow_daily WHERE (user_id, day) IN (SELECT user_id, day FROM follow_daily WHERE day < $1 LIMIT $2)""";

  private final Pool pool;

  SocialDataRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> export(long userId, ExportWriter out) {
    Tuple id = Tuple.of(userId);
    return out.query(pool, "following", FOLLOWING, id, r -> new JsonObject().put("userId", r.getLong("followee_id"))
        .put("since", r.getOffsetDateTime("created_at").toInstant().toString()))
      .compose(v -> out.query(pool, "followers", FOLLOWERS, id, r -> new JsonObject()
        .put("userId", r.getLong("follower_id")).put("since", r.getOffsetDateTime("created_at").toInstant().toString())))
      .compose(v -> out.query(pool, "blocks", BLOCKS, id, r -> new JsonObject()
        .put("blockedUserId", r.getLong("blocked_id")).put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())))
      .compose(v -> out.query(pool, "searchHistory", HISTORY, id, r -> new JsonObject().put("query", r.getString("query"))
        .put("searchedAt", r.getOffsetDateTime("searched_at").toInstant().toString())))
      .compose(v -> pool.preparedQuery(SETTINGS).execute(id))
      .compose(rows -> out.object("searchSettings", rows.size() == 0 ? null : new JsonObject()
        .put("recordHistory", rows.iterator().next().getBoolean("record_history"))
        .put("updatedAt", rows.iterator().next().getOffsetDateTime("updated_at").toInstant().toString())));
  }

  /** Erases everything social holds about the user, through the erasure transaction {@code tx}. */
  Future<Void> erase(SqlClient tx, long userId) {
    Tuple id = Tuple.of(userId);
    Future<?> chain = tx.preparedQuery(ERASE_FOLLOWS).execute(id);
    for (String sql : new String[] {ERASE_COUNTS, ERASE_DAILY, ERASE_BLOCKS, ERASE_HISTORY, ERASE_SETTINGS}) {
      chain = chain.compose(v -> tx.preparedQuery(sql).execute(id));
    }
    return chain.mapEmpty();
  }

  Future<Integer> purgeDailyBefore(LocalDate day, int limit) {
    return pool.preparedQuery(PURGE_DAILY).execute(Tuple.of(day, limit)).map(rows -> rows.rowCount());
  }
}
