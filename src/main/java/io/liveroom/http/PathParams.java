package io.liveroom.http;

import io.liveroom.error.AppException;
import io.liveroom.error.FieldError;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The one rule for path parameters. A value that does not have the parameter's form (a positive
 * id, a UUID, a name) is 400 {@code validation_failed} with one field error naming the parameter,
 * code {@code invalid}; a well-formed value that names nothing is left to the capability's own 404.
 * So {@code /rooms/abc}, {@code /rooms/0} and {@code /rooms/-5} are 400, {@code /rooms/999999} is
 * {@code room_not_found}.
 *
 * <p>Handlers read their path parameters first, before the body or any lookup, so a malformed
 * address is reported the same way whatever else is wrong with the request.
 */
public final class PathParams {
  /** ASCII only: {@link Long#parseLong} would also accept other scripts' digits and a leading '+'. */
  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  private static final Pattern UUID_FORM = Pattern.compile(
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

  private PathParams() {
  }

  /** A positive whole number, 1 to 2^63-1, in decimal ASCII digits. */
  public static long id(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    if (raw != null && DIGITS.matcher(raw).matches()) {
      try {
        long id = Long.parseLong(raw);
        if (id > 0) {
          return id;
        }
      } catch (NumberFormatException e) {
        // 19 digits above 2^63-1: reported below like any other malformed id
      }
    }
    throw invalid(name, name + " must be a positive whole number (1 to 9223372036854775807).");
  }

  /** A UUID in its canonical 8-4-4-4-12 hex form ({@link UUID#fromString} alone accepts shorter groups). */
  public static UUID uuid(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    if (raw == null || !UUID_FORM.matcher(raw).matches()) {
      throw invalid(name, name + " must be a UUID (8-4-4-4-12 hexadecimal digits).");
    }
    return UUID.fromString(raw);
  }

  /**
   * A name (a region code, a consent purpose): 1-64 lowercase letters, digits, '_', '.' or '-'.
   * Whether it names something is the capability's question.
   */
  public static String name(RoutingContext ctx, String name) {
    String raw = ctx.pathParam(name);
    if (raw == null || !NAME.matcher(raw).matches()) {
      throw invalid(name, name + " must be 1-64 lowercase letters, digits, '_', '.' or '-'.");
    }
    return raw;
  }

  private static AppException invalid(String name, String message) {
    return AppException.validation(List.of(new FieldError(name, "invalid", message)));
  }
}
