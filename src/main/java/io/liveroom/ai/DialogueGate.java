package io.liveroom.ai;

import io.vertx.core.Future;

/**
 * Whether a user may start an AI answer now, and a meter of the answers that stream, answered
 * outside AI (youth mode's curfew and daily limit). Covers the socket and the HTTP surface: both
 * go through {@link Generations}. Called on an event loop; must not block.
 */
public interface DialogueGate {
  DialogueGate OPEN = new DialogueGate() {
    @Override
    public Future<Void> mayStart(long userId) {
      return Future.succeededFuture();
    }

    @Override
    public Runnable answering(long userId, Runnable stop) {
      return () -> { };
    }
  };

  /** Fails with an {@code AppException} (sent as the error of {@code ai.chat} or the HTTP call) when refused. */
  Future<Void> mayStart(long userId);

  /**
   * An answer started streaming; the gate may call {@code stop} (from any thread) to cut it off.
   * Returns what to call once it ended, whatever the outcome.
   */
  Runnable answering(long userId, Runnable stop);
}
