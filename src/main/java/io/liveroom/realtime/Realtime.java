package io.liveroom.realtime;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

/**
 * The server API of the real-time core for our own code. Works across nodes: a call on any node
 * reaches the clients wherever they are connected (through the broker).
 *
 * <p>Delivery to connected clients is at most once; {@link #publish} into a history-enabled
 * channel is atomic with its append to history, so a client that recovers sees it.
 */
public interface Realtime {
  /** Publishes to a channel; the result carries the publication's offset and epoch when history is on. */
  Future<PublishResult> publish(String channel, JsonObject data);

  /** Sends an asynchronous {@code message} push to every connection of a user. */
  Future<Void> sendToUser(long userId, JsonObject data);

  /** Disconnects every connection of a user, on every node, with the given code. */
  Future<Void> disconnectUser(long userId, DisconnectCode code);

  /**
   * Disconnects the connections of one login session of a user (the {@code sessionId} of their
   * access tokens), on every node, with the given code; the user's other sessions stay connected.
   * An implementation that cannot single out a session reconnects every connection of the user
   * instead: the revoked session is then refused when it reconnects.
   */
  default Future<Void> disconnectSession(long userId, String sessionId, DisconnectCode code) {
    return disconnectUser(userId, DisconnectCode.INSUFFICIENT_STATE);
  }

  /** Unsubscribes every connection of a user from a channel, on every node. */
  Future<Void> unsubscribeUser(long userId, String channel);

  /**
   * As {@link #unsubscribeUser(long, String)}, with the code and reason the client reads in its
   * unsubscribe push. Codes 2000-2499 tell SDKs not to resubscribe (docs/PROTOCOL.md lists ours).
   */
  default Future<Void> unsubscribeUser(long userId, String channel, int code, String reason) {
    return unsubscribeUser(userId, channel);
  }

  /**
   * Registers a listener told of every subscription that starts (once live) or ends (unsubscribe,
   * server unsubscribe, connection closed) on this node. Called on the connection's event loop:
   * must not block. Capabilities that meter time spent in channels count from these facts.
   */
  default void onSubscriptions(SubscriptionListener listener) {
  }

  /** The personal channel of a user, to which the server subscribes their connections. */
  String personalChannel(long userId);

  /**
   * Cluster-wide presence counts of a channel (connections and distinct users), from the presence
   * store; cheap for channels of 100k members. Fails when presence is off or unavailable.
   */
  Future<PresenceStats> presenceStats(String channel);

  /**
   * Registers a listener told once for every client connection that closes on this node, for
   * whatever reason (AI dialogue cancels the generations that connection started). Called on an
   * event loop: must not block.
   */
  void onConnectionClosed(ConnectionListener listener);

  /** Told when a subscription of an authenticated connection starts or ends on this node. */
  interface SubscriptionListener {
    void subscribed(long userId, String clientId, String channel);

    void unsubscribed(long userId, String clientId, String channel);
  }

  /** Presence counts of a channel. */
  record PresenceStats(int clients, int users) {
  }

  /** Told when a connection closes. */
  @FunctionalInterface
  interface ConnectionListener {
    void closed(long userId, String clientId);
  }

  /** Publication position in a channel's history stream. */
  record PublishResult(long offset, String epoch) {
  }
}
