package io.liveroom.social;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * {@code GET /api/v1/search?q=&type=users|rooms|posts&limit=}, and the caller's search history:
 * {@code GET} and {@code DELETE /api/v1/me/search-history}, {@code DELETE .../{id}}, and
 * {@code PUT /api/v1/me/search-history/settings} ({@code {"recordHistory": false}} stops recording).
 */
final class SearchRoutes implements HttpRoutes {
  private static final int MAX_QUERY = 64;
  private static final Set<String> TYPES = Set.of("users", "rooms", "posts");

  private final SearchService search;
  private final int maxResults;
  private final BearerAuth auth;

  SearchRoutes(SearchService search, int maxResults, BearerAuth auth) {
    this.search = search;
    this.maxResults = maxResults;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/search").handler(auth).handler(this::search);
    router.get("/api/v1/me/search-history").handler(auth).handler(this::history);
    router.delete("/api/v1/me/search-history").handler(auth).handler(this::clear);
    router.put("/api/v1/me/search-history/settings").handler(auth).handler(this::settings);
    router.delete("/api/v1/me/search-history/:id").handler(auth).handler(this::forget);
  }

  private void search(RoutingContext ctx) {
    String q = ctx.queryParams().get("q");
    String type = ctx.queryParams().get("type") == null ? "users" : ctx.queryParams().get("type");
    FieldErrors errors = new FieldErrors();
    String query = q == null ? "" : q.strip();
    if (query.isEmpty() || query.codePointCount(0, query.length()) > MAX_QUERY) {
      errors.add("q", "invalid", "q is 1.." + MAX_QUERY + " characters of text.");
    }
    if (!TYPES.contains(type)) {
      errors.add("type", "invalid", "type is users, rooms or posts.");
    }
    int limit = QueryParams.intIn(ctx, "limit", maxResults, 1, maxResults);
    errors.throwIfAny();
    search.search(BearerAuth.principal(ctx).userId(), type, query, limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    search.history(BearerAuth.principal(ctx).userId())
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void clear(RoutingContext ctx) {
    search.clear(BearerAuth.principal(ctx).userId())
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void forget(RoutingContext ctx) {
    search.forget(BearerAuth.principal(ctx).userId(), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void settings(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    if (!(body.getValue("recordHistory") instanceof Boolean)) {
      new FieldErrors().add("recordHistory", "required", "recordHistory must be true or false.").throwIfAny();
    }
    search.setRecording(BearerAuth.principal(ctx).userId(), body.getBoolean("recordHistory"))
      .onSuccess(reply -> Bodies.reply(ctx, 200, reply))
      .onFailure(ctx::fail);
  }
}
