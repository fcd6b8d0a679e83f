package io.liveroom.geo;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The caller's own location and Nearby visibility. */
public final class LocationRoutes implements HttpRoutes {
  private final LocationService locations;
  private final BearerAuth auth;

  public LocationRoutes(LocationService locations, BearerAuth auth) {
    this.locations = locations;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.put("/api/v1/me/location").handler(auth).handler(BearerAuth.sensitive()).handler(this::update);
    router.delete("/api/v1/me/location").handler(auth).handler(this::clear);
    router.get("/api/v1/me/nearby-visibility").handler(auth).handler(this::visibility);
    router.put("/api/v1/me/nearby-visibility").handler(auth).handler(BearerAuth.sensitive()).handler(this::setVisibility);
  }

  private void update(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    LocationRequest req = LocationRequest.parse(ctx);
    locations.update(userId, req.lat(), req.lng())
      .onSuccess(r -> Bodies.reply(ctx, 200, new JsonObject()
        .put("region", r.region())
        .put("cellMeters", r.cellMeters())
        .put("expiresAt", r.expiresAt().toString())))
      .onFailure(ctx::fail);
  }

  private void clear(RoutingContext ctx) {
    locations.clear(BearerAuth.principal(ctx).userId())
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void visibility(RoutingContext ctx) {
    locations.isVisible(BearerAuth.principal(ctx).userId())
      .onSuccess(v -> Bodies.reply(ctx, 200, new JsonObject().put("visibleNearby", v)))
      .onFailure(ctx::fail);
  }

  private void setVisibility(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    if (!(body.getValue("visibleNearby") instanceof Boolean)) {
      new FieldErrors().add("visibleNearby", "required", "visibleNearby must be true or false.").throwIfAny();
    }
    boolean visible = body.getBoolean("visibleNearby");
    locations.setVisible(BearerAuth.principal(ctx).userId(), visible)
      .onSuccess(v -> Bodies.reply(ctx, 200, new JsonObject().put("visibleNearby", visible)))
      .onFailure(ctx::fail);
  }
}
