package io.liveroom.http;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** Reads JSON request bodies, failing with the right problem instead of a 500. */
public final class Bodies {
  private Bodies() {
  }

  /** The body as a JSON object; 415 when it is not JSON, 400 {@code malformed_json} when unparsable. */
  public static JsonObject json(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw AppException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
    }
    if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().length() <= 0) {
      throw AppException.of(ErrorCode.MALFORMED_JSON, "The request body is empty; a JSON object is expected.");
    }
    try {
      Object parsed = io.vertx.core.json.Json.decodeValue(ctx.body().buffer());
      if (parsed instanceof JsonObject obj) {
        return obj;
      }
    } catch (DecodeException e) {
      throw AppException.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
    throw AppException.of(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
  }

  /** Ends the response with a JSON body and the given status. */
  public static void reply(RoutingContext ctx, int status, Object body) {
    String encoded = body instanceof JsonObject o ? o.encode() : io.vertx.core.json.Json.encode(body);
    ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(encoded);
  }
}
