package io.liveroom.account;

import io.liveroom.realtime.DisconnectCode;
import io.liveroom.realtime.Realtime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects {@link SessionEvents} to the real-time core. Node registers it once the core exists:
 * {@code accounts.events().add(new RealtimeSessionEvents(realtime))}.
 *
 * <p>A disabled account loses every connection with {@code ACCOUNT_DISABLED} (no reconnect).
 * {@link Realtime} can only disconnect a whole user, so a revoked session disconnects all of that
 * user's connections with a reconnecting code: the other devices reconnect with their still-valid
 * tokens, while the revoked session's token is refused by {@link SessionGate} at connect. When the
 * core gains a per-session disconnect, {@code SESSION_REVOKED} should target that session alone.
 */
public final class RealtimeSessionEvents implements SessionEvents {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeSessionEvents.class);
  private final Realtime realtime;

  public RealtimeSessionEvents(Realtime realtime) {
    this.realtime = realtime;
  }

  @Override
  public void sessionRevoked(long userId, String sessionId) {
    realtime.disconnectUser(userId, DisconnectCode.INSUFFICIENT_STATE)
      .onFailure(e -> LOG.warn("Could not disconnect user {} after revoking session {}: {}", userId, sessionId,
        e.getMessage()));
  }

  @Override
  public void userDisabled(long userId) {
    realtime.disconnectUser(userId, DisconnectCode.ACCOUNT_DISABLED)
      .onFailure(e -> LOG.warn("Could not disconnect disabled user {}: {}", userId, e.getMessage()));
  }
}
