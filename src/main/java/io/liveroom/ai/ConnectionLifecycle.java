package io.liveroom.ai;

/**
 * What the real-time core tells AI dialogue about connections. The core calls
 * {@link #disconnected} once for every client connection that closes, for whatever reason, on the
 * node where it was connected; generations started from that connection are then cancelled.
 * Must not block (called on an event loop).
 */
public interface ConnectionLifecycle {
  void disconnected(long userId, String clientId);
}
