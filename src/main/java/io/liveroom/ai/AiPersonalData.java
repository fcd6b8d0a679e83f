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

import java.time.Instant;
import java.time.OffsetDateTime;
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
  private final AiPersonalDataRepository rows;

  public AiPersonalData(Pool pool) {
    this.rows = new AiPersonalDataRepository(pool);
  }

  @Override
  public List<String> categories() {
    return List.of("aiConversations", "aiMessages", "aiUsage");
  }

  @Override
  public Future<Void> export(long userId, ExportWriter out) {
    return rows.exportConversations(out, "aiConversations", userId, r -> new JsonObject()
        .put("id", r.getLong("id")).put("title", r.getString("title")).put("systemPrompt", r.getString("system_prompt"))
        .put("createdAt", iso(r.getOffsetDateTime("created_at"))).put("updatedAt", iso(r.getOffsetDateTime("updated_at"))))
      .compose(v -> rows.exportMessages(out, "aiMessages", userId, AiPersonalData::message))
      .compose(v -> rows.exportUsage(out, "aiUsage", userId, r -> new JsonObject()
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
    return rows.eraseConversations(tx, userId);
  }

  @Override
  public String name() {
    return "ai_conversations";
  }

  @Override
  public Future<Integer> purgeOlderThan(Instant cutoff, int limit) {
    return rows.purgeIdle(cutoff, limit);
  }

  private static String iso(OffsetDateTime t) {
    return t == null ? null : t.toString();
  }
}
