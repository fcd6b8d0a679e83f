package io.liveroom.note;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v1/notes}: create (from text, an AI answer or a picture), list newest first
 * (cursor-paged; {@code q} searches the text), get, edit and delete the caller's own notes.
 */
final class NoteRoutes implements HttpRoutes {
  static final String BASE = "/api/v1/notes";

  private final BearerAuth auth;
  private final NoteService service;

  NoteRoutes(BearerAuth auth, NoteService service) {
    this.auth = auth;
    this.service = service;
  }

  @Override
  public void mount(Router router) {
    router.route(BASE).handler(auth);
    router.route(BASE + "/*").handler(auth);
    router.post(BASE).handler(this::create);
    router.get(BASE).handler(this::list);
    router.get(BASE + "/:id").handler(this::get);
    router.patch(BASE + "/:id").handler(this::update);
    router.delete(BASE + "/:id").handler(this::delete);
  }

  private void create(RoutingContext ctx) {
    service.create(user(ctx), Bodies.json(ctx)).onSuccess(n -> Bodies.reply(ctx, 201, n.toJson())).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", 20, 1, 100);
    service.list(user(ctx), ctx.queryParams().get("q"), cursor, limit)
      .onSuccess(page -> Bodies.reply(ctx, 200, page)).onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(user(ctx), PathParams.id(ctx, "id")).onSuccess(n -> Bodies.reply(ctx, 200, n.toJson()))
      .onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    service.update(user(ctx), id, Bodies.json(ctx)).onSuccess(n -> Bodies.reply(ctx, 200, n.toJson()))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(user(ctx), PathParams.id(ctx, "id")).onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private static long user(RoutingContext ctx) {
    return BearerAuth.principal(ctx).userId();
  }
}
