package io.liveroom.reward;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.time.LocalDate;
import java.util.function.Function;

/** SQL for a user's own money: their coin and bean accounts, and the statement of their entries. */
final class WalletRepository {
  static final String ACCOUNTS = """
    SELECT a.id, a.kind, a.balance,
      CASE WHEN a.spent_day = $2 THEN a.spent_day_coins ELSE 0 END AS day_coins,
      CASE WHEN a.spent_month = $3 THEN a.spent_month_coins ELSE 0 END AS month_coins,
      COALESCE((SELECT sum(e.amount) FROM ledger_entries e JOIN ledger_unfolded u ON u.tx_id = e.tx_id
        WHERE e.account_id = a.id AND a.deferred), 0) AS pending
    FROM ledger_accounts a WHERE a.owner_id = $1 AND a.kind IN ('user_coins', 'host_beans')""";
  static final String STATEMENT = """
    SELECT e.id, e.tx_id, e.currency, e.amount, t.kind, t.created_at
    FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.tx_id
    JOIN ledger_accounts a ON a.id = e.account_id
    WHERE a.owner_id = $1 AND a.kind IN ('user_coins', 'host_beans') AND e.id < $2
    ORDER BY e.id DESC LIMIT $3""";

  static final String FULL_STATEMENT = """
    SELECT e.id, e.tx_id, e.currency, e.amount, t.kind, t.created_at
    FROM ledger_entries e JOIN ledger_transactions t ON t.id = e.tx_id
    JOIN ledger_accounts a ON a.id = e.account_id
    WHERE a.owner_id = $1 AND a.kind IN ('user_coins', 'host_beans') ORDER BY e.id""";

  private final Pool pool;

  WalletRepository(Pool pool) {
    this.pool = pool;
  }

  /**
   * The user's coin and bean accounts with the spending of {@code today} and of the month starting
   * {@code monthStart}, and the credits still waiting for the folder ({@code pending}).
   */
  Future<RowSet<Row>> accounts(long userId, LocalDate today, LocalDate monthStart) {
    return pool.preparedQuery(ACCOUNTS).execute(Tuple.of(userId, today, monthStart));
  }

  /** Up to {@code limit} of the user's entries with an id below {@code before}, newest first. */
  Future<RowSet<Row>> statement(long userId, long before, int limit) {
    return pool.preparedQuery(STATEMENT).execute(Tuple.of(userId, before, limit));
  }

  /** Every entry of the user's accounts, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportStatement(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, FULL_STATEMENT, Tuple.of(userId), mapper);
  }
}
