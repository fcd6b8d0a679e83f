package io.liveroom.reward;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.WebhookSignature;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/** HTTP for a user's own money: wallet, statement, withdrawals; and the payment provider's side. */
final class WalletRoutes implements HttpRoutes {
  private final WalletService wallets;
  private final WithdrawalService withdrawals;
  private final PaymentService payments;
  private final BearerAuth auth;

  WalletRoutes(WalletService wallets, WithdrawalService withdrawals, PaymentService payments, BearerAuth auth) {
    this.wallets = wallets;
    this.withdrawals = withdrawals;
    this.payments = payments;
    this.auth = auth;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/me/wallet").handler(auth).handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      wallets.wallet(BearerAuth.principal(ctx))));
    router.get("/api/v1/me/wallet/transactions").handler(auth).handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      wallets.transactions(BearerAuth.principal(ctx), ctx.request().getParam("before"), ctx.request().getParam("limit"))));
    router.post("/api/v1/me/withdrawals").handler(auth).handler(BearerAuth.sensitive()).handler(ctx -> RouteSupport.respond(ctx, 201, () ->
      withdrawals.request(BearerAuth.principal(ctx), Bodies.json(ctx))));
    router.get("/api/v1/me/withdrawals").handler(auth).handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      withdrawals.mine(BearerAuth.principal(ctx))));
    router.get("/api/v1/payments/products").handler(ctx -> RouteSupport.respond(ctx, 200, payments::products));
    router.post("/api/v1/payments/webhook").handler(ctx -> RouteSupport.respond(ctx, 200, () ->
      payments.webhook(ctx.request().getHeader(WebhookSignature.TIMESTAMP_HEADER),
        ctx.request().getHeader(WebhookSignature.SIGNATURE_HEADER),
        ctx.body().buffer() == null ? Buffer.buffer() : ctx.body().buffer())));
  }
}
