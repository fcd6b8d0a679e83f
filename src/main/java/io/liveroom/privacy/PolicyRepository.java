package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;

/** SQL for privacy's own record of every policy acceptance ({@code policy_acceptances}). */
final class PolicyRepository {
  static final String RECORD = "INSERT INTO policy_acceptances (user_id, policy_version, accepted_at, ip) VALUES ($1, $2, $3, $4)";

  private final Pool pool;

  PolicyRepository(Pool pool) {
    this.pool = pool;
  }

  Pool pool() {
    return pool;
  }

  /** Appends one acceptance through {@code tx} (the transaction that also updates the account). */
  Future<Void> record(SqlClient tx, long userId, String version, OffsetDateTime at, String ip) {
    return tx.preparedQuery(RECORD).execute(Tuple.of(userId, version, at, ip)).mapEmpty();
  }
}
