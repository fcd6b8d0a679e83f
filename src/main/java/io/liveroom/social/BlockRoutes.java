package io.liveroom.social;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code PUT/DELETE /api/v1/users/{id}/block} and {@code GET /api/v1/me/blocks} (cursor-paged, newest first). */
final class BlockRoutes implements HttpRoutes {
  private final BlockService blocks;
  private final BearerAuth auth;

  BlockRoutes(BlockService blocks, BearerAuth auth) {
    this.blocks = blocks;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.put("/api/v1/users/:id/block").handler(auth).handler(this::block);
    router.delete("/api/v1/users/:id/block").handler(auth).handler(this::unblock);
    router.get("/api/v1/me/blocks").handler(auth).handler(this::list);
  }

  private void block(RoutingContext ctx) {
    blocks.block(BearerAuth.principal(ctx).userId(), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void unblock(RoutingContext ctx) {
    blocks.unblock(BearerAuth.principal(ctx).userId(), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", 20, 1, 100);
    blocks.list(BearerAuth.principal(ctx).userId(), cursor, limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }
}
