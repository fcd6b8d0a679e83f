package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A domain operation callable over the socket with the protocol's {@code rpc} command, by
 * {@code method} name (for example {@code gift.send}). Called on an event loop; must not block.
 * A failed future with an {@code AppException} becomes the protocol error reply.
 */
public interface RpcMethod {
  String name();

  Future<JsonObject> call(RpcContext context, JsonObject params);

  /** Who calls, and on which connection (so a generation can stop when that connection goes). */
  record RpcContext(Principal principal, String clientId) {
  }
}
