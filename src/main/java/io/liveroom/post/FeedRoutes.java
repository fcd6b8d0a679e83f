package io.liveroom.post;

import io.liveroom.error.AppException;
import io.liveroom.error.FieldError;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/**
 * {@code GET /api/v1/feed/following?cursor=&limit=} (posts of the users I follow, newest first) and
 * {@code GET /api/v1/feed/discover?sort=recent|hot&cursor=&limit=} (public posts).
 */
final class FeedRoutes implements HttpRoutes {
  private static final int PAGE = 20;
  private static final int MAX_PAGE = 50;

  private final FeedService feeds;
  private final BearerAuth auth;

  FeedRoutes(FeedService feeds, BearerAuth auth) {
    this.feeds = feeds;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/feed/following").handler(auth).handler(this::following);
    router.get("/api/v1/feed/discover").handler(auth).handler(this::discover);
  }

  private void following(RoutingContext ctx) {
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", PAGE, 1, MAX_PAGE);
    feeds.following(BearerAuth.principal(ctx).userId(), cursor, limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void discover(RoutingContext ctx) {
    FeedService.DiscoverSort sort = sort(ctx);
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", PAGE, 1, MAX_PAGE);
    feeds.discover(BearerAuth.principal(ctx).userId(), sort, cursor, limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private static FeedService.DiscoverSort sort(RoutingContext ctx) {
    String raw = ctx.queryParams().get("sort");
    if (raw == null || raw.equals("recent")) {
      return FeedService.DiscoverSort.RECENT;
    }
    if (raw.equals("hot")) {
      return FeedService.DiscoverSort.HOT;
    }
    throw AppException.validation(List.of(new FieldError("sort", "invalid", "sort is recent or hot.")));
  }
}
