package io.liveroom;

import io.liveroom.account.SessionEvents;
import io.liveroom.auth.SessionGate;
import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects accounts' {@link SessionEvents} to the real-time core (wiring: accounts knows nothing of
 * sockets, and the core nothing of accounts). {@link RealtimeCore} registers it.
 *
 * <p>A disabled account loses every connection with {@code ACCOUNT_DISABLED} (no reconnect). A
 * revoked session loses its own connections with {@code SESSION_REVOKED} (no reconnect); the
 * user's other devices stay connected. Should a connection miss the order (a node that was cut
 * from the broker), its access token is still refused by {@link SessionGate} at the next connect.
 */
final class RealtimeSessionEvents implements SessionEvents {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeSessionEvents.class);
  private final Realtime realtime;

  RealtimeSessionEvents(Realtime realtime) {
    this.realtime = realtime;
  }

  @Override
  public void sessionRevoked(long userId, String sessionId) {
    realtime.disconnectSession(userId, sessionId, DisconnectCode.SESSION_REVOKED)
      .onFailure(e -> LOG.warn("Could not disconnect user {} after revoking session {}: {}", userId, sessionId,
        e.getMessage()));
  }

  @Override
  public void userDisabled(long userId) {
    realtime.disconnectUser(userId, DisconnectCode.ACCOUNT_DISABLED)
      .onFailure(e -> LOG.warn("Could not disconnect disabled user {}: {}", userId, e.getMessage()));
  }
}
