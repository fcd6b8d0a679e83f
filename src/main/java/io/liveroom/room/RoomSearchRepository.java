package io.liveroom.room;

import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Room search by title and category, live rooms first, closed rooms never. The query matches
 * anywhere in either, at any length, always through an index: from three characters the trigram
 * indexes (V87), below that the one- and two-character pieces index (V89, a two-character Chinese
 * word is the common room query).
 *
 * <p>Live rooms first without sorting the match set: one query takes up to {@code limit} live
 * matches, a second fills the page with the other open rooms, each stopping at its LIMIT. Both run
 * with sequential and plain index scans switched off for the transaction
 * ({@link #INDEX_MATCH_ONLY}): with a LIMIT the planner otherwise prefers a scan that "stops
 * early", which reads the whole table when the term is rare (docs/PERFORMANCE.md). Within each
 * group the order is the index's, not ranked.
 */
final class RoomSearchRepository {
  /** Leaves the bitmap scans of the search indexes as the only plans for this transaction. */
  static final String INDEX_MATCH_ONLY = "SELECT set_config('enable_seqscan', 'off', true),"
    + " set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)";
  static final String SEARCH = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed' AND (status = 'live') = $3
      AND (lower(title) LIKE $1 OR lower(category) LIKE $1)
    LIMIT $2""";
  static final String SEARCH_SHORT = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed' AND (status = 'live') = $3
      AND room_search_grams(title, category) @> ARRAY[$1::text]
    LIMIT $2""";

  private final Pool pool;

  RoomSearchRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Room>> search(SearchTerms terms, int limit) {
    boolean longQuery = terms.contains() != null;
    String sql = longQuery ? SEARCH : SEARCH_SHORT;
    String term = longQuery ? terms.contains() : terms.text();
    return pool.withTransaction(conn -> conn.query(INDEX_MATCH_ONLY).execute()
      .compose(v -> page(conn, sql, term, limit, true))
      .compose(live -> live.size() >= limit ? Future.succeededFuture(live)
        : page(conn, sql, term, limit - live.size(), false).map(rest -> {
          List<Room> all = new ArrayList<>(live);
          all.addAll(rest);
          return all;
        })));
  }

  private static Future<List<Room>> page(SqlConnection conn, String sql, String term, int limit, boolean live) {
    return conn.preparedQuery(sql).execute(Tuple.of(term, limit, live)).map(RoomSearchRepository::rooms);
  }

  private static List<Room> rooms(RowSet<Row> found) {
    List<Room> out = new ArrayList<>();
    found.forEach(r -> out.add(RoomRepository.toRoom(r)));
    return out;
  }
}
