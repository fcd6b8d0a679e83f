package io.liveroom.support;

import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a bounded deadline passes (no fixed sleeps in tests). */
public final class Await {
  private Await() {
  }

  public static void until(String what, int seconds, BooleanSupplier condition) {
    if (!within(seconds * 1000L, condition)) {
      throw new AssertionError("Timed out after " + seconds + " s waiting for " + what);
    }
  }

  /** True as soon as the condition holds, false if it still does not after {@code millis}. */
  public static boolean within(long millis, BooleanSupplier condition) {
    return within(millis, 50, condition);
  }

  /** As {@link #within(long, BooleanSupplier)}, checking every {@code everyMillis} (a latency being measured). */
  public static boolean within(long millis, long everyMillis, BooleanSupplier condition) {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      if (condition.getAsBoolean()) {
        return true;
      }
      if (System.currentTimeMillis() > deadline) {
        return false;
      }
      pause(everyMillis);
    }
  }

  /**
   * Reads {@code value} until {@code done} accepts it or {@code millis} pass, and returns the last
   * value read, for the assertion that follows to describe.
   */
  public static <T> T value(long millis, Supplier<T> value, Predicate<T> done) {
    long deadline = System.currentTimeMillis() + millis;
    while (true) {
      T last = value.get();
      if (done.test(last) || System.currentTimeMillis() > deadline) {
        return last;
      }
      pause(50);
    }
  }

  /** Lets a fault last for a while (the length of an outage is what a scenario is about). */
  public static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
