package io.liveroom.room;

import io.liveroom.text.IndexMatchRepository;
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
 * indexes, below that the one- and two-character pieces index (V89's function; a two-character
 * Chinese word is the common room query). Each status has its own partial indexes (V156).
 *
 * <p>Live rooms first without sorting the match set: one query takes up to {@code limit} live
 * matches, a second fills the page with idle rooms, each stopping at its LIMIT. Both run with
 * sequential and plain index scans switched off for the transaction ({@link IndexMatchRepository}):
 * with a LIMIT the planner otherwise prefers a scan that "stops early", which reads the whole table
 * when the term is rare (docs/PERFORMANCE.md). Within each group the order is the index's, not ranked.
 *
 * <p>A GIN bitmap scan reads a term's whole posting list before returning a row: 12-35 ms for a
 * term in 50,000-70,000 rooms, for a page of 20 (docs/PERFORMANCE.md, "Search p99"). So a query of
 * at most {@link IndexMatchRepository#SAMPLED_MAX_LENGTH} characters (one index key per column: a single piece or
 * trigram) also sets {@code gin_fuzzy_search_limit} : a term matching
 * more than {@value IndexMatchRepository#SAMPLE} rooms of a status yields a random sample of about that many, far more
 * than a page, in 1-3 ms; a rarer term yields every match, as before. Longer queries have several
 * keys, whose independent samples would intersect to too few rows, so they are never sampled.
 */
final class RoomSearchRepository {
  // The status is a constant in each statement, never a parameter: a generic plan can use a partial
  // index only when the query's own predicate implies the index's.
  static final String LIVE = "SELECT " + RoomRepository.COLUMNS
    + " FROM rooms WHERE status = 'live' AND (lower(title) LIKE $1 OR lower(category) LIKE $1) LIMIT $2";
  static final String IDLE = "SELECT " + RoomRepository.COLUMNS
    + " FROM rooms WHERE status = 'idle' AND (lower(title) LIKE $1 OR lower(category) LIKE $1) LIMIT $2";
  static final String LIVE_SHORT = "SELECT " + RoomRepository.COLUMNS
    + " FROM rooms WHERE status = 'live' AND room_search_grams(title, category) @> ARRAY[$1::text] LIMIT $2";
  static final String IDLE_SHORT = "SELECT " + RoomRepository.COLUMNS
    + " FROM rooms WHERE status = 'idle' AND room_search_grams(title, category) @> ARRAY[$1::text] LIMIT $2";

  private final Pool pool;

  RoomSearchRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Room>> search(SearchTerms terms, int limit) {
    boolean longQuery = terms.contains() != null;
    String term = longQuery ? terms.contains() : terms.text();
    boolean sampled = IndexMatchRepository.sampled(terms.text());
    return IndexMatchRepository.withIndexMatch(pool, sampled, conn -> page(conn, longQuery ? LIVE : LIVE_SHORT, term, limit)
      .compose(live -> live.size() >= limit ? Future.succeededFuture(live)
        : page(conn, longQuery ? IDLE : IDLE_SHORT, term, limit - live.size()).map(rest -> {
          List<Room> all = new ArrayList<>(live);
          all.addAll(rest);
          return all;
        })));
  }

  private static Future<List<Room>> page(SqlConnection conn, String sql, String term, int limit) {
    return conn.preparedQuery(sql).execute(Tuple.of(term, limit)).map(RoomSearchRepository::rooms);
  }

  private static List<Room> rooms(RowSet<Row> found) {
    List<Room> out = new ArrayList<>();
    found.forEach(r -> out.add(RoomRepository.toRoom(r)));
    return out;
  }
}
