package io.liveroom.reward;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
  private final ReconciliationRepository checks;

  Reconciliation(ReconciliationRepository checks) {
    this.checks = checks;
  }

  /** The report; {@code ok} is true only if every check passed. */
  public Future<JsonObject> check() {
    return checks.inSnapshot(this::run);
  }

  private Future<JsonObject> run(SqlConnection conn) {
    JsonObject report = new JsonObject();
    JsonArray unbalanced = new JsonArray();
    JsonArray mismatched = new JsonArray();
    JsonObject currencies = new JsonObject();
    JsonArray orphans = new JsonArray();
    return checks.unbalancedTransactions(conn)
      .compose(rows -> {
        rows.forEach(r -> unbalanced.add(new JsonObject().put("transactionId", r.getLong("tx_id"))
          .put("currency", r.getString("currency")).put("sum", r.getLong("total"))));
        return checks.currencyTotals(conn);
      })
      .compose(rows -> {
        rows.forEach(r -> currencies.put(r.getString("currency"), new JsonObject()
          .put("entries", r.getLong("entries")).put("balances", r.getLong("balances"))));
        return checks.accountMismatches(conn);
      })
      .compose(rows -> {
        rows.forEach(r -> mismatched.add(mismatch(r)));
        return checks.orphanEntries(conn);
      })
      .compose(rows -> {
        rows.forEach(r -> orphans.add(new JsonObject().put("entryId", r.getLong("id"))
          .put("transactionId", r.getLong("tx_id")).put("accountId", r.getLong("account_id"))
          .put("currency", r.getString("currency"))));
        return checks.counts(conn);
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
