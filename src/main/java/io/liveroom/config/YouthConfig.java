package io.liveroom.config;

import java.time.DateTimeException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * Youth mode. Live watching and AI dialogue each have their own daily limit (minutes, counted on
 * the server in the user's time zone); the curfew runs from {@code curfewStart} to
 * {@code curfewEnd} (it may wrap midnight) in that zone. Usage is observed every
 * {@code tickSeconds}: an open session over its limit or into the curfew is cut off within one
 * tick. {@code defaultTimeZone} applies to users who set none.
 */
public record YouthConfig(int liveMinutesPerDay, int aiMinutesPerDay, LocalTime curfewStart, LocalTime curfewEnd,
                          ZoneId defaultTimeZone, int tickSeconds) {
  static YouthConfig from(ConfigReader r) {
    return new YouthConfig(
      r.intIn("youth.liveMinutesPerDay", 0, 1_440),
      r.intIn("youth.aiMinutesPerDay", 0, 1_440),
      time(r, "youth.curfew.start"),
      time(r, "youth.curfew.end"),
      zone(r, "youth.defaultTimeZone"),
      r.intIn("youth.tickSeconds", 1, 300));
  }

  private static LocalTime time(ConfigReader r, String key) {
    try {
      return LocalTime.parse(r.requiredString(key));
    } catch (DateTimeParseException e) {
      throw r.fail(key, "must be a time of day as HH:mm");
    }
  }

  private static ZoneId zone(ConfigReader r, String key) {
    try {
      return ZoneId.of(r.requiredString(key));
    } catch (DateTimeException e) {
      throw r.fail(key, "must be an IANA time zone such as Asia/Shanghai");
    }
  }
}
