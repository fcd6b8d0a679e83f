package io.liveroom.ai;

import io.liveroom.personaldata.ErasureMode;
import io.liveroom.personaldata.ExportWriter;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionTarget;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * AI dialogue's personal data for the privacy flows, and its retention period.
 *
 * <p>Export streams the user's conversations, every message in them, and the usage ledger.
 * Erasure deletes conversations and their messages (the content is the user's, and nothing
 * requires keeping it); usage rows hold no content, only token counts, and stay attached to the
 * anonymized account for accounting. Retention deletes conversations idle for longer than the
 * configured period, messages with them.
 */
public final class AiPersonalData implements PersonalDataSource, RetentionTarget {
  static final String CONVERSATIONS = """
    SELECT id, title, system_prompt, created_at, updated_at FROM ai_conversations WHERE user_id = $1 ORDER BY id""";
  static final String MESSAGES = """
    SELECT m.id, m.conversation_id, m.role, m.content, m.status, m.error_code, m.prompt_tokens, m.completion_tokens,
           m.created_at
    FROM ai_messages m JOIN ai_conversations c ON c.id = m.conversation_id
    WHERE c.user_id = $1 ORDER BY m.id""";
  static final String USAGE = """
    SELECT generation_id, surface, model, status, prompt_tokens, completion_tokens, estimated, created_at
    FROM ai_usage WHERE user_id = $1 ORDER BY id""";
  static final String ERASE = "DELETE FROM ai_conversations WHERE user_id = $1";
  static final String PURGE_IDLE = """
    DELETE FROM ai_conversations WHERE id IN (SELECT id FROM ai_conversations WHERE updated_at < $1 LIMIT $2)""";

  private final Pool pool;

  public AiPersonalData(Pool pool) {
    this.pool = pool;
  }

  @Override
  public List<String> categories() {
    return List.of("aiConversations", "aiMessages", "aiUsage");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    Tuple id = Tuple.of(userId);
    return out.query(pool, "aiConversations", CONVERSATIONS, id, r -> new JsonObject()
        .put("id", r.getLong("id")).put("title", r.getString("title")).put("systemPrompt", r.getString("system_prompt"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at"))).put("updatedAt", iso(r.getOffsetDateTime("updated_at"))))
      .compose(v -> out.query(pool, "aiMessages", MESSAGES, id, AiPersonalData::message))
      .compose(v -> out.query(pool, "aiUsage", USAGE, id, r -> new JsonObject()
        .put("generationId", r.getUUID("generation_id").toString()).put("surface", r.getString("surface"))
        .put("model", r.getString("model")).put("status", r.getString("status"))
        .put("promptTokens", r.getInteger("prompt_tokens")).put("completionTokens", r.getInteger("completion_tokens"))
        .put("estimated", r.getBoolean("estimated")).put("createdAt", iso(r.getOffsetDateTime("created_at")))));
  }

  private static JsonObject message(Row r) {
    return new JsonObject().put("id", r.getLong("id")).put("conversationId", r.getLong("conversation_id"))
      .put("role", r.getString("role")).put("content", r.getString("content")).put("status", r.getString("status"))
      .put("errorCode", r.getString("error_code")).put("promptTokens", r.getInteger("prompt_tokens"))
      .put("completionTokens", r.getInteger("completion_tokens"))
      .put("createdAt", iso(r.getOffsetDateTime("created_at")));
  }

  @Override
  public Future<Void> erase(SqlConnection tx, long userId, ErasureMode mode) {
    return tx.preparedQuery(ERASE).execute(Tuple.of(userId)).mapEmpty();
  }

  @Override
  public String name() {
    return "ai_conversations";
  }

  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE_IDLE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit))
      .map(rows -> rows.rowCount());
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
