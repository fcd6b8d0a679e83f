package io.liveroom.youth;

import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Today's youth-mode usage per user and kind, in Redis so that every node and device adds to the
 * same total. A counter is keyed by the user's day in their own zone and lives two days. Usage is
 * credited only from server-side observations ({@link #observe}): the time since the user was last
 * observed using that kind anywhere, if that was recently (within the last-seen TTL).
 */
final class UsageCounter {
  private static final RedisScript CREDIT = RedisScript.load("lua/youth/credit.lua");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String COUNTER_TTL_SECONDS = Long.toString(2 * 86_400);

  private final RedisAPI redis;
  private final Clock clock;
  private final String seenTtlMs;
  private final String startGapMs;

  /** {@code tickSeconds}: how often open sessions are observed; a gap of three ticks ends a stretch. */
  UsageCounter(RedisAPI redis, Clock clock, int tickSeconds) {
    this.redis = redis;
    this.clock = clock;
    this.seenTtlMs = Long.toString((3L * tickSeconds + 5) * 1000);
    this.startGapMs = Long.toString((tickSeconds + 5L) * 1000);
  }

  /** The node's clock now (ms): an observation is stamped when it is made, before any I/O. */
  long now() {
    return clock.millis();
  }

  /**
   * Records that the user was using {@code kind} at {@code at} (ms); returns today's total in ms.
   * A {@code start} (a new session) credits the time since the last observation only if that was
   * within about one tick: another device in use until now.
   */
  Future<Long> observe(long userId, UsageKind kind, ZoneId zone, long at, boolean start) {
    return CREDIT.run(redis, List.of(seenKey(userId, kind), counterKey(userId, kind, zone, at)),
        List.of(Long.toString(at), seenTtlMs, COUNTER_TTL_SECONDS, start ? startGapMs : "-1"))
      .map(r -> r == null ? 0L : r.toLong());
  }

  /** Today's total in ms. */
  Future<Long> used(long userId, UsageKind kind, ZoneId zone) {
    return redis.get(counterKey(userId, kind, zone, now())).map(r -> r == null ? 0L : r.toLong());
  }

  /** Erasure: the user's counters and last-seen marks (they expire anyway within two days). */
  Future<Void> forget(long userId, ZoneId zone) {
    return redis.del(List.of(seenKey(userId, UsageKind.LIVE), seenKey(userId, UsageKind.AI),
      counterKey(userId, UsageKind.LIVE, zone, now()), counterKey(userId, UsageKind.AI, zone, now()))).mapEmpty();
  }

  private static String seenKey(long userId, UsageKind kind) {
    return "youth:seen:" + kind.key + ":" + userId;
  }

  /** The counter of the user's day (in their zone) that contains {@code at}. */
  private static String counterKey(long userId, UsageKind kind, ZoneId zone, long at) {
    return "youth:used:" + kind.key + ":" + userId + ":" + LocalDate.ofInstant(Instant.ofEpochMilli(at), zone).format(DAY);
  }
}
