package io.liveroom.youth;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The nightly window in which youth mode closes live rooms and AI dialogue, as local times of the
 * user's zone. It may wrap midnight (22:00-06:00); equal ends mean no curfew.
 */
record Curfew(LocalTime start, LocalTime end) {
  boolean covers(Instant now, ZoneId zone) {
    if (start.equals(end)) {
      return false;
    }
    LocalTime t = LocalTime.ofInstant(now, zone);
    return start.isBefore(end) ? !t.isBefore(start) && t.isBefore(end) : !t.isBefore(start) || t.isBefore(end);
  }
}
