package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Writes a served variant the way browsers and players ask for it (RFC 9110): {@code HEAD} gets the
 * headers only; {@code If-None-Match} naming the variant's tag gets a bodiless 304 before the store
 * is read; a single {@code Range: bytes=a-b} (or {@code a-}, or the suffix {@code -n}) gets a 206
 * with {@code Content-Range}; a range past the end gets a 416 ({@code media_range_not_satisfiable})
 * with {@code Content-Range: bytes *}{@code /length}. Several ranges, a malformed header, or an
 * {@code If-Range} other than the tag are answered with the whole picture (200), as the RFC allows.
 * Pictures are at most {@code media.maxBytes}, so the object is read whole and sliced here.
 */
final class MediaDelivery {
  private MediaDelivery() {
  }

  /** A satisfiable byte range, both ends inclusive. */
  record Range(long first, long last) {
    long length() {
      return last - first + 1;
    }
  }

  static void send(RoutingContext ctx, MediaService.Served served) {
    HttpServerResponse response = ctx.response().putHeader("Cache-Control", served.cacheControl())
      .putHeader("ETag", served.etag()).putHeader("Accept-Ranges", "bytes");
    if (matches(ctx.request().getHeader("If-None-Match"), served.etag())) {
      response.setStatusCode(304).end();
      return;
    }
    String ifRange = ctx.request().getHeader("If-Range");
    String range = ifRange == null || ifRange.strip().equals(served.etag()) ? ctx.request().getHeader("Range") : null;
    served.bytes().get().compose(bytes -> write(ctx, served.contentType(), bytes, range)).onFailure(ctx::fail);
  }

  private static Future<Void> write(RoutingContext ctx, String contentType, Buffer bytes, String rangeHeader) {
    HttpServerResponse response = ctx.response().putHeader("Content-Type", contentType);
    long size = bytes.length();
    Buffer body = bytes;
    if (rangeHeader != null) {
      Range range;
      try {
        range = parse(rangeHeader, size);
      } catch (AppException unsatisfiable) {
        response.putHeader("Content-Range", "bytes */" + size);
        return Future.failedFuture(unsatisfiable);
      }
      if (range != null) {
        response.setStatusCode(206).putHeader("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + size);
        body = bytes.slice((int) range.first(), (int) range.last() + 1);
      }
    }
    if (ctx.request().method() == HttpMethod.HEAD) {
      return response.putHeader("Content-Length", Long.toString(body.length())).end();
    }
    return response.end(body);
  }

  /**
   * The one range a {@code Range} header asks for within {@code size} bytes; null when the header
   * is to be ignored (not {@code bytes=}, several ranges, malformed); fails with
   * {@code media_range_not_satisfiable} when it starts past the end or asks for an empty suffix.
   */
  static Range parse(String header, long size) {
    String h = header.strip();
    if (!h.regionMatches(true, 0, "bytes=", 0, 6) || h.indexOf(',') >= 0) {
      return null;
    }
    String spec = h.substring(6).strip();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    String from = spec.substring(0, dash).strip();
    String to = spec.substring(dash + 1).strip();
    if (!from.matches("\\d{1,18}") && !(from.isEmpty() && to.matches("\\d{1,18}"))
      || !to.isEmpty() && !to.matches("\\d{1,18}")) {
      return null;
    }
    if (from.isEmpty()) {
      long suffix = Long.parseLong(to);
      if (suffix == 0 || size == 0) {
        throw unsatisfiable(size);
      }
      return new Range(Math.max(0, size - suffix), size - 1);
    }
    long first = Long.parseLong(from);
    long last = to.isEmpty() ? size - 1 : Long.parseLong(to);
    if (!to.isEmpty() && last < first) {
      return null;
    }
    if (first >= size) {
      throw unsatisfiable(size);
    }
    return new Range(first, Math.min(last, size - 1));
  }

  private static AppException unsatisfiable(long size) {
    return AppException.of(ErrorCode.MEDIA_RANGE_NOT_SATISFIABLE, "The picture has " + size
      + " bytes; the requested range lies outside it.");
  }

  /** Whether an {@code If-None-Match} list names the tag (weak comparison, as the RFC asks for this header). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.startsWith("W/")) {
        c = c.substring(2);
      }
      if (c.equals("*") || c.equals(etag)) {
        return true;
      }
    }
    return false;
  }
}
