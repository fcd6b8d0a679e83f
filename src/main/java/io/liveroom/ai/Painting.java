package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * A governed painting: the provider's job, when its first preview came, and an {@link #outcome()}
 * that always succeeds once the end has been recorded (picture stored, usage row, lease freed).
 * {@link #cancel()} may be called from any thread.
 */
public final class Painting {
  private final String id;
  private final long userId;
  private final String surface;
  private final ImageRequest request;
  private final ImageJob job;
  private final long startNanos = System.nanoTime();
  private Long firstPreviewNanos;
  private Handler<Buffer> handler = b -> { };
  private Future<PaintOutcome> outcome;

  Painting(String id, long userId, String surface, ImageRequest request, ImageJob job) {
    this.id = id;
    this.userId = userId;
    this.surface = surface;
    this.request = request;
    this.job = job;
    job.previewHandler(png -> {
      if (firstPreviewNanos == null) {
        firstPreviewNanos = System.nanoTime();
      }
      handler.handle(png);
    });
  }

  /** Receives each partial preview (PNG), on the context that opened the painting. */
  public Painting previewHandler(Handler<Buffer> preview) {
    this.handler = preview;
    return this;
  }

  public void cancel() {
    job.cancel();
  }

  /** Succeeds once the painting has ended and been recorded; never fails. */
  public Future<PaintOutcome> outcome() {
    return outcome;
  }

  void outcome(Future<PaintOutcome> recorded) {
    this.outcome = recorded;
  }

  ImageJob job() {
    return job;
  }

  public String id() {
    return id;
  }

  public long userId() {
    return userId;
  }

  public String surface() {
    return surface;
  }

  public ImageRequest request() {
    return request;
  }

  Integer firstPreviewMs() {
    return firstPreviewNanos == null ? null : (int) ((firstPreviewNanos - startNanos) / 1_000_000);
  }

  long elapsedMs() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
