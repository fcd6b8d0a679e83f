package io.liveroom.realtime;

/**
 * A per-connection token bucket for commands: {@code perSecond} refill, {@code burst} capacity.
 * Two primitives per connection, no allocation. Refusals are counted so the session can warn
 * first and disconnect a client that keeps going.
 */
final class CommandBucket {
  private final double perNano;
  private final int burst;
  private double tokens;
  private long last;
  private int warnings;

  CommandBucket(int perSecond, int burst) {
    this.perNano = perSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.last = System.nanoTime();
  }

  boolean tryAcquire(long now) {
    tokens = Math.min(burst, tokens + (now - last) * perNano);
    last = now;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    warnings++;
    return false;
  }

  int warnings() {
    return warnings;
  }
}
