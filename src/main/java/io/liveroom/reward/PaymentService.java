package io.liveroom.reward;

import io.liveroom.auth.Principal;
import io.liveroom.account.UserDirectory;
import io.liveroom.config.RewardsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.WebhookSignature;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;

/**
 * Coins coming in: the payment provider's webhook (signed, each provider event credited once,
 * from the recharge clearing account), the top-up product list, and admin credits (from the admin
 * adjustment account, audit-logged with the credit in one transaction).
 */
public final class PaymentService {
  private final Pool pool;
  private final PaymentRepository payments;
  private final LedgerRepository ledger;
  private final UserDirectory users;
  private final RewardsConfig config;
  private final Clock clock;
  /** Accepts {@code v1=}, this webhook's scheme before the one format, for one more release (docs/WEBHOOKS.md). */
  private final WebhookSignature signatures;
  volatile SpendingGate spending = SpendingGate.OPEN;

  PaymentService(Pool pool, PaymentRepository payments, LedgerRepository ledger, UserDirectory users,
                 RewardsConfig config, Clock clock, MeterRegistry meters) {
    this.pool = pool;
    this.payments = payments;
    this.ledger = ledger;
    this.users = users;
    this.config = config;
    this.clock = clock;
    this.signatures = WebhookSignature.receiver("payments", meters, "v1");
  }

  public Future<JsonObject> products() {
    return payments.products().map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(r -> items.add(new JsonObject().put("id", r.getString("id")).put("coins", r.getLong("coins"))
        .put("priceMinor", r.getLong("price_minor")).put("currency", r.getString("currency"))));
      return new JsonObject().put("items", items);
    });
  }

  /** Handles one webhook delivery; answers {@code credited}, {@code duplicate} or {@code ignored}. */
  public Future<JsonObject> webhook(String timestamp, String signature, Buffer body) {
    if (config.webhookSecret().isEmpty()) {
      return Future.failedFuture(AppException.of(ErrorCode.PAYMENTS_NOT_CONFIGURED,
        "Payments are not configured (rewards.webhook.secret)."));
    }
    signatures.verify(config.webhookSecret(), config.webhookToleranceSeconds(), clock.millis() / 1000,
      timestamp, signature, body);
    JsonObject event = parse(body);
    if (!"payment.succeeded".equals(event.getString("type"))) {
      return Future.succeededFuture(new JsonObject().put("status", "ignored"));
    }
    String eventId = event.getString("id");
    JsonObject data = event.getJsonObject("data");
    long userId = data.getLong("userId");
    String productId = data.getString("productId");
    return users.find(userId).recover(e -> Future.failedFuture(invalid("data.userId", "No such user.")))
      .compose(u -> spending.maySpend(userId, "Recharge")) // refused: not acknowledged, so the provider reverses it
      .compose(u -> payments.productCoins(productId))
      .compose(coins -> coins.isEmpty() ? Future.failedFuture(invalid("data.productId", "No such product."))
        : Future.succeededFuture(coins.get()))
      .compose(coins -> credit(eventId, userId, productId, coins))
      .recover(e -> LedgerRetry.duplicateKey(e)
        ? Future.succeededFuture(new JsonObject().put("status", "duplicate"))
        : Future.failedFuture(e));
  }

  private Future<JsonObject> credit(String eventId, long userId, String productId, long coins) {
    Future<Long> clearing = ledger.account(AccountKind.RECHARGE_CLEARING, null);
    Future<Long> wallet = ledger.account(AccountKind.USER_COINS, userId);
    return Future.all(clearing, wallet).compose(ids -> LedgerRetry.run("recharge " + eventId, config.retryAttempts(),
      () -> pool.withTransaction(conn -> ledger.post(conn, Posting.of("recharge", "recharge:" + eventId, List.of(
          new Posting.Leg(clearing.result(), AccountKind.RECHARGE_CLEARING, -coins),
          new Posting.Leg(wallet.result(), AccountKind.USER_COINS, coins))))
        .compose(posted -> payments.insertEvent(conn, eventId, userId, productId, coins, posted.txId())
          .map(posted)))))
      .map(posted -> new JsonObject().put("status", "credited").put("transactionId", posted.txId())
        .put("coins", coins));
  }

  private static JsonObject parse(Buffer body) {
    JsonObject event;
    try {
      event = body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw AppException.of(ErrorCode.MALFORMED_JSON, "The webhook body is not a JSON object.");
    }
    FieldErrors errors = new FieldErrors();
    if (!(event.getValue("id") instanceof String id) || id.isBlank() || id.length() > 128) {
      errors.add("id", "invalid", "id must be the provider's event id.");
    }
    if (!(event.getValue("type") instanceof String)) {
      errors.add("type", "invalid", "type is required.");
    }
    if ("payment.succeeded".equals(event.getValue("type"))) {
      Object data = event.getValue("data");
      if (!(data instanceof JsonObject d) || !(d.getValue("userId") instanceof Number)
        || !(d.getValue("productId") instanceof String)) {
        errors.add("data", "invalid", "data needs userId and productId.");
      }
    }
    errors.throwIfAny();
    return event;
  }

  private static AppException invalid(String field, String message) {
    return AppException.validation(List.of(new io.liveroom.error.FieldError(field, "unknown", message)));
  }

  /** An admin credits a user's wallet (support, promotions); one credit per requestId. */
  public Future<JsonObject> adminCredit(Principal admin, long userId, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    Object coins = body.getValue("coins");
    if (!(coins instanceof Integer || coins instanceof Long) || ((Number) coins).longValue() < 1) {
      errors.add("coins", "invalid", "coins must be a positive whole number.");
    }
    if (!(body.getValue("reason") instanceof String r) || r.isBlank() || r.length() > 500) {
      errors.add("reason", "invalid", "reason is required (up to 500 characters).");
    }
    if (!(body.getValue("requestId") instanceof String q) || !q.matches("[A-Za-z0-9._:-]{1,64}")) {
      errors.add("requestId", "invalid", "requestId must be 1-64 characters of letters, digits, . _ : -");
    }
    errors.throwIfAny();
    long amount = ((Number) coins).longValue();
    String key = "admin_credit:" + admin.userId() + ":" + body.getString("requestId");
    return users.find(userId)
      .compose(u -> Future.all(ledger.account(AccountKind.ADMIN_ADJUSTMENT, null), ledger.account(AccountKind.USER_COINS, userId)))
      .compose(ids -> LedgerRetry.run("admin credit", config.retryAttempts(), () -> pool.withTransaction(conn ->
        ledger.post(conn, Posting.of("admin_credit", key, List.of(
            new Posting.Leg(ids.resultAt(0), AccountKind.ADMIN_ADJUSTMENT, -amount),
            new Posting.Leg(ids.resultAt(1), AccountKind.USER_COINS, amount))))
          .compose(p -> RewardAuditRepository.write(conn, admin.userId(), userId, "rewards.admin_credit",
            "ledger_transaction", Long.toString(p.txId()),
            new JsonObject().put("coins", amount).put("reason", body.getString("reason")))
            .map(p)))))
      .map(p -> new JsonObject().put("status", "credited").put("transactionId", p.txId()).put("coins", amount))
      .recover(e -> LedgerRetry.duplicateKey(e)
        ? Future.succeededFuture(new JsonObject().put("status", "duplicate"))
        : Future.failedFuture(e));
  }
}
