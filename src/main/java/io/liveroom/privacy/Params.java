package io.liveroom.privacy;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** Request parsing for privacy routes: bad input becomes 400 with field errors, never a 500. */
final class Params {
  private Params() {
  }

  static long pathLong(RoutingContext ctx, String name) {
    try {
      return Long.parseLong(ctx.pathParam(name));
    } catch (NumberFormatException e) {
      new FieldErrors().add(name, "invalid", "Must be an integer id.").throwIfAny();
      return -1;
    }
  }

  /** An unparsable export id is simply not found (the id space is not worth describing). */
  static UUID exportId(RoutingContext ctx, String param) {
    try {
      return UUID.fromString(ctx.pathParam(param));
    } catch (IllegalArgumentException e) {
      throw AppException.of(ErrorCode.EXPORT_NOT_FOUND, "No such export.");
    }
  }

  /** An optional positive id given as a JSON number or a decimal string (message ids exceed 2^53). */
  static Long optionalId(JsonObject body, String field, FieldErrors errors) {
    Object v = body.getValue(field);
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
    errors.add(field, "invalid", "Must be a positive id.");
    return null;
  }

  static String optionalString(JsonObject body, String field, int max, FieldErrors errors) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s) || s.isBlank() || s.length() > max) {
      errors.add(field, "invalid", "Must be a non-empty string of at most " + max + " characters.");
      return null;
    }
    return s;
  }
}
