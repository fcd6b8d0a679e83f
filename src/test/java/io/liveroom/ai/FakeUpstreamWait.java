package io.liveroom.ai;

/** Polls a {@link FakeUpstream} for a connection close after a moment, up to a deadline. */
final class FakeUpstreamWait {
  private FakeUpstreamWait() {
  }

  static boolean closedWithin(FakeUpstream upstream, long sinceNanos, long millis) throws InterruptedException {
    long deadline = sinceNanos + millis * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (upstream.closedAtNanos.stream().anyMatch(t -> t >= sinceNanos && t <= deadline)) {
        return true;
      }
      Thread.sleep(5);
    }
    return upstream.closedAtNanos.stream().anyMatch(t -> t >= sinceNanos && t <= deadline);
  }
}
