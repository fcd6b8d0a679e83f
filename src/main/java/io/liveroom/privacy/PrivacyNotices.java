package io.liveroom.privacy;

import java.time.Instant;
import java.util.UUID;

/**
 * Told about privacy events the user should hear of: their data export is ready to download, and
 * their account's cancellation is scheduled. The bootstrap answers it with notifications. Called
 * on an event loop after the fact committed, at most once per event: it must not block, and what
 * it throws is logged and changes nothing here.
 */
public interface PrivacyNotices {
  /** A node without notifications. */
  PrivacyNotices NONE = new PrivacyNotices() {
    @Override
    public void exportReady(long userId, UUID exportId, Instant expiresAt) {
    }

    @Override
    public void cancellationScheduled(long userId, Instant eraseAfter) {
    }
  };

  void exportReady(long userId, UUID exportId, Instant expiresAt);

  void cancellationScheduled(long userId, Instant eraseAfter);
}
