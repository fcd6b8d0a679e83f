package io.liveroom.ai;

import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * {@code rpc ai.cancel {generationId}} → {@code {generationId, cancelled: true}}: stops a painting
 * of the caller's when the id names one, else the dialogue answer it names.
 */
public final class CancelRpc implements RpcMethod {
  private final DialogueService chat;
  private final PaintService paint;

  public CancelRpc(DialogueService chat, PaintService paint) {
    this.chat = chat;
    this.paint = paint;
  }

  @Override
  public String name() {
    return "ai.cancel";
  }

  @Override
  public Future<JsonObject> call(RpcContext context, JsonObject params) {
    String id = params == null ? null : params.getValue("generationId") instanceof String s ? s : null;
    if (id != null && paint.cancel(context.principal().userId(), id)) {
      return Future.succeededFuture(new JsonObject().put("generationId", id).put("cancelled", true));
    }
    return chat.cancel(context, params);
  }
}
