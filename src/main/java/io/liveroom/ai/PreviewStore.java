package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.redis.client.RedisAPI;

import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Partial previews of paintings: small, short-lived PNGs kept in Redis (shared by every node, so
 * the preview a node announces can be fetched through any other) under the owner's key, expiring
 * after {@code ai.paint.previewTtlSeconds}. They are never media objects, so nothing can be left
 * behind as an orphan: Redis drops them on its own.
 */
final class PreviewStore {
  private final RedisAPI redis;
  private final int ttlSeconds;

  PreviewStore(RedisAPI redis, int ttlSeconds) {
    this.redis = redis;
    this.ttlSeconds = ttlSeconds;
  }

  /** Keeps a preview of the user's; the id to fetch it with. */
  Future<String> put(long userId, Buffer png) {
    String id = UUID.randomUUID().toString();
    return redis.set(List.of(key(userId, id), Base64.getEncoder().encodeToString(png.getBytes()), "EX",
      Integer.toString(ttlSeconds))).map(id);
  }

  /** A preview of the user's, or {@code ai_image_not_found} (another user's, expired, unknown). */
  Future<Buffer> get(long userId, UUID id) {
    return redis.get(key(userId, id.toString())).compose(r -> r == null
      ? Future.failedFuture(AppException.of(ErrorCode.AI_IMAGE_NOT_FOUND, "No such preview (they expire)."))
      : Future.succeededFuture(Buffer.buffer(Base64.getDecoder().decode(r.toString()))));
  }

  private static String key(long userId, String id) {
    return "ai:{u" + userId + "}:preview:" + id;
  }
}
