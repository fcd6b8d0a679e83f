package io.liveroom.geo;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.util.List;

/**
 * A per-user fixed-window limit kept in Redis, so it holds across nodes: at most {@code max} hits
 * per {@code windowSeconds}; the one over fails with {@code rate_limited} and a Retry-After of the
 * window's remaining time.
 */
public final class WindowLimit {
  private static final RedisScript SCRIPT = RedisScript.load("lua/geo/rate_limit.lua");

  private final RedisAPI redis;
  private final String name;
  private final int max;
  private final long windowMillis;

  public WindowLimit(RedisAPI redis, String name, int max, int windowSeconds) {
    this.redis = redis;
    this.name = name;
    this.max = max;
    this.windowMillis = windowSeconds * 1000L;
  }

  public Future<Void> hit(long userId) {
    String key = "ratelimit:" + name + ":" + userId;
    return SCRIPT.run(redis, List.of(key), List.of(Long.toString(windowMillis))).compose(r -> {
      long hits = r.get(0).toLong();
      if (hits <= max) {
        return Future.succeededFuture();
      }
      long retryAfter = Math.max(1, (r.get(1).toLong() + 999) / 1000);
      return Future.failedFuture(AppException.retryAfter(ErrorCode.RATE_LIMITED,
        "Too many " + name + " requests; try again in " + retryAfter + " s.", retryAfter));
    });
  }
}
