package io.liveroom.post;

import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.liveroom.config.PostsConfig;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/posts}, {@code GET/PATCH/DELETE /api/v1/posts/{id}},
 * {@code PUT/DELETE /api/v1/posts/{id}/like}, {@code POST /api/v1/posts/{id}/share} and
 * {@code GET /api/v1/users/{id}/posts} (cursor-paged, newest first).
 */
final class PostRoutes implements HttpRoutes {
  private static final int PAGE = 20;
  private static final int MAX_PAGE = 100;

  private final PostService posts;
  private final PostLikes likes;
  private final ProfilePosts profiles;
  private final PostDrafts drafts;
  private final PostsConfig config;
  private final BearerAuth auth;

  PostRoutes(PostService posts, PostLikes likes, ProfilePosts profiles, PostDrafts drafts, PostsConfig config,
             BearerAuth auth) {
    this.posts = posts;
    this.likes = likes;
    this.profiles = profiles;
    this.drafts = drafts;
    this.config = config;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/posts").handler(auth).handler(this::create);
    router.get("/api/v1/posts/:id").handler(auth).handler(this::get);
    router.patch("/api/v1/posts/:id").handler(auth).handler(this::edit);
    router.delete("/api/v1/posts/:id").handler(auth).handler(this::delete);
    router.put("/api/v1/posts/:id/like").handler(auth).handler(ctx -> like(ctx, true));
    router.delete("/api/v1/posts/:id/like").handler(auth).handler(ctx -> like(ctx, false));
    router.post("/api/v1/posts/:id/share").handler(auth).handler(this::share);
    router.get("/api/v1/users/:id/posts").handler(auth).handler(this::byAuthor);
  }

  private static long me(RoutingContext ctx) {
    return BearerAuth.principal(ctx).userId();
  }

  private void create(RoutingContext ctx) {
    posts.create(drafts.read(me(ctx), Bodies.json(ctx)))
      .onSuccess(body -> Bodies.reply(ctx, 201, body))
      .onFailure(ctx::fail);
  }

  private void get(RoutingContext ctx) {
    posts.one(me(ctx), PathParams.id(ctx, "id"))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void edit(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    if (!(body.getValue("text") instanceof String)) {
      f.add("text", "required", "The new text.");
    }
    String text = PostDrafts.text(body, "text", config.maxTextLength(), f);
    f.throwIfAny();
    posts.edit(me(ctx), id, text)
      .onSuccess(post -> Bodies.reply(ctx, 200, post))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    posts.delete(me(ctx), PathParams.id(ctx, "id"))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void like(RoutingContext ctx, boolean like) {
    long id = PathParams.id(ctx, "id");
    (like ? likes.like(me(ctx), id) : likes.unlike(me(ctx), id))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void share(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    JsonObject body = ctx.body() == null || ctx.body().length() <= 0 ? new JsonObject() : Bodies.json(ctx);
    posts.share(me(ctx), id, drafts.readShare(me(ctx), body))
      .onSuccess(post -> Bodies.reply(ctx, 201, post))
      .onFailure(ctx::fail);
  }

  private void byAuthor(RoutingContext ctx) {
    long author = PathParams.id(ctx, "id");
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", PAGE, 1, MAX_PAGE);
    profiles.page(me(ctx), author, cursor, limit)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }
}
