package io.liveroom.account;

import io.liveroom.auth.SessionGate;

/**
 * What the accounts capability tells the rest of the node when access must end now rather than
 * when the access token expires. The real-time core implements it to close the live WebSocket
 * connections concerned ({@code Realtime.disconnectUser}); Node connects it.
 *
 * <p>Contract: called after the change is committed (the session is already refused by
 * {@link SessionGate}), on an event loop; implementations must not block and must not throw.
 * At-most-once per event on this node: other nodes learn through the gate when their clients next
 * authenticate, or through their own subscription to these events.
 */
public interface SessionEvents {
  /** One login session was revoked (logout, "sign out that device", refresh-token reuse). */
  void sessionRevoked(long userId, String sessionId);

  /** The whole account may no longer act (banned, frozen, cancelled, pending guardian consent). */
  void userDisabled(long userId);

  SessionEvents NONE = new SessionEvents() {
    @Override
    public void sessionRevoked(long userId, String sessionId) {
    }

    @Override
    public void userDisabled(long userId) {
    }
  };
}
