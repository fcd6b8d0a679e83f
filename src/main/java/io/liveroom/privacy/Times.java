package io.liveroom.privacy;

import java.time.OffsetDateTime;

/** Timestamps as the export document and the API write them: ISO-8601 instants in UTC. */
final class Times {
  private Times() {
  }

  static String iso(OffsetDateTime t) {
    return t == null ? null : t.toInstant().toString();
  }
}
