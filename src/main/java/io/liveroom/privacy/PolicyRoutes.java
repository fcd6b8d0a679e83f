package io.liveroom.privacy;

import io.liveroom.http.HttpRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/policy}, without authentication: the current privacy-policy version a client
 * must send at registration and acceptance, with its effective date, where to read it and what
 * changed. The body only changes with a deployment, so it carries a strong ETag and may be cached
 * for a few minutes; a matching {@code If-None-Match} gets 304.
 */
final class PolicyRoutes implements HttpRoutes {
  static final String CACHE_CONTROL = "public, max-age=300";

  private final PolicyCatalog catalog;

  PolicyRoutes(PolicyCatalog catalog) {
    this.catalog = catalog;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/policy").handler(this::current);
  }

  private void current(RoutingContext ctx) {
    ctx.response().putHeader("ETag", catalog.etag()).putHeader("Cache-Control", CACHE_CONTROL);
    if (matches(ctx.request().getHeader("If-None-Match"))) {
      ctx.response().setStatusCode(304).end();
      return;
    }
    ctx.response().putHeader("Content-Type", "application/json").end(catalog.body());
  }

  /** RFC 9110: If-None-Match compares weakly, lists tags separated by commas, and {@code *} matches any. */
  private boolean matches(String header) {
    if (header == null) {
      return false;
    }
    for (String tag : header.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(catalog.etag())) {
        return true;
      }
    }
    return false;
  }
}
