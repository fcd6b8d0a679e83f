package io.liveroom.http;

import io.liveroom.infra.PingRepository;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Liveness says the process answers; readiness says this node can serve: PostgreSQL and Redis
 * both answer within the timeout, and the node is not draining for shutdown. A load balancer
 * takes a node out of rotation on 503.
 */
public final class HealthRoutes implements HttpRoutes {
  private static final long CHECK_TIMEOUT_MS = 2_000;

  private final PingRepository postgres;
  private final RedisAPI redis;
  private final BooleanSupplier draining;

  public HealthRoutes(Pool pool, RedisAPI redis, BooleanSupplier draining) {
    this.postgres = new PingRepository(pool);
    this.redis = redis;
    this.draining = draining;
  }

  @Override
  public void mount(Router router) {
    router.get("/health/live").handler(ctx -> Bodies.reply(ctx, 200, new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(this::ready);
  }

  private void ready(RoutingContext ctx) {
    Future<String> pg = check(postgres.ping());
    Future<String> rd = check(redis.ping(List.of()).mapEmpty());
    Future.join(pg, rd).onComplete(done -> {
      boolean drain = draining.getAsBoolean();
      boolean up = "UP".equals(pg.result()) && "UP".equals(rd.result()) && !drain;
      JsonObject body = new JsonObject()
        .put("status", up ? "UP" : "DOWN")
        .put("checks", new JsonObject().put("postgres", pg.result()).put("redis", rd.result())
          .put("draining", drain));
      Bodies.reply(ctx, up ? 200 : 503, body);
    });
  }

  private Future<String> check(Future<Void> probe) {
    return probe.timeout(CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS)
      .map("UP")
      .otherwise("DOWN");
  }
}
