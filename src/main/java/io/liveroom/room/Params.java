package io.liveroom.room;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldError;
import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Reads path, query and body values of the room routes, failing with 400/404 problems. */
final class Params {
  private Params() {
  }

  /** A positive id in the path; anything else cannot name a room, so 404. */
  static long pathId(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    if (raw == null || !raw.matches("[1-9][0-9]{0,17}")) {
      throw AppException.of(name.equals("id") ? ErrorCode.ROOM_NOT_FOUND : ErrorCode.NOT_FOUND, "No such " + name + ".");
    }
    return Long.parseLong(raw);
  }

  static int queryInt(RoutingContext ctx, String name, int fallback, int min, int max) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return fallback;
    }
    if (!raw.matches("-?[0-9]{1,9}") || Integer.parseInt(raw) < min || Integer.parseInt(raw) > max) {
      throw AppException.validation(List.of(new FieldError(name, "out_of_range",
        name + " is " + min + ".." + max + ".")));
    }
    return Integer.parseInt(raw);
  }

  static Long queryLong(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return null;
    }
    if (!raw.matches("[1-9][0-9]{0,17}")) {
      throw AppException.validation(List.of(new FieldError(name, "invalid", name + " is an id.")));
    }
    return Long.parseLong(raw);
  }

  /** A required positive whole number in the body. */
  static long bodyId(JsonObject body, String name, FieldErrors errors) {
    Object v = body.getValue(name);
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() > 0) {
      return n.longValue();
    }
    errors.add(name, "required", name + " is a positive id.");
    return 0;
  }

  /** An optional whole number in [min, max]; null when absent. */
  static Integer bodyInt(JsonObject body, String name, int min, int max, FieldErrors errors) {
    Object v = body.getValue(name);
    if (v == null) {
      return null;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.longValue() >= min && n.longValue() <= max) {
      return n.intValue();
    }
    errors.add(name, "out_of_range", name + " is a whole number " + min + ".." + max + ".");
    return null;
  }
}
