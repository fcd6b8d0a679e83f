package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.FieldError;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * HTTP for gifts: the catalog (public, with ETag), sending a gift into a room (the same service
 * as {@code rpc gift.send}), and the leaderboards (public; nickname and avatar only).
 */
final class GiftRoutes implements HttpRoutes {
  private final GiftCatalog catalog;
  private final GiftService gifts;
  private final Leaderboards boards;
  private final BearerAuth auth;

  GiftRoutes(GiftCatalog catalog, GiftService gifts, Leaderboards boards, BearerAuth auth) {
    this.catalog = catalog;
    this.gifts = gifts;
    this.boards = boards;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/gifts").handler(this::catalog);
    router.post("/api/v1/rooms/:roomId/gifts").handler(auth).handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      gifts.send(BearerAuth.principal(ctx), GiftRequest.from(Bodies.json(ctx), PathParams.id(ctx, "roomId")))
        .map(GiftReceipt::toJson)));
    router.get("/api/v1/rooms/:roomId/leaderboard").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      boards.room(PathParams.id(ctx, "roomId"), limit(ctx))));
    router.get("/api/v1/live-sessions/:sessionId/leaderboard").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      boards.session(PathParams.id(ctx, "sessionId"), limit(ctx))));
    router.get("/api/v1/leaderboards/gifters").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      boards.gifters(period(ctx), limit(ctx))));
    router.get("/api/v1/leaderboards/hosts").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      boards.hosts(period(ctx), limit(ctx))));
  }

  private void catalog(RoutingContext ctx) {
    catalog.snapshot().onFailure(ctx::fail).onSuccess(s -> {
      ctx.response().putHeader("ETag", s.etag()).putHeader("Cache-Control", "public, max-age=60");
      String match = ctx.request().getHeader("If-None-Match");
      if (matches(match, s.etag())) {
        ctx.response().setStatusCode(304).end();
        return;
      }
      Bodies.reply(ctx, 200, s.publicJson());
    });
  }

  /** If-None-Match: a list of (possibly weak) entity tags, or {@code *}. */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.trim();
      if (t.equals("*") || t.equals(etag) || t.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static int limit(RoutingContext ctx) {
    return (int) WalletService.parse(ctx.request().getParam("limit"), "limit", 20, 1, 100);
  }

  private static LeaderboardKeys.Period period(RoutingContext ctx) {
    LeaderboardKeys.Period p = LeaderboardKeys.Period.parse(ctx.request().getParam("period"));
    if (p == null) {
      throw AppException.validation(List.of(new FieldError("period", "invalid", "period must be day, week or all.")));
    }
    return p;
  }
}
