package io.liveroom.geo;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Nearby's SQL: the visibility opt-in and the block filter, and both for the privacy flows. */
final class NearbyRepository {
  static final String SET_VISIBLE = """
    INSERT INTO nearby_visibility (user_id, visible) VALUES ($1, $2)
    ON CONFLICT (user_id) DO UPDATE SET visible = EXCLUDED.visible, updated_at = now()""";
  static final String IS_VISIBLE = "SELECT visible FROM nearby_visibility WHERE user_id = $1";
  /** Candidates not blocked by or blocking the viewer; visible ones only when $3 is true. */
  static final String LISTABLE = """
    SELECT u.id FROM unnest($1::bigint[]) AS u(id)
    WHERE ($3 = false OR EXISTS (SELECT 1 FROM nearby_visibility v WHERE v.user_id = u.id AND v.visible))
      AND NOT EXISTS (SELECT 1 FROM user_blocks b
                      WHERE (b.blocker_id = $2 AND b.blocked_id = u.id)
                         OR (b.blocker_id = u.id AND b.blocked_id = $2))""";

  static final String VISIBILITY = "SELECT visible, updated_at FROM nearby_visibility WHERE user_id = $1";
  static final String BLOCKS_BY = "SELECT blocked_id, created_at FROM user_blocks WHERE blocker_id = $1 ORDER BY created_at";
  static final String DELETE_VISIBILITY = "DELETE FROM nearby_visibility WHERE user_id = $1";
  static final String DELETE_BLOCKS = "DELETE FROM user_blocks WHERE blocker_id = $1 OR blocked_id = $1";

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

  /** Of the candidates, those the viewer may see: no block either way, and opted in if required. */
  Future<Set<Long>> listable(long viewerId, Collection<Long> candidates, boolean requireVisible) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery(LISTABLE).execute(Tuple.of(candidates.toArray(new Long[0]), viewerId, requireVisible))
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

  /** The blocks the user made ({@code blocked_id}, {@code created_at}), oldest first, into the export. */
  Future<Void> exportBlocks(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, BLOCKS_BY, Tuple.of(userId), mapper);
  }

  /** Deletes the user's visibility, then every block they made or received, through {@code tx}. */
  Future<Void> erase(SqlClient tx, long userId) {
    return tx.preparedQuery(DELETE_VISIBILITY).execute(Tuple.of(userId))
      .compose(v -> tx.preparedQuery(DELETE_BLOCKS).execute(Tuple.of(userId))).mapEmpty();
  }
}
