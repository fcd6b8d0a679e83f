package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;

/**
 * Checks the ledger's invariants on one consistent snapshot (REPEATABLE READ, read only):
 * <ul>
 *   <li>every transaction's entries sum to zero per currency, and all entries per currency too;</li>
 *   <li>every entry's account exists and has the entry's currency;</li>
 *   <li>every account's balance equals the sum of its entries, minus, for deferred accounts, the
 *       entries of transactions still waiting for the folder (reported as {@code pending});</li>
 *   <li>no account that must stay non-negative is negative, neither its balance nor its balance
 *       plus its pending entries.</li>
 * </ul>
 */
public final class Reconciliation {
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

  public Reconciliation(Pool pool) {
    this.pool = pool;
  }

  /** The report; {@code ok} is true only if every check passed. */
  public Future<JsonObject> check() {
    return pool.withTransaction(conn -> conn.query(SNAPSHOT).execute()
      .compose(v -> run(conn)));
  }

  private Future<JsonObject> run(SqlConnection conn) {
    JsonObject report = new JsonObject();
    JsonArray unbalanced = new JsonArray();
    JsonArray mismatched = new JsonArray();
    JsonObject currencies = new JsonObject();
    JsonArray orphans = new JsonArray();
    return conn.query(UNBALANCED_TX).execute()
      .compose(rows -> {
        rows.forEach(r -> unbalanced.add(new JsonObject().put("transactionId", r.getLong("tx_id"))
          .put("currency", r.getString("currency")).put("sum", r.getLong("total"))));
        return conn.query(CURRENCY_TOTALS).execute();
      })
      .compose(rows -> {
        rows.forEach(r -> currencies.put(r.getString("currency"), new JsonObject()
          .put("entries", r.getLong("entries")).put("balances", r.getLong("balances"))));
        return conn.query(ACCOUNT_MISMATCHES).execute();
      })
      .compose(rows -> {
        rows.forEach(r -> mismatched.add(mismatch(r)));
        return conn.query(ORPHAN_ENTRIES).execute();
      })
      .compose(rows -> {
        rows.forEach(r -> orphans.add(new JsonObject().put("entryId", r.getLong("id"))
          .put("transactionId", r.getLong("tx_id")).put("accountId", r.getLong("account_id"))
          .put("currency", r.getString("currency"))));
        return conn.query(COUNTS).execute();
      })
      .map(rows -> {
        Row c = rows.iterator().next();
        boolean totalsZero = currencies.stream().allMatch(e -> ((JsonObject) e.getValue()).getLong("entries") == 0);
        return report.put("ok", unbalanced.isEmpty() && mismatched.isEmpty() && orphans.isEmpty() && totalsZero)
          .put("transactions", c.getLong("transactions"))
          .put("entries", c.getLong("entries"))
          .put("unfoldedTransactions", c.getLong("unfolded"))
          .put("pendingCredits", c.getLong("pending_credits"))
          .put("currencies", currencies)
          .put("unbalancedTransactions", unbalanced)
          .put("accountMismatches", mismatched)
          .put("entriesWithoutMatchingAccount", orphans);
      });
  }

  private static JsonObject mismatch(Row r) {
    return new JsonObject().put("accountId", r.getLong("id")).put("kind", r.getString("kind"))
      .put("ownerId", r.getLong("owner_id")).put("balance", r.getLong("balance"))
      .put("sumOfEntries", r.getLong("total")).put("pending", r.getLong("pending"));
  }
}
