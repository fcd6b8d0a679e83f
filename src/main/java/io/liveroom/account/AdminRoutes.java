package io.liveroom.account;

import io.liveroom.auth.Role;
import io.liveroom.http.ClientIp;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Admin endpoints on accounts under {@code /api/v1/admin/users/{id}}: role, status, and guardian
 * consents (recorded and withdrawn per purpose). Every one is audited by {@link AdminService}.
 */
public final class AdminRoutes implements HttpRoutes {
  private final AdminService admin;
  private final BearerAuth auth;

  public AdminRoutes(AdminService admin, BearerAuth auth) {
    this.admin = admin;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/admin/users/:id/role").handler(auth).handler(this::role);
    router.post("/api/v1/admin/users/:id/status").handler(auth).handler(this::status);
    router.post("/api/v1/admin/users/:id/guardian-consent").handler(auth).handler(this::consent);
    router.post("/api/v1/admin/users/:id/guardian-consent/withdrawal").handler(auth).handler(this::withdrawal);
  }

  private void role(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    Fields f = new Fields(Bodies.json(ctx));
    String role = f.string("role", true, 16);
    if (role != null && !Set.of("user", "moderator", "admin").contains(role)) {
      f.errors().add("role", "invalid", "One of user, moderator, admin.");
    }
    f.errors().throwIfAny();
    admin.setRole(BearerAuth.principal(ctx).userId(), userId, Role.fromWire(role), ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void status(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    Fields f = new Fields(Bodies.json(ctx));
    String status = f.string("status", true, 16);
    if (status != null && !AdminService.STATUSES.contains(status)) {
      f.errors().add("status", "invalid", "One of " + String.join(", ", AdminService.STATUSES) + ".");
    }
    String reason = f.string("reason", true, 500);
    f.errors().throwIfAny();
    admin.setStatus(BearerAuth.principal(ctx).userId(), userId, status, reason, ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void consent(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    Fields f = new Fields(Bodies.json(ctx));
    String relation = f.string("relation", true, 32);
    if (relation != null && !Set.of("parent", "legal_guardian").contains(relation)) {
      f.errors().add("relation", "invalid", "One of parent, legal_guardian.");
    }
    String evidence = f.string("evidenceRef", true, 200);
    GuardianPurpose purpose = purpose(f);
    f.errors().throwIfAny();
    admin.recordGuardianConsent(BearerAuth.principal(ctx).userId(), userId, purpose, relation, evidence, ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  private void withdrawal(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    Fields f = new Fields(Bodies.json(ctx));
    String evidence = f.string("evidenceRef", true, 200);
    GuardianPurpose purpose = purpose(f);
    f.errors().throwIfAny();
    admin.withdrawGuardianConsent(BearerAuth.principal(ctx).userId(), userId, purpose, evidence, ClientIp.of(ctx))
      .onSuccess(v -> ctx.response().setStatusCode(204).end())
      .onFailure(ctx::fail);
  }

  /** {@code purpose}: optional, {@code account} when absent (the consent the route always recorded). */
  private static GuardianPurpose purpose(Fields f) {
    String wire = f.string("purpose", false, 32);
    if (wire == null) {
      return GuardianPurpose.ACCOUNT;
    }
    return GuardianPurpose.fromWire(wire).orElseGet(() -> {
      f.errors().add("purpose", "invalid", "One of " + GuardianPurpose.names() + ".");
      return GuardianPurpose.ACCOUNT;
    });
  }
}
