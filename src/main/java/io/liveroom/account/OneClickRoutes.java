package io.liveroom.account;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;

/**
 * {@code POST /api/v1/auth/one-click} {@code {token, policyVersion, nickname?, birthDate?, deviceName?}}:
 * logs in the phone the carrier token proves (200), or registers it (201, {@code registered: true}).
 * The token is single use, so the current policy is accepted in the same request. With
 * {@code accounts.oneClick.provider = off} it answers 503 {@code not_available}.
 */
final class OneClickRoutes implements HttpRoutes {
  private final OneClickService service;
  private final UserDirectory directory;
  private final String policyVersion;
  private final Clock clock;

  OneClickRoutes(OneClickService service, UserDirectory directory, String policyVersion, Clock clock) {
    this.service = service;
    this.directory = directory;
    this.policyVersion = policyVersion;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/auth/one-click").handler(this::oneClick);
  }

  private void oneClick(RoutingContext ctx) {
    if (service == null) {
      throw AppException.of(ErrorCode.NOT_AVAILABLE, "One-click login is not offered here; use an SMS code.");
    }
    Fields f = new Fields(Bodies.json(ctx));
    String token = f.string("token", true, 4096);
    String policy = f.string("policyVersion", true, 32);
    if (policy != null && !policy.equals(policyVersion)) {
      f.errors().add("policyVersion", "not_current", "Accept the current privacy policy, version " + policyVersion + ".");
    }
    String nickname = f.string("nickname", false, 32);
    LocalDate birth = f.date("birthDate", LocalDate.now(clock));
    f.errors().throwIfAny();
    service.signIn(new OneClickService.Request(token, policy, nickname, birth), AuthRoutes.device(ctx, f))
      .compose(o -> AuthRoutes.authBody(directory, clock, o.result())
        .map(body -> body.put("registered", o.registered())).onSuccess(body ->
          Bodies.reply(ctx, o.registered() ? 201 : 200, body)))
      .onFailure(ctx::fail);
  }
}
