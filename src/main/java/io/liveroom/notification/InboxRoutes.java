package io.liveroom.notification;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /api/v1/me/notifications} (cursor-paged, newest first), {@code .../unread-count},
 * {@code POST .../{id}/read}, {@code POST .../read-all} and {@code DELETE .../{id}}.
 */
final class InboxRoutes implements HttpRoutes {
  private static final String BASE = "/api/v1/me/notifications";

  private final InboxService inbox;
  private final BearerAuth auth;
  private final int pageMax;

  InboxRoutes(InboxService inbox, BearerAuth auth, int pageMax) {
    this.inbox = inbox;
    this.auth = auth;
    this.pageMax = pageMax;
  }

  @Override
  public void mount(Router router) {
    router.get(BASE).handler(auth).handler(this::page);
    router.get(BASE + "/unread-count").handler(auth).handler(ctx -> inbox.unreadCount(user(ctx))
      .onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail));
    router.post(BASE + "/read-all").handler(auth).handler(ctx -> inbox.markAllRead(user(ctx))
      .onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail));
    router.post(BASE + "/:id/read").handler(auth).handler(ctx -> inbox.markRead(user(ctx), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
    router.delete(BASE + "/:id").handler(auth).handler(ctx -> inbox.delete(user(ctx), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail));
  }

  private void page(RoutingContext ctx) {
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", Math.min(20, pageMax), 1, pageMax);
    inbox.page(user(ctx), cursor, limit).onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail);
  }

  private static long user(RoutingContext ctx) {
    return BearerAuth.principal(ctx).userId();
  }
}
