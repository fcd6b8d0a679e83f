package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Conversations: create, list, rename (and change the system prompt), delete, read messages, and
 * build the context window sent upstream. Another user's conversation is reported as not found.
 * Titles and system prompts are written by the client, and a system prompt goes upstream with
 * every turn, so both pass input moderation when they are set.
 */
public final class ConversationService {
  static final int MAX_TITLE = 200;
  static final int MAX_SYSTEM_PROMPT = 8000;
  static final int HISTORY_ROWS = 200;

  private final ConversationRepository repo;
  private final int contextTokenBudget;
  private final Generations generations;
  private volatile RunningAnswers running = (userId, conversationId) -> Future.succeededFuture();

  /** Stops the answers being generated in a conversation (null: in all of a user's) before it is deleted. */
  interface RunningAnswers {
    Future<Void> stop(long userId, Long conversationId);
  }

  public ConversationService(ConversationRepository repo, int contextTokenBudget, Generations generations) {
    this.repo = repo;
    this.contextTokenBudget = contextTokenBudget;
    this.generations = generations;
  }

  public Future<Conversation> create(long userId, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    String title = optionalText(body, "title", MAX_TITLE, errors);
    String prompt = optionalText(body, "systemPrompt", MAX_SYSTEM_PROMPT, errors);
    errors.throwIfAny();
    return checkInput(title, prompt)
      .compose(v -> repo.insert(userId, title == null || title.isBlank() ? "New conversation" : title.strip(), prompt));
  }

  public Future<List<Conversation>> list(long userId, int limit) {
    return repo.list(userId, Math.max(1, Math.min(limit, 100)));
  }

  public Future<Conversation> get(long userId, long id) {
    return repo.find(userId, id).map(found -> found.orElseThrow(ConversationService::notFound));
  }

  public Future<Conversation> update(long userId, long id, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    String title = optionalText(body, "title", MAX_TITLE, errors);
    if (title != null && title.isBlank()) {
      errors.add("title", "blank", "The title must not be blank.");
    }
    String prompt = optionalText(body, "systemPrompt", MAX_SYSTEM_PROMPT, errors);
    errors.throwIfAny();
    return checkInput(title, prompt)
      .compose(v -> repo.update(userId, id, title == null ? null : title.strip(), body.containsKey("systemPrompt"), prompt))
      .map(found -> found.orElseThrow(ConversationService::notFound));
  }

  /**
   * Deletes the conversation and its messages, once the answers running in it are stopped. Its
   * usage rows stay (they hold no content and no conversation id); notes made from it keep their
   * copied text and lose the link.
   */
  public Future<Void> delete(long userId, long id) {
    return get(userId, id).compose(c -> running.stop(userId, id)).compose(v -> repo.delete(userId, id)).map(deleted -> {
      if (!deleted) {
        throw notFound();
      }
      return null;
    });
  }

  /** Deletes all of the user's conversations, as {@link #delete} does one; returns how many. */
  public Future<Integer> deleteAll(long userId) {
    return running.stop(userId, null).compose(v -> repo.deleteAll(userId));
  }

  /** An assistant message of one of the user's conversations (empty for another user's, or a question). */
  public Future<java.util.Optional<StoredMessage>> answer(long userId, long conversationId, long messageId) {
    return repo.findAnswer(userId, conversationId, messageId);
  }

  /** Set once by the bootstrap of AI, before the node serves. */
  void stopBeforeDelete(RunningAnswers running) {
    this.running = running;
  }

  public Future<List<StoredMessage>> messages(long userId, long id, int limit) {
    return get(userId, id).compose(c -> repo.recentMessages(id, Math.max(1, Math.min(limit, HISTORY_ROWS))));
  }

  /** The system prompt, then the most recent messages that fit in the token budget, oldest first. */
  public Future<List<PromptMessage>> contextWindow(Conversation c) {
    return repo.recentMessages(c.id(), HISTORY_ROWS).map(rows -> trim(c.systemPrompt(), rows, contextTokenBudget));
  }

  static List<PromptMessage> trim(String systemPrompt, List<StoredMessage> rows, int budget) {
    List<PromptMessage> picked = new ArrayList<>();
    int used = 0;
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      used += TokenEstimator.PER_MESSAGE + TokenEstimator.estimate(systemPrompt);
    }
    for (int i = rows.size() - 1; i >= 0; i--) {
      StoredMessage m = rows.get(i);
      if (m.status().equals(GenerationOutcome.ERROR) || m.content().isEmpty()) {
        continue;
      }
      int cost = TokenEstimator.PER_MESSAGE + TokenEstimator.estimate(m.content());
      if (used + cost > budget && !picked.isEmpty()) {
        break;
      }
      used += cost;
      picked.add(new PromptMessage(m.role(), m.content()));
    }
    if (systemPrompt != null && !systemPrompt.isBlank()) {
      picked.add(new PromptMessage(PromptMessage.SYSTEM, systemPrompt));
    }
    Collections.reverse(picked);
    return picked;
  }

  /** Fails with {@code ai_content_blocked} when the title or the system prompt holds a blocked term. */
  Future<Void> checkInput(String title, String systemPrompt) {
    return generations.checkInput(title == null ? "" : title)
      .compose(v -> generations.checkInput(systemPrompt == null ? "" : systemPrompt));
  }

  static AppException notFound() {
    return AppException.of(ErrorCode.AI_CONVERSATION_NOT_FOUND, "No such conversation.");
  }

  private static String optionalText(JsonObject body, String field, int max, FieldErrors errors) {
    Object v = body.getValue(field);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      errors.add(field, "type", "Must be a string.");
      return null;
    }
    if (s.length() > max) {
      errors.add(field, "too_long", "At most " + max + " characters.");
    }
    return s;
  }
}
