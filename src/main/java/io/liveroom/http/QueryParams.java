package io.liveroom.http;

import io.liveroom.error.AppException;
import io.liveroom.error.FieldError;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Optional query-string values, failing with 400 field errors naming the parameter. */
public final class QueryParams {
  private QueryParams() {
  }

  /** A whole number in [min, max]; {@code fallback} when absent. */
  public static int intIn(RoutingContext ctx, String name, int fallback, int min, int max) {
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

  /** A positive id (e.g. a paging cursor); null when absent. */
  public static Long optionalId(RoutingContext ctx, String name) {
    String raw = ctx.queryParams().get(name);
    if (raw == null) {
      return null;
    }
    if (!raw.matches("[1-9][0-9]{0,17}")) {
      throw AppException.validation(List.of(new FieldError(name, "invalid", name + " is an id.")));
    }
    return Long.parseLong(raw);
  }
}
