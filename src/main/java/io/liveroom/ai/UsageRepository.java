package io.liveroom.ai;

import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/**
 * Writes the per-generation usage ledger ({@code ai_usage}). A write that fails (a pool exhausted
 * by a burst of generations, a PostgreSQL blip) is retried with backoff a bounded number of times:
 * the insert is idempotent on the generation id, so a retry never counts a generation twice.
 */
public final class UsageRepository {
  private static final Logger LOG = LoggerFactory.getLogger(UsageRepository.class);
  static final int ATTEMPTS = 6;
  static final long FIRST_DELAY_MS = 250;

  static final String INSERT = """
    INSERT INTO ai_usage (user_id, generation_id, surface, provider, model, status, error_code,
                          prompt_tokens, completion_tokens, estimated, first_token_ms, duration_ms)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (generation_id) DO NOTHING""";

  static final String USED_SINCE = """
    SELECT user_id, sum(prompt_tokens + completion_tokens)::bigint AS used FROM ai_usage
    WHERE created_at >= $1 GROUP BY user_id""";

  static final String DAYS = """
    SELECT (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS generations,
           sum(prompt_tokens + completion_tokens)::bigint AS tokens
    FROM ai_usage WHERE user_id = $1 AND created_at >= $2 GROUP BY 1 ORDER BY 1""";

  /** One user's dialogue usage on one UTC day. */
  record DayTokens(java.time.LocalDate day, int generations, long tokens) {
  }

  private final Vertx vertx;
  private final Pool pool;

  public UsageRepository(Vertx vertx, Pool pool) {
    this.vertx = vertx;
    this.pool = pool;
  }

  public Future<Void> record(Generation g, GenerationOutcome o, String provider, Integer firstTokenMs, int durationMs) {
    Tuple t = Tuple.tuple()
      .addLong(g.userId()).addUUID(UUID.fromString(g.id())).addString(g.surface()).addString(provider)
      .addString(g.model()).addString(o.status()).addString(o.error() == null ? null : o.error().code())
      .addInteger(o.usage().promptTokens()).addInteger(o.usage().completionTokens())
      .addBoolean(o.usage().estimated()).addInteger(firstTokenMs).addInteger(durationMs);
    return write(t);
  }

  /** Tokens (prompt and completion) each user has used since {@code since}, by user id. */
  public Future<java.util.Map<Long, Long>> usedSince(java.time.OffsetDateTime since) {
    return pool.preparedQuery(USED_SINCE).execute(Tuple.of(since)).map(rows -> {
      java.util.Map<Long, Long> used = new java.util.LinkedHashMap<>();
      rows.forEach(r -> used.put(r.getLong("user_id"), r.getLong("used")));
      return used;
    });
  }

  /** The user's dialogue usage per UTC day since {@code from}, oldest first. */
  Future<java.util.List<DayTokens>> days(long userId, java.time.LocalDate from) {
    return pool.preparedQuery(DAYS).execute(Tuple.of(userId, from.atStartOfDay().atOffset(java.time.ZoneOffset.UTC)))
      .map(rows -> {
        java.util.List<DayTokens> out = new java.util.ArrayList<>();
        rows.forEach(r -> out.add(new DayTokens(r.getLocalDate("day"), r.getInteger("generations"), r.getLong("tokens"))));
        return out;
      });
  }

  /** Inserts one prepared usage row, retrying as the class comment says. */
  Future<Void> write(Tuple row) {
    return insert(row, 1, FIRST_DELAY_MS);
  }

  private Future<Void> insert(Tuple row, int attempt, long delayMs) {
    return pool.preparedQuery(INSERT).execute(row).<Void>mapEmpty().recover(e -> {
      if (attempt >= ATTEMPTS) {
        LOG.error("Usage of generation {} for user {} could not be recorded after {} attempts: {}",
          row.getUUID(1), row.getLong(0), attempt, e.getMessage());
        return Future.failedFuture(e);
      }
      LOG.warn("Usage of generation {} not recorded yet (attempt {}): {}; retrying in {} ms", row.getUUID(1),
        attempt, e.getMessage(), delayMs);
      return vertx.timer(delayMs).compose(v -> insert(row, attempt + 1, delayMs * 2));
    });
  }
}
