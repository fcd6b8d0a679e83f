package io.liveroom.text;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.function.Function;

/**
 * The plan settings every contains-search (rooms, posts) runs under, in one place. Only the bitmap
 * scans of the search indexes are allowed for the transaction: the planner otherwise picks a
 * sequential or ordered scan for rare terms and reads the whole table (docs/SOCIAL.md "Search").
 * A query of at most {@link #SAMPLED_MAX_LENGTH} code points has one index key per column, so a
 * common term's posting list is also sampled to about {@link #SAMPLE} entries
 * ({@code gin_fuzzy_search_limit}): many pages' worth in 1-3 ms instead of the whole list (tens of
 * thousands of rows) before the first row. Longer queries have several keys, whose independent
 * samples would intersect to too few rows, so they are never sampled.
 */
public final class IndexMatchRepository {
  /** Matches read per statement when a short term is common: many times the largest page. */
  public static final int SAMPLE = 1000;
  /** Longest query (code points) that has one index key per column, so it may be sampled. */
  public static final int SAMPLED_MAX_LENGTH = 3;
  static final String INDEX_MATCH_ONLY = "SELECT set_config('enable_seqscan', 'off', true),"
    + " set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)";
  static final String INDEX_MATCH_SAMPLED = INDEX_MATCH_ONLY
    + ", set_config('gin_fuzzy_search_limit', '" + SAMPLE + "', true)";

  private IndexMatchRepository() {
  }

  /** Whether a query of this text has its posting lists sampled. */
  public static boolean sampled(String text) {
    return text.codePointCount(0, text.length()) <= SAMPLED_MAX_LENGTH;
  }

  /** Runs {@code search} in one transaction under the index-match settings ({@code sampled} or not). */
  public static <T> Future<T> withIndexMatch(Pool pool, boolean sampled, Function<SqlConnection, Future<T>> search) {
    return pool.withTransaction(conn -> conn.query(sampled ? INDEX_MATCH_SAMPLED : INDEX_MATCH_ONLY).execute()
      .compose(v -> search.apply(conn)));
  }
}
