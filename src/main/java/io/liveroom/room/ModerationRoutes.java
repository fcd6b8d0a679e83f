package io.liveroom.room;

import io.liveroom.auth.Principal;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.BodyFields;
import io.liveroom.http.Bodies;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Duration;

/**
 * Moderation endpoints under {@code /api/v1/rooms/{id}}; {@link RoomRoutes} mounts them behind its
 * authentication handler.
 */
final class ModerationRoutes {
  private static final String ROOM = RoomRoutes.BASE + "/:id";
  private static final int MAX_SLOW_MODE = 120;

  private final ModerationService moderation;

  ModerationRoutes(ModerationService moderation) {
    this.moderation = moderation;
  }

  void mount(Router router) {
    router.get(ROOM + "/moderation").handler(ctx ->
      RoomRoutes.reply(ctx, 200, moderation.standing(p(ctx), room(ctx))));
    router.post(ROOM + "/moderators").handler(ctx -> withUser(ctx, (p, room, user, body) ->
      done(ctx, moderation.appoint(p, room, user))));
    router.delete(ROOM + "/moderators/:userId").handler(ctx ->
      done(ctx, moderation.dismiss(p(ctx), room(ctx), PathParams.id(ctx, "userId"))));
    router.post(ROOM + "/mutes").handler(ctx -> withUser(ctx, (p, room, user, body) -> {
      FieldErrors errors = new FieldErrors();
      Integer seconds = BodyFields.optionalInt(body, "durationSeconds", 1, Integer.MAX_VALUE, errors);
      if (seconds == null) {
        errors.add("durationSeconds", "required", "durationSeconds is required for a mute.");
      }
      errors.throwIfAny();
      done(ctx, moderation.mute(p, room, user, Duration.ofSeconds(seconds)));
    }));
    router.delete(ROOM + "/mutes/:userId").handler(ctx ->
      done(ctx, moderation.lift(p(ctx), room(ctx), PathParams.id(ctx, "userId"), Restriction.MUTE)));
    router.post(ROOM + "/kicks").handler(ctx -> withUser(ctx, (p, room, user, body) -> {
      FieldErrors errors = new FieldErrors();
      Integer seconds = BodyFields.optionalInt(body, "banSeconds", 1, 30 * 86_400, errors);
      errors.throwIfAny();
      done(ctx, moderation.kick(p, room, user, seconds == null ? null : Duration.ofSeconds(seconds)));
    }));
    router.post(ROOM + "/bans").handler(ctx -> withUser(ctx, (p, room, user, body) -> {
      FieldErrors errors = new FieldErrors();
      Integer seconds = BodyFields.optionalInt(body, "durationSeconds", 1, Integer.MAX_VALUE, errors);
      errors.throwIfAny();
      done(ctx, moderation.ban(p, room, user, seconds == null ? null : Duration.ofSeconds(seconds)));
    }));
    router.delete(ROOM + "/bans/:userId").handler(ctx ->
      done(ctx, moderation.lift(p(ctx), room(ctx), PathParams.id(ctx, "userId"), Restriction.BAN)));
    router.delete(ROOM + "/messages/:messageId").handler(ctx ->
      done(ctx, moderation.deleteMessage(p(ctx), room(ctx), PathParams.id(ctx, "messageId"))));
    router.put(ROOM + "/pin").handler(this::pin);
    router.delete(ROOM + "/pin").handler(ctx -> done(ctx, moderation.unpin(p(ctx), room(ctx))));
    router.put(ROOM + "/slow-mode").handler(this::slowMode);
  }

  private void pin(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    String id = body.getValue("messageId") instanceof String s && s.matches("[1-9][0-9]{0,18}") ? s : null;
    if (id == null) {
      errors.add("messageId", "required", "messageId is the id string of a chat message.");
    }
    errors.throwIfAny();
    RoomRoutes.reply(ctx, 200, moderation.pin(p(ctx), room(ctx), Long.parseLong(id)));
  }

  private void slowMode(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    Integer seconds = BodyFields.optionalInt(body, "seconds", 0, MAX_SLOW_MODE, errors);
    if (seconds == null && errors.isEmpty()) {
      errors.add("seconds", "required", "seconds is 1-" + MAX_SLOW_MODE + ", or 0 to turn slow mode off.");
    }
    errors.throwIfAny();
    done(ctx, moderation.slowMode(p(ctx), room(ctx), seconds));
  }

  /** An action on a user named by {@code userId} in the JSON body. */
  private interface UserAction {
    void run(Principal principal, long roomId, long userId, JsonObject body);
  }

  private static void withUser(RoutingContext ctx, UserAction action) {
    JsonObject body = Bodies.json(ctx);
    FieldErrors errors = new FieldErrors();
    long user = BodyFields.requiredId(body, "userId", errors);
    errors.throwIfAny();
    action.run(p(ctx), room(ctx), user, body);
  }

  private static Principal p(RoutingContext ctx) {
    return BearerAuth.principal(ctx);
  }

  private static long room(RoutingContext ctx) {
    return PathParams.id(ctx, "id");
  }

  private static void done(RoutingContext ctx, io.vertx.core.Future<Void> result) {
    RoomRoutes.reply(ctx, 204, result);
  }
}
