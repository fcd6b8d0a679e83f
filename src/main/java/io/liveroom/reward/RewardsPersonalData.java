package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Rewards' personal data for the privacy flows.
 *
 * <p>Export: gifts sent and received (the other party as a user id only), the wallet statement
 * and withdrawals. Cancellation is refused while a withdrawal is pending: the money must reach the
 * host or come back first. Erasure changes nothing here on purpose: ledger rows and gift events
 * are kept for legal retention, and they only ever held user ids, which now point at the
 * anonymized account; leaderboards hide accounts that are not active when they are read, so a
 * frozen or erased user has no public rank without any Redis clean-up.
 */
public final class RewardsPersonalData implements PersonalDataSource {
  private final GiftRepository gifts;
  private final WalletRepository wallets;
  private final WithdrawalRepository withdrawals;

  public RewardsPersonalData(Pool pool) {
    this.gifts = new GiftRepository(pool);
    this.wallets = new WalletRepository(pool);
    this.withdrawals = new WithdrawalRepository(pool);
  }

  @Override
  public List<String> categories() {
    return List.of("giftsSent", "giftsReceived", "walletStatement", "withdrawals");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return gifts.exportSent(out, "giftsSent", userId, r -> new JsonObject().put("transactionId", r.getLong("tx_id"))
        .put("hostId", r.getLong("host_id")).put("roomId", r.getLong("room_id")).put("giftId", r.getLong("gift_id"))
        .put("count", r.getInteger("gift_count")).put("coins", r.getLong("coins"))
        .put("at", iso(r.getOffsetDateTime("created_at"))))
      .compose(v -> gifts.exportReceived(out, "giftsReceived", userId, r -> new JsonObject()
        .put("transactionId", r.getLong("tx_id")).put("senderId", r.getLong("sender_id"))
        .put("roomId", r.getLong("room_id")).put("giftId", r.getLong("gift_id"))
        .put("count", r.getInteger("gift_count")).put("beans", r.getLong("beans"))
        .put("at", iso(r.getOffsetDateTime("created_at")))))
      .compose(v -> wallets.exportStatement(out, "walletStatement", userId, r -> new JsonObject()
        .put("entryId", r.getLong("id")).put("transactionId", r.getLong("tx_id")).put("kind", r.getString("kind"))
        .put("currency", r.getString("currency")).put("amount", r.getLong("amount"))
        .put("at", iso(r.getOffsetDateTime("created_at")))))
      .compose(v -> withdrawals.export(out, "withdrawals", userId, r -> new JsonObject()
        .put("id", r.getLong("id")).put("beans", r.getLong("beans")).put("status", r.getString("status"))
        .put("requestedAt", iso(r.getOffsetDateTime("created_at")))
        .put("decidedAt", iso(r.getOffsetDateTime("decided_at")))));
  }

  @Override
  public Future<Void> ensureCancellable(long userId) {
    return withdrawals.hasPending(userId).compose(pending -> !pending
      ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.CANCELLATION_BLOCKED,
        "A withdrawal of your earnings is pending; cancel once it is paid or rejected.")
        .with(Map.of("reason", "pending_withdrawal"))));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    // Nothing to erase: see the class comment (ledger retention; ids only; leaderboards filter).
    return Future.succeededFuture();
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
