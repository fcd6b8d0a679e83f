package io.liveroom.notification;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET/PUT /api/v1/me/notification-settings}, {@code PUT/DELETE
 * /api/v1/users/{id}/notifications-mute} and {@code GET /api/v1/me/notification-mutes}.
 */
final class SettingsRoutes implements HttpRoutes {
  private final SettingsService settings;
  private final BearerAuth auth;

  SettingsRoutes(SettingsService settings, BearerAuth auth) {
    this.settings = settings;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me/notification-settings").handler(auth).handler(ctx -> settings.get(user(ctx))
      .onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail));
    router.put("/api/v1/me/notification-settings").handler(auth).handler(this::put);
    router.put("/api/v1/users/:id/notifications-mute").handler(auth).handler(ctx ->
      settings.mute(user(ctx), PathParams.id(ctx, "id")).onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail));
    router.delete("/api/v1/users/:id/notifications-mute").handler(auth).handler(ctx ->
      settings.unmute(user(ctx), PathParams.id(ctx, "id")).onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail));
    router.get("/api/v1/me/notification-mutes").handler(auth).handler(ctx -> settings.muted(user(ctx))
      .onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail));
  }

  private void put(RoutingContext ctx) {
    SettingsRequest change = SettingsRequest.parse(Bodies.json(ctx));
    settings.put(user(ctx), change).onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail);
  }

  private static long user(RoutingContext ctx) {
    return BearerAuth.principal(ctx).userId();
  }
}
