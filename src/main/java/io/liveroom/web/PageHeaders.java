package io.liveroom.web;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.regex.Pattern;

/**
 * The headers of the web app's files, set over the API's strict ones (http/SecurityHeaders still
 * runs first for every request, so framing, sniffing and referrer rules stay). The pages' policy
 * allows only our own origin: scripts, styles, fonts and fetches from it, the WebSocket to it,
 * images from it or data: URIs (Swagger UI's icons). No inline script or style, no eval.
 *
 * <p>Caching: files whose URL carries a version ({@code /vendor/centrifuge-5.8.0/},
 * {@code /docs/swagger-ui/5.35.0/}) are immutable for a year; everything else (HTML and our own
 * modules) is {@code no-cache}, so a browser revalidates with If-Modified-Since and gets a 304 or
 * the new file right after an upgrade.
 */
final class PageHeaders implements Handler<RoutingContext> {
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String REVALIDATE = "no-cache";
  private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]+](:[0-9]{1,5})?");

  private final String cacheControl;

  private PageHeaders(String cacheControl) {
    this.cacheControl = cacheControl;
  }

  static PageHeaders immutable() {
    return new PageHeaders(IMMUTABLE);
  }

  static PageHeaders revalidate() {
    return new PageHeaders(REVALIDATE);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String host = ctx.request().getHeader(HttpHeaders.HOST);
    String path = ctx.normalizedPath();
    // After StaticHandler has set its own headers: only a file actually served gets ours.
    ctx.addHeadersEndHandler(v -> {
      if (ctx.response().getStatusCode() >= 400) {
        return;
      }
      MultiMap h = ctx.response().headers();
      h.set("Content-Security-Policy", policy(host));
      h.set(HttpHeaders.CACHE_CONTROL, cacheControl);
      if (path.endsWith(".md")) {
        h.set(HttpHeaders.CONTENT_TYPE, "text/markdown; charset=utf-8");
      }
    });
    ctx.next();
  }

  /**
   * 'self' covers ws: and wss: of our origin in CSP Level 3; they are also named, from the Host
   * the browser asked for, for browsers that read 'self' strictly. A Host that is not a plain
   * host[:port] is left out rather than echoed into the header.
   */
  static String policy(String host) {
    String sockets = host != null && HOST.matcher(host).matches() ? " ws://" + host + " wss://" + host : "";
    return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
      + "connect-src 'self'" + sockets + "; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
      + "frame-ancestors 'none'";
  }
}
