package io.liveroom.account;

import io.liveroom.text.SearchTerms;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PeopleDirectory} from the {@code users} table. Prefix search reads the btree index on
 * {@code lower(nickname) COLLATE "C"} (active accounts only) in order; substring search uses the
 * trigram index on {@code lower(nickname)} (both from V87).
 */
final class PeopleRepository implements PeopleDirectory {
  static final String BY_PREFIX = """
    SELECT id, nickname, avatar_url, role, status, identity_verified, birth_date, phone_idx IS NOT NULL AS has_phone FROM users
    WHERE status = 'active' AND lower(nickname) COLLATE "C" >= $1 AND lower(nickname) COLLATE "C" < $2
      AND id <> ALL($3::bigint[])
    ORDER BY lower(nickname) COLLATE "C", id LIMIT $4""";
  static final String BY_SUBSTRING = """
    SELECT id, nickname, avatar_url, role, status, identity_verified, birth_date, phone_idx IS NOT NULL AS has_phone FROM users
    WHERE status = 'active' AND lower(nickname) LIKE $1 AND id <> ALL($2::bigint[])
    LIMIT $3""";
  /**
   * Leaves the trigram index's bitmap scan as the only plan for the substring fill's transaction:
   * with a LIMIT the planner otherwise prefers a sequential (or whole-btree) scan that "stops
   * early", which reads all 1,000,000 rows when the term is rare (docs/PERFORMANCE.md).
   */
  static final String INDEX_MATCH_ONLY = "SELECT set_config('enable_seqscan', 'off', true),"
    + " set_config('enable_indexscan', 'off', true), set_config('enable_indexonlyscan', 'off', true)";
  static final String SUMMARIES = """
    SELECT id, nickname, avatar_url, role, status, identity_verified, birth_date, phone_idx IS NOT NULL AS has_phone FROM users
    WHERE id = ANY($1::bigint[])""";

  private final Pool pool;

  PeopleRepository(Pool pool) {
    this.pool = pool;
  }

  @Override
  public Future<List<UserSummary>> search(SearchTerms terms, Collection<Long> excluded, int limit) {
    Long[] skip = excluded.toArray(new Long[0]);
    return pool.preparedQuery(BY_PREFIX).execute(Tuple.of(terms.prefixFrom(), terms.prefixTo(), skip, limit))
      .compose(rows -> {
        Map<Long, UserSummary> found = new LinkedHashMap<>();
        rows.forEach(r -> found.put(r.getLong("id"), PgUserDirectory.toSummary(r)));
        if (found.size() >= limit || terms.contains() == null) {
          return Future.succeededFuture(List.copyOf(found.values()));
        }
        // Substring matches fill the page; those already found by prefix are skipped here, not in SQL.
        // No ORDER BY on purpose (it would sort every match), and only the trigram index may answer.
        return pool.withTransaction(conn -> conn.query(INDEX_MATCH_ONLY).execute()
            .compose(v -> conn.preparedQuery(BY_SUBSTRING).execute(Tuple.of(terms.contains(), skip, limit))))
          .map(more -> fill(found, more, limit));
      });
  }

  private static List<UserSummary> fill(Map<Long, UserSummary> found, RowSet<Row> more, int limit) {
    for (Row r : more) {
      if (found.size() >= limit) {
        break;
      }
      found.putIfAbsent(r.getLong("id"), PgUserDirectory.toSummary(r));
    }
    return new ArrayList<>(found.values());
  }

  @Override
  public Future<Map<Long, UserSummary>> summaries(Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    return pool.preparedQuery(SUMMARIES).execute(Tuple.of(ids.toArray(new Long[0]))).map(rows -> {
      Map<Long, UserSummary> out = new HashMap<>();
      rows.forEach(r -> out.put(r.getLong("id"), PgUserDirectory.toSummary(r)));
      return out;
    });
  }
}
