package io.liveroom.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** Each user's search history and their setting whether to record it. */
final class SearchHistoryRepository {
  /**
   * Checks the setting, upserts and trims in one round trip, serialized per user (V155): two
   * statements (upsert, then trim) deadlocked when one user searched twice at once.
   */
  static final String RECORD = "SELECT record_search($1, $2, $3)";
  static final String LIST = """
    SELECT id, query, searched_at FROM search_history WHERE user_id = $1 ORDER BY searched_at DESC, id DESC LIMIT $2""";
  static final String DELETE_ONE = "DELETE FROM search_history WHERE id = $1 AND user_id = $2";
  static final String CLEAR = "DELETE FROM search_history WHERE user_id = $1";
  static final String SETTING = "SELECT record_history FROM search_settings WHERE user_id = $1";
  static final String SET_SETTING = """
    INSERT INTO search_settings (user_id, record_history) VALUES ($1, $2)
    ON CONFLICT (user_id) DO UPDATE SET record_history = EXCLUDED.record_history, updated_at = now()""";
  static final String PURGE = """
    DELETE FROM search_history WHERE id IN (SELECT id FROM search_history WHERE searched_at < $1 LIMIT $2)""";

  /** One remembered query. */
  record Entry(long id, String query, OffsetDateTime searchedAt) {
  }

  private final Pool pool;

  SearchHistoryRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * While the user's setting is on, remembers the query (again: moves it to the top) and keeps only
   * the newest {@code keep}. Concurrent calls for one user take turns; true when recorded.
   */
  Future<Boolean> record(long userId, String query, int keep) {
    return pool.preparedQuery(RECORD).execute(Tuple.of(userId, query, keep)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<List<Entry>> list(long userId, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(userId, limit)).map(rows -> {
      List<Entry> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Entry(r.getLong("id"), r.getString("query"), r.getOffsetDateTime("searched_at"))));
      return out;
    });
  }

  Future<Void> delete(long userId, long id) {
    return pool.preparedQuery(DELETE_ONE).execute(Tuple.of(id, userId)).mapEmpty();
  }

  Future<Void> clear(long userId) {
    return pool.preparedQuery(CLEAR).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Whether the user records their history; true (the default) when they never chose. */
  Future<Boolean> recording(long userId) {
    return pool.preparedQuery(SETTING).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 || rows.iterator().next().getBoolean(0));
  }

  Future<Void> setRecording(long userId, boolean on) {
    return pool.preparedQuery(SET_SETTING).execute(Tuple.of(userId, on)).mapEmpty();
  }

  Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit)).map(rows -> rows.rowCount());
  }
}
