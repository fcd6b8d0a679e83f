package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;

/**
 * The bookkeeping every {@link ImageJob} shares: one owning context, the preview handler, and an
 * end that completes once. Subclasses produce pictures; this class keeps the promises of
 * {@link ImageJob} (no preview after the end, idempotent cancel).
 */
abstract class BaseImageJob implements ImageJob {
  protected final Context context;
  private final Promise<Buffer> end = Promise.promise();
  private Handler<Buffer> handler = b -> { };

  BaseImageJob(Context context) {
    this.context = context;
  }

  @Override
  public ImageJob previewHandler(Handler<Buffer> preview) {
    this.handler = preview;
    return this;
  }

  @Override
  public void cancel() {
    onContext(() -> fail(AppException.of(ErrorCode.AI_CANCELLED, "The painting was cancelled.")));
  }

  @Override
  public Future<Buffer> end() {
    return end.future();
  }

  protected boolean done() {
    return end.future().isComplete();
  }

  protected void preview(Buffer png) {
    if (!done()) {
      handler.handle(png);
    }
  }

  protected void finish(Buffer png) {
    if (end.tryComplete(png)) {
      release(false);
    }
  }

  protected void fail(AppException failure) {
    if (end.tryFail(failure)) {
      release(true);
    }
  }

  /** Stop producing; {@code abort} is true when an upstream must be dropped. */
  protected abstract void release(boolean abort);

  protected void onContext(Runnable action) {
    if (Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
