package io.liveroom.infra;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * Futures come home on the caller's context. An HTTP response or a socket may only be written from
 * its own event loop, and a handler's callbacks must run there. Something shared by every event loop
 * (a batcher, an admission queue, a cache that hands the same future to many callers) finishes its
 * work on whichever thread happened to finish it: another loop, or the loop of the database
 * connection that ran the batch. Whatever it hands back to a caller goes through {@link #home}, taken
 * when the caller asks, so the caller's callbacks run on the caller's context and never on someone
 * else's loop.
 *
 * <p>Only public Vert.x API: the context is {@link Vertx#currentContext()} at the call, and the
 * outcome is handed over with {@link Context#runOnContext} unless it already arrives on that context.
 */
public final class CallerContext {
  private CallerContext() {
  }

  /**
   * {@code work}, completing on the context of the thread calling this. Called off any Vert.x
   * thread (a test, {@code main}) there is no context to come home to and {@code work} is returned.
   */
  public static <T> Future<T> home(Future<T> work) {
    return on(Vertx.currentContext(), work);
  }

  /** {@code work}, completing on {@code context} (as is when null). */
  public static <T> Future<T> on(Context context, Future<T> work) {
    if (context == null) {
      return work;
    }
    if (work.isComplete() && Vertx.currentContext() == context) {
      // Already done and already home: a plain completed future runs its callbacks right here.
      return work.succeeded() ? Future.succeededFuture(work.result()) : Future.failedFuture(work.cause());
    }
    Promise<T> home = Promise.promise();
    work.onComplete(outcome -> run(context, () -> home.handle(outcome)));
    return home.future();
  }

  /** Runs {@code action} on {@code context}: now when already on it (or when null), else queued there. */
  public static void run(Context context, Runnable action) {
    if (context == null || Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
