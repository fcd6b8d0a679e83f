package io.liveroom.account;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** SQL for counting real-name verification attempts per user over the last 24 hours ({@link IdentityAttempts}). */
final class IdentityAttemptRepository {
  static final String LOCK_USER = "SELECT id FROM users WHERE id = $1 FOR UPDATE";
  static final String FORGET_OLD = "DELETE FROM identity_attempts WHERE user_id = $1 AND at <= now() - interval '1 day'";
  static final String RECENT = """
    SELECT count(*) AS n, ceil(extract(epoch FROM min(at) + interval '1 day' - now()))::bigint AS retry_after
    FROM identity_attempts WHERE user_id = $1""";
  static final String INSERT = "INSERT INTO identity_attempts (user_id) VALUES ($1)";

  private final Pool pool;

  IdentityAttemptRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Locks the user's row for the rest of {@code tx}: the user's attempts are counted one after the other. */
  Future<Void> lockUser(SqlClient tx, long userId) {
    return tx.preparedQuery(LOCK_USER).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Deletes the user's attempts older than a day. */
  Future<Void> forgetOld(SqlClient tx, long userId) {
    return tx.preparedQuery(FORGET_OLD).execute(Tuple.of(userId)).mapEmpty();
  }

  /** One row: {@code n}, the attempts in the last day, and {@code retry_after}, seconds until the oldest leaves it. */
  Future<Row> recent(SqlClient tx, long userId) {
    return tx.preparedQuery(RECENT).execute(Tuple.of(userId)).map(rows -> rows.iterator().next());
  }

  Future<Void> insert(SqlClient tx, long userId) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(userId)).mapEmpty();
  }
}
