package io.liveroom.privacy;

import io.liveroom.account.AdminService;
import io.liveroom.error.FieldErrors;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.BodyFields;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.UUID;

/**
 * The admin-assisted flow for a guardian exercising a minor's rights: support checks the guardian
 * out of band (as for the guardian consent), then an administrator requests the export or the
 * cancellation on the minor's behalf. Only for accounts with a recorded guardian consent; the
 * evidence reference is audit-logged with the request. The admin hands the export's signed link to
 * the guardian.
 */
final class GuardianRoutes implements HttpRoutes {
  private final BearerAuth auth;
  private final AdminService admin;
  private final ExportService exports;
  private final CancellationService cancellations;

  GuardianRoutes(BearerAuth auth, AdminService admin, ExportService exports, CancellationService cancellations) {
    this.auth = auth;
    this.admin = admin;
    this.exports = exports;
    this.cancellations = cancellations;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/admin/users/:id/guardian-requests").handler(auth).handler(this::request);
    router.get("/api/v1/admin/users/:id/exports/:exportId").handler(auth).handler(this::exportStatus);
  }

  private void request(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    JsonObject body = Bodies.json(ctx);
    FieldErrors f = new FieldErrors();
    String kind = BodyFields.optionalString(body, "kind", 16, f);
    String evidence = BodyFields.optionalString(body, "evidenceRef", 200, f);
    if (!"export".equals(kind) && !"cancellation".equals(kind)) {
      f.add("kind", "invalid", "export or cancellation.");
    }
    if (evidence == null) {
      f.add("evidenceRef", "required", "The support ticket or form that identifies the guardian.");
    }
    f.throwIfAny();
    long adminId = BearerAuth.principal(ctx).userId();
    admin.requireAdmin(adminId)
      .compose(v -> admin.requireGuardianConsent(userId))
      .compose(v -> "export".equals(kind) ? exports.request(userId, adminId)
        .map(r -> r.put("evidenceRef", evidence)) : cancellations.requestForGuardian(userId, adminId, evidence))
      .onSuccess(r -> Bodies.reply(ctx, 202, r.put("kind", kind))).onFailure(ctx::fail);
  }

  private void exportStatus(RoutingContext ctx) {
    long userId = PathParams.id(ctx, "id");
    UUID exportId = PathParams.uuid(ctx, "exportId");
    admin.requireAdmin(BearerAuth.principal(ctx).userId())
      .compose(v -> exports.status(exportId, userId))
      .onSuccess(r -> Bodies.reply(ctx, 200, r)).onFailure(ctx::fail);
  }
}
