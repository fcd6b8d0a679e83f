package io.liveroom.account;

import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Reads typed fields from a request body, recording a field error (never throwing) for a wrong
 * type, a missing required field or a bad format, so a request is answered with all its problems
 * at once. Error codes: {@code required}, {@code type}, {@code invalid}, {@code too_long}...
 */
final class Fields {
  private static final Pattern CODE = Pattern.compile("[0-9]{6}");

  private final JsonObject body;
  private final FieldErrors errors = new FieldErrors();

  Fields(JsonObject body) {
    this.body = body;
  }

  FieldErrors errors() {
    return errors;
  }

  boolean has(String name) {
    return body.containsKey(name);
  }

  /** A string of 1..max characters (trimmed when {@code trim}); null when absent or invalid. */
  String string(String name, boolean required, int max) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) {
        errors.add(name, "required", "This field is required.");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(name, "type", "Must be a string.");
      return null;
    }
    String t = s.strip();
    if (t.isEmpty() && required) {
      errors.add(name, "required", "This field is required.");
      return null;
    }
    if (t.codePointCount(0, t.length()) > max) {
      errors.add(name, "too_long", "Use at most " + max + " characters.");
      return null;
    }
    return t;
  }

  /** A password: not trimmed, length checked by the policy. */
  String password(String name, boolean required) {
    Object v = body.getValue(name);
    if (v == null) {
      if (required) {
        errors.add(name, "required", "This field is required.");
      }
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(name, "type", "Must be a string.");
      return null;
    }
    return s;
  }

  String phone(String name, PhoneNumbers phones) {
    String raw = string(name, true, 32);
    if (raw == null) {
      return null;
    }
    return phones.normalize(raw).orElseGet(() -> {
      errors.add(name, "invalid", "Not a valid phone number; use the international format, e.g. +8613812345678.");
      return null;
    });
  }

  String code(String name, boolean required) {
    String c = string(name, required, 16);
    if (c != null && !CODE.matcher(c).matches()) {
      errors.add(name, "invalid", "The code is 6 digits.");
      return null;
    }
    return c;
  }

  LocalDate date(String name, LocalDate today) {
    String s = string(name, false, 10);
    if (s == null) {
      return null;
    }
    try {
      LocalDate d = LocalDate.parse(s);
      if (d.isAfter(today) || d.isBefore(LocalDate.of(1900, 1, 1))) {
        errors.add(name, "invalid", "Not a plausible date of birth.");
        return null;
      }
      return d;
    } catch (DateTimeParseException e) {
      errors.add(name, "invalid", "Use the format YYYY-MM-DD.");
      return null;
    }
  }

  String email(String name) {
    return matching(name, 254, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "Not a valid email address.");
  }

  String url(String name) {
    return matching(name, 1024, "https://[^\\s]+", "Must be an https:// URL.");
  }

  /** An optional string of at most {@code max} characters that must match {@code pattern}. */
  private String matching(String name, int max, String pattern, String message) {
    String v = string(name, false, max);
    if (v != null && !v.matches(pattern)) {
      errors.add(name, "invalid", message);
      return null;
    }
    return v;
  }
}
