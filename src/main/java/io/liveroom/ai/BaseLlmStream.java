package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;

/**
 * The bookkeeping every {@link LlmStream} shares: one owning context, the pause flag, the delta
 * handler, and an end that completes once. Subclasses move bytes; this class keeps the promises
 * {@link LlmStream} makes (no delta after the end, none while paused, idempotent cancel).
 */
abstract class BaseLlmStream implements LlmStream {
  protected final Context context;
  private final Promise<LlmResult> end = Promise.promise();
  private Handler<String> handler = d -> { };
  private boolean paused;
  private boolean started;

  BaseLlmStream(Context context) {
    this.context = context;
  }

  @Override
  public LlmStream handler(Handler<String> delta) {
    this.handler = delta;
    return this;
  }

  @Override
  public LlmStream pause() {
    onContext(() -> {
      if (!paused && !done()) {
        paused = true;
        onPause();
      }
    });
    return this;
  }

  @Override
  public LlmStream resume() {
    onContext(() -> {
      if (paused && !done()) {
        paused = false;
        onResume();
      }
    });
    return this;
  }

  @Override
  public void cancel() {
    onContext(() -> fail(AppException.of(ErrorCode.AI_CANCELLED, "The generation was cancelled.")));
  }

  @Override
  public Future<LlmResult> end() {
    return end.future();
  }

  @Override
  public boolean started() {
    return started;
  }

  protected boolean paused() {
    return paused;
  }

  protected boolean done() {
    return end.future().isComplete();
  }

  /** Delivers one delta unless the stream has already ended. */
  protected void emit(String delta) {
    if (done() || delta.isEmpty()) {
      return;
    }
    started = true;
    handler.handle(delta);
  }

  protected void finish(LlmResult result) {
    if (end.tryComplete(result)) {
      release(false);
    }
  }

  protected void fail(AppException failure) {
    if (end.tryFail(failure)) {
      release(true);
    }
  }

  /** Stop producing. {@code abort} is true when the upstream must be dropped rather than drained. */
  protected abstract void release(boolean abort);

  protected abstract void onPause();

  protected abstract void onResume();

  protected void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
