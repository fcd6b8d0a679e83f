package io.liveroom.ai;

import io.liveroom.infra.CacheMarker;
import io.liveroom.infra.RedisScript;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Keeps the daily AI token budgets that {@link AiQuotas} counts in Redis from being reset by a Redis
 * wipe: they are a cache of {@code ai_usage} (the usage ledger), guarded by a {@link CacheMarker}
 * ({@code lr:{cache}:ai-tokens}). When the marker is gone, today's tokens per user are summed in
 * PostgreSQL and each user's counter is raised to at least that sum.
 */
final class TokenBudgets {
  private static final RedisScript RESTORE = RedisScript.load("lua/ai/restore_day_tokens.lua");
  private static final int DAY_KEY_TTL = 2 * 86_400;
  private static final int BATCH = 500;

  private final UsageRepository usage;
  private final RedisAPI redis;
  private final Clock clock;
  private final CacheMarker cache;

  TokenBudgets(Vertx vertx, UsageRepository usage, RedisAPI redis, Clock clock) {
    this.usage = usage;
    this.redis = redis;
    this.clock = clock;
    this.cache = new CacheMarker(vertx, redis, "ai-tokens", this::fill);
  }

  /** Checks the marker now and every second; rebuilds when Redis lost the counters. */
  void start() {
    cache.watch();
  }

  void stop() {
    cache.stop();
  }

  private Future<Void> fill() {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    return usage.usedSince(today.atStartOfDay().atOffset(ZoneOffset.UTC))
      .compose(used -> restore(List.copyOf(used.entrySet()), 0, now));
  }

  private Future<Void> restore(List<Map.Entry<Long, Long>> used, int from, Instant now) {
    if (from >= used.size()) {
      return Future.succeededFuture();
    }
    List<Future<Response>> batch = new ArrayList<>();
    for (Map.Entry<Long, Long> u : used.subList(from, Math.min(used.size(), from + BATCH))) {
      batch.add(RESTORE.run(redis, List.of(AiQuotas.dayKey(u.getKey(), now)),
        List.of(Long.toString(u.getValue()), Integer.toString(DAY_KEY_TTL))));
    }
    return Future.all(batch).compose(x -> restore(used, from + BATCH, now));
  }
}
