package io.liveroom.reward;

import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code rpc gift.send {roomId, giftId, count, requestId}} over the socket: the same service as
 * {@code POST /api/v1/rooms/{id}/gifts}, replying with the same receipt.
 */
public final class GiftSendRpc implements RpcMethod {
  public static final String NAME = "gift.send";

  private final GiftService gifts;

  public GiftSendRpc(GiftService gifts) {
    this.gifts = gifts;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Future<JsonObject> call(RpcContext context, JsonObject params) {
    try {
      return gifts.send(context.principal(), GiftRequest.from(params == null ? new JsonObject() : params, null))
        .map(GiftReceipt::toJson);
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }
}
