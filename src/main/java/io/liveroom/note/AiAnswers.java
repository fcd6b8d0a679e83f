package io.liveroom.note;

import io.vertx.core.Future;

import java.util.Optional;

/**
 * What notes need from AI dialogue: one stored answer of a user's, to copy into a note. Answered
 * by the ai capability through an adapter the bootstrap wires (no import of {@code ai} here).
 *
 * <p>Guarantee: {@link #answer} returns a message only when it is an assistant message of the
 * conversation {@code conversationId} and that conversation belongs to {@code userId}; another
 * user's, a missing one, or a user's own question is empty, never an error, so a caller cannot
 * tell another user's message from a missing one.
 */
public interface AiAnswers {
  /** An assistant message and its text as stored (possibly a cancelled, partial answer). */
  record Answer(long conversationId, long messageId, String text) {
  }

  Future<Optional<Answer>> answer(long userId, long conversationId, long messageId);

  /** For a node without AI: nothing is ever found. */
  AiAnswers NONE = (userId, conversationId, messageId) -> Future.succeededFuture(Optional.empty());
}
