package io.liveroom.notification;

import io.liveroom.error.AppException;
import io.liveroom.error.FieldError;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code PUT /api/v1/me/notification-settings} body, validated: {@code kinds} maps known kinds
 * to {@code inApp} and/or {@code push} booleans (an absent flag is unchanged); {@code quietHours}
 * is {@code {start: "HH:mm", end: "HH:mm", timeZone: IANA id}}, null to clear, absent to keep.
 */
record SettingsRequest(List<SettingsRepository.KindSetting> kinds, boolean quietGiven, QuietHours quiet) {
  private static final Pattern CLOCK = Pattern.compile("([01]\\d|2[0-3]):([0-5]\\d)");

  static SettingsRequest parse(JsonObject body) {
    List<FieldError> errors = new ArrayList<>();
    List<SettingsRepository.KindSetting> kinds = new ArrayList<>();
    Object rawKinds = body.getValue("kinds");
    if (rawKinds instanceof JsonObject map) {
      for (String kind : map.fieldNames()) {
        kinds.add(kind(kind, map.getValue(kind), errors));
      }
    } else if (rawKinds != null) {
      errors.add(new FieldError("kinds", "invalid", "An object of kinds to {inApp, push}."));
    }
    QuietHours quiet = null;
    Object rawQuiet = body.getValue("quietHours");
    if (rawQuiet instanceof JsonObject q) {
      quiet = quiet(q, errors);
    } else if (rawQuiet != null) {
      errors.add(new FieldError("quietHours", "invalid", "An object {start, end, timeZone}, or null to clear."));
    }
    if (!errors.isEmpty()) {
      throw AppException.validation(errors);
    }
    return new SettingsRequest(kinds, body.containsKey("quietHours"), quiet);
  }

  private static SettingsRepository.KindSetting kind(String kind, Object value, List<FieldError> errors) {
    String field = "kinds." + kind;
    if (!NotificationKinds.ALL.contains(kind)) {
      errors.add(new FieldError(field, "unknown", "Not a notification kind: " + NotificationKinds.ALL + "."));
      return null;
    }
    if (!(value instanceof JsonObject flags)) {
      errors.add(new FieldError(field, "invalid", "An object {inApp, push} of booleans."));
      return null;
    }
    return new SettingsRepository.KindSetting(kind, flag(flags, "inApp", field, errors), flag(flags, "push", field, errors));
  }

  private static Boolean flag(JsonObject flags, String name, String field, List<FieldError> errors) {
    Object v = flags.getValue(name);
    if (v == null || v instanceof Boolean) {
      return (Boolean) v;
    }
    errors.add(new FieldError(field + "." + name, "invalid", "A boolean."));
    return null;
  }

  private static QuietHours quiet(JsonObject q, List<FieldError> errors) {
    int start = minute(q.getValue("start"), "quietHours.start", errors);
    int end = minute(q.getValue("end"), "quietHours.end", errors);
    ZoneId zone = null;
    try {
      zone = q.getValue("timeZone") instanceof String id && id.contains("/") ? ZoneId.of(id) : null;
    } catch (DateTimeException e) {
      zone = null;
    }
    if (zone == null) {
      errors.add(new FieldError("quietHours.timeZone", "invalid", "An IANA time zone such as Asia/Shanghai."));
    }
    return start < 0 || end < 0 || zone == null ? null : new QuietHours(start, end, zone);
  }

  private static int minute(Object value, String field, List<FieldError> errors) {
    Matcher m = value instanceof String s ? CLOCK.matcher(s) : null;
    if (m == null || !m.matches()) {
      errors.add(new FieldError(field, "invalid", "A time of day as HH:mm (00:00-23:59)."));
      return -1;
    }
    return Integer.parseInt(m.group(1)) * 60 + Integer.parseInt(m.group(2));
  }
}
