package io.liveroom.http;

import io.liveroom.account.AccessTokens;
import io.liveroom.account.Principal;
import io.liveroom.account.SessionGate;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Authenticates {@code Authorization: Bearer <access token>} and puts the {@link Principal} on the
 * context for the routes after it. Mount it on the routes that need a user; everything else
 * (health, registration, login, webhooks) stays public.
 */
public final class BearerAuth implements Handler<RoutingContext> {
  private static final String KEY = "principal";

  private final AccessTokens tokens;
  private final SessionGate gate;

  public BearerAuth(AccessTokens tokens, SessionGate gate) {
    this.tokens = tokens;
    this.gate = gate;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      ctx.fail(AppException.of(ErrorCode.UNAUTHORIZED, "An access token is required."));
      return;
    }
    tokens.verify(header.substring(7).trim())
      .compose(p -> gate.check(p).map(p))
      .onSuccess(p -> {
        ctx.put(KEY, p);
        ctx.next();
      })
      .onFailure(e -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        ctx.fail(e);
      });
  }

  /** The authenticated caller; only valid on routes behind this handler. */
  public static Principal principal(RoutingContext ctx) {
    Principal p = ctx.get(KEY);
    if (p == null) {
      throw new IllegalStateException("route " + ctx.request().path() + " is not behind BearerAuth");
    }
    return p;
  }
}
