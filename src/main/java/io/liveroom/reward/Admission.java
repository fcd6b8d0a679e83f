package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Bounds how many gifts one node runs at once, so a burst (a thousand taps in one second) queues
 * here in order instead of exhausting the database pool's wait timeout and failing with 5xx.
 * Beyond {@code maxQueued} waiting calls it refuses with {@code rate_limited} (429, retry).
 * Thread-safe: HTTP and socket calls arrive on several event loops.
 */
final class Admission {
  private final int maxInFlight;
  private final int maxQueued;
  private final Deque<Runnable> waiting = new ArrayDeque<>();
  private int inFlight;

  Admission(int maxInFlight, int maxQueued) {
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  <T> Future<T> run(Supplier<Future<T>> task) {
    Promise<T> result = Promise.promise();
    Runnable start = () -> {
      Future<T> f;
      try {
        f = task.get();
      } catch (RuntimeException e) {
        f = Future.failedFuture(e);
      }
      f.onComplete(done -> release()).onComplete(result);
    };
    boolean now;
    synchronized (this) {
      now = inFlight < maxInFlight;
      if (now) {
        inFlight++;
      } else if (waiting.size() >= maxQueued) {
        return Future.failedFuture(AppException.retryAfter(ErrorCode.RATE_LIMITED,
          "Too many gifts are being sent right now; retry shortly.", 1));
      } else {
        waiting.add(start);
      }
    }
    if (now) {
      start.run();
    }
    return result.future();
  }

  private void release() {
    Runnable next;
    synchronized (this) {
      next = waiting.poll();
      if (next == null) {
        inFlight--;
      }
    }
    if (next != null) {
      next.run();
    }
  }
}
