package io.liveroom.push;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;

/**
 * The {@code fcm} provider: Firebase Cloud Messaging HTTP v1,
 * {@code POST {endpoint}/v1/projects/{project}/messages:send} with a service-account OAuth2 bearer
 * token ({@link FcmAccessTokens}). Answers: 2xx delivered; 404 ({@code UNREGISTERED}) or 400
 * {@code INVALID_ARGUMENT} about the token: invalid token; 401: the access token is dropped and the
 * attempt retried; 429 and 5xx: retried; any other 4xx: refused for good.
 */
final class FcmPushSender implements PushSender {
  private static final Logger LOG = LoggerFactory.getLogger(FcmPushSender.class);

  private final WebClient client;
  private final FcmAccessTokens tokens;
  private final String url;
  private final int timeoutMs;

  FcmPushSender(WebClient client, FcmAccessTokens tokens, String endpoint, String projectId, int timeoutMs) {
    this.client = client;
    this.tokens = tokens;
    this.url = endpoint.replaceAll("/+$", "") + "/v1/projects/" + projectId + "/messages:send";
    this.timeoutMs = timeoutMs;
  }

  @Override
  public String name() {
    return "fcm";
  }

  @Override
  public boolean accepts(String provider) {
    return "fcm".equals(provider);
  }

  @Override
  public Future<PushOutcome> send(PushDevice device, PushMessage message) {
    return tokens.get()
      .compose(access -> client.postAbs(url).timeout(timeoutMs).bearerTokenAuthentication(access)
        .sendJsonObject(body(device, message)).map(resp -> outcome(resp, access, device)))
      .otherwise(e -> {
        LOG.warn("FCM unreachable for user {} device {}: {}", device.userId(), device.id(), e.toString());
        return PushOutcome.RETRY;
      });
  }

  /** The v1 message: the token, the visible notification, and {@code data} as strings (FCM requires string values). */
  static JsonObject body(PushDevice device, PushMessage message) {
    JsonObject data = new JsonObject().put("kind", message.kind());
    for (Map.Entry<String, Object> e : message.data()) {
      Object v = e.getValue();
      data.put(e.getKey(), v instanceof String s ? s : v == null ? "" : v instanceof JsonObject || v instanceof JsonArray
        ? v.toString() : String.valueOf(v));
    }
    return new JsonObject().put("message", new JsonObject().put("token", device.token())
      .put("notification", new JsonObject().put("title", message.title()).put("body", message.body()))
      .put("data", data));
  }

  private PushOutcome outcome(HttpResponse<Buffer> resp, String access, PushDevice device) {
    int status = resp.statusCode();
    if (status / 100 == 2) {
      return PushOutcome.DELIVERED;
    }
    if (status == 404 || status == 400 && aboutToken(resp)) {
      return PushOutcome.INVALID_TOKEN;
    }
    if (status == 401) {
      tokens.invalidate(access);
      return PushOutcome.RETRY;
    }
    LOG.warn("FCM answered HTTP {} for user {} device {}: {}", status, device.userId(), device.id(), errorStatus(resp));
    return status == 429 || status >= 500 ? PushOutcome.RETRY : PushOutcome.REJECTED;
  }

  /** A 400 is about the token when FCM names {@code message.token} as the bad field, or says the registration token is invalid. */
  private static boolean aboutToken(HttpResponse<Buffer> resp) {
    JsonObject error = error(resp);
    if (error.getString("message", "").toLowerCase(Locale.ROOT).contains("registration token")) {
      return true;
    }
    for (Object d : error.getJsonArray("details", new JsonArray())) {
      if (d instanceof JsonObject detail) {
        for (Object v : detail.getJsonArray("fieldViolations", new JsonArray())) {
          if (v instanceof JsonObject violation && "message.token".equals(violation.getString("field"))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  private static String errorStatus(HttpResponse<Buffer> resp) {
    return error(resp).getString("status", "(no error status)");
  }

  private static JsonObject error(HttpResponse<Buffer> resp) {
    try {
      JsonObject body = resp.bodyAsJsonObject();
      return body == null ? new JsonObject() : body.getJsonObject("error", new JsonObject());
    } catch (RuntimeException e) {
      return new JsonObject();
    }
  }
}
