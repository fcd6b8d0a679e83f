package io.liveroom.web;

import io.liveroom.http.HttpRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves the web app from the jar: {@code webroot/} (our pages and modules, the centrifuge-js
 * module under {@code /vendor/}, PROTOCOL.md under {@code /docs/}) and the Swagger UI webjar under
 * {@code /docs/swagger-ui/<version>/}. Mounted after every API route, and never on the API's paths,
 * so an unknown API path is still a problem+json 404 with the API's headers.
 */
final class WebRoutes implements HttpRoutes {
  static final String WEBROOT = "webroot";
  /** Everything but the API, the socket, health and metrics. */
  private static final String PAGES = "/(?!api/|v1/|connection/|health/|metrics).*";

  private final String swaggerVersion;

  WebRoutes(String swaggerVersion) {
    this.swaggerVersion = swaggerVersion;
  }

  @Override
  public void mount(Router router) {
    // The route matches "/docs/" too; only the bare path is sent to the folder.
    router.get("/docs").handler(ctx -> {
      if (ctx.request().path().equals("/docs")) {
        ctx.redirect("/docs/");
      } else {
        ctx.next();
      }
    });
    read(router.route("/docs/swagger-ui/" + swaggerVersion + "/*")).handler(PageHeaders.immutable())
      .handler(files(SwaggerUi.root(swaggerVersion)).setMaxAgeSeconds(31_536_000));
    read(router.route("/vendor/*")).handler(PageHeaders.immutable())
      .handler(files(WEBROOT).setMaxAgeSeconds(31_536_000));
    read(router.routeWithRegex(PAGES)).handler(PageHeaders.revalidate()).handler(files(WEBROOT));
  }

  /** GET, and HEAD (StaticHandler answers it with the headers alone). */
  private static Route read(Route route) {
    return route.method(HttpMethod.GET).method(HttpMethod.HEAD);
  }

  /** Files from the classpath, with Last-Modified and 304s, index.html for a folder, no listing. */
  private static StaticHandler files(String root) {
    return StaticHandler.create(root)
      .setCachingEnabled(true)
      .setDirectoryListing(false)
      .setIncludeHidden(false)
      .setDefaultContentEncoding("UTF-8");
  }
}
