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
 * a shorter one (a two-character Chinese word is common) scans the open rooms, which stays cheap
 * at the size of the rooms table (docs/PERFORMANCE.md).
 */
final class RoomSearchRepository {
  static final String SEARCH = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed' AND (lower(title) LIKE $1 OR lower(category) LIKE $1)
    ORDER BY (status = 'live') DESC, id DESC LIMIT $2""";

  private final Pool pool;

  RoomSearchRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Room>> search(SearchTerms terms, int limit) {
    return pool.preparedQuery(SEARCH).execute(Tuple.of(terms.anywhere(), limit)).map(found -> {
      List<Room> out = new ArrayList<>();
      found.forEach(r -> out.add(RoomRepository.toRoom(r)));
      return out;
    });
  }
}
