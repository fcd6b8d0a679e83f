package io.liveroom.reward;

import io.liveroom.auth.Principal;
import io.liveroom.account.UserDirectory;
import io.liveroom.config.RewardsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;

import java.util.List;
import java.util.Map;

/**
 * Hosts withdraw bean earnings: a request (verified identity, at least the minimum) moves the
 * beans to the withdrawal pending account; an admin approves (pending to payout: paid out) or
 * rejects (pending back to the host). Every step is one ledger transaction with the withdrawal's
 * row, and decisions are audit-logged with them. A withdrawal is decided once: the status moves
 * from pending by a conditional update, and the decision's idempotency key is unique.
 */
public final class WithdrawalService {
  private final Pool pool;
  private final WithdrawalRepository withdrawals;
  private final LedgerRepository ledger;
  private final BalanceFolder folder;
  private final UserDirectory users;
  private final RewardsConfig config;
  volatile SpendingGate spending = SpendingGate.OPEN;

  WithdrawalService(Pool pool, WithdrawalRepository withdrawals, LedgerRepository ledger, BalanceFolder folder,
                    UserDirectory users, RewardsConfig config) {
    this.pool = pool;
    this.withdrawals = withdrawals;
    this.ledger = ledger;
    this.folder = folder;
    this.users = users;
    this.config = config;
  }

  public Future<JsonObject> request(Principal host, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    Object beans = body.getValue("beans");
    if (!(beans instanceof Integer || beans instanceof Long) || ((Number) beans).longValue() < 1) {
      errors.add("beans", "invalid", "beans must be a positive whole number.");
    }
    if (!(body.getValue("requestId") instanceof String q) || !q.matches("[A-Za-z0-9._:-]{1,64}")) {
      errors.add("requestId", "invalid", "requestId must be 1-64 characters of letters, digits, . _ : -");
    }
    errors.throwIfAny();
    long amount = ((Number) beans).longValue();
    if (amount < config.withdrawalMinBeans()) {
      throw AppException.of(ErrorCode.WITHDRAWAL_BELOW_MINIMUM, "The minimum withdrawal is "
        + config.withdrawalMinBeans() + " beans.").with(Map.of("minimumBeans", config.withdrawalMinBeans()));
    }
    String key = "withdrawal:" + host.userId() + ":" + body.getString("requestId");
    return spending.maySpend(host.userId(), "Withdrawal").compose(v -> users.find(host.userId()))
      .compose(u -> u.identityVerified() ? Future.succeededFuture(u) : Future.failedFuture(AppException.of(
        ErrorCode.WITHDRAWAL_IDENTITY_REQUIRED, "Withdrawals need a verified identity.")))
      .compose(u -> Future.all(ledger.account(AccountKind.HOST_BEANS, host.userId()),
        ledger.account(AccountKind.WITHDRAWAL_PENDING, null)))
      // Earlier gifts' beans may still wait for the folder; fold them so they can be withdrawn.
      .compose(ids -> folder.drain().map(ids))
      .compose(ids -> LedgerRetry.run("withdrawal request", config.retryAttempts(), () -> pool.withTransaction(conn ->
        ledger.post(conn, Posting.of("withdrawal_request", key, List.of(
            new Posting.Leg(ids.resultAt(0), AccountKind.HOST_BEANS, -amount),
            new Posting.Leg(ids.resultAt(1), AccountKind.WITHDRAWAL_PENDING, amount))))
          .compose(p -> withdrawals.insert(conn, host.userId(), amount, p.txId())))))
      .map(rows -> toJson(rows.iterator().next()))
      .recover(e -> LedgerRetry.duplicateKey(e)
        ? Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "This requestId was already used for a withdrawal."))
        : Future.failedFuture(e));
  }

  public Future<JsonObject> approve(Principal admin, long id) {
    return decide(admin, id, "paid", AccountKind.WITHDRAWAL_PAYOUT);
  }

  public Future<JsonObject> reject(Principal admin, long id) {
    return decide(admin, id, "rejected", AccountKind.HOST_BEANS);
  }

  /**
   * Accounts are resolved before the transaction (never a second pool connection while holding
   * one); the conditional status update inside it makes the decision happen once.
   */
  private Future<JsonObject> decide(Principal admin, long id, String status, AccountKind to) {
    String kind = "paid".equals(status) ? "withdrawal_approve" : "withdrawal_reject";
    return withdrawals.hostOf(id).compose(host -> {
      if (host.isEmpty()) {
        return Future.failedFuture(notPending());
      }
      long hostId = host.get();
      return Future.all(ledger.account(AccountKind.WITHDRAWAL_PENDING, null),
        ledger.account(to, to.owned() ? hostId : null));
    }).compose(ids -> LedgerRetry.run("withdrawal " + id + " " + status, config.retryAttempts(), () ->
      pool.withTransaction(conn -> withdrawals.decide(conn, id, status, admin.userId())
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(notPending());
          }
          Row w = rows.iterator().next();
          long beans = w.getLong("beans");
          return ledger.post(conn, Posting.of(kind, "withdrawal:" + id + ":decision", List.of(
              new Posting.Leg(ids.resultAt(0), AccountKind.WITHDRAWAL_PENDING, -beans),
              new Posting.Leg(ids.resultAt(1), to, beans))))
            .compose(p -> RewardAuditRepository.write(conn, admin.userId(), w.getLong("host_id"),
              "rewards.withdrawal." + status, "withdrawal", Long.toString(id),
              new JsonObject().put("beans", beans).put("transactionId", p.txId()))
              .map(p))
            .compose(p -> withdrawals.setDecisionTx(conn, id, p.txId()));
        })))).map(rows -> toJson(rows.iterator().next()));
  }

  private static AppException notPending() {
    return AppException.of(ErrorCode.WITHDRAWAL_NOT_PENDING, "This withdrawal does not exist or was already decided.");
  }

  public Future<JsonObject> mine(Principal host) {
    return withdrawals.byHost(host.userId()).map(WithdrawalService::items);
  }

  public Future<JsonObject> byStatus(String status) {
    if (!List.of("pending", "paid", "rejected").contains(status)) {
      throw AppException.validation(List.of(new io.liveroom.error.FieldError("status", "invalid",
        "status must be pending, paid or rejected.")));
    }
    return withdrawals.byStatus(status).map(WithdrawalService::items);
  }

  private static JsonObject items(Iterable<Row> rows) {
    JsonArray items = new JsonArray();
    rows.forEach(r -> items.add(toJson(r)));
    return new JsonObject().put("items", items);
  }

  static JsonObject toJson(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("hostId", r.getLong("host_id"))
      .put("beans", r.getLong("beans")).put("status", r.getString("status"))
      .put("createdAt", r.getOffsetDateTime("created_at").toInstant().toString())
      .put("decidedAt", r.getOffsetDateTime("decided_at") == null ? null
        : r.getOffsetDateTime("decided_at").toInstant().toString());
  }
}
