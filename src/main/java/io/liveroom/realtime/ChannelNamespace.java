package io.liveroom.realtime;

import io.liveroom.account.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * A family of channels named {@code <name>:<id>} (for example {@code room:42}), registered by a
 * capability with its options and permission checks. The real-time core knows nothing about what
 * the channels mean; it asks the namespace.
 *
 * <p>Both checks are called on an event loop and must not block. A refusal is a failed future
 * carrying an {@code AppException}; its code goes back to the client as the protocol error.
 */
public interface ChannelNamespace {
  /** The part before the colon. */
  String name();

  NamespaceOptions options();

  /** May this user subscribe to this channel now? */
  Future<Void> authorizeSubscribe(Principal principal, String channel);

  /**
   * May this user publish {@code data} here now? On success returns the data to publish, which may
   * differ from the input (a masked word, the sender's profile and a server timestamp added). Only
   * called when {@link NamespaceOptions#clientPublish()} is true.
   */
  default Future<JsonObject> authorizePublish(Principal principal, String channel, JsonObject data) {
    return Future.failedFuture(io.liveroom.error.AppException.of(
      io.liveroom.error.ErrorCode.PERMISSION_DENIED, "Clients cannot publish in this namespace."));
  }
}
