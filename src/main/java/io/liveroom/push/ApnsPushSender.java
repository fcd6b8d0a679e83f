package io.liveroom.push;

import io.liveroom.config.PushConfig;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The {@code apns} provider: Apple Push Notification service over HTTP/2 (TLS with ALPN h2),
 * {@code POST /3/device/{token}} with an ES256 provider token ({@link ApnsProviderToken}) and the
 * headers {@code apns-topic} (the app's bundle id), {@code apns-push-type: alert},
 * {@code apns-priority: 10}. Answers: 200 delivered; 410 {@code Unregistered} or 400
 * {@code BadDeviceToken}/{@code DeviceTokenNotForTopic}: invalid token; 403 about the provider
 * token: a new one is signed and the attempt retried; 429 and 5xx: retried; other 4xx: refused.
 */
final class ApnsPushSender implements PushSender {
  private static final Logger LOG = LoggerFactory.getLogger(ApnsPushSender.class);
  private static final Set<String> BAD_TOKEN = Set.of("BadDeviceToken", "DeviceTokenNotForTopic", "Unregistered");
  private static final Set<String> BAD_AUTH = Set.of("ExpiredProviderToken", "InvalidProviderToken");

  private final WebClient client;
  private final ApnsProviderToken auth;
  private final PushConfig.Apns config;
  private final int timeoutMs;

  ApnsPushSender(WebClient client, ApnsProviderToken auth, PushConfig.Apns config, int timeoutMs) {
    this.client = client;
    this.auth = auth;
    this.config = config;
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String name() {
    return "apns";
  }

  @Override
  public boolean accepts(String provider) {
    return "apns".equals(provider);
  }

  @Override
  public Future<PushOutcome> send(PushDevice device, PushMessage message) {
    String jwt;
    try {
      jwt = auth.get();
    } catch (IllegalStateException e) {
      LOG.warn("APNs provider token could not be signed: {}", e.getMessage());
      return Future.succeededFuture(PushOutcome.RETRY);
    }
    return client.post(config.port(), config.effectiveHost(), "/3/device/" + device.token())
      .timeout(timeoutMs)
      .putHeader("authorization", "bearer " + jwt)
      .putHeader("apns-topic", config.topic())
      .putHeader("apns-push-type", "alert")
      .putHeader("apns-priority", "10")
      .sendJsonObject(payload(message))
      .map(resp -> outcome(resp, jwt, device))
      .otherwise(e -> {
        LOG.warn("APNs unreachable for user {} device {}: {}", device.userId(), device.id(), e.toString());
        return PushOutcome.RETRY;
      });
  }

  /** The alert, plus the kind and data beside {@code aps} where the app reads them. */
  static JsonObject payload(PushMessage message) {
    return new JsonObject()
      .put("aps", new JsonObject().put("alert", new JsonObject().put("title", message.title()).put("body", message.body()))
        .put("sound", "default"))
      .put("kind", message.kind()).put("data", message.data());
  }

  private PushOutcome outcome(HttpResponse<Buffer> resp, String jwt, PushDevice device) {
    int status = resp.statusCode();
    if (status == 200) {
      return PushOutcome.DELIVERED;
    }
    String reason = reason(resp);
    if (status == 410 || status == 400 && BAD_TOKEN.contains(reason)) {
      return PushOutcome.INVALID_TOKEN;
    }
    LOG.warn("APNs answered HTTP {} {} for user {} device {}", status, reason, device.userId(), device.id());
    if (status == 403 && BAD_AUTH.contains(reason)) {
      auth.invalidate(jwt);
      return PushOutcome.RETRY;
    }
    return status == 429 || status >= 500 ? PushOutcome.RETRY : PushOutcome.REJECTED;
  }

  private static String reason(HttpResponse<Buffer> resp) {
    try {
      JsonObject body = resp.bodyAsJsonObject();
      return body == null ? "" : body.getString("reason", "");
    } catch (RuntimeException e) {
      return "";
    }
  }
}
