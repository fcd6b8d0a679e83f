package io.liveroom.post;

import io.liveroom.config.PostsConfig;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.BodyFields;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST/GET /api/v1/posts/{id}/comments} (oldest first, cursor-paged) and
 * {@code DELETE /api/v1/posts/{id}/comments/{commentId}}.
 */
final class CommentRoutes implements HttpRoutes {
  private static final int PAGE = 50;
  private static final int MAX_PAGE = 200;

  private final CommentService comments;
  private final PostsConfig config;
  private final BearerAuth auth;

  CommentRoutes(CommentService comments, PostsConfig config, BearerAuth auth) {
    this.comments = comments;
    this.config = config;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/posts/:id/comments").handler(auth).handler(this::add);
    router.get("/api/v1/posts/:id/comments").handler(auth).handler(this::list);
    router.delete("/api/v1/posts/:id/comments/:commentId").handler(auth).handler(this::delete);
  }

  private void add(RoutingContext ctx) {
    long post = PathParams.id(ctx, "id");
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    String text = PostDrafts.text(body, "text", config.maxCommentLength(), f);
    if (text.isBlank()) {
      f.add("text", "required", "A comment needs text.");
    }
    Long replyTo = BodyFields.optionalId(body, "replyTo", f);
    f.throwIfAny();
    comments.add(BearerAuth.principal(ctx).userId(), post, text, replyTo)
      .onSuccess(c -> Bodies.reply(ctx, 201, c))
      .onFailure(ctx::fail);
  }

  private void list(RoutingContext ctx) {
    long post = PathParams.id(ctx, "id");
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", PAGE, 1, MAX_PAGE);
    comments.list(BearerAuth.principal(ctx).userId(), post, cursor, limit)
      .onSuccess(page -> Bodies.reply(ctx, 200, page))
      .onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long post = PathParams.id(ctx, "id");
    long comment = PathParams.id(ctx, "commentId");
    comments.delete(BearerAuth.principal(ctx).userId(), post, comment)
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }
}
