package io.liveroom.ai;

import io.liveroom.config.PaintConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Per-user painting quotas in Redis, shared by every node: pictures started per UTC day and
 * paintings running at once. A running painting holds a lease that expires on its own (after the
 * longest allowed painting), so a crashed node cannot hold a user's slots forever. A started
 * painting counts against the day whether it completes or is cancelled; one that fails upstream
 * (not the user's doing) is given back.
 *
 * <p>The day's count is a cache of the usage ledger ({@code ai_image_usage}): when Redis does not
 * have it (the first painting of the day, or Redis restarted empty), it is rebuilt from the ledger
 * before anything is admitted, so a wipe does not hand out a fresh quota. Paintings still running at
 * the wipe are not in the ledger yet (it is written when they end), so at most
 * {@code concurrentGenerations} pictures can be started again.
 */
final class PaintQuotas {
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final int DAY_KEY_TTL = 2 * 86_400;
  private static final RedisScript ADMIT = RedisScript.load("lua/ai/paint_admit.lua");
  private static final RedisScript RELEASE = RedisScript.load("lua/ai/paint_release.lua");

  private static final int NOT_IN_REDIS = 5;

  private final RedisAPI redis;
  private final PaintRepository ledger;
  private final PaintConfig.Quota quota;
  private final long leaseMs;
  private final Clock clock;

  PaintQuotas(RedisAPI redis, PaintRepository ledger, PaintConfig.Quota quota, long leaseMs, Clock clock) {
    this.redis = redis;
    this.ledger = ledger;
    this.quota = quota;
    this.leaseMs = leaseMs;
    this.clock = clock;
  }

  Future<Void> admit(long userId, String generationId) {
    Instant now = clock.instant();
    return runAdmit(userId, generationId, now, "").compose(r -> r.get(0).toInteger() != NOT_IN_REDIS
      ? Future.succeededFuture(r)
      : ledger.startedSince(userId, startOfDay(now))
        .compose(started -> runAdmit(userId, generationId, now, Integer.toString(started))))
      .compose(this::verdict);
  }

  /** {@code seed}: the day's count read from the ledger, or "" to ask Redis first. */
  private Future<Response> runAdmit(long userId, String generationId, Instant now, String seed) {
    long toDay = 86_400 - now.getEpochSecond() % 86_400;
    List<String> args = List.of(Long.toString(now.toEpochMilli()), Long.toString(leaseMs), generationId,
      Integer.toString(quota.concurrentGenerations()), Integer.toString(quota.imagesPerDay()), Long.toString(toDay),
      Integer.toString(DAY_KEY_TTL), seed);
    return ADMIT.run(redis, List.of(activeKey(userId), dayKey(userId, now)), args);
  }

  private static OffsetDateTime startOfDay(Instant now) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);
  }

  private Future<Void> verdict(Response r) {
    int reason = r.get(0).toInteger();
    long retry = r.get(1).toLong();
    return switch (reason) {
      case 0 -> Future.succeededFuture();
      case 3 -> Future.failedFuture(AppException.retryAfter(ErrorCode.AI_IMAGE_QUOTA_EXCEEDED,
        "Today's AI pictures are used up.", retry));
      default -> Future.failedFuture(AppException.retryAfter(ErrorCode.AI_TOO_MANY_PAINTINGS,
        "Too many pictures are being painted at once; wait for one to finish.", retry));
    };
  }

  /** Frees the painting's lease; {@code refund} gives today's picture back. */
  Future<Void> release(long userId, String generationId, boolean refund) {
    return RELEASE.run(redis, List.of(activeKey(userId), dayKey(userId, clock.instant())),
      List.of(generationId, refund ? "1" : "0")).mapEmpty();
  }

  PaintConfig.Quota limits() {
    return quota;
  }

  static String activeKey(long userId) {
    return "ai:{u" + userId + "}:paint:active";
  }

  static String dayKey(long userId, Instant now) {
    return "ai:{u" + userId + "}:paint:" + DAY.format(ZonedDateTime.ofInstant(now, ZoneOffset.UTC));
  }
}
