package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.ClientIp;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;

/**
 * Verified email: {@code POST /api/v1/me/email} (re-authenticate, then a code is mailed to the new
 * address), {@code POST /api/v1/me/email/verification} (the code makes it the verified email), and
 * {@code POST /api/v1/auth/email-login} (verified email and password, only when
 * {@code accounts.email.login} is on). Without a sender, or with email login off, those answer
 * 503 {@code not_available}.
 */
final class EmailRoutes implements HttpRoutes {
  private final EmailService emails;
  private final EmailLogin login;
  private final UserDirectory directory;
  private final BearerAuth auth;
  private final Clock clock;

  /** {@code emails} null: no sender configured; {@code login} null: email login is off. */
  EmailRoutes(EmailService emails, EmailLogin login, UserDirectory directory, BearerAuth auth, Clock clock) {
    this.emails = emails;
    this.login = login;
    this.directory = directory;
    this.auth = auth;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/me/email").handler(auth).handler(this::requestChange);
    router.post("/api/v1/me/email/verification").handler(auth).handler(this::verify);
    router.post("/api/v1/auth/email-login").handler(this::login);
  }

  private void requestChange(RoutingContext ctx) {
    available(emails != null, "Email verification is not configured on this server.");
    Fields f = new Fields(Bodies.json(ctx));
    String email = f.email("email");
    if (email == null && !f.has("email")) {
      f.errors().add("email", "required", "This field is required.");
    }
    String currentPassword = f.string("currentPassword", false, 256);
    String currentPhoneCode = f.code("currentPhoneCode", false);
    if ((currentPassword == null) == (currentPhoneCode == null)) {
      f.errors().add("currentPassword", "required", "Give either currentPassword or currentPhoneCode "
        + "(an SMS code for purpose confirm_email_change sent to the current number).");
    }
    f.errors().throwIfAny();
    emails.requestChange(BearerAuth.principal(ctx).userId(), email, currentPassword, currentPhoneCode, ClientIp.of(ctx))
      .onSuccess(v -> Bodies.reply(ctx, 202, new JsonObject().put("sent", true)))
      .onFailure(ctx::fail);
  }

  private void verify(RoutingContext ctx) {
    available(emails != null, "Email verification is not configured on this server.");
    Fields f = new Fields(Bodies.json(ctx));
    String code = f.code("code", true);
    f.errors().throwIfAny();
    emails.verify(BearerAuth.principal(ctx).userId(), code, ClientIp.of(ctx))
      .onSuccess(address -> Bodies.reply(ctx, 200, new JsonObject().put("email", address).put("emailVerified", true)))
      .onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    available(login != null, "Login by email is not enabled on this server; log in with the phone.");
    Fields f = new Fields(Bodies.json(ctx));
    String email = f.email("email");
    if (email == null && !f.has("email")) {
      f.errors().add("email", "required", "This field is required.");
    }
    String password = f.password("password", true);
    f.errors().throwIfAny();
    login.login(email, password, AuthRoutes.device(ctx, f))
      .compose(r -> AuthRoutes.authBody(directory, clock, r))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private static void available(boolean on, String why) {
    if (!on) {
      throw AppException.of(ErrorCode.NOT_AVAILABLE, why);
    }
  }
}
