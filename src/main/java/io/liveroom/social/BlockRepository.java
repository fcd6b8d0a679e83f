package io.liveroom.social;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The block list ({@code user_blocks}): who blocked whom, and the either-way checks every effect asks. */
final class BlockRepository {
  static final String INSERT = """
    INSERT INTO user_blocks (blocker_id, blocked_id) VALUES ($1, $2) ON CONFLICT DO NOTHING""";
  static final String DELETE = "DELETE FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2";
  static final String EITHER_WAY = """
    SELECT EXISTS (SELECT 1 FROM user_blocks
      WHERE (blocker_id = $1 AND blocked_id = $2) OR (blocker_id = $2 AND blocked_id = $1))""";
  static final String BLOCKED_AMONG = """
    SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = $1 AND blocked_id = ANY($2::bigint[])
    UNION
    SELECT blocker_id FROM user_blocks WHERE blocked_id = $1 AND blocker_id = ANY($2::bigint[])""";
  static final String ALL_EITHER_WAY = """
    SELECT blocked_id AS id FROM user_blocks WHERE blocker_id = $1
    UNION
    SELECT blocker_id FROM user_blocks WHERE blocked_id = $1""";
  static final String PAGE = """
    SELECT id, blocked_id, created_at FROM user_blocks WHERE blocker_id = $1 AND id < $2
    ORDER BY id DESC LIMIT $3""";
  static final String BLOCKED_BY_ME = "SELECT EXISTS (SELECT 1 FROM user_blocks WHERE blocker_id = $1 AND blocked_id = $2)";

  /** One row of the caller's block list. */
  record Entry(long cursor, long userId, OffsetDateTime since) {
  }

  private final Pool pool;

  BlockRepository(Pool pool) {
    this.pool = pool;
  }

  Future<Void> insert(SqlClient tx, long blocker, long blocked) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(blocker, blocked)).mapEmpty();
  }

  Future<Void> delete(long blocker, long blocked) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(blocker, blocked)).mapEmpty();
  }

  Future<Boolean> eitherWay(SqlClient client, long a, long b) {
    return client.preparedQuery(EITHER_WAY).execute(Tuple.of(a, b)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<Boolean> eitherWay(long a, long b) {
    return eitherWay(pool, a, b);
  }

  Future<Boolean> blockedByMe(long me, long other) {
    return pool.preparedQuery(BLOCKED_BY_ME).execute(Tuple.of(me, other)).map(rows -> rows.iterator().next().getBoolean(0));
  }

  Future<Set<Long>> blockedAmong(long userId, Collection<Long> candidates) {
    if (candidates.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    return pool.preparedQuery(BLOCKED_AMONG).execute(Tuple.of(userId, (Object) candidates.toArray(new Long[0]))).map(BlockRepository::ids);
  }

  /** Everyone with a block either way with the user (search leaves them out). */
  Future<Set<Long>> allEitherWay(long userId) {
    return pool.preparedQuery(ALL_EITHER_WAY).execute(Tuple.of(userId)).map(BlockRepository::ids);
  }

  private static Set<Long> ids(Iterable<Row> rows) {
    Set<Long> out = new HashSet<>();
    rows.forEach(r -> out.add(r.getLong(0)));
    return out;
  }

  Future<List<Entry>> page(long blocker, long before, int limit) {
    return pool.preparedQuery(PAGE).execute(Tuple.of(blocker, before, limit)).map(rows -> {
      List<Entry> out = new ArrayList<>();
      rows.forEach(r -> out.add(new Entry(r.getLong("id"), r.getLong("blocked_id"), r.getOffsetDateTime("created_at"))));
      return out;
    });
  }
}
