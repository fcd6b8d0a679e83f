package io.liveroom.ai;

import io.liveroom.infra.CacheMarker;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps the daily AI token budgets that {@link AiQuotas} counts in Redis from being reset by a Redis
 * wipe: they are a cache of {@code ai_usage} (the usage ledger), guarded by a {@link CacheMarker}
 * ({@code lr:{cache}:ai-tokens}). When the marker is gone, today's tokens per user are summed in
 * PostgreSQL and each user's counter is raised to at least that sum.
 */
final class TokenBudgets {
  static final String USED_TODAY = """
    SELECT user_id, sum(prompt_tokens + completion_tokens)::bigint AS used FROM ai_usage
    WHERE created_at >= $1 GROUP BY user_id""";
  private static final int DAY_KEY_TTL = 2 * 86_400;
  private static final int BATCH = 500;

  private final Pool pool;
  private final RedisAPI redis;
  private final Clock clock;
  private final String restoreScript;
  private final CacheMarker cache;

  TokenBudgets(Vertx vertx, Pool pool, RedisAPI redis, Clock clock) {
    this.pool = pool;
    this.redis = redis;
    this.clock = clock;
    this.restoreScript = script("ai/restore_day_tokens.lua");
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
    return pool.preparedQuery(USED_TODAY).execute(Tuple.of(today.atStartOfDay().atOffset(ZoneOffset.UTC)))
      .compose(rows -> {
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        return restore(all, 0, now);
      });
  }

  private Future<Void> restore(List<Row> rows, int from, Instant now) {
    if (from >= rows.size()) {
      return Future.succeededFuture();
    }
    List<Future<Response>> batch = new ArrayList<>();
    for (Row r : rows.subList(from, Math.min(rows.size(), from + BATCH))) {
      batch.add(redis.eval(List.of(restoreScript, "1", AiQuotas.dayKey(r.getLong("user_id"), now),
        Long.toString(r.getLong("used")), Integer.toString(DAY_KEY_TTL))));
    }
    return Future.all(batch).compose(x -> restore(rows, from + BATCH, now));
  }

  private static String script(String path) {
    try (InputStream in = TokenBudgets.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
