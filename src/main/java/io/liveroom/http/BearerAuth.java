package io.liveroom.http;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.Principal;
import io.liveroom.auth.SessionGate;
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
  private static final String SENSITIVE_REFUSAL = "sensitiveRefusal";

  private final AccessTokens tokens;
  private final SessionGate gate;

  /**
   * Runs after a caller is authenticated, before the route: may add response headers (privacy's
   * {@code X-Policy-Update-Required}). A failed future is answered as the failure; decorators must
   * fail only for reasons the caller can act on, and never for their own outages.
   */
  @FunctionalInterface
  public interface Decorator {
    io.vertx.core.Future<Void> decorate(RoutingContext ctx, Principal p);
  }

  private volatile Decorator decorator = (ctx, p) -> io.vertx.core.Future.succeededFuture();

  /** Registration point, called once during wiring (Node: privacy's policy-version flag). */
  public void decorateWith(Decorator decorator) {
    this.decorator = decorator;
  }

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
      .compose(p -> decorator.decorate(ctx, p).map(p))
      .onSuccess(p -> {
        ctx.put(KEY, p);
        ctx.next();
      })
      .onFailure(e -> {
        ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        ctx.fail(e);
      });
  }

  /**
   * Records, from a {@link Decorator}, why this caller may not start sensitive operations now
   * (privacy: a policy version not yet accepted). Other routes still run, with the decorator's
   * headers.
   */
  public static void refuseSensitive(RoutingContext ctx, AppException why) {
    ctx.put(SENSITIVE_REFUSAL, why);
  }

  /** Why sensitive operations are refused for this request, or null ({@link #refuseSensitive}). */
  public static AppException sensitiveRefusal(RoutingContext ctx) {
    return ctx.get(SENSITIVE_REFUSAL);
  }

  /**
   * Mounted after this handler on routes that start new processing of personal data (location,
   * identity, consent grants, withdrawals): fails the request with what {@link #refuseSensitive}
   * recorded, if anything. Rights (export, deletion, withdrawal of consent, cancellation) are never
   * behind it.
   */
  public static Handler<RoutingContext> sensitive() {
    return ctx -> {
      AppException refusal = sensitiveRefusal(ctx);
      if (refusal != null) {
        ctx.fail(refusal);
      } else {
        ctx.next();
      }
    };
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
