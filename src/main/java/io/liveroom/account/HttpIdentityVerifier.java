package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} provider: POSTs {@code {realName, idNumber}} (signed like every outgoing call,
 * see {@link WebhookSignature}) to a third-party eKYC endpoint, which answers 200
 * {@code {"match": true|false}}. Anything else is "unavailable", not a rejection.
 */
public final class HttpIdentityVerifier implements IdentityVerifier {
  private static final Logger LOG = LoggerFactory.getLogger(HttpIdentityVerifier.class);

  private final WebClient client;
  private final AccountsConfig.Identity config;

  public HttpIdentityVerifier(Vertx vertx, AccountsConfig.Identity config) {
    this.client = WebClient.create(vertx);
    this.config = config;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Future<Void> verify(String realName, ResidentId id) {
    Buffer body = new JsonObject().put("realName", realName).put("idNumber", id.number()).toBuffer();
    long ts = System.currentTimeMillis() / 1000;
    return client.postAbs(config.httpUrl()).timeout(config.httpTimeoutMs())
      .putHeader("Content-Type", "application/json")
      .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
      .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(config.httpSecret(), ts, body))
      .sendBuffer(body)
      .transform(ar -> ar.succeeded() ? decide(ar.result()) : unavailable(ar.cause().getClass().getSimpleName()));
  }

  private static Future<Void> decide(HttpResponse<Buffer> r) {
    if (r.statusCode() != 200) {
      return unavailable("HTTP " + r.statusCode());
    }
    try {
      Boolean match = r.bodyAsJsonObject().getBoolean("match");
      if (match == null) {
        return unavailable("no match field");
      }
      return match ? Future.succeededFuture() : Future.failedFuture(AppException.of(ErrorCode.IDENTITY_REJECTED,
        "The name and ID number could not be confirmed."));
    } catch (RuntimeException e) {
      return unavailable("unreadable answer");
    }
  }

  private static Future<Void> unavailable(String why) {
    LOG.warn("eKYC provider did not answer usefully: {}", why);
    return Future.failedFuture(AppException.of(ErrorCode.IDENTITY_UNAVAILABLE,
      "Identity verification is unavailable right now; try again later."));
  }
}
