package io.liveroom.account;

import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.time.Clock;
import java.time.LocalDate;
import java.util.regex.Pattern;

/** {@code POST /api/v1/me/identity {realName, idNumber}}: real-name verification. */
public final class IdentityRoutes implements HttpRoutes {
  /** Letters of any script, with the middle dot and spaces used in transliterated names. */
  private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}·• .'-]{2,64}");

  private final IdentityService identities;
  private final BearerAuth auth;
  private final Clock clock;

  public IdentityRoutes(IdentityService identities, BearerAuth auth, Clock clock) {
    this.identities = identities;
    this.auth = auth;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/me/identity").handler(auth).handler(BearerAuth.sensitive()).handler(this::verify);
  }

  private void verify(RoutingContext ctx) {
    Fields f = new Fields(Bodies.json(ctx));
    String name = f.string("realName", true, 64);
    if (name != null && !NAME.matcher(name).matches()) {
      f.errors().add("realName", "invalid", "Enter the name exactly as on the ID card.");
    }
    String number = f.string("idNumber", true, 18);
    ResidentId id = number == null ? null : ResidentId.parse(number, LocalDate.now(clock)).orElseGet(() -> {
      f.errors().add("idNumber", "invalid", "Not a valid resident ID number.");
      return null;
    });
    f.errors().throwIfAny();
    identities.verify(BearerAuth.principal(ctx).userId(), name, id, ClientIp.of(ctx))
      .onSuccess(body -> Bodies.reply(ctx, 200, body))
      .onFailure(ctx::fail);
  }
}
