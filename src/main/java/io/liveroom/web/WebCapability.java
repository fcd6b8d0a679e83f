package io.liveroom.web;

import io.liveroom.capability.Capability;
import io.liveroom.config.WebConfig;
import io.liveroom.http.HttpRoutes;

import java.util.List;

/**
 * The web app: the pages under {@code /} and the API docs under {@code /docs}, built on the public
 * API and the centrifuge-js SDK like any other client. It owns no data and starts nothing; it only
 * serves files from the jar. Built on the bootstrap's worker, so reading the Swagger UI webjar's
 * version from the classpath here is fine.
 */
public final class WebCapability implements Capability {
  private final List<HttpRoutes> routes;

  public WebCapability(WebConfig config) {
    this.routes = config.enabled() ? List.of(new WebRoutes(SwaggerUi.version())) : List.of();
  }

  @Override
  public String name() {
    return "web";
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }
}
