package io.liveroom.social;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT/DELETE /api/v1/users/{id}/follow}, {@code GET /api/v1/users/{id}/followers} and
 * {@code /following} (cursor-paged, newest first), and {@code GET /api/v1/me/suggested-follows}.
 */
final class FollowRoutes implements HttpRoutes {
  private static final int PAGE = 20;
  private static final int MAX_PAGE = 100;

  private final FollowService follows;
  private final SuggestionService suggestions;
  private final BearerAuth auth;

  FollowRoutes(FollowService follows, SuggestionService suggestions, BearerAuth auth) {
    this.follows = follows;
    this.suggestions = suggestions;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.put("/api/v1/users/:id/follow").handler(auth).handler(this::follow);
    router.delete("/api/v1/users/:id/follow").handler(auth).handler(this::unfollow);
    router.get("/api/v1/users/:id/followers").handler(auth).handler(ctx -> list(ctx, true));
    router.get("/api/v1/users/:id/following").handler(auth).handler(ctx -> list(ctx, false));
    router.get("/api/v1/me/suggested-follows").handler(auth).handler(this::suggest);
  }

  private void follow(RoutingContext ctx) {
    follows.follow(BearerAuth.principal(ctx).userId(), PathParams.id(ctx, "id"))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void unfollow(RoutingContext ctx) {
    follows.unfollow(BearerAuth.principal(ctx).userId(), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx, boolean followers) {
    long user = PathParams.id(ctx, "id");
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", PAGE, 1, MAX_PAGE);
    follows.list(BearerAuth.principal(ctx).userId(), user, followers, cursor, limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void suggest(RoutingContext ctx) {
    int limit = QueryParams.intIn(ctx, "limit", PAGE, 1, MAX_PAGE);
    suggestions.suggest(BearerAuth.principal(ctx).userId(), limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }
}
