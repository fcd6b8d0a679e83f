package io.liveroom.consent;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The user's own consents: the current state of every purpose, the full history, and one PUT that
 * grants or withdraws (withdrawing is exactly as easy as granting).
 */
public final class ConsentRoutes implements HttpRoutes {
  private static final Pattern POLICY_VERSION = Pattern.compile("[A-Za-z0-9._-]{1,40}");

  private final ConsentService consents;
  private final BearerAuth auth;

  public ConsentRoutes(ConsentService consents, BearerAuth auth) {
    this.consents = consents;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me/consents").handler(auth).handler(this::current);
    router.get("/api/v1/me/consents/history").handler(auth).handler(this::history);
    router.put("/api/v1/me/consents/:purpose").handler(auth).handler(this::decide);
  }

  private void current(RoutingContext ctx) {
    consents.current(BearerAuth.principal(ctx).userId())
      .onSuccess(list -> Bodies.reply(ctx, 200, new JsonObject().put("consents", toJson(list))))
      .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    consents.history(BearerAuth.principal(ctx).userId())
      .onSuccess(list -> Bodies.reply(ctx, 200, new JsonObject().put("records", toJson(list))))
      .onFailure(ctx::fail);
  }

  private void decide(RoutingContext ctx) {
    Purpose purpose = Purpose.fromWire(PathParams.name(ctx, "purpose")).orElseThrow(() ->
      AppException.of(ErrorCode.NOT_FOUND, "No such consent purpose; known: location, "
        + "personalized_recommendations, marketing_notifications."));
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    if (!(body.getValue("granted") instanceof Boolean)) {
      errors.add("granted", "required", "granted must be true or false.");
    }
    Object version = body.getValue("policyVersion");
    if (!(version instanceof String v) || !POLICY_VERSION.matcher(v).matches()) {
      errors.add("policyVersion", "invalid", "policyVersion is required: 1-40 letters, digits, '.', '_' or '-'.");
    }
    Object rawSource = body.getValue("source", ConsentSource.API.wire());
    ConsentSource source = rawSource instanceof String s ? ConsentSource.fromWire(s).orElse(null) : null;
    if (source == null) {
      errors.add("source", "invalid", "source must be one of app, web, api.");
    }
    errors.throwIfAny();
    if (body.getBoolean("granted") && BearerAuth.sensitiveRefusal(ctx) != null) {
      // A grant starts new processing; a withdrawal is a right and always goes through.
      throw BearerAuth.sensitiveRefusal(ctx);
    }
    consents.decide(BearerAuth.principal(ctx).userId(), purpose, body.getBoolean("granted"),
        body.getString("policyVersion"), source, ClientIp.of(ctx))
      .onSuccess(d -> Bodies.reply(ctx, 200, d.toJson()))
      .onFailure(ctx::fail);
  }

  private static JsonArray toJson(List<ConsentDecision> decisions) {
    JsonArray out = new JsonArray();
    decisions.forEach(d -> out.add(d.toJson()));
    return out;
  }
}
