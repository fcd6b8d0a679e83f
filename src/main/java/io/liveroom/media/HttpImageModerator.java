package io.liveroom.media;

import io.liveroom.config.MediaConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

import java.util.Base64;

/**
 * {@code media.moderation.provider=http}: POSTs {@code {"mediaId", "ownerId", "contentType",
 * "image": <base64>}} to {@code media.moderation.url} (with {@code Authorization: Bearer <secret>}
 * when a secret is set) and reads {@code {"verdict": "approve" | "reject"}} from a 2xx answer.
 * Anything else fails the future, which keeps the picture private.
 */
final class HttpImageModerator implements ImageModerator {
  private final WebClient client;
  private final MediaConfig.Moderation config;

  HttpImageModerator(Vertx vertx, MediaConfig.Moderation config) {
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(config.timeoutMs()));
    this.config = config;
  }

  @Override
  public Future<Verdict> review(MediaObject picture, Buffer medium) {
    JsonObject body = new JsonObject().put("mediaId", picture.id().toString()).put("ownerId", picture.ownerId())
      .put("contentType", picture.contentType()).put("image", Base64.getEncoder().encodeToString(medium.getBytes()));
    var request = client.postAbs(config.url()).timeout(config.timeoutMs());
    if (!config.secret().isEmpty()) {
      request.bearerTokenAuthentication(config.secret());
    }
    return request.sendJsonObject(body).map(response -> {
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException("moderation service answered " + response.statusCode());
      }
      String verdict = response.bodyAsJsonObject() == null ? null : response.bodyAsJsonObject().getString("verdict");
      if ("approve".equals(verdict)) {
        return Verdict.APPROVED;
      }
      if ("reject".equals(verdict)) {
        return Verdict.REJECTED;
      }
      throw new IllegalStateException("moderation service gave no verdict: " + verdict);
    });
  }
}
