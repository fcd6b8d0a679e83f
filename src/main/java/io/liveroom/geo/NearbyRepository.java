package io.liveroom.geo;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Nearby's SQL: the visibility opt-in, and it for the privacy flows (blocks are social's, asked through {@link BlockedPairs}). */
final class NearbyRepository {
  static final String SET_VISIBLE = """
    INSERT INTO nearby_visibility (user_id, visible) VALUES ($1, $2)
    ON CONFLICT (user_id) DO UPDATE SET visible = EXCLUDED.visible, updated_at = now()""";
  static final String IS_VISIBLE = "SELECT visible FROM nearby_visibility WHERE user_id = $1";
  /** The candidates; visible ones only when $2 is true. */
  static final String LISTABLE = """
    SELECT u.id FROM unnest($1::bigint[]) AS u(id)
    WHERE ($2 = false OR EXISTS (SELECT 1 FROM nearby_visibility v WHERE v.user_id = u.id AND v.visible))""";

  static final String VISIBILITY = "SELECT visible, updated_at FROM nearby_visibility WHERE user_id = $1";
  static final String DELETE_VISIBILITY = "DELETE FROM nearby_visibility WHERE user_id = $1";

  private final Pool pool;

  NearbyRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> setVisible(long userId, boolean visible) {
    return pool.preparedQuery(SET_VISIBLE).execute(Tuple.of(userId, visible)).mapEmpty();
  }

  Future<Boolean> isVisible(long userId) {
    return pool.preparedQuery(IS_VISIBLE).execute(Tuple.of(userId))
      .map(rows -> rows.size() > 0 && rows.iterator().next().getBoolean(0));
  }

  /** Of the candidates, those opted in when required (all of them otherwise). */
  Future<Set<Long>> listable(Collection<Long> candidates, boolean requireVisible) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery(LISTABLE).execute(Tuple.of(candidates.toArray(new Long[0]), requireVisible))
      .map(rows -> {
        Set<Long> out = new HashSet<>();
        rows.forEach(r -> out.add(r.getLong(0)));
        return out;
      });
  }

  /** The user's visibility row ({@code visible}, {@code updated_at}); empty when they never chose. */
  Future<Optional<Row>> visibility(long userId) {
    return pool.preparedQuery(VISIBILITY).execute(Tuple.of(userId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()));
  }

  /** Deletes the user's visibility choice through {@code tx}. */
  Future<Void> erase(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_VISIBILITY).execute(Tuple.of(userId)).mapEmpty();
  }
}
