package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code /api/v1/ai/conversations}: the caller's conversations and their messages. */
public final class ConversationRoutes implements HttpRoutes {
  static final String BASE = "/api/v1/ai/conversations";

  private final BearerAuth auth;
  private final ConversationService service;

  public ConversationRoutes(BearerAuth auth, ConversationService service) {
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
    router.delete(BASE).handler(this::deleteAll);
    router.get(BASE + "/:id/messages").handler(this::messages);
  }

  private void create(RoutingContext ctx) {
    service.create(user(ctx), Bodies.json(ctx))
      .onSuccess(c -> Bodies.reply(ctx, 201, c.toJson())).onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(user(ctx), limit(ctx, 50))
      .onSuccess(items -> Bodies.reply(ctx, 200, items(items.stream().map(Conversation::toJson).toList())))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    service.get(user(ctx), PathParams.id(ctx, "id")).onSuccess(c -> Bodies.reply(ctx, 200, c.toJson())).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    service.update(user(ctx), PathParams.id(ctx, "id"), Bodies.json(ctx))
      .onSuccess(c -> Bodies.reply(ctx, 200, c.toJson())).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    service.delete(user(ctx), PathParams.id(ctx, "id")).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void deleteAll(RoutingContext ctx) {
    service.deleteAll(user(ctx)).onSuccess(n -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void messages(RoutingContext ctx) {
    service.messages(user(ctx), PathParams.id(ctx, "id"), limit(ctx, 100))
      .onSuccess(items -> Bodies.reply(ctx, 200, items(items.stream().map(StoredMessage::toJson).toList())))
      .onFailure(ctx::fail);
  }

  private static JsonObject items(List<JsonObject> items) {
    return new JsonObject().put("items", new JsonArray(items));
  }

  private static long user(RoutingContext ctx) {
    return BearerAuth.principal(ctx).userId();
  }

  private static int limit(RoutingContext ctx, int dflt) {
    String raw = ctx.request().getParam("limit");
    try {
      return raw == null ? dflt : Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw AppException.validation(List.of(new io.liveroom.error.FieldError("limit", "invalid", "Must be an integer.")));
    }
  }
}
