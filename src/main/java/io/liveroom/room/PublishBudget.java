package io.liveroom.room;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-room publish budget on this node: a token bucket refilled at {@code perSecond} tokens per
 * second, holding at most one second's worth. Low-priority traffic needs the bucket at least half
 * full (so it stops first and leaves room for chat); chat needs one token; critical traffic always
 * passes and may drive the bucket into debt, so it delays the others rather than being dropped.
 *
 * <p>Thread-safe: event loops of several verticles admit chat into the same room.
 */
final class PublishBudget {
  private final double perSecond;
  private final Map<Long, Bucket> buckets = new ConcurrentHashMap<>();
  private final Map<Priority, Counter> shed = new EnumMap<>(Priority.class);
  private final LongSupplier nanoTime;

  PublishBudget(int perSecond, MeterRegistry registry) {
    this(perSecond, registry, System::nanoTime);
  }

  /** With the time source the buckets refill by (tests hold it still). */
  PublishBudget(int perSecond, MeterRegistry registry, LongSupplier nanoTime) {
    this.perSecond = perSecond;
    this.nanoTime = nanoTime;
    for (Priority p : Priority.values()) {
      shed.put(p, Counter.builder("liveroom.room.publications.shed")
        .description("Room publications dropped because the room was over its publish budget")
        .tag("priority", p.name().toLowerCase()).register(registry));
    }
  }

  /** Takes a token for one publication; false (and counted) when it must be shed. */
  boolean admit(long roomId, Priority priority) {
    boolean ok = buckets.computeIfAbsent(roomId, id -> new Bucket(perSecond, nanoTime.getAsLong())).take(priority, nanoTime.getAsLong());
    if (!ok) {
      shed.get(priority).increment();
    }
    return ok;
  }

  /** Drops a room's bucket when its session ends, so idle rooms cost nothing. */
  void forget(long roomId) {
    buckets.remove(roomId);
  }

  private static final class Bucket {
    private final double capacity;
    private double tokens;
    private long lastNanos;

    Bucket(double capacity, long now) {
      this.capacity = capacity;
      this.tokens = capacity;
      this.lastNanos = now;
    }

    synchronized boolean take(Priority priority, long now) {
      tokens = Math.min(capacity, tokens + (now - lastNanos) / 1e9 * capacity);
      lastNanos = now;
      boolean ok = switch (priority) {
        case LOW -> tokens >= capacity / 2;
        case NORMAL -> tokens >= 1;
        case CRITICAL -> true;
      };
      if (ok) {
        tokens = Math.max(-capacity, tokens - 1);
      }
      return ok;
    }
  }
}
