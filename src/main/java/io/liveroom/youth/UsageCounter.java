package io.liveroom.youth;

import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Today's youth-mode usage per user and kind, in Redis so that every node and device adds to the
 * same total. A counter is keyed by the user's day in their own zone and lives two days. Usage is
 * credited only from server-side observations ({@link #observe}): the time since the user was last
 * observed using that kind anywhere, if that was recently (within the last-seen TTL).
 *
 * <p>Redis may lose the counters (a restart without persistence, a FLUSHALL). So that this does not
 * give a fresh allowance, every total observed is remembered and written to {@code youth_usage} at
 * the next usage tick ({@link #flush}), and a counter missing from Redis is rebuilt from that row
 * before it is read or credited. What is lost by design: the time since the last tick's copy (at
 * most one tick) and the gap to the first observation after the wipe (the last-seen marks go too).
 */
final class UsageCounter {
  private static final RedisScript CREDIT = RedisScript.load("lua/youth/credit.lua");
  private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
  private static final String COUNTER_TTL_SECONDS = Long.toString(2 * 86_400);

  private final RedisAPI redis;
  private final YouthUsageRepository store;
  private final Clock clock;
  private final String seenTtlMs;
  private final String startGapMs;
  /** Totals observed since the last flush, from every event loop; the newest (largest) wins. */
  private final Map<Day, Long> unsaved = new ConcurrentHashMap<>();

  /** One user's counter of one kind for one day in their zone. */
  private record Day(long userId, UsageKind kind, LocalDate day) {
  }

  /** {@code tickSeconds}: how often open sessions are observed; a gap of three ticks ends a stretch. */
  UsageCounter(RedisAPI redis, YouthUsageRepository store, Clock clock, int tickSeconds) {
    this.redis = redis;
    this.store = store;
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
    Day day = new Day(userId, kind, LocalDate.ofInstant(Instant.ofEpochMilli(at), zone));
    return credit(day, at, start, "").compose(used -> used >= 0 ? Future.succeededFuture(used)
        : store.used(userId, kind, day.day()).compose(stored -> credit(day, at, start, Long.toString(stored))))
      .onSuccess(used -> unsaved.merge(day, used, Math::max));
  }

  /** {@code seed}: the day's total read from PostgreSQL, or "" to ask Redis first (-1 = not there). */
  private Future<Long> credit(Day day, long at, boolean start, String seed) {
    return CREDIT.run(redis, List.of(seenKey(day.userId(), day.kind()), counterKey(day)),
        List.of(Long.toString(at), seenTtlMs, COUNTER_TTL_SECONDS, start ? startGapMs : "-1", seed))
      .map(r -> r == null ? 0L : r.toLong());
  }

  /** Today's total in ms; from PostgreSQL when Redis does not have it. */
  Future<Long> used(long userId, UsageKind kind, ZoneId zone) {
    Day day = new Day(userId, kind, LocalDate.ofInstant(clock.instant(), zone));
    return redis.get(counterKey(day)).compose(r -> r != null ? Future.succeededFuture(r.toLong())
      : store.used(userId, kind, day.day()));
  }

  /** Writes the totals observed since the last call to PostgreSQL, in one batch. */
  Future<Void> flush() {
    List<YouthUsageRepository.Reading> readings = new ArrayList<>();
    for (Day day : List.copyOf(unsaved.keySet())) {
      Long used = unsaved.remove(day);
      if (used != null) {
        readings.add(new YouthUsageRepository.Reading(day.userId(), day.kind(), day.day(), used));
      }
    }
    return store.save(readings, LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(3));
  }

  /** Erasure: the user's counters and last-seen marks (they expire anyway within two days). */
  Future<Void> forget(long userId, ZoneId zone) {
    return redis.del(List.of(seenKey(userId, UsageKind.LIVE), seenKey(userId, UsageKind.AI),
      counterKey(today(userId, UsageKind.LIVE, zone)), counterKey(today(userId, UsageKind.AI, zone)))).mapEmpty();
  }

  private static String seenKey(long userId, UsageKind kind) {
    return "youth:seen:" + kind.key + ":" + userId;
  }

  private Day today(long userId, UsageKind kind, ZoneId zone) {
    return new Day(userId, kind, LocalDate.ofInstant(clock.instant(), zone));
  }

  /** The counter of the user's day (in their zone). */
  private static String counterKey(Day day) {
    return "youth:used:" + day.kind().key + ":" + day.userId() + ":" + day.day().format(DAY);
  }
}
