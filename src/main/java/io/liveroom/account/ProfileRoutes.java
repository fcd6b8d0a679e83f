package io.liveroom.account;

import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;
import java.util.UUID;

/** {@code GET/PATCH /api/v1/me}, {@code POST /api/v1/me/phone}, {@code GET /api/v1/users/{id}}. */
public final class ProfileRoutes implements HttpRoutes {
  private static final Set<String> GENDERS = Set.of("male", "female", "other", "unspecified");

  private final ProfileService profiles;
  private final PhoneNumbers phones;
  private final BearerAuth auth;

  public ProfileRoutes(ProfileService profiles, PhoneNumbers phones, BearerAuth auth) {
    this.profiles = profiles;
    this.phones = phones;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me").handler(auth).handler(this::me);
    router.patch("/api/v1/me").handler(auth).handler(this::patch);
    router.post("/api/v1/me/phone").handler(auth).handler(this::changePhone);
    router.get("/api/v1/users/:id").handler(auth).handler(this::publicView);
  }

  private void me(RoutingContext ctx) {
    profiles.me(BearerAuth.principal(ctx).userId())
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void patch(RoutingContext ctx) {
    JsonObject body = Bodies.json(ctx);
    Fields f = new Fields(body);
    String nickname = f.string("nickname", false, 32);
    if (body.containsKey("nickname") && body.getValue("nickname") == null) {
      f.errors().add("nickname", "required", "The nickname cannot be removed.");
    }
    String avatar = f.url("avatarUrl");
    UUID avatarMediaId = avatarMediaId(body, f);
    String gender = f.string("gender", false, 16);
    if (gender != null && !GENDERS.contains(gender)) {
      f.errors().add("gender", "invalid", "One of male, female, other, unspecified.");
    }
    String bio = f.string("bio", false, 280);
    if (body.containsKey("email")) {
      // An email may become a way to log in: it changes only with re-authentication and a code.
      f.errors().add("email", "reauth_required", "Change the email with POST /api/v1/me/email "
        + "(re-authentication, then a code mailed to the new address).");
    }
    for (String name : body.fieldNames()) {
      if (!Set.of("nickname", "avatarUrl", "avatarMediaId", "gender", "bio", "email").contains(name)) {
        f.errors().add(name, "unknown", "This field cannot be changed here.");
      }
    }
    f.errors().throwIfAny();
    ProfilePatch patch = new ProfilePatch(nickname, body.containsKey("avatarUrl"), avatar, gender,
      body.containsKey("bio"), bio, false, null);
    profiles.update(BearerAuth.principal(ctx).userId(), patch, avatarMediaId)
      .onSuccess(me -> Bodies.reply(ctx, 200, me))
      .onFailure(ctx::fail);
  }

  /** An uploaded picture's id (POST /api/v1/media) to use as the avatar; not together with avatarUrl. */
  private static UUID avatarMediaId(JsonObject body, Fields f) {
    Object raw = body.getValue("avatarMediaId");
    if (raw == null) {
      return null;
    }
    if (body.containsKey("avatarUrl")) {
      f.errors().add("avatarMediaId", "conflict", "Give avatarUrl or avatarMediaId, not both.");
      return null;
    }
    if (raw instanceof String s && s.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
      return UUID.fromString(s);
    }
    f.errors().add("avatarMediaId", "invalid", "The id of an uploaded picture (a UUID).");
    return null;
  }

  private void changePhone(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String phone = f.phone("phone", phones);
    String code = f.code("code", true);
    String currentPassword = f.string("currentPassword", false, 256);
    String currentPhoneCode = f.code("currentPhoneCode", false);
    if (currentPassword != null && currentPhoneCode != null) {
      f.errors().add("currentPassword", "one_of", "Give either currentPassword or currentPhoneCode, not both.");
    }
    f.errors().throwIfAny();
    profiles.changePhone(BearerAuth.principal(ctx), phone, code, currentPassword, currentPhoneCode, ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void publicView(RoutingContext ctx) {
    profiles.publicView(BearerAuth.principal(ctx).userId(), PathParams.id(ctx, "id"))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }
}
