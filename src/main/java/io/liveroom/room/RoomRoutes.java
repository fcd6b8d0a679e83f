package io.liveroom.room;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * Room lifecycle, hot list and stats under {@code /api/v1/rooms} (see the OpenAPI file), all behind
 * bearer authentication, including the moderation routes it mounts.
 */
final class RoomRoutes implements HttpRoutes {
  static final String BASE = "/api/v1/rooms";

  private final BearerAuth auth;
  private final RoomService rooms;
  private final RoomStatsService stats;
  private final RoomState state;
  private final ModerationRoutes moderation;

  RoomRoutes(BearerAuth auth, RoomService rooms, RoomStatsService stats, RoomState state, ModerationRoutes moderation) {
    this.auth = auth;
    this.rooms = rooms;
    this.stats = stats;
    this.state = state;
    this.moderation = moderation;
  }

  @Override
  public void mount(Router router) {
    router.route(BASE).handler(auth);
    router.route(BASE + "/*").handler(auth);
    router.post(BASE).handler(this::create);
    router.get(BASE + "/live").handler(this::listLive);
    router.get(BASE + "/hot").handler(ctx -> reply(ctx, 200,
      stats.hot(QueryParams.intIn(ctx, "limit", 20, 1, 100)).map(items -> new JsonObject().put("items", items))));
    router.get(BASE + "/:id").handler(this::get);
    router.patch(BASE + "/:id").handler(ctx -> reply(ctx, 200, rooms.changeCover(BearerAuth.principal(ctx),
      PathParams.id(ctx, "id"), NewRoom.Cover.from(Bodies.json(ctx))).map(Room::toJson)));
    router.get(BASE + "/:id/stats").handler(ctx -> reply(ctx, 200, stats.stats(PathParams.id(ctx, "id"))));
    router.post(BASE + "/:id/start").handler(ctx ->
      reply(ctx, 200, rooms.start(BearerAuth.principal(ctx), PathParams.id(ctx, "id")).map(Room::toJson)));
    router.post(BASE + "/:id/end").handler(ctx ->
      reply(ctx, 200, rooms.end(BearerAuth.principal(ctx), PathParams.id(ctx, "id")).map(Room::toJson)));
    router.post(BASE + "/:id/stream-key").handler(ctx -> reply(ctx, 200,
      rooms.rotateKey(BearerAuth.principal(ctx), PathParams.id(ctx, "id")).map(RoomRoutes::keyJson)));
    router.post(BASE + "/:id/close").handler(this::close);
    // Mounted here, after the authentication handler above, so it can never be reached without it.
    moderation.mount(router);
  }

  private void create(RoutingContext ctx) {
    NewRoom input = NewRoom.from(Bodies.json(ctx));
    reply(ctx, 201, rooms.create(BearerAuth.principal(ctx), input)
      .map(c -> new JsonObject().put("room", c.room().toJson()).mergeIn(keyJson(c.streamKey()))));
  }

  private void get(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    reply(ctx, 200, rooms.get(id).compose(room -> (room.live() ? state.pinned(id) : Future.<String>succeededFuture(null))
      .map(pinned -> room.toJson().put("pinned", pinned == null ? null : new JsonObject(pinned)))));
  }

  private void listLive(RoutingContext ctx) {
    int limit = QueryParams.intIn(ctx, "limit", 20, 1, 100);
    Long before = QueryParams.optionalId(ctx, "before");
    reply(ctx, 200, rooms.listLive(before, limit).map(list -> page(list, limit)));
  }

  private void close(RoutingContext ctx) {
    String reason = ctx.body() != null && ctx.body().length() > 0 ? Bodies.json(ctx).getString("reason", "") : "";
    reply(ctx, 200, rooms.close(BearerAuth.principal(ctx), PathParams.id(ctx, "id"), reason).map(Room::toJson));
  }

  private static JsonObject page(List<Room> list, int limit) {
    JsonArray items = new JsonArray();
    list.forEach(r -> items.add(r.toJson()));
    Long next = list.size() == limit ? list.get(list.size() - 1).id() : null;
    return new JsonObject().put("items", items).put("nextBefore", next);
  }

  /** The stream key, shown once: the media server's stream name is the whole key. */
  private static JsonObject keyJson(String key) {
    return new JsonObject().put("streamKey", key)
      .put("streamKeyNotice", "Shown once. Use it as the stream name (stream key) in your encoder.");
  }

  /** Replies with the result as JSON (or an empty 204), or fails the request with its problem. */
  static <T> void reply(RoutingContext ctx, int status, Future<T> result) {
    result.onSuccess(v -> {
      if (status == 204) {
        ctx.response().setStatusCode(204).end();
      } else {
        Bodies.reply(ctx, status, v);
      }
    }).onFailure(ctx::fail);
  }
}
