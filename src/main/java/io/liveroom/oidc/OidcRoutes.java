package io.liveroom.oidc;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.BodyFields;
import io.liveroom.http.ClientIp;
import io.liveroom.http.HttpRoutes;
import io.liveroom.error.FieldErrors;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Sign-in with OpenID Connect providers: the mobile flow ({@code POST /api/v1/auth/oidc/{provider}}
 * with the ID token the provider's SDK returned), the web flow ({@code GET .../start} then the
 * provider's redirect to {@code GET .../callback}), and the signed-in user's linked identities
 * under {@code /api/v1/me/oidc}.
 */
final class OidcRoutes implements HttpRoutes {
  /** An ID token is a few kilobytes; anything much larger is not one. */
  private static final int MAX_TOKEN = 16_384;

  private final OidcService service;
  private final OidcWebFlow web;
  private final BearerAuth auth;

  OidcRoutes(OidcService service, OidcWebFlow web, BearerAuth auth) {
    this.service = service;
    this.web = web;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/auth/oidc/:provider").handler(this::signIn);
    router.get("/api/v1/auth/oidc/:provider/start").handler(this::start);
    router.get("/api/v1/auth/oidc/:provider/callback").handler(this::callback);
    router.get("/api/v1/me/oidc").handler(auth).handler(this::list);
    router.post("/api/v1/me/oidc/:provider").handler(auth).handler(this::link);
    router.delete("/api/v1/me/oidc/:provider").handler(auth).handler(this::unlink);
  }

  private void signIn(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    String idToken = required(body, "idToken", MAX_TOKEN, errors);
    String nonce = required(body, "nonce", 256, errors);
    String policy = BodyFields.optionalString(body, "policyVersion", 32, errors);
    String deviceName = BodyFields.optionalString(body, "deviceName", 64, errors);
    errors.throwIfAny();
    service.signIn(ctx.pathParam("provider"), idToken, nonce, policy, device(ctx, deviceName))
      .onSuccess(answer -> Bodies.reply(ctx, answer.getBoolean("newAccount") ? 201 : 200, answer))
      .onFailure(ctx::fail);
  }

  private void start(RoutingContext ctx) {
    String policy = ctx.queryParams().get("policyVersion");
    String origin = ctx.request().scheme() + "://" + ctx.request().authority();
    web.start(ctx.pathParam("provider"), policy, ctx.queryParams().get("loginHint"), origin)
      .onSuccess(location -> ctx.response().setStatusCode(302).putHeader("Location", location)
        .putHeader("Cache-Control", "no-store").end())
      .onFailure(ctx::fail);
  }

  private void callback(RoutingContext ctx) {
    var q = ctx.queryParams();
    web.callback(ctx.pathParam("provider"), q.get("code"), q.get("state"), q.get("error"), device(ctx, null))
      .onSuccess(answer -> {
        ctx.response().putHeader("Cache-Control", "no-store");
        Bodies.reply(ctx, answer.getBoolean("newAccount") ? 201 : 200, answer);
      })
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    service.list(BearerAuth.principal(ctx).userId())
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void link(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    String idToken = required(body, "idToken", MAX_TOKEN, errors);
    String nonce = required(body, "nonce", 256, errors);
    errors.throwIfAny();
    service.link(BearerAuth.principal(ctx).userId(), ctx.pathParam("provider"), idToken, nonce)
      .onSuccess(list -> Bodies.reply(ctx, 200, list))
      .onFailure(ctx::fail);
  }

  private void unlink(RoutingContext ctx) {
    service.unlink(BearerAuth.principal(ctx).userId(), ctx.pathParam("provider"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private static String required(JsonObject body, String name, int max, FieldErrors errors) {
    if (body.getValue(name) == null) {
      errors.add(name, "required", name + " is required.");
      return null;
    }
    return BodyFields.optionalString(body, name, max, errors);
  }

  private static OidcAccounts.Device device(RoutingContext ctx, String name) {
    String agent = ctx.request().getHeader("User-Agent");
    return new OidcAccounts.Device(name, agent == null || agent.length() <= 256 ? agent : agent.substring(0, 256),
      ClientIp.of(ctx));
  }
}
