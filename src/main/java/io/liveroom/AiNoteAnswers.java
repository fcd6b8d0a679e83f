package io.liveroom;

import io.liveroom.ai.ConversationService;
import io.liveroom.note.AiAnswers;
import io.vertx.core.Future;

import java.util.Optional;

/**
 * Notes' AI answers answered by AI dialogue: an assistant message of one of the user's own
 * conversations (the ownership check is in the query), its stored text as the note's copy.
 */
final class AiNoteAnswers implements AiAnswers {
  private final ConversationService conversations;

  AiNoteAnswers(ConversationService conversations) {
    this.conversations = conversations;
  }

  @Override
  public Future<Optional<Answer>> answer(long userId, long conversationId, long messageId) {
    return conversations.answer(userId, conversationId, messageId)
      .map(found -> found.map(m -> new Answer(conversationId, m.id(), m.content())));
  }
}
