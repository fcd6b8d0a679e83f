package io.liveroom.account;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fans session events out to every registered listener (the real-time core, tests). A listener
 * that throws is logged and does not stop the others.
 */
public final class SessionEventListeners implements SessionEvents {
  private static final Logger LOG = LoggerFactory.getLogger(SessionEventListeners.class);
  private final List<SessionEvents> listeners = new CopyOnWriteArrayList<>();

  public void add(SessionEvents listener) {
    listeners.add(listener);
  }

  @Override
  public void sessionRevoked(long userId, String sessionId) {
    for (SessionEvents l : listeners) {
      try {
        l.sessionRevoked(userId, sessionId);
      } catch (RuntimeException e) {
        LOG.error("Session-revoked listener failed for user {}: {}", userId, e.toString());
      }
    }
  }

  @Override
  public void userDisabled(long userId) {
    for (SessionEvents l : listeners) {
      try {
        l.userDisabled(userId);
      } catch (RuntimeException e) {
        LOG.error("User-disabled listener failed for user {}: {}", userId, e.toString());
      }
    }
  }
}
