package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.UUID;

/** Writes the per-generation usage ledger ({@code ai_usage}). */
public final class UsageRepository {
  static final String INSERT = """
    INSERT INTO ai_usage (user_id, generation_id, surface, provider, model, status, error_code,
                          prompt_tokens, completion_tokens, estimated, first_token_ms, duration_ms)
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
    ON CONFLICT (generation_id) DO NOTHING""";

  private final Pool pool;

  public UsageRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Void> record(Generation g, GenerationOutcome o, String provider, Integer firstTokenMs, int durationMs) {
    Tuple t = Tuple.tuple()
      .addLong(g.userId()).addUUID(UUID.fromString(g.id())).addString(g.surface()).addString(provider)
      .addString(g.model()).addString(o.status()).addString(o.error() == null ? null : o.error().code())
      .addInteger(o.usage().promptTokens()).addInteger(o.usage().completionTokens())
      .addBoolean(o.usage().estimated()).addInteger(firstTokenMs).addInteger(durationMs);
    return pool.preparedQuery(INSERT).execute(t).mapEmpty();
  }
}
