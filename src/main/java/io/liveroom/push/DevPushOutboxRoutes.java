package io.liveroom.push;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/dev/push-outbox}: what the {@code dev-outbox} stand-in "pushed" to the
 * caller's own devices, newest first. Mounted only while that stand-in is configured; with a real
 * provider the path does not exist (404).
 */
final class DevPushOutboxRoutes implements HttpRoutes {
  private final DevOutboxPushSender outbox;
  private final BearerAuth auth;

  DevPushOutboxRoutes(DevOutboxPushSender outbox, BearerAuth auth) {
    this.outbox = outbox;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/dev/push-outbox").handler(auth).handler(this::list);
  }

  private void list(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    Bodies.reply(ctx, 200, new JsonObject().put("provider", "dev-outbox")
      .put("messages", new JsonArray(outbox.messages(userId))));
  }
}
