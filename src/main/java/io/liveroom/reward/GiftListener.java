package io.liveroom.reward;

/**
 * Told about each committed gift, once, on the node that committed it, after the commit (for
 * example to raise a room's hot score). Must not block; a failure in a listener never affects the
 * gift. Not called for replays of an idempotency key.
 */
public interface GiftListener {
  void giftCommitted(GiftReceipt receipt, long hostId, long liveSessionId);
}
