package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** SQL for conversations and their messages. Every conversation query is scoped to its owner. */
public final class ConversationRepository {
  static final String COLUMNS = "id, user_id, title, system_prompt, created_at, updated_at";
  static final String INSERT = "INSERT INTO ai_conversations (user_id, title, system_prompt) VALUES ($1, $2, $3) RETURNING "
    + COLUMNS;
  static final String LIST = "SELECT " + COLUMNS
    + " FROM ai_conversations WHERE user_id = $1 ORDER BY updated_at DESC, id DESC LIMIT $2";
  static final String FIND = "SELECT " + COLUMNS + " FROM ai_conversations WHERE id = $1 AND user_id = $2";
  static final String UPDATE = """
    UPDATE ai_conversations SET title = COALESCE($3, title),
      system_prompt = CASE WHEN $4 THEN $5 ELSE system_prompt END, updated_at = now()
    WHERE id = $1 AND user_id = $2 RETURNING """ + " " + COLUMNS;
  static final String DELETE = "DELETE FROM ai_conversations WHERE id = $1 AND user_id = $2";
  static final String DELETE_ALL = "DELETE FROM ai_conversations WHERE user_id = $1";
  static final String FIND_ANSWER = """
    SELECT m.id, m.role, m.content, m.status, m.error_code, m.generation_id, m.prompt_tokens, m.completion_tokens,
           m.created_at, m.completed_at
    FROM ai_messages m JOIN ai_conversations c ON c.id = m.conversation_id
    WHERE m.id = $1 AND m.conversation_id = $2 AND c.user_id = $3 AND m.role = 'assistant'""";
  static final String MESSAGE_COLUMNS = "id, role, content, status, error_code, generation_id, prompt_tokens, "
    + "completion_tokens, created_at, completed_at";
  static final String RECENT_MESSAGES = "SELECT * FROM (SELECT " + MESSAGE_COLUMNS
    + " FROM ai_messages WHERE conversation_id = $1 ORDER BY id DESC LIMIT $2) m ORDER BY id";
  static final String GENERATION_BY_REQUEST =
    "SELECT generation_id FROM ai_messages WHERE conversation_id = $1 AND request_id = $2 AND role = 'user'";
  static final String INSERT_USER_MESSAGE = """
    INSERT INTO ai_messages (conversation_id, role, content, status, request_id, generation_id)
    VALUES ($1, 'user', $2, 'complete', $3, $4)""";
  static final String INSERT_ANSWER = """
    INSERT INTO ai_messages (conversation_id, role, content, status, error_code, generation_id, prompt_tokens,
                             completion_tokens, created_at)
    VALUES ($1, 'assistant', $2, $3, $4, $5, $6, $7, $8) RETURNING id""";
  static final String TOUCH = "UPDATE ai_conversations SET updated_at = now() WHERE id = $1";

  private final Pool pool;

  public ConversationRepository(Pool pool) {
    this.pool = pool;
  }

  public Future<Conversation> insert(long userId, String title, String systemPrompt) {
    return pool.preparedQuery(INSERT).execute(Tuple.of(userId, title, systemPrompt))
      .map(rows -> Conversation.from(rows.iterator().next()));
  }

  public Future<List<Conversation>> list(long userId, int limit) {
    return pool.preparedQuery(LIST).execute(Tuple.of(userId, limit)).map(rows -> map(rows, Conversation::from));
  }

  public Future<Optional<Conversation>> find(long userId, long id) {
    return pool.preparedQuery(FIND).execute(Tuple.of(id, userId)).map(ConversationRepository::first);
  }

  /** Null title keeps the title; {@code setPrompt} false keeps the system prompt. */
  public Future<Optional<Conversation>> update(long userId, long id, String title, boolean setPrompt, String prompt) {
    return pool.preparedQuery(UPDATE).execute(Tuple.of(id, userId, title, setPrompt, prompt))
      .map(ConversationRepository::first);
  }

  public Future<Boolean> delete(long userId, long id) {
    return pool.preparedQuery(DELETE).execute(Tuple.of(id, userId)).map(rows -> rows.rowCount() > 0);
  }

  /** Deletes every conversation of the user (messages with them); returns how many. */
  public Future<Integer> deleteAll(long userId) {
    return pool.preparedQuery(DELETE_ALL).execute(Tuple.of(userId)).map(RowSet::rowCount);
  }

  public Future<Optional<StoredMessage>> findAnswer(long userId, long conversationId, long messageId) {
    return pool.preparedQuery(FIND_ANSWER).execute(Tuple.of(messageId, conversationId, userId))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(StoredMessage.from(rows.iterator().next())));
  }

  public Future<List<StoredMessage>> recentMessages(long conversationId, int limit) {
    return pool.preparedQuery(RECENT_MESSAGES).execute(Tuple.of(conversationId, limit))
      .map(rows -> map(rows, StoredMessage::from));
  }

  public Future<Optional<String>> generationForRequest(long conversationId, String requestId) {
    return pool.preparedQuery(GENERATION_BY_REQUEST).execute(Tuple.of(conversationId, requestId))
      .map(rows -> rows.size() == 0 ? Optional.empty()
        : Optional.of(rows.iterator().next().getUUID("generation_id").toString()));
  }

  /** Stores the user's message; fails with a 23505 when the request id was already used. */
  public Future<Void> insertUserMessage(long conversationId, String text, String requestId, String generationId) {
    return pool.withTransaction(c -> c.preparedQuery(INSERT_USER_MESSAGE)
      .execute(Tuple.of(conversationId, text, requestId, UUID.fromString(generationId)))
      .compose(r -> c.preparedQuery(TOUCH).execute(Tuple.of(conversationId))).mapEmpty());
  }

  /** Stores the assistant's answer as it ended; returns the message id. */
  public Future<Long> insertAnswer(long conversationId, GenerationOutcome o, java.time.OffsetDateTime startedAt) {
    Tuple t = Tuple.tuple().addLong(conversationId).addString(o.text()).addString(o.status())
      .addString(o.error() == null ? null : o.error().code()).addUUID(UUID.fromString(o.generationId()))
      .addInteger(o.usage().promptTokens()).addInteger(o.usage().completionTokens()).addOffsetDateTime(startedAt);
    return pool.withTransaction(c -> c.preparedQuery(INSERT_ANSWER).execute(t)
      .compose(rows -> c.preparedQuery(TOUCH).execute(Tuple.of(conversationId))
        .map(rows.iterator().next().getLong("id"))));
  }

  private static Optional<Conversation> first(RowSet<Row> rows) {
    return rows.size() == 0 ? Optional.empty() : Optional.of(Conversation.from(rows.iterator().next()));
  }

  private static <T> List<T> map(RowSet<Row> rows, java.util.function.Function<Row, T> f) {
    List<T> out = new ArrayList<>(rows.size());
    rows.forEach(r -> out.add(f.apply(r)));
    return out;
  }
}
