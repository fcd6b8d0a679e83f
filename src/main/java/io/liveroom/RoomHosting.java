package io.liveroom;

import io.liveroom.account.Minors;
import io.liveroom.room.HostEligibility;
import io.vertx.core.Future;

/** Rooms' hosting rule on minors, answered by accounts (wiring only: the rule is {@link Minors#requireMayHost}). */
final class RoomHosting implements HostEligibility {
  private final Minors minors;

  RoomHosting(Minors minors) {
    this.minors = minors;
  }

  @Override
  public Future<Void> requireMayHost(long userId) {
    return minors.requireMayHost(userId);
  }
}
