package io.liveroom.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;

/**
 * {@code GET /metrics}: Prometheus text. Mounted on the management listener when one is
 * configured (always in production), otherwise on the public port (dev only).
 */
public final class MetricsRoutes implements HttpRoutes {
  public static final String PATH = "/metrics";

  private final PrometheusMeterRegistry registry;

  public MetricsRoutes(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void mount(Router router) {
    router.get(PATH).handler(PrometheusScrapingHandler.create(registry));
  }
}
