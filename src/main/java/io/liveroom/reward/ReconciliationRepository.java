package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;

import java.util.function.Function;

/**
 * The ledger checks of {@link Reconciliation}, each one read-only statement, run together on one
 * consistent snapshot ({@link #inSnapshot}).
 */
final class ReconciliationRepository {
  static final String SNAPSHOT = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY";
  static final String UNBALANCED_TX = """
    SELECT tx_id, currency, sum(amount) AS total FROM ledger_entries
    GROUP BY tx_id, currency HAVING sum(amount) <> 0 ORDER BY tx_id LIMIT 100""";
  static final String CURRENCY_TOTALS = """
    SELECT c.currency,
      COALESCE((SELECT sum(amount) FROM ledger_entries e WHERE e.currency = c.currency), 0) AS entries,
      COALESCE((SELECT sum(balance) FROM ledger_accounts a WHERE a.currency = c.currency), 0) AS balances
    FROM (VALUES ('coin'), ('bean')) AS c(currency)""";
  static final String ACCOUNT_MISMATCHES = """
    WITH posted AS (SELECT account_id, sum(amount) AS total FROM ledger_entries GROUP BY account_id),
    pending AS (
      SELECT e.account_id, sum(e.amount) AS pending
      FROM ledger_entries e JOIN ledger_unfolded u ON u.tx_id = e.tx_id
      JOIN ledger_accounts d ON d.id = e.account_id AND d.deferred
      GROUP BY e.account_id)
    SELECT a.id, a.kind, a.owner_id, a.balance, COALESCE(p.total, 0) AS total,
      COALESCE(q.pending, 0) AS pending, a.may_go_negative
    FROM ledger_accounts a
    LEFT JOIN posted p ON p.account_id = a.id
    LEFT JOIN pending q ON q.account_id = a.id
    WHERE a.balance <> COALESCE(p.total, 0) - COALESCE(q.pending, 0)
       OR (NOT a.may_go_negative AND (a.balance < 0 OR a.balance + COALESCE(q.pending, 0) < 0))
    ORDER BY a.id LIMIT 100""";
  static final String ORPHAN_ENTRIES = """
    SELECT e.id, e.tx_id, e.account_id, e.currency FROM ledger_entries e
    LEFT JOIN ledger_accounts a ON a.id = e.account_id
    WHERE a.id IS NULL OR a.currency <> e.currency ORDER BY e.id LIMIT 100""";
  static final String COUNTS = """
    SELECT (SELECT count(*) FROM ledger_transactions) AS transactions,
      (SELECT count(*) FROM ledger_entries) AS entries,
      (SELECT count(*) FROM ledger_unfolded) AS unfolded,
      (SELECT COALESCE(sum(e.amount), 0) FROM ledger_entries e JOIN ledger_unfolded u ON u.tx_id = e.tx_id
         JOIN ledger_accounts a ON a.id = e.account_id AND a.deferred AND e.amount > 0) AS pending_credits""";

  private final Pool pool;

  ReconciliationRepository(Pool pool) {
    this.pool = pool;
  }

  /** Runs {@code checks} in one REPEATABLE READ, read-only transaction: every check sees the same state. */
  <T> Future<T> inSnapshot(Function<SqlConnection, Future<T>> checks) {
    return pool.withTransaction(conn -> conn.query(SNAPSHOT).execute().compose(v -> checks.apply(conn)));
  }

  /** Transactions whose entries do not sum to zero in a currency (at most 100). */
  Future<RowSet<Row>> unbalancedTransactions(SqlConnection conn) {
    return conn.query(UNBALANCED_TX).execute();
  }

  /** Per currency: the sum of all entries and the sum of all balances. */
  Future<RowSet<Row>> currencyTotals(SqlConnection conn) {
    return conn.query(CURRENCY_TOTALS).execute();
  }

  /** Accounts whose balance disagrees with their entries, or that are negative when they must not be. */
  Future<RowSet<Row>> accountMismatches(SqlConnection conn) {
    return conn.query(ACCOUNT_MISMATCHES).execute();
  }

  /** Entries whose account is missing or has another currency (at most 100). */
  Future<RowSet<Row>> orphanEntries(SqlConnection conn) {
    return conn.query(ORPHAN_ENTRIES).execute();
  }

  /** One row: transactions, entries, unfolded markers and the credits waiting for the folder. */
  Future<RowSet<Row>> counts(SqlConnection conn) {
    return conn.query(COUNTS).execute();
  }
}
