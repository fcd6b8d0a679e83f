package io.liveroom.account;

import io.liveroom.auth.Principal;
import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Public authentication endpoints under {@code /api/v1/auth}: SMS codes, register, login, password
 * reset, refresh, and logout (the only one behind {@link BearerAuth}).
 */
public final class AuthRoutes implements HttpRoutes {
  private final AccountService accounts;
  private final SmsCodeService codes;
  private final SessionService sessions;
  private final UserDirectory directory;
  private final PhoneNumbers phones;
  private final PasswordPolicy passwords;
  private final BearerAuth auth;
  private final String policyVersion;
  private final Clock clock;

  public AuthRoutes(AccountService accounts, SmsCodeService codes, SessionService sessions, UserDirectory directory,
                    PhoneNumbers phones, PasswordPolicy passwords, BearerAuth auth, String policyVersion, Clock clock) {
    this.accounts = accounts;
    this.codes = codes;
    this.sessions = sessions;
    this.directory = directory;
    this.phones = phones;
    this.passwords = passwords;
    this.auth = auth;
    this.policyVersion = policyVersion;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/auth/sms-codes").handler(this::smsCode);
    router.post("/api/v1/auth/register").handler(this::register);
    router.post("/api/v1/auth/login").handler(this::login);
    router.post("/api/v1/auth/password-reset").handler(this::reset);
    router.post("/api/v1/auth/refresh").handler(this::refresh);
    router.post("/api/v1/auth/logout").handler(auth).handler(this::logout);
  }

  private void smsCode(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String phone = f.phone("phone", phones);
    String purposeRaw = f.string("purpose", true, 32);
    SmsPurpose purpose = purposeRaw == null ? null : SmsPurpose.fromWire(purposeRaw).orElseGet(() -> {
      f.errors().add("purpose", "invalid", "One of register, login, reset_password, change_phone, cancel_account, confirm_phone_change, "
        + "confirm_email_change.");
      return null;
    });
    f.errors().throwIfAny();
    // The same 202 whether or not the phone has an account: the answer reveals nothing.
    codes.send(phone, purpose, ClientIp.of(ctx))
      .onSuccess(v -> Bodies.reply(ctx, 202, new JsonObject().put("sent", true).put("purpose", purpose.wire())))
      .onFailure(ctx::fail);
  }

  private void register(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String phone = f.phone("phone", phones);
    String code = f.code("code", true);
    String password = f.password("password", true);
    if (password != null) {
      passwords.check("password", password, f.errors());
    }
    String nickname = f.string("nickname", true, 32);
    LocalDate birth = f.date("birthDate", LocalDate.now(clock));
    String email = f.email("email");
    String policy = f.string("policyVersion", true, 32);
    if (policy != null && !policy.equals(policyVersion)) {
      f.errors().add("policyVersion", "not_current", "Accept the current privacy policy, version " + policyVersion + ".");
    }
    f.errors().throwIfAny();
    accounts.register(new AccountService.Registration(phone, code, password, nickname, birth, email, policy), device(ctx, f))
      .compose(this::answer)
      .onSuccess(body -> Bodies.reply(ctx, 201, body))
      .onFailure(ctx::fail);
  }

  private void login(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String phone = f.phone("phone", phones);
    String password = f.password("password", false);
    String code = f.code("code", false);
    if (f.has("password") == f.has("code")) {
      f.errors().add("password", "one_of", "Send either password or code.");
    }
    f.errors().throwIfAny();
    DeviceInfo device = device(ctx, f);
    (password != null ? accounts.loginWithPassword(phone, password, device) : accounts.loginWithCode(phone, code, device))
      .compose(this::answer)
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void reset(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String phone = f.phone("phone", phones);
    String code = f.code("code", true);
    String password = f.password("newPassword", true);
    if (password != null) {
      passwords.check("newPassword", password, f.errors());
    }
    f.errors().throwIfAny();
    accounts.resetPassword(phone, code, password, ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void refresh(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String token = f.string("refreshToken", true, 256);
    f.errors().throwIfAny();
    sessions.refresh(token, device(ctx, f))
      .compose(t -> answer(new AccountService.AuthResult(t, t.userId(), "active")))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }

  private void logout(RoutingContext ctx) {
    Principal p = BearerAuth.principal(ctx);
    sessions.revoke(p.userId(), UUID.fromString(p.sessionId()), "logout", ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  /** {@code {accessToken, refreshToken, expiresIn, user}}; without tokens while awaiting a guardian. */
  private Future<JsonObject> answer(AccountService.AuthResult r) {
    return authBody(directory, clock, r);
  }

  /** The body of every answer that signs someone in (phone, one-click, email). */
  static Future<JsonObject> authBody(UserDirectory directory, Clock clock, AccountService.AuthResult r) {
    return directory.find(r.userId()).map(u -> {
      JsonObject body = new JsonObject();
      if (r.tokens() != null) {
        body.put("accessToken", r.tokens().accessToken()).put("refreshToken", r.tokens().refreshToken())
          .put("expiresIn", r.tokens().expiresIn()).put("sessionId", r.tokens().sessionId());
      } else {
        body.put("guardianConsentRequired", true);
      }
      return body.put("user", ProfileService.summaryJson(u, LocalDate.now(clock)));
    });
  }

  static DeviceInfo device(RoutingContext ctx, Fields f) {
    String name = f.string("deviceName", false, 64);
    f.errors().throwIfAny();
    return new DeviceInfo(name, truncate(ctx.request().getHeader("User-Agent"), 256), ClientIp.of(ctx));
  }


  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}
