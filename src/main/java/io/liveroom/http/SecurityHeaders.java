package io.liveroom.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Security headers for an API that serves JSON to apps: nothing here is meant to be framed,
 * sniffed, or cached by a shared proxy unless a route says so (the gift catalog sets its own
 * caching with an ETag).
 */
public final class SecurityHeaders implements Handler<RoutingContext> {
  private final boolean hsts;

  public SecurityHeaders(boolean hsts) {
    this.hsts = hsts;
  }

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap h = ctx.response().headers();
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "no-referrer");
    h.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    h.set("Cross-Origin-Resource-Policy", "same-site");
    h.set("Cache-Control", "no-store");
    if (hsts) {
      h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }
}
