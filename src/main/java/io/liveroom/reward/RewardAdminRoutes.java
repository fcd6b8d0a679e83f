package io.liveroom.reward;

import io.liveroom.account.UserDirectory;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.PathParams;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Admin HTTP for rewards (role admin, as stored now): catalog, credits, withdrawal decisions, ledger
 * check, rebuild.
 */
final class RewardAdminRoutes implements HttpRoutes {
  private final GiftCatalog catalog;
  private final PaymentService payments;
  private final WithdrawalService withdrawals;
  private final Reconciliation reconciliation;
  private final Leaderboards boards;
  private final BearerAuth auth;
  private final UserDirectory users;

  RewardAdminRoutes(GiftCatalog catalog, PaymentService payments, WithdrawalService withdrawals,
                    Reconciliation reconciliation, Leaderboards boards, BearerAuth auth, UserDirectory users) {
    this.users = users;
    this.catalog = catalog;
    this.payments = payments;
    this.withdrawals = withdrawals;
    this.reconciliation = reconciliation;
    this.boards = boards;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    String base = "/api/v1/admin";
    for (String prefix : new String[] {"/gifts", "/gifts/*", "/wallets/*", "/withdrawals", "/withdrawals/*",
      "/ledger/*", "/leaderboards/*"}) {
      router.route(base + prefix).handler(auth).handler(RouteSupport.requireAdmin(users));
    }
    router.get(base + "/gifts").handler(ctx -> RouteSupport.respond(ctx, 200, () -> catalog.snapshot().map(s -> {
      JsonArray items = new JsonArray();
      s.gifts().forEach(g -> items.add(g.toJson()));
      return new JsonObject().put("items", items);
    })));
    router.post(base + "/gifts").handler(ctx -> RouteSupport.respond(ctx, 201, () ->
      catalog.create(BearerAuth.principal(ctx), Bodies.json(ctx)).map(Gift::toJson)));
    router.put(base + "/gifts/:giftId").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      catalog.update(BearerAuth.principal(ctx), PathParams.id(ctx, "giftId"), Bodies.json(ctx)).map(Gift::toJson)));
    router.post(base + "/wallets/:userId/credit").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      payments.adminCredit(BearerAuth.principal(ctx), PathParams.id(ctx, "userId"), Bodies.json(ctx))));
    router.get(base + "/withdrawals").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      withdrawals.byStatus(ctx.request().getParam("status", "pending"))));
    router.post(base + "/withdrawals/:id/approve").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      withdrawals.approve(BearerAuth.principal(ctx), PathParams.id(ctx, "id"))));
    router.post(base + "/withdrawals/:id/reject").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      withdrawals.reject(BearerAuth.principal(ctx), PathParams.id(ctx, "id"))));
    router.get(base + "/ledger/check").handler(ctx -> RouteSupport.respond(ctx, 200, reconciliation::check));
    router.post(base + "/leaderboards/rebuild").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      boards.rebuild().map(n -> new JsonObject().put("boards", n))));
  }
}
