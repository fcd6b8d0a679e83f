package io.liveroom.reward;

import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;

/**
 * The result of a committed gift, identical for every replay of its request id: the ledger
 * transaction, what was sent, what it cost, and the sender's coin balance right after it.
 */
public record GiftReceipt(long transactionId, long senderId, long roomId, long giftId, int count, long coins,
                          long beans, long balanceAfter, String requestId, OffsetDateTime at) {
  public JsonObject toJson() {
    return new JsonObject().put("transactionId", transactionId).put("roomId", roomId).put("giftId", giftId)
      .put("count", count).put("coins", coins).put("hostBeans", beans).put("balance", balanceAfter)
      .put("requestId", requestId).put("at", at.toInstant().toString());
  }

  boolean sameRequest(GiftRequest r) {
    return r.roomId() == roomId && r.giftId() == giftId && r.count() == count;
  }
}
