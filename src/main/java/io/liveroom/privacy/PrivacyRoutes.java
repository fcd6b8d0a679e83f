package io.liveroom.privacy;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.BodyFields;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The user's privacy rights over HTTP: exports, account cancellation and its withdrawal, deleting
 * their own chat messages, and accepting the current privacy policy.
 */
final class PrivacyRoutes implements HttpRoutes {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PrivacyRoutes.class);
  private final BearerAuth auth;
  private final ExportService exports;
  private final CancellationService cancellations;
  private final PolicyService policy;
  private final RoomActions rooms;

  PrivacyRoutes(BearerAuth auth, ExportService exports, CancellationService cancellations, PolicyService policy,
                RoomActions rooms) {
    this.auth = auth;
    this.exports = exports;
    this.cancellations = cancellations;
    this.policy = policy;
    this.rooms = rooms;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/me/exports").handler(auth).handler(this::requestExport);
    router.get("/api/v1/me/exports/:id").handler(auth).handler(this::exportStatus);
    router.get("/api/v1/exports/:id/download").handler(this::download);
    router.post("/api/v1/me/cancellation").handler(auth).handler(this::cancel);
    // No bearer: a frozen account's tokens are refused; the one-time withdrawal token proves the login.
    router.delete("/api/v1/me/cancellation").handler(this::withdraw);
    router.delete("/api/v1/me/chat-messages/:messageId").handler(auth).handler(this::deleteMessage);
    router.post("/api/v1/me/policy-acceptance").handler(auth).handler(this::acceptPolicy);
  }

  private void requestExport(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    exports.request(userId, userId).onSuccess(body -> Bodies.reply(ctx, 202, body)).onFailure(ctx::fail);
  }

  private void exportStatus(RoutingContext ctx) {
    exports.status(PathParams.uuid(ctx, "id"), BearerAuth.principal(ctx).userId())
      .onSuccess(body -> Bodies.reply(ctx, 200, body)).onFailure(ctx::fail);
  }

  private void download(RoutingContext ctx) {
    java.util.UUID id = PathParams.uuid(ctx, "id");
    long expires;
    try {
      expires = Long.parseLong(ctx.queryParams().get("expires"));
    } catch (NumberFormatException e) {
      ctx.fail(AppException.of(ErrorCode.EXPORT_NOT_FOUND, "No such export."));
      return;
    }
    exports.download(id, expires, ctx.queryParams().get("sig")).onSuccess(export -> {
      ctx.response().putHeader("Content-Type", "application/json")
        .putHeader("Content-Disposition", "attachment; filename=\"liveroom-export-" + id + ".json\"")
        .putHeader("Cache-Control", "no-store");
      // Once the head is out, a failure can only cut the response (ExportDocuments resets it).
      exports.send(export, ctx.response()).onFailure(e -> LOG.warn("Download of export {} failed: {}", id, e.toString()));
    }).onFailure(ctx::fail);
  }

  private void cancel(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    String password = BodyFields.optionalString(body, "password", 256, f);
    String code = BodyFields.optionalString(body, "code", 12, f);
    if (f.isEmpty() && (password == null) == (code == null)) {
      f.add("password", "required", "Give either your password or an SMS code for purpose cancel_account.");
    }
    f.throwIfAny();
    cancellations.request(BearerAuth.principal(ctx).userId(), password, code, ClientIp.of(ctx))
      .onSuccess(r -> Bodies.reply(ctx, 202, r)).onFailure(ctx::fail);
  }

  private void withdraw(RoutingContext ctx) {
    cancellations.withdraw(ctx.request().getHeader("X-Withdrawal-Token"))
      .onSuccess(r -> Bodies.reply(ctx, 200, r)).onFailure(ctx::fail);
  }

  private void deleteMessage(RoutingContext ctx) {
    long messageId = PathParams.id(ctx, "messageId");
    rooms.deleteOwnMessage(BearerAuth.principal(ctx).userId(), messageId)
      .onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  private void acceptPolicy(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    String version = BodyFields.optionalString(body, "policyVersion", 40, f);
    if (version == null && f.isEmpty()) {
      f.add("policyVersion", "required", "The version you accept (current: " + policy.current() + ").");
    }
    f.throwIfAny();
    policy.accept(BearerAuth.principal(ctx).userId(), version, ClientIp.of(ctx))
      .onSuccess(r -> Bodies.reply(ctx, 200, r)).onFailure(ctx::fail);
  }
}
