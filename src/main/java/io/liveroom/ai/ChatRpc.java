package io.liveroom.ai;

import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/** {@code rpc ai.chat {conversationId, text, requestId}} → {@code {generationId, conversationId, channel}}. */
public final class ChatRpc implements RpcMethod {
  private final DialogueService chat;

  public ChatRpc(DialogueService chat) {
    this.chat = chat;
  }

  @Override
  public String name() {
    return "ai.chat";
  }

  @Override
  public Future<JsonObject> call(RpcContext context, JsonObject params) {
    return chat.chat(context, params);
  }
}
