package io.liveroom.account;

import io.liveroom.auth.Principal;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/** {@code GET /api/v1/me/sessions} and {@code DELETE /api/v1/me/sessions/{id}} ("sign out that device"). */
public final class SessionRoutes implements HttpRoutes {
  private final SessionService sessions;
  private final BearerAuth auth;

  public SessionRoutes(SessionService sessions, BearerAuth auth) {
    this.sessions = sessions;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me/sessions").handler(auth).handler(this::list);
    router.delete("/api/v1/me/sessions/:id").handler(auth).handler(this::revoke);
  }

  private void list(RoutingContext ctx) {
    Principal p = BearerAuth.principal(ctx);
    sessions.list(p.userId(), p.sessionId())
      .onSuccess(items -> Bodies.reply(ctx, 200, new JsonObject().put("sessions", items)))
      .onFailure(ctx::fail);
  }

  private void revoke(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    Principal p = BearerAuth.principal(ctx);
    sessions.revoke(p.userId(), id, "user_revoked", ClientIp.of(ctx))
      .onSuccess(done -> {
        if (done) {
          ctx.response().setStatusCode(204).end();
        } else {
          ctx.fail(AppException.of(ErrorCode.NOT_FOUND, "No such session."));
        }
      })
      .onFailure(ctx::fail);
  }
}
