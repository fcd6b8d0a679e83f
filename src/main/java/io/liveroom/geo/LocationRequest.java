package io.liveroom.geo;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/**
 * A validated {@code PUT /api/v1/me/location} body. Parsed leniently so that {@code NaN} and
 * {@code Infinity} literals, which some clients emit for a missing fix, are reported as field
 * errors rather than as unreadable JSON. The values never leave this request except as a cell.
 */
public record LocationRequest(double lat, double lng, Double accuracy) {
  private static final JsonMapper LENIENT = JsonMapper.builder()
    .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final double MAX_ACCURACY_METERS = 100_000;

  public static LocationRequest parse(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    if (type == null || !type.toLowerCase().startsWith("application/json")) {
      throw AppException.of(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
    }
    Map<?, ?> body;
    try {
      Object parsed = ctx.body() == null || ctx.body().length() == 0 ? null
        : LENIENT.readValue(ctx.body().buffer().getBytes(), Object.class);
      if (!(parsed instanceof Map<?, ?> map)) {
        throw AppException.of(ErrorCode.MALFORMED_JSON, "The request body must be a JSON object.");
      }
      body = map;
    } catch (java.io.IOException e) {
      throw AppException.of(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON.");
    }
    FieldErrors errors = new FieldErrors();
    Double lat = coordinate(body.get("lat"), "lat", 90, errors);
    Double lng = coordinate(body.get("lng"), "lng", 180, errors);
    Double accuracy = null;
    Object rawAccuracy = body.get("accuracy");
    if (rawAccuracy != null) {
      if (!(rawAccuracy instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0
        || n.doubleValue() > MAX_ACCURACY_METERS) {
        errors.add("accuracy", "invalid", "accuracy must be a number of metres from 0 to 100000.");
      } else {
        accuracy = n.doubleValue();
      }
    }
    errors.throwIfAny();
    return new LocationRequest(lat, lng, accuracy);
  }

  private static Double coordinate(Object raw, String field, double limit, FieldErrors errors) {
    if (raw == null) {
      errors.add(field, "required", field + " is required.");
      return null;
    }
    if (!(raw instanceof Number n)) {
      errors.add(field, "not_a_number", field + " must be a JSON number of degrees.");
      return null;
    }
    double v = n.doubleValue();
    if (!Double.isFinite(v)) {
      errors.add(field, "not_finite", field + " must be a finite number.");
      return null;
    }
    if (v < -limit || v > limit) {
      errors.add(field, "out_of_range", field + " must be between -" + (int) limit + " and " + (int) limit + ".");
      return null;
    }
    return v;
  }
}
