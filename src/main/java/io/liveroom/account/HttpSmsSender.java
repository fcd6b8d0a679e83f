package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.http.WebhookSignature;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code http} SMS sender: POSTs {@code {phone, purpose, code, ttlSeconds}} (a code) or
 * {@code {phone, notice, text}} (a security notice) as JSON to the configured gateway URL, signed with {@link WebhookSignature} in
 * {@code X-Liveroom-Timestamp} / {@code X-Liveroom-Signature}. Any 2xx is "accepted".
 */
public final class HttpSmsSender implements SmsSender {
  private static final Logger LOG = LoggerFactory.getLogger(HttpSmsSender.class);

  private final WebClient client;
  private final AccountsConfig.Sms config;

  public HttpSmsSender(Vertx vertx, AccountsConfig.Sms config) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.httpTimeoutMs()));
    this.config = config;
  }

  @Override
  public Future<Void> send(String e164, SmsPurpose purpose, String code, int ttlSeconds) {
    return post(new JsonObject().put("phone", e164).put("purpose", purpose.wire()).put("code", code)
      .put("ttlSeconds", ttlSeconds).toBuffer(), purpose.wire() + " code");
  }

  @Override
  public Future<Void> notify(String e164, SmsNotice notice) {
    return post(new JsonObject().put("phone", e164).put("notice", notice.wire()).put("text", notice.text()).toBuffer(),
      notice.wire() + " notice");
  }

  private Future<Void> post(Buffer body, String what) {
    long ts = System.currentTimeMillis() / 1000;
    return client.postAbs(config.httpUrl())
      .timeout(config.httpTimeoutMs())
      .putHeader("Content-Type", "application/json")
      .putHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(ts))
      .putHeader(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(config.httpSecret(), ts, body))
      .sendBuffer(body)
      .transform(ar -> {
        if (ar.succeeded() && ar.result().statusCode() / 100 == 2) {
          return Future.succeededFuture();
        }
        LOG.warn("SMS gateway refused a {}: {}", what,
          ar.succeeded() ? "HTTP " + ar.result().statusCode() : ar.cause().getClass().getSimpleName());
        return Future.failedFuture(AppException.of(ErrorCode.SMS_UNAVAILABLE,
          "The message could not be sent right now; try again shortly."));
      });
  }
}
