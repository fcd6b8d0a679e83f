package io.liveroom.youth;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.ClientIp;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Youth mode over HTTP: the caller's own ({@code GET/PUT /api/v1/me/youth-mode}) and the guardian
 * path, run by an administrator ({@code PUT /api/v1/admin/users/{id}/youth-mode}).
 */
final class YouthRoutes implements HttpRoutes {
  private final YouthService service;
  private final YouthSwitch youthSwitch;
  private final BearerAuth auth;

  YouthRoutes(YouthService service, YouthSwitch youthSwitch, BearerAuth auth) {
    this.service = service;
    this.youthSwitch = youthSwitch;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me/youth-mode").handler(auth).handler(this::status);
    router.put("/api/v1/me/youth-mode").handler(auth).handler(this::set);
    router.put("/api/v1/admin/users/:id/youth-mode").handler(auth).handler(this::guardianSet);
  }

  private void status(RoutingContext ctx) {
    service.status(BearerAuth.principal(ctx).userId())
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void set(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    YouthSwitch.Change change = change(body, errors);
    errors.throwIfAny();
    youthSwitch.byUser(userId, change, ClientIp.of(ctx))
      .compose(v -> service.status(userId))
      .onSuccess(status -> Bodies.reply(ctx, 200, status))
      .onFailure(ctx::fail);
  }

  private void guardianSet(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    YouthSwitch.Change change = change(body, errors);
    String evidence = body.getValue("evidenceRef") instanceof String s ? s.trim() : "";
    if (evidence.isEmpty() || evidence.length() > 200) {
      errors.add("evidenceRef", "required", "The reference of the guardian's request (ticket, signed form), 1-200 characters.");
    }
    errors.throwIfAny();
    youthSwitch.byGuardian(BearerAuth.principal(ctx).userId(), userId, change, evidence, ClientIp.of(ctx))
      .compose(v -> service.status(userId))
      .onSuccess(status -> Bodies.reply(ctx, 200, status))
      .onFailure(ctx::fail);
  }

  private static YouthSwitch.Change change(JsonObject body, FieldErrors errors) {
    if (!(body.getValue("enabled") instanceof Boolean)) {
      errors.add("enabled", "required", "enabled must be true or false.");
    }
    Object password = body.getValue("password");
    if (password != null && !(password instanceof String)) {
      errors.add("password", "invalid", "password must be a string.");
    }
    Object zone = body.getValue("timeZone");
    String timeZone = null;
    if (zone != null) {
      timeZone = zone instanceof String s && s.length() <= 64 ? validZone(s) : null;
      if (timeZone == null) {
        errors.add("timeZone", "invalid", "An IANA time zone such as Asia/Shanghai.");
      }
    }
    return new YouthSwitch.Change(Boolean.TRUE.equals(body.getValue("enabled")),
      password instanceof String s ? s : null, timeZone);
  }

  private static String validZone(String s) {
    try {
      return ZoneId.of(s).getId();
    } catch (DateTimeException e) {
      return null;
    }
  }
}
