package io.liveroom.room;

import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Room search by title and category, live rooms first, closed rooms never. A short query (under
 * {@link SearchTerms#MIN_CONTAINS} characters) matches prefixes through the btree indexes on
 * {@code lower(title|category) COLLATE "C"}; a longer one matches anywhere through the trigram
 * indexes (V87).
 */
final class RoomSearchRepository {
  static final String BY_PREFIX = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed'
      AND ((lower(title) COLLATE "C" >= $1 AND lower(title) COLLATE "C" < $2)
        OR (lower(category) COLLATE "C" >= $1 AND lower(category) COLLATE "C" < $2))
    ORDER BY (status = 'live') DESC, id DESC LIMIT $3""";
  static final String BY_SUBSTRING = "SELECT " + RoomRepository.COLUMNS + """
     FROM rooms WHERE status <> 'closed' AND (lower(title) LIKE $1 OR lower(category) LIKE $1)
    ORDER BY (status = 'live') DESC, id DESC LIMIT $2""";

  private final Pool pool;

  RoomSearchRepository(Pool pool) {
    this.pool = pool;
  }

  Future<List<Room>> search(SearchTerms terms, int limit) {
    Future<io.vertx.sqlclient.RowSet<io.vertx.sqlclient.Row>> rows = terms.contains() == null
      ? pool.preparedQuery(BY_PREFIX).execute(Tuple.of(terms.prefixFrom(), terms.prefixTo(), limit))
      : pool.preparedQuery(BY_SUBSTRING).execute(Tuple.of(terms.contains(), limit));
    return rows.map(found -> {
      List<Room> out = new ArrayList<>();
      found.forEach(r -> out.add(RoomRepository.toRoom(r)));
      return out;
    });
  }
}
