package io.liveroom.geo;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Nearby people and rooms, and the regional hot list. Distances leave only as bucket labels. */
public final class NearbyRoutes implements HttpRoutes {
  private static final int DEFAULT_LIMIT = 20;
  private static final int MAX_LIMIT = 50;

  private final NearbyService nearby;
  private final RegionService regions;
  private final BearerAuth auth;

  public NearbyRoutes(NearbyService nearby, RegionService regions, BearerAuth auth) {
    this.nearby = nearby;
    this.regions = regions;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/nearby/users").handler(auth).handler(this::users);
    router.get("/api/v1/nearby/rooms").handler(auth).handler(this::rooms);
    router.get("/api/v1/me/region").handler(auth).handler(this::myRegion);
    router.put("/api/v1/me/live-room/region").handler(auth).handler(BearerAuth.sensitive()).handler(this::tagLiveRoom);
    // "mine" cannot be a region code (geohashes have no 'i'), so the two routes never overlap.
    router.get("/api/v1/regions/mine/hot").handler(auth).handler(this::hotInMyRegion);
    router.get("/api/v1/regions/:region/hot").handler(auth).handler(this::hotInRegion);
  }

  private void users(RoutingContext ctx) {
    nearby.users(BearerAuth.principal(ctx).userId()).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(u -> out.add(new JsonObject()
        .put("userId", u.user().id())
        .put("nickname", u.user().nickname())
        .put("avatarUrl", u.user().avatarUrl())
        .put("distance", u.distance().label())));
      Bodies.reply(ctx, 200, new JsonObject().put("users", out));
    }).onFailure(ctx::fail);
  }

  private void rooms(RoutingContext ctx) {
    nearby.rooms(BearerAuth.principal(ctx).userId()).onSuccess(list -> {
      JsonArray out = new JsonArray();
      list.forEach(r -> out.add(roomJson(r.room()).put("distance", r.distance().label())));
      Bodies.reply(ctx, 200, new JsonObject().put("rooms", out));
    }).onFailure(ctx::fail);
  }

  private void myRegion(RoutingContext ctx) {
    regions.myRegion(BearerAuth.principal(ctx).userId())
      .onSuccess(region -> Bodies.reply(ctx, 200, new JsonObject().put("region", region)))
      .onFailure(ctx::fail);
  }

  private void tagLiveRoom(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    Object region = body.getValue("region");
    if (region != null && !(region instanceof String)) {
      new FieldErrors().add("region", "invalid", "region must be a string, or absent to use your location.").throwIfAny();
    }
    regions.tagMyLiveRoom(BearerAuth.principal(ctx).userId(), (String) region)
      .onSuccess(room -> Bodies.reply(ctx, 200, roomJson(room)))
      .onFailure(ctx::fail);
  }

  private void hotInMyRegion(RoutingContext ctx) {
    int limit = limit(ctx);
    long userId = BearerAuth.principal(ctx).userId();
    regions.myRegion(userId)
      .compose(region -> regions.hottest(region, limit).map(list -> hotJson(region, list)))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void hotInRegion(RoutingContext ctx) {
    String region = PathParams.name(ctx, "region");
    int limit = limit(ctx);
    regions.hottest(region, limit)
      .onSuccess(list -> Bodies.reply(ctx, 200, hotJson(region, list)))
      .onFailure(ctx::fail);
  }

  private static int limit(RoutingContext ctx) {
    String raw = ctx.request().getParam("limit");
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int v = Integer.parseInt(raw);
      if (v >= 1 && v <= MAX_LIMIT) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    new FieldErrors().add("limit", "out_of_range", "limit must be a whole number from 1 to " + MAX_LIMIT + ".").throwIfAny();
    return DEFAULT_LIMIT;
  }

  private static JsonObject hotJson(String region, List<LiveRoom> rooms) {
    JsonArray out = new JsonArray();
    rooms.forEach(r -> out.add(roomJson(r).put("score", r.score())));
    return new JsonObject().put("region", region).put("rooms", out);
  }

  private static JsonObject roomJson(LiveRoom r) {
    return new JsonObject().put("roomId", r.roomId()).put("hostId", r.hostId()).put("title", r.title())
      .put("region", r.region());
  }
}
