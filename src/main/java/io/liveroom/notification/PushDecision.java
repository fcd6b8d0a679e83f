package io.liveroom.notification;

import java.time.Instant;

/**
 * Whether a stored (or, with the inbox off for the kind, unstored) notification is pushed to the
 * user's devices: only while the kind's push setting is on and outside the user's quiet hours.
 */
final class PushDecision {
  private PushDecision() {
  }

  static boolean shouldPush(boolean pushOn, QuietHours quiet, Instant now) {
    return pushOn && (quiet == null || !quiet.contains(now));
  }
}
