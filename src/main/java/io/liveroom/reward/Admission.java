package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.CallerContext;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Supplier;

/**
 * Bounds how many gifts one node runs at once, so a burst (a thousand taps in one second) queues
 * here in order instead of exhausting the database pool's wait timeout and failing with 5xx.
 * Beyond {@code maxQueued} waiting calls it refuses with {@code rate_limited} (429, retry).
 * Thread-safe: HTTP and socket calls arrive on several event loops.
 *
 * <p>A slot is freed on the loop of the call that ends, which may not be the loop of the call that
 * waits for it: a queued call is therefore started on its own caller's context, and every call's
 * outcome comes home there ({@link CallerContext}).
 */
final class Admission {
  private static final ThreadLocal<Deque<Runnable>> TRAMPOLINE = new ThreadLocal<>();
  private final int maxInFlight;
  private final int maxQueued;
  private final Deque<Waiting> waiting = new ArrayDeque<>();
  private int inFlight;

  /** A queued call and the context it was made on, where it must start. */
  private record Waiting(Context caller, Runnable start) {
  }

  Admission(int maxInFlight, int maxQueued) {
    this.maxInFlight = maxInFlight;
    this.maxQueued = maxQueued;
  }

  <T> Future<T> run(Supplier<Future<T>> task) {
    Context caller = Vertx.currentContext();
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
        waiting.add(new Waiting(caller, start));
      }
    }
    if (now) {
      start.run();
    }
    return CallerContext.on(caller, result.future());
  }

  /**
   * Starts the next waiting call. A call that completes at once (a cached refusal) releases again
   * from inside this one; the trampoline turns that recursion into a loop, so a long queue of
   * instant refusals cannot overflow the stack. A call queued from another context starts there.
   */
  private void release() {
    Waiting queued;
    synchronized (this) {
      queued = waiting.poll();
      if (queued == null) {
        inFlight--;
        return;
      }
    }
    if (queued.caller() != null && queued.caller() != Vertx.currentContext()) {
      queued.caller().runOnContext(v -> queued.start().run());
      return;
    }
    Runnable next = queued.start();
    Deque<Runnable> pending = TRAMPOLINE.get();
    if (pending != null) {
      pending.add(next);
      return;
    }
    pending = new ArrayDeque<>();
    TRAMPOLINE.set(pending);
    try {
      for (Runnable r = next; r != null; r = pending.poll()) {
        r.run();
      }
    } finally {
      TRAMPOLINE.remove();
    }
  }
}
