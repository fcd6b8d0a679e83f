package io.liveroom.privacy;

import io.liveroom.account.AuthRoutes;
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

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/** Filing reports, the reporter's view of them, and the moderators' queue. */
final class ReportRoutes implements HttpRoutes {
  private static final Set<String> STATUSES = Set.of("open", "actioned", "dismissed");

  private final BearerAuth auth;
  private final ReportService reports;

  ReportRoutes(BearerAuth auth, ReportService reports) {
    this.auth = auth;
    this.reports = reports;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/reports").handler(auth).handler(this::file);
    router.get("/api/v1/me/reports").handler(auth).handler(this::mine);
    router.get("/api/v1/moderation/reports").handler(auth).handler(this::queue);
    router.post("/api/v1/moderation/reports/:id/resolution").handler(auth).handler(this::resolve);
  }

  private void file(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    Long user = BodyFields.optionalId(body, "targetUserId", f);
    Long room = BodyFields.optionalId(body, "roomId", f);
    Long message = BodyFields.optionalId(body, "messageId", f);
    UUID media = mediaId(body, f);
    Long post = BodyFields.optionalId(body, "postId", f);
    Long comment = BodyFields.optionalId(body, "commentId", f);
    String reason = BodyFields.optionalString(body, "reason", 32, f);
    String details = BodyFields.optionalString(body, "details", 2000, f);
    int targets = (user == null ? 0 : 1) + (room == null ? 0 : 1) + (message == null ? 0 : 1) + (media == null ? 0 : 1)
      + (post == null ? 0 : 1) + (comment == null ? 0 : 1);
    if (targets != 1 && f.isEmpty()) {
      f.add("targetUserId", "one_required",
        "Give exactly one of targetUserId, roomId, messageId, mediaId, postId and commentId.");
    }
    if (reason == null || !ReportService.REASONS.contains(reason)) {
      f.add("reason", "invalid", "One of " + String.join(", ", ReportService.REASONS.stream().sorted().toList()) + ".");
    }
    f.throwIfAny();
    long reporter = BearerAuth.principal(ctx).userId();
    (post != null || comment != null ? reports.fileContent(reporter, post, comment, reason, details)
      : reports.file(reporter, user, room, message, media, reason, details))
      .onSuccess(r -> Bodies.reply(ctx, 201, r)).onFailure(ctx::fail);
  }

  /** An uploaded picture's id (a UUID string), or null when absent. */
  private static UUID mediaId(JsonObject body, FieldErrors f) {
    Object raw = body.getValue("mediaId");
    if (raw == null) {
      return null;
    }
    try {
      if (raw instanceof String s && s.length() == 36) {
        return UUID.fromString(s);
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    f.add("mediaId", "invalid", "The id of an uploaded picture (a UUID).");
    return null;
  }

  private void mine(RoutingContext ctx) {
    reports.mine(BearerAuth.principal(ctx).userId())
      .onSuccess(list -> Bodies.reply(ctx, 200, new JsonObject().put("reports", list))).onFailure(ctx::fail);
  }

  private void queue(RoutingContext ctx) {
    String status = ctx.queryParams().get("status") == null ? "open" : ctx.queryParams().get("status");
    FieldErrors f = new FieldErrors();
    if (!STATUSES.contains(status)) {
      f.add("status", "invalid", "One of open, actioned, dismissed.");
    }
    long after = 0;
    try {
      after = ctx.queryParams().get("after") == null ? 0 : Long.parseLong(ctx.queryParams().get("after"));
    } catch (NumberFormatException e) {
      f.add("after", "invalid", "A report id.");
    }
    f.throwIfAny();
    reports.queue(BearerAuth.principal(ctx), status, after, 50)
      .onSuccess(list -> Bodies.reply(ctx, 200, new JsonObject().put("reports", list))).onFailure(ctx::fail);
  }

  private void resolve(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    String action = BodyFields.optionalString(body, "action", 16, f);
    String outcome = BodyFields.optionalString(body, "outcome", 1000, f);
    if (action == null || !ReportService.ACTIONS.contains(action)) {
      f.add("action", "invalid", "One of warn, mute, ban, close_room, remove_media, dismiss.");
    }
    Integer seconds = body.getValue("durationSeconds") instanceof Number n ? n.intValue() : null;
    if (body.getValue("durationSeconds") != null && (seconds == null || seconds < 1)) {
      f.add("durationSeconds", "invalid", "A positive number of seconds.");
    }
    f.throwIfAny();
    reports.resolve(BearerAuth.principal(ctx), id, new ReportService.Resolution(action, outcome,
        seconds == null ? null : Duration.ofSeconds(seconds)), ClientIp.of(ctx))
      .onSuccess(r -> Bodies.reply(ctx, 200, r)).onFailure(ctx::fail);
  }
}
