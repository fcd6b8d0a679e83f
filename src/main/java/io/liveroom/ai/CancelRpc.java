package io.liveroom.ai;

import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code rpc ai.cancel {generationId}} → {@code {generationId, cancelled: true}}. */
public final class CancelRpc implements RpcMethod {
  private final DialogueService chat;

  public CancelRpc(DialogueService chat) {
    this.chat = chat;
  }

  @Override
  public String name() {
    return "ai.cancel";
  }

  @Override
  public Future<JsonObject> call(RpcContext context, JsonObject params) {
    return chat.cancel(context, params);
  }
}
