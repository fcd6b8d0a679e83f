package io.liveroom.room;

import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Room search by title and category, live rooms first, closed rooms never. The query matches
 * anywhere in either, at any length: from three characters the trigram indexes (V87) narrow it;
 * a shorter one (a two-character Chinese word is common) is a {@code strpos} scan of the rooms,
 * on purpose not a {@code LIKE}: a trigram index cannot narrow it, and walking the whole index
 * costs more than the scan (docs/PERFORMANCE.md).
 */
final class RoomSearchRepository {
  static final String SEARCH = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed' AND (lower(title) LIKE $1 OR lower(category) LIKE $1)
    ORDER BY (status = 'live') DESC, id DESC LIMIT $2""";
  static final String SEARCH_SHORT = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed' AND (strpos(lower(title), $1) > 0 OR strpos(lower(category), $1) > 0)
    ORDER BY (status = 'live') DESC, id DESC LIMIT $2""";

  private final Pool pool;

  RoomSearchRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Room>> search(SearchTerms terms, int limit) {
    Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> rows = terms.contains() != null
      ? pool.preparedQuery(SEARCH).execute(Tuple.of(terms.contains(), limit))
      : pool.preparedQuery(SEARCH_SHORT).execute(Tuple.of(terms.text(), limit));
    return rows.map(found -> {
      List<Room> out = new ArrayList<>();
      found.forEach(r -> out.add(RoomRepository.toRoom(r)));
      return out;
    });
  }
}
