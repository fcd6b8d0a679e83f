package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.QueryParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The user's AI pictures: {@code GET /api/v1/ai/images} (cursor-paged, newest first, each with
 * signed links for an {@code <img>} and for saving to the phone's album), {@code GET} and
 * {@code DELETE /api/v1/ai/images/{id}}, and the short-lived previews
 * {@code GET /api/v1/ai/previews/{id}} announced by {@code partial} events.
 */
final class GalleryRoutes implements HttpRoutes {
  private final BearerAuth auth;
  private final Paintings paintings;
  private final PreviewStore previews;

  GalleryRoutes(BearerAuth auth, Paintings paintings, PreviewStore previews) {
    this.auth = auth;
    this.paintings = paintings;
    this.previews = previews;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/ai/images").handler(auth).handler(this::list);
    router.get("/api/v1/ai/images/:id").handler(auth).handler(this::one);
    router.delete("/api/v1/ai/images/:id").handler(auth).handler(this::delete);
    router.get("/api/v1/ai/previews/:id").handler(auth).handler(this::preview);
  }

  private void list(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    Long cursor = QueryParams.optionalId(ctx, "cursor");
    int limit = QueryParams.intIn(ctx, "limit", 20, 1, 100);
    paintings.repo().page(userId, cursor, limit).compose(rows -> {
      List<Future<JsonObject>> items = new ArrayList<>();
      rows.forEach(r -> items.add(describe(userId, r)));
      return Future.all(items).map(all -> {
        JsonObject page = new JsonObject().put("items", new JsonArray(all.list()));
        if (rows.size() == limit) {
          page.put("nextCursor", Long.toString(rows.get(rows.size() - 1).id()));
        }
        return page;
      });
    }).onSuccess(page -> Bodies.reply(ctx, 200, page)).onFailure(ctx::fail);
  }

  private void one(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    UUID id = PathParams.uuid(ctx, "id");
    paintings.repo().find(userId, id).compose(found -> found.isEmpty() ? Future.failedFuture(notFound())
        : describe(userId, found.get()))
      .onSuccess(image -> Bodies.reply(ctx, 200, image)).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    UUID id = PathParams.uuid(ctx, "id");
    paintings.repo().find(userId, id).compose(found -> {
      if (found.isEmpty()) {
        return Future.failedFuture(notFound());
      }
      // The gallery row first: a picture no longer listed is never shown, even if the media delete must be retried.
      return paintings.repo().delete(userId, id)
        .compose(v -> paintings.images().delete(userId, id, found.get().generationId()));
    }).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void preview(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    UUID id = PathParams.uuid(ctx, "id");
    previews.get(userId, id).onSuccess(png -> ctx.response().putHeader("Content-Type", "image/png")
      .putHeader("Cache-Control", "private, max-age=60").end(png)).onFailure(ctx::fail);
  }

  private Future<JsonObject> describe(long userId, PaintRepository.GalleryImage r) {
    return paintings.images().links(userId, r.mediaId()).map(links -> new JsonObject()
      .put("id", r.mediaId().toString()).put("generationId", r.generationId()).put("prompt", r.prompt())
      .put("size", r.size()).put("style", r.style()).put("width", links.width()).put("height", links.height())
      .put("url", links.url()).put("thumbUrl", links.thumbUrl()).put("downloadUrl", links.url())
      .put("createdAt", r.createdAt().toString()));
  }

  private static AppException notFound() {
    return AppException.of(ErrorCode.AI_IMAGE_NOT_FOUND, "No such picture in your gallery.");
  }
}
