package io.liveroom.room;

import io.vertx.core.Future;

/**
 * Whether a user may watch and chat in live rooms now, answered outside rooms (youth mode's curfew
 * and daily limit). A refusal is a failed future carrying an {@code AppException}, sent to the
 * client as the subscribe or publish error. Called on an event loop; must not block.
 */
@FunctionalInterface
public interface ViewingGate {
  ViewingGate OPEN = userId -> Future.succeededFuture();

  Future<Void> mayWatch(long userId);
}
