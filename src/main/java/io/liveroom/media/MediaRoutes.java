package io.liveroom.media;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.liveroom.http.Problems;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Uploading ({@code POST /api/v1/media}, multipart), the owner's views and deletion, and serving
 * ({@code GET} and {@code HEAD /media/<id>/<variant>}, public or signed, with ranges and
 * conditional requests: {@link MediaDelivery}). The upload route is mounted before the
 * shared JSON body handler: the request is paused until the caller is authenticated, then its
 * file part is streamed to a temporary file under the uploads directory (deleted when the response
 * ends), never held in memory; the body limit is the size limit plus the multipart framing.
 */
final class MediaRoutes implements HttpRoutes {
  /** Room for the multipart boundaries, part headers and the small form fields beside the file. */
  private static final long FRAMING_BYTES = 16 * 1024;
  static final Set<String> PURPOSES = Set.of("avatar", "cover", "post", "ai");
  private static final Set<String> PUBLIC_BY_DEFAULT = Set.of("avatar", "cover");

  private final BearerAuth auth;
  private final MediaUploads uploads;
  private final MediaService service;
  private final MediaLifecycle lifecycle;
  private final Path uploadsDir;
  private final long maxBytes;

  MediaRoutes(BearerAuth auth, MediaUploads uploads, MediaService service, MediaLifecycle lifecycle, Path uploadsDir,
              long maxBytes) {
    this.auth = auth;
    this.uploads = uploads;
    this.service = service;
    this.lifecycle = lifecycle;
    this.uploadsDir = uploadsDir;
    this.maxBytes = maxBytes;
  }

  @Override
  public void mountBeforeBody(Router router) {
    BodyHandler files = BodyHandler.create(uploadsDir.toString()).setBodyLimit(maxBytes + FRAMING_BYTES)
      .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(false);
    // Nothing is read until the caller is authenticated; BodyHandler (on the next route: Vert.x
    // wants body handlers before user handlers on one route) resumes the request.
    router.post("/api/v1/media")
      .handler(ctx -> {
        ctx.request().pause();
        ctx.next();
      })
      .handler(auth);
    router.post("/api/v1/media").handler(files).handler(this::upload).failureHandler(MediaRoutes::tooLarge);
  }

  @Override
  public void mount(Router router) {
    router.get("/media/:id/:variant").handler(this::serve);
    router.head("/media/:id/:variant").handler(this::serve);
    router.get("/api/v1/media").handler(auth).handler(this::mine);
    router.get("/api/v1/media/:id").handler(auth).handler(this::view);
    router.delete("/api/v1/media/:id").handler(auth).handler(this::delete);
  }

  private void upload(RoutingContext ctx) {
    FieldErrors f = new FieldErrors();
    List<FileUpload> files = ctx.fileUploads().stream().filter(u -> "file".equals(u.name())).toList();
    if (files.size() != 1 || ctx.fileUploads().size() != 1) {
      f.add("file", "one_required", "Send exactly one picture, in the multipart part named file.");
    }
    String purpose = form(ctx, "purpose", "post");
    if (!PURPOSES.contains(purpose)) {
      f.add("purpose", "invalid", "One of avatar, cover, post, ai.");
    }
    String visibility = form(ctx, "visibility", PUBLIC_BY_DEFAULT.contains(purpose) ? "public" : "private");
    if (!Set.of("public", "private").contains(visibility)) {
      f.add("visibility", "invalid", "public or private.");
    }
    f.throwIfAny();
    FileUpload file = files.get(0);
    if (file.size() > maxBytes) {
      throw AppException.of(ErrorCode.MEDIA_TOO_LARGE, "The picture is larger than " + maxBytes + " bytes.");
    }
    uploads.upload(BearerAuth.principal(ctx).userId(), purpose, "public".equals(visibility),
        Path.of(file.uploadedFileName()))
      .onSuccess(m -> Bodies.reply(ctx, 201, service.describe(m))).onFailure(ctx::fail);
  }

  private static String form(RoutingContext ctx, String name, String fallback) {
    String value = ctx.request().getFormAttribute(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** BodyHandler's own 413 (a declared or streamed body past the limit) in this capability's words. */
  private static void tooLarge(RoutingContext ctx) {
    if (ctx.failure() == null && ctx.statusCode() == 413) {
      // The rest of the body is never read: close the connection so that no client reuses it.
      ctx.response().putHeader("Connection", "close");
      Problems.send(ctx, AppException.of(ErrorCode.MEDIA_TOO_LARGE, "The upload is larger than the accepted size."));
    } else {
      ctx.next();
    }
  }

  private void serve(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    Variant variant = Variant.fromWire(ctx.pathParam("variant"))
      .orElseThrow(MediaService::notFound);
    service.serve(id, variant, ctx.queryParams().get("expires"), ctx.queryParams().get("sig"))
      .onSuccess(s -> MediaDelivery.send(ctx, s)).onFailure(ctx::fail);
  }

  private void mine(RoutingContext ctx) {
    service.mine(BearerAuth.principal(ctx).userId())
      .onSuccess(list -> Bodies.reply(ctx, 200, new JsonObject().put("media", list))).onFailure(ctx::fail);
  }

  private void view(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    service.view(BearerAuth.principal(ctx).userId(), id)
      .onSuccess(m -> Bodies.reply(ctx, 200, m)).onFailure(ctx::fail);
  }

  private void delete(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    lifecycle.deleteOwn(BearerAuth.principal(ctx).userId(), id)
      .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
