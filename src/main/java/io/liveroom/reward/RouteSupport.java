package io.liveroom.reward;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.account.UserDirectory;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.function.Supplier;

/**
 * Small helpers shared by the rewards routes: run a service call, answer JSON or fail into Problems.
 * Path ids are read with {@link io.liveroom.http.PathParams}.
 */
final class RouteSupport {
  private RouteSupport() {
  }

  /** Runs the call (a synchronous validation failure becomes a failed future) and replies. */
  static void respond(RoutingContext ctx, int status, Supplier<Future<?>> call) {
    Future<?> f;
    try {
      f = call.get();
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onSuccess(body -> Bodies.reply(ctx, status, body)).onFailure(ctx::fail);
  }

  /**
   * Admin-only routes: put after BearerAuth. The role is the caller's current one in accounts, not
   * the token's claim, so a demoted admin is refused on the next request.
   */
  static Handler<RoutingContext> requireAdmin(UserDirectory users) {
    return ctx -> {
      Principal p = BearerAuth.principal(ctx);
      users.currentRole(p.userId()).onComplete(ar -> {
        if (ar.succeeded() && ar.result() == Role.ADMIN) {
          ctx.next();
        } else if (ar.succeeded() || ar.cause() instanceof AppException a && a.code() == ErrorCode.NOT_FOUND) {
          ctx.fail(AppException.of(ErrorCode.FORBIDDEN, "This needs the admin role."));
        } else {
          ctx.fail(ar.cause());
        }
      });
    };
  }
}
