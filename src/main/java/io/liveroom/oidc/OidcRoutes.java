package io.liveroom.oidc;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.BodyFields;
import io.liveroom.http.ClientIp;
import io.liveroom.http.HttpRoutes;
import io.liveroom.error.AppException;
import io.liveroom.error.FieldErrors;
import io.vertx.core.http.Cookie;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

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
  private final WebHandoff handoff;
  private final BearerAuth auth;
  private final JsonObject signInOptions;

  OidcRoutes(OidcService service, OidcWebFlow web, WebHandoff handoff, BearerAuth auth, JsonObject signInOptions) {
    this.service = service;
    this.web = web;
    this.handoff = handoff;
    this.auth = auth;
    this.signInOptions = signInOptions;
  }

  @Override
  public void mount(Router router) {
    // Before /:provider, which would take these paths as provider ids (config refuses those ids).
    router.get("/api/v1/auth/oidc/providers").handler(ctx -> Bodies.reply(ctx, 200, signInOptions));
    router.post("/api/v1/auth/oidc/exchange").handler(this::exchange);
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
    Cookie browser = handoff.browserCookie(ctx.request());
    web.start(ctx.pathParam("provider"), policy, ctx.queryParams().get("loginHint"), origin,
        WebHandoff.sha256(browser.getValue()))
      .onSuccess(location -> ctx.response().setStatusCode(302).putHeader("Location", location)
        .putHeader("Cache-Control", "no-store").addCookie(browser).end())
      .onFailure(ctx::fail);
  }

  /**
   * The provider's redirect back. The browser goes on to the sign-in page: with a single-use
   * exchange code in the fragment when signed in, or with the failure's code (no secret) otherwise.
   */
  private void callback(RoutingContext ctx) {
    var q = ctx.queryParams();
    String provider = ctx.pathParam("provider");
    String browser = WebHandoff.browserOf(ctx.request());
    web.callback(provider, q.get("code"), q.get("state"), q.get("error"), browser, device(ctx, null))
      .compose(answer -> handoff.issue(answer, browser))
      .onSuccess(code -> toPage(ctx, "oidc=" + code))
      .onFailure(e -> {
        if (!(e instanceof AppException app)) {
          ctx.fail(e);
          return;
        }
        Object reason = app.extra().get("reason");
        toPage(ctx, "oidc_error=" + app.code().code() + "&provider=" + enc(provider)
          + (reason == null ? "" : "&reason=" + enc(reason.toString())));
      });
  }

  private static void toPage(RoutingContext ctx, String fragment) {
    ctx.response().setStatusCode(303).putHeader("Location", "/signin.html#" + fragment)
      .putHeader("Cache-Control", "no-store").putHeader("Referrer-Policy", "no-referrer").end();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The sign-in page swaps its exchange code for the login answer (our tokens), once. */
  private void exchange(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    String code = required(body, "code", 64, errors);
    errors.throwIfAny();
    handoff.redeem(code, WebHandoff.browserOf(ctx.request()))
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
