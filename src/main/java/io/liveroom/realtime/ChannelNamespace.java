package io.liveroom.realtime;

import io.liveroom.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.List;

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

  /**
   * Whether join/leave pushes go out for this channel now. {@code subscribers} is the channel's
   * current number of users: cluster-wide from presence when the namespace has presence on,
   * otherwise this event loop's subscribers. Called on an event loop after each subscribe and
   * unsubscribe; must be cheap and must not block. The default follows
   * {@link NamespaceOptions#joinLeave()}; rooms turn it off past a viewer threshold.
   */
  default boolean joinLeave(String channel, long subscribers) {
    return options().joinLeave();
  }

  /**
   * The channel's number of users just changed (a subscribe or an unsubscribe), counted as for
   * {@link #joinLeave}: cluster-wide from presence when the namespace has presence on. Called on an
   * event loop after each change, before {@link #joinLeave}; must be cheap, must not block, and
   * reports its own failures (the core ignores them). Counts from several nodes may arrive out of
   * order. The default does nothing; rooms raise the session's peak viewer count.
   */
  default void subscribersChanged(String channel, long subscribers) {
  }

  /**
   * What {@code history} serves when the broker kept nothing for this channel (its stream expired,
   * or was lost and a new epoch began): up to {@code limit} recent publications' data, oldest
   * first, reloaded from the capability's own store. They carry no offset (they are not in the
   * stream and cannot be recovered). Called on an event loop; must not block. A failure is logged
   * and the empty history is served. The default has nothing to offer.
   */
  default Future<List<JsonObject>> historyFallback(String channel, int limit) {
    return Future.succeededFuture(List.of());
  }
}
