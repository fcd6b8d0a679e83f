package io.liveroom.account;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/dev/sms-outbox?phone=}: the codes the {@code dev-outbox} stand-in "sent" to a
 * number, newest first. Mounted only while that sender is configured; with a real gateway the path
 * does not exist (404).
 */
public final class DevOutboxRoutes implements HttpRoutes {
  private final DevOutboxSmsSender outbox;
  private final PhoneNumbers phones;

  public DevOutboxRoutes(DevOutboxSmsSender outbox, PhoneNumbers phones) {
    this.outbox = outbox;
    this.phones = phones;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/dev/sms-outbox").handler(this::list);
  }

  private void list(RoutingContext ctx) {
    String raw = ctx.request().getParam("phone");
    String phone = raw == null ? null : phones.normalize(raw).orElse(null);
    if (phone == null) {
      new FieldErrors().add("phone", raw == null ? "required" : "invalid", "Pass ?phone= with a valid number.")
        .throwIfAny();
    }
    Bodies.reply(ctx, 200, new JsonObject().put("sender", "dev-outbox").put("phone", phone)
      .put("messages", new JsonArray(outbox.messages(phone))));
  }
}
