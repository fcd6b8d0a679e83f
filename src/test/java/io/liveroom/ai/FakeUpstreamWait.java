package io.liveroom.ai;

import io.liveroom.support.Await;

/** Polls a {@link FakeUpstream} for a connection close after a moment, up to a deadline. */
final class FakeUpstreamWait {
  private FakeUpstreamWait() {
  }

  static boolean closedWithin(FakeUpstream upstream, long sinceNanos, long millis) throws InterruptedException {
    long deadline = sinceNanos + millis * 1_000_000;
    long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000);
    Await.within(left, 5, () -> upstream.closedAtNanos.stream().anyMatch(t -> t >= sinceNanos));
    return upstream.closedAtNanos.stream().anyMatch(t -> t >= sinceNanos && t <= deadline);
  }
}
