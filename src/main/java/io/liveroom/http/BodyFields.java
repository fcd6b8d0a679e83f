package io.liveroom.http;

import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;

/**
 * Small readers of JSON body fields that record a field error (never throw), so a request is
 * answered with all its problems at once through {@link FieldErrors#throwIfAny()}.
 */
public final class BodyFields {
  private BodyFields() {
  }

  /** A required positive whole number given as a JSON number; 0 (and {@code required}) otherwise. */
  public static long requiredId(JsonObject body, String name, FieldErrors errors) {
    Object v = body.getValue(name);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
      return n.longValue();
    }
    errors.add(name, "required", name + " is a positive id.");
    return 0;
  }

  /**
   * An optional positive id given as a JSON number or a decimal string (chat message ids exceed
   * 2^53, which JavaScript clients cannot hold as numbers); null when absent or invalid.
   */
  public static Long optionalId(JsonObject body, String name, FieldErrors errors) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    try {
      long id = v instanceof Number n ? n.longValue() : Long.parseLong(v.toString());
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    errors.add(name, "invalid", "Must be a positive id.");
    return null;
  }

  /** An optional whole number in [min, max]; null when absent or invalid. */
  public static Integer optionalInt(JsonObject body, String name, int min, int max, FieldErrors errors) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= min
      && n.longValue() <= max) {
      return n.intValue();
    }
    errors.add(name, "out_of_range", name + " is a whole number " + min + ".." + max + ".");
    return null;
  }

  /** An optional non-blank string of at most {@code max} characters; null when absent or invalid. */
  public static String optionalString(JsonObject body, String name, int max, FieldErrors errors) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      errors.add(name, "invalid", "Must be a non-empty string of at most " + max + " characters.");
      return null;
    }
    return s;
  }
}
