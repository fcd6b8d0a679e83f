package io.liveroom.reward;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.function.Function;

/**
 * SQL for withdrawals: the request's row, the once-only decision (a conditional status update),
 * the lists hosts and admins read, and the personal-data export and cancellation check.
 */
final class WithdrawalRepository {
  static final String INSERT = """
    INSERT INTO withdrawals (host_id, beans, status, request_tx_id) VALUES ($1, $2, 'pending', $3)
    RETURNING id, host_id, beans, status, created_at, decided_at""";
  static final String DECIDE = """
    UPDATE withdrawals SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'pending'
    RETURNING id, host_id, beans""";
  static final String HOST_OF = "SELECT host_id FROM withdrawals WHERE id = $1";
  static final String SET_DECISION_TX = """
    UPDATE withdrawals SET decision_tx_id = $2 WHERE id = $1
    RETURNING id, host_id, beans, status, created_at, decided_at""";
  static final String BY_HOST = """
    SELECT id, host_id, beans, status, created_at, decided_at FROM withdrawals WHERE host_id = $1
    ORDER BY id DESC LIMIT 100""";
  static final String BY_STATUS = """
    SELECT id, host_id, beans, status, created_at, decided_at FROM withdrawals WHERE status = $1
    ORDER BY id LIMIT 200""";
  static final String OF_HOST = """
    SELECT id, beans, status, created_at, decided_at FROM withdrawals WHERE host_id = $1 ORDER BY id""";
  static final String PENDING_OF_HOST = "SELECT 1 FROM withdrawals WHERE host_id = $1 AND status = 'pending' LIMIT 1";

  private final Pool pool;

  WithdrawalRepository(Pool pool) {
    this.pool = pool;
  }

  /** Inside the request's ledger transaction; the new row. */
  Future<RowSet<Row>> insert(SqlClient tx, long hostId, long beans, long requestTxId) {
    return tx.preparedQuery(INSERT).execute(Tuple.of(hostId, beans, requestTxId));
  }

  /** The withdrawal's host; empty for an unknown id. */
  Future<Optional<Long>> hostOf(long id) {
    return pool.preparedQuery(HOST_OF).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? Optional.empty()
      : Optional.of(rows.iterator().next().getLong("host_id")));
  }

  /** Moves a pending withdrawal to {@code status}; no row when it is unknown or already decided. */
  Future<RowSet<Row>> decide(SqlClient tx, long id, String status, long adminId) {
    return tx.preparedQuery(DECIDE).execute(Tuple.of(id, status, adminId));
  }

  Future<RowSet<Row>> setDecisionTx(SqlClient tx, long id, long decisionTxId) {
    return tx.preparedQuery(SET_DECISION_TX).execute(Tuple.of(id, decisionTxId));
  }

  /** A host's latest withdrawals, newest first. */
  Future<RowSet<Row>> byHost(long hostId) {
    return pool.preparedQuery(BY_HOST).execute(Tuple.of(hostId));
  }

  /** Withdrawals in one status, oldest first (the admin's queue). */
  Future<RowSet<Row>> byStatus(String status) {
    return pool.preparedQuery(BY_STATUS).execute(Tuple.of(status));
  }

  /** Every withdrawal of the host, streamed into the export as {@code category}. */
  Future<Void> export(ExportWriter out, String category, long hostId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, OF_HOST, Tuple.of(hostId), mapper);
  }

  Future<Boolean> hasPending(long hostId) {
    return pool.preparedQuery(PENDING_OF_HOST).execute(Tuple.of(hostId)).map(rows -> rows.size() > 0);
  }
}
