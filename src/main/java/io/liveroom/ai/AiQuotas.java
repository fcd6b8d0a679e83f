package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Per-user AI quotas in Redis, shared by every node: requests per minute, tokens per UTC day, and
 * concurrent generations. A generation holds a lease in a sorted set until it ends; leases expire
 * on their own (after the longest allowed generation) so a crashed node cannot hold a user's slots
 * forever. Keys carry the user in a hash tag so a cluster keeps one user's keys together.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): each admission or release
 * is one Redis call made by its caller, completed on the caller's context; nothing is cached or queued.
 */
public final class AiQuotas {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final int DAY_KEY_TTL = 2 * 86_400;
  private static final RedisScript ADMIT = RedisScript.load("lua/ai/admit.lua");
  private static final RedisScript RELEASE = RedisScript.load("lua/ai/release.lua");

  private final RedisAPI redis;
  private final AiConfig.Quota quota;
  private final long leaseMs;
  private final Clock clock;

  private AiQuotas(RedisAPI redis, AiConfig.Quota quota, long leaseMs, Clock clock) {
    this.redis = redis;
    this.quota = quota;
    this.leaseMs = leaseMs;
    this.clock = clock;
  }

  /** Builds the quotas; its scripts are read from the classpath when the class loads (on the bootstrap's worker). */
  static AiQuotas read(RedisAPI redis, AiConfig.Quota quota, long leaseMs) {
    return new AiQuotas(redis, quota, leaseMs, Clock.systemUTC());
  }

  /** Takes a slot for a generation, or fails with the quota's code and a Retry-After. */
  public Future<Void> admit(long userId, String generationId) {
    Instant now = clock.instant();
    long toMinute = 60 - now.getEpochSecond() % 60;
    long toDay = 86_400 - now.getEpochSecond() % 86_400;
    List<String> keys = List.of(activeKey(userId), minuteKey(userId, now), dayKey(userId, now));
    List<String> args = List.of(Long.toString(now.toEpochMilli()), Long.toString(leaseMs), generationId,
      Integer.toString(quota.concurrentGenerations()), Integer.toString(quota.requestsPerMinute()),
      Long.toString(quota.tokensPerDay()), Long.toString(toMinute), Long.toString(toDay));
    return ADMIT.run(redis, keys, args).compose(this::verdict);
  }

  private Future<Void> verdict(Response r) {
    int reason = r.get(0).toInteger();
    long retry = r.get(1).toLong();
    return switch (reason) {
      case 0 -> Future.succeededFuture();
      case 2 -> Future.failedFuture(AppException.retryAfter(ErrorCode.AI_RATE_LIMITED,
        "Too many AI requests this minute.", retry));
      case 3 -> Future.failedFuture(AppException.retryAfter(ErrorCode.AI_TOKEN_QUOTA_EXCEEDED,
        "Today's AI token budget is used up.", retry));
      default -> Future.failedFuture(AppException.retryAfter(ErrorCode.AI_TOO_MANY_GENERATIONS,
        "Too many answers are being generated at once; wait for one to finish.", retry));
    };
  }

  /** Frees the generation's slot and charges its tokens to today's budget. */
  public Future<Void> release(long userId, String generationId, int tokens) {
    Instant now = clock.instant();
    return RELEASE.run(redis, List.of(activeKey(userId), dayKey(userId, now)), List.of(generationId,
      Integer.toString(Math.max(0, tokens)), Integer.toString(DAY_KEY_TTL))).mapEmpty();
  }

  static String activeKey(long userId) {
    return "ai:{u" + userId + "}:active";
  }

  static String minuteKey(long userId, Instant now) {
    return "ai:{u" + userId + "}:rpm:" + now.getEpochSecond() / 60;
  }

  static String dayKey(long userId, Instant now) {
    return "ai:{u" + userId + "}:tokens:" + DAY.format(ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
  }
}
