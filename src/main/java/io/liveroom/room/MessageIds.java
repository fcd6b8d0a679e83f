package io.liveroom.room;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time-ordered 63-bit message ids, unique across nodes without coordination: 41 bits of
 * milliseconds since 2024-01-01, 10 random bits chosen per node at start, 12 bits of sequence. A
 * node issues at most 4096 ids per millisecond; past that it borrows from the next millisecond.
 */
final class MessageIds {
  private static final long EPOCH = 1_704_067_200_000L;

  private final long node = new SecureRandom().nextInt(1 << 10);
  private final AtomicLong last = new AtomicLong();

  long next() {
    while (true) {
      long prev = last.get();
      long candidate = ((System.currentTimeMillis() - EPOCH) << 22) | (node << 12);
      long next;
      if (candidate > prev) {
        next = candidate;
      } else if ((prev & 0xFFF) != 0xFFF) {
        next = prev + 1;
      } else {
        next = (((prev >>> 22) + 1) << 22) | (node << 12);
      }
      if (last.compareAndSet(prev, next)) {
        return next;
      }
    }
  }
}
