package io.liveroom.account;

import io.liveroom.config.AccountsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;

/**
 * The {@code http} one-click provider: POSTs {@code {"token": ...}} to the carrier gateway
 * ({@code accounts.oneClick.httpUrl}), signed as {@link OneClickSignature} says with
 * {@code appKey}/{@code appSecret}, within {@code httpTimeoutMs} (connect and answer). The gateway
 * answers 200 {@code {"phone": "+86..."}}; 400, 404 or 410 for a token it does not know (or no
 * longer); 401 or 403 when it refuses our signature. Anything else, or no answer in time, is
 * {@code one_click_unavailable}.
 */
public final class HttpOneClickProvider implements OneClickProvider {
  private static final Logger LOG = LoggerFactory.getLogger(HttpOneClickProvider.class);

  private final WebClient client;
  private final AccountsConfig.OneClick config;
  private final PhoneNumbers phones;
  private final String path;

  public HttpOneClickProvider(Vertx vertx, AccountsConfig.OneClick config, PhoneNumbers phones) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.httpTimeoutMs()));
    this.config = config;
    this.phones = phones;
    String raw = URI.create(config.httpUrl()).getRawPath();
    this.path = raw == null || raw.isEmpty() ? "/" : raw;
  }

  @Override
  public String name() {
    return "http";
  }

  @Override
  public Future<String> phoneFor(String token) {
    Buffer body = new JsonObject().put("token", token).toBuffer();
    long ts = System.currentTimeMillis() / 1000;
    return client.postAbs(config.httpUrl())
      .timeout(config.httpTimeoutMs())
      .putHeader("Content-Type", "application/json")
      .putHeader(OneClickSignature.APP_KEY_HEADER, config.appKey())
      .putHeader(OneClickSignature.TIMESTAMP_HEADER, Long.toString(ts))
      .putHeader(OneClickSignature.SIGNATURE_HEADER,
        OneClickSignature.sign(config.appSecret(), "POST", path, ts, body.getBytes()))
      .sendBuffer(body)
      .transform(ar -> ar.succeeded() ? answer(ar.result()) : unavailable(ar.cause().getClass().getSimpleName()));
  }

  private Future<String> answer(HttpResponse<Buffer> r) {
    int status = r.statusCode();
    if (status == 200) {
      String phone = phoneIn(r);
      return phone != null ? Future.succeededFuture(phone) : unavailable("HTTP 200 without a valid phone");
    }
    if (status == 400 || status == 404 || status == 410) {
      return Future.failedFuture(AppException.of(ErrorCode.ONE_CLICK_TOKEN_INVALID,
        "The one-click token is unknown, expired or already used; try again or use an SMS code."));
    }
    if (status == 401 || status == 403) {
      LOG.error("The carrier gateway refused our signed request (HTTP {}): check accounts.oneClick.appKey and "
        + "accounts.oneClick.appSecret, and this node's clock", status);
      return Future.failedFuture(AppException.of(ErrorCode.ONE_CLICK_REJECTED,
        "One-click login is misconfigured on the server; use an SMS code."));
    }
    return unavailable("HTTP " + status);
  }

  private String phoneIn(HttpResponse<Buffer> r) {
    try {
      String raw = r.bodyAsJsonObject() == null ? null : r.bodyAsJsonObject().getString("phone");
      return raw == null ? null : phones.normalize(raw).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Future<String> unavailable(String why) {
    LOG.warn("Carrier one-click exchange failed: {}", why);
    return Future.failedFuture(AppException.of(ErrorCode.ONE_CLICK_UNAVAILABLE,
      "One-click login is unavailable right now; try again or use an SMS code."));
  }
}
