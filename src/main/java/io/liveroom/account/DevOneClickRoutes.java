package io.liveroom.account;

import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/dev/one-click-tokens} {@code {phone}}: plays the carrier SDK for the
 * {@code dev-outbox} one-click stand-in and answers a single-use token for that phone. Mounted only
 * while that provider is configured; with a real gateway the path does not exist (404).
 */
final class DevOneClickRoutes implements HttpRoutes {
  private final DevOutboxOneClickProvider provider;
  private final PhoneNumbers phones;

  DevOneClickRoutes(DevOutboxOneClickProvider provider, PhoneNumbers phones) {
    this.provider = provider;
    this.phones = phones;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/dev/one-click-tokens").handler(this::issue);
  }

  private void issue(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String phone = f.phone("phone", phones);
    f.errors().throwIfAny();
    Bodies.reply(ctx, 201, new JsonObject().put("provider", "dev-outbox").put("token", provider.issue(phone))
      .put("expiresIn", DevOutboxOneClickProvider.TOKEN_TTL_SECONDS));
  }
}
