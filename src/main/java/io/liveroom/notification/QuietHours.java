package io.liveroom.notification;

import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A daily window, in the user's own time zone, in which nothing is pushed (items still land in the
 * inbox). Minutes after local midnight; a window whose end is before its start runs over midnight
 * (22:00-07:00); start equal to end is an empty window. The zone's rules apply on each day, so the
 * window follows daylight saving time.
 */
record QuietHours(int startMinute, int endMinute, ZoneId zone) {
  /** Whether {@code now} falls in the window: start inclusive, end exclusive. */
  boolean contains(Instant now) {
    LocalTime local = now.atZone(zone).toLocalTime();
    int minute = local.getHour() * 60 + local.getMinute();
    if (startMinute == endMinute) {
      return false;
    }
    if (startMinute < endMinute) {
      return minute >= startMinute && minute < endMinute;
    }
    return minute >= startMinute || minute < endMinute;
  }

  JsonObject toJson() {
    return new JsonObject().put("start", clock(startMinute)).put("end", clock(endMinute)).put("timeZone", zone.getId());
  }

  private static String clock(int minute) {
    return String.format("%02d:%02d", minute / 60, minute % 60);
  }
}
