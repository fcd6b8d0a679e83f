package io.liveroom.account;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/dev/email-outbox?address=}: what the {@code dev-outbox} email stand-in "sent"
 * to an address, newest first. Mounted only while that sender is configured (404 otherwise).
 */
final class DevEmailOutboxRoutes implements HttpRoutes {
  private final DevOutboxEmailSender outbox;

  DevEmailOutboxRoutes(DevOutboxEmailSender outbox) {
    this.outbox = outbox;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/dev/email-outbox").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    String address = ctx.request().getParam("address");
    if (address == null || address.isBlank()) {
      new FieldErrors().add("address", "required", "Pass ?address= with an email address.").throwIfAny();
    }
    Bodies.reply(ctx, 200, new JsonObject().put("sender", "dev-outbox").put("address", address)
      .put("messages", new JsonArray(outbox.messages(address))));
  }
}
