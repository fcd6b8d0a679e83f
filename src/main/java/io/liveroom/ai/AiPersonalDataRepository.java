package io.liveroom.ai;

import io.liveroom.personaldata.ExportWriter;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Function;

/** SQL for AI's part of the privacy flows ({@link AiPersonalData}): a user's export, erasure and retention. */
final class AiPersonalDataRepository {
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

  AiPersonalDataRepository(Pool pool) {
    this.pool = pool;
  }

  /** The user's conversations, oldest first, streamed into the export as {@code category}. */
  Future<Void> exportConversations(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, CONVERSATIONS, Tuple.of(userId), mapper);
  }

  /** Every message of the user's conversations, oldest first. */
  Future<Void> exportMessages(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, MESSAGES, Tuple.of(userId), mapper);
  }

  /** The user's usage ledger, oldest first. */
  Future<Void> exportUsage(ExportWriter out, String category, long userId, Function<Row, JsonObject> mapper) {
    return out.query(pool, category, USAGE, Tuple.of(userId), mapper);
  }

  /** Deletes the user's conversations (their messages with them) through {@code tx}. */
  Future<Void> eraseConversations(SqlClient tx, long userId) {
    return tx.preparedQuery(ERASE).execute(Tuple.of(userId)).mapEmpty();
  }

  /** Deletes up to {@code limit} conversations idle since before {@code cutoff}; returns how many. */
  Future<Integer> purgeIdle(Instant cutoff, int limit) {
    return pool.preparedQuery(PURGE_IDLE).execute(Tuple.of(cutoff.atOffset(ZoneOffset.UTC), limit))
      .map(rows -> rows.rowCount());
  }
}
