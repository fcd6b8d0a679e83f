package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * One picture being painted: zero or more partial previews (PNG bytes, low resolution), then the
 * picture (PNG bytes).
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Previews reach the handler in order, on the context that opened the job; none arrives
 *       after {@link #end()} completes.</li>
 *   <li>{@link #end()} completes exactly once: with the picture, or failed with an
 *       {@code AppException} carrying an AI error code ({@code ai_cancelled} after {@link #cancel()}).</li>
 *   <li>{@link #cancel()} is idempotent, may be called from any thread, and releases the upstream
 *       at once (an HTTP upstream sees its connection closed; the stand-in renders nothing more).</li>
 * </ul>
 * Set the handler in the same event-loop turn that opened the job.
 */
public interface ImageJob {
  ImageJob previewHandler(Handler<Buffer> preview);

  void cancel();

  Future<Buffer> end();
}
