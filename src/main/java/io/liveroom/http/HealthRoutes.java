package io.liveroom.http;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Liveness says the process answers; readiness says this node can serve: every {@link HealthCheck}
 * (PostgreSQL, Redis, and those capabilities add) answers within the timeout, and the node is not
 * draining for shutdown. A load balancer takes a node out of rotation on 503.
 */
public final class HealthRoutes implements HttpRoutes {
  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final List<HealthCheck> checks;
  private final BooleanSupplier draining;

  public HealthRoutes(List<HealthCheck> checks, BooleanSupplier draining) {
    this.checks = List.copyOf(checks);
    this.draining = draining;
  }

  @Override
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> Bodies.reply(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    List<Future<String>> results = new ArrayList<>();
    checks.forEach(c -> results.add(check(c.probe().get())));
    Future.join(results).onComplete(done -> {
      boolean drain = draining.getAsBoolean();
      boolean up = !drain;
      JsonObject detail = new JsonObject();
      for (int i = 0; i < checks.size(); i++) {
        String status = results.get(i).result();
        detail.put(checks.get(i).name(), status);
        up &= "UP".equals(status);
      }
      detail.put("draining", drain);
      Bodies.reply(ctx, up ? 200 : 503, new JsonObject().put("status", up ? "UP" : "DOWN").put("checks", detail));
    });
  }

  private Future<String> check(Future<?> probe) {
    return probe.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .map("UP")
      .otherwise("DOWN");
  }
}
