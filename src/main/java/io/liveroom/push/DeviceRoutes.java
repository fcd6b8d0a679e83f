package io.liveroom.push;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.BodyFields;
import io.liveroom.http.HttpRoutes;
import io.liveroom.auth.Principal;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * {@code PUT /api/v1/me/devices} (register a push token for the calling session),
 * {@code GET /api/v1/me/devices}, {@code DELETE /api/v1/me/devices/{tokenOrId}}.
 */
final class DeviceRoutes implements HttpRoutes {
  private static final int MAX_TOKEN = 4096;
  private static final int MAX_APP_ID = 255;
  private static final Set<String> PLATFORMS = Set.of("android", "ios");
  private static final Set<String> PROVIDERS = Set.of("fcm", "apns");

  /** A validated registration body. */
  record Registration(String platform, String provider, String token, String appId) {
  }

  private final DeviceService devices;
  private final BearerAuth auth;

  DeviceRoutes(DeviceService devices, BearerAuth auth) {
    this.devices = devices;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.put("/api/v1/me/devices").handler(auth).handler(this::register);
    router.get("/api/v1/me/devices").handler(auth).handler(this::list);
    router.delete("/api/v1/me/devices/:device").handler(auth).handler(this::unregister);
  }

  private void register(RoutingContext ctx) {
    Principal p = BearerAuth.principal(ctx);
    devices.register(p.userId(), p.sessionId(), registration(Bodies.json(ctx)))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private static Registration registration(JsonObject body) {
    FieldErrors errors = new FieldErrors();
    String platform = oneOf(body, "platform", PLATFORMS, errors);
    String provider = oneOf(body, "provider", PROVIDERS, errors);
    String token = body.getValue("token") == null ? null : BodyFields.optionalString(body, "token", MAX_TOKEN, errors);
    if (body.getValue("token") == null) {
      errors.add("token", "required", "The provider's device token is required.");
    } else if (token != null && !token.matches("[\\x21-\\x7e]+")) {
      errors.add("token", "invalid", "A device token is printable ASCII without spaces.");
    }
    if ("ios".equals(platform) && "apns".equals(provider) && token != null && !token.matches("[0-9a-fA-F]{32,200}")) {
      errors.add("token", "invalid", "An APNs device token is hexadecimal.");
    }
    String appId = BodyFields.optionalString(body, "appId", MAX_APP_ID, errors);
    errors.throwIfAny();
    return new Registration(platform, provider, token, appId);
  }

  private static String oneOf(JsonObject body, String name, Set<String> allowed, FieldErrors errors) {
    Object v = body.getValue(name);
    if (!(v instanceof String s) || !allowed.contains(s)) {
      errors.add(name, v == null ? "required" : "invalid", name + " is one of " + String.join(", ", allowed) + ".");
      return null;
    }
    return s;
  }

  private void list(RoutingContext ctx) {
    devices.list(BearerAuth.principal(ctx).userId())
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void unregister(RoutingContext ctx) {
    String device = ctx.pathParam("device");
    if (device == null || device.isEmpty() || device.length() > MAX_TOKEN) {
      new FieldErrors().add("device", "invalid", "Name the device by its token or its id.").throwIfAny();
    }
    devices.unregister(BearerAuth.principal(ctx).userId(), device)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
