package io.liveroom.ai;

import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code rpc ai.paint {prompt, size?, style?, referenceMediaId?}} → {@code {generationId, channel}}. */
public final class PaintRpc implements RpcMethod {
  private final PaintService paint;

  public PaintRpc(PaintService paint) {
    this.paint = paint;
  }

  @Override
  public String name() {
    return "ai.paint";
  }

  @Override
  public Future<JsonObject> call(RpcContext context, JsonObject params) {
    return paint.paint(context, params);
  }
}
