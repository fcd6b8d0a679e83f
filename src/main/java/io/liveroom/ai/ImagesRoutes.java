package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import java.nio.file.Path;

/**
 * The OpenAI-compatible images endpoints: {@code POST /v1/images/generations} (JSON) and
 * {@code POST /v1/images/edits} (multipart with the reference picture as {@code image}), with
 * {@code stream: true} answered as OpenAI streams images ({@link ImageSseRelay}). Same bearer auth
 * and rules as the socket ({@link Paintings}); the picture also lands in the user's gallery. Only
 * {@code n = 1} is served. Errors are problem+json with OpenAI's {@code error} member.
 */
final class ImagesRoutes implements HttpRoutes {
  private final BearerAuth auth;
  private final Paintings paintings;
  private final Path uploadsDir;
  private final long maxReferenceBytes;

  ImagesRoutes(BearerAuth auth, Paintings paintings, Path uploadsDir, long maxReferenceBytes) {
    this.auth = auth;
    this.paintings = paintings;
    this.uploadsDir = uploadsDir;
    this.maxReferenceBytes = maxReferenceBytes;
  }

  @Override
  public void mountBeforeBody(Router router) {
    BodyHandler files = BodyHandler.create(uploadsDir.toString()).setBodyLimit(maxReferenceBytes + 64 * 1024)
      .setDeleteUploadedFilesOnEnd(true).setMergeFormAttributes(true);
    // Nothing is read before the caller is authenticated (as media uploads).
    router.post("/v1/images/edits").handler(ctx -> {
      ctx.request().pause();
      ctx.next();
    }).handler(auth);
    router.post("/v1/images/edits").handler(files).handler(this::edit);
  }

  @Override
  public void mount(Router router) {
    router.route("/v1/images/generations").handler(auth);
    router.post("/v1/images/generations").handler(this::generate);
  }

  private void generate(RoutingContext ctx) {
    JsonObject body;
    ImageRequest req;
    try {
      body = Bodies.json(ctx);
      checkN(body.getValue("n"));
      req = paintings.request(body.getValue("prompt"), body.getValue("size"), body.getValue("style"), null);
    } catch (RuntimeException e) {
      ctx.fail(OpenAiFormat.withOpenAiError(e));
      return;
    }
    run(ctx, req, format(body.getValue("response_format")), Boolean.TRUE.equals(body.getValue("stream")), "image_generation");
  }

  private void edit(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    FileUpload image = ctx.fileUploads().stream().filter(u -> u.name().equals("image") || u.name().equals("image[]"))
      .findFirst().orElse(null);
    ImageRequest parsed;
    String format;
    try {
      checkN(form.get("n"));
      format = format(form.get("response_format"));
      if (image == null) {
        FieldErrors f = new FieldErrors();
        f.add("image", "required", "Send the reference picture in the multipart part named image.");
        f.throwIfAny();
      }
      parsed = paintings.request(form.get("prompt"), form.get("size"), form.get("style"), null);
    } catch (RuntimeException e) {
      ctx.fail(OpenAiFormat.withOpenAiError(e));
      return;
    }
    ctx.vertx().fileSystem().readFile(image.uploadedFileName())
      .map(bytes -> new ImageRequest(parsed.prompt(), parsed.size(), parsed.style(), bytes.getBytes()))
      .onSuccess(req -> run(ctx, req, format, "true".equals(form.get("stream")), "image_edit"))
      .onFailure(e -> ctx.fail(OpenAiFormat.withOpenAiError(e)));
  }

  private void run(RoutingContext ctx, ImageRequest req, String format, boolean stream, String eventPrefix) {
    long userId = BearerAuth.principal(ctx).userId();
    paintings.moderate(req).compose(v -> paintings.admit(userId)).onSuccess(id -> {
      if (ctx.response().closed()) {
        paintings.abandon(userId, id);
        return;
      }
      Painting p = paintings.open(id, userId, "http", req);
      if (stream) {
        new ImageSseRelay(ctx.response(), p, eventPrefix).run();
      } else {
        whole(ctx, p, format);
      }
    }).onFailure(e -> ctx.fail(OpenAiFormat.withOpenAiError(e)));
  }

  /** Not streamed: one answer once the picture is stored; a client that leaves cancels it. */
  private static void whole(RoutingContext ctx, Painting p, String format) {
    long created = System.currentTimeMillis() / 1000;
    ctx.response().closeHandler(v -> p.cancel());
    p.outcome().onSuccess(o -> {
      if (ctx.response().closed()) {
        return;
      }
      if (o.status().equals(GenerationOutcome.COMPLETE)) {
        JsonObject item = "url".equals(format) ? new JsonObject().put("url", o.image().url())
          : new JsonObject().put("b64_json", java.util.Base64.getEncoder().encodeToString(o.png().getBytes()));
        Bodies.reply(ctx, 200, new JsonObject().put("created", created)
          .put("data", new io.vertx.core.json.JsonArray().add(item.put("media_id", o.image().mediaId().toString())))
          .put("size", p.request().size()).put("output_format", "png"));
      } else {
        ErrorCode code = o.error() == null ? ErrorCode.AI_CANCELLED : o.error();
        ctx.fail(OpenAiFormat.withOpenAiError(AppException.of(code, "The picture was not made.")));
      }
    });
  }

  private static void checkN(Object n) {
    if (n != null && !"1".equals(String.valueOf(n))) {
      FieldErrors f = new FieldErrors();
      f.add("n", "unsupported", "Only n = 1 is served.");
      f.throwIfAny();
    }
  }

  private static String format(Object f) {
    if (f == null || "b64_json".equals(f) || "url".equals(f)) {
      return f == null ? "b64_json" : (String) f;
    }
    FieldErrors errors = new FieldErrors();
    errors.add("response_format", "invalid", "b64_json or url.");
    errors.throwIfAny();
    return null;
  }
}
