package io.liveroom.ai;

import io.vertx.core.Future;
import io.vertx.core.Handler;

/**
 * One generation in flight, as a stream of text deltas.
 *
 * <p>Guarantees:
 * <ul>
 *   <li>Ordering: deltas reach the handler in upstream order, one at a time, on the Vert.x context
 *       that opened the stream; none arrives after {@link #end()} completes.</li>
 *   <li>{@link #end()} completes exactly once: succeeded with the finish reason and usage, or failed
 *       with an {@code AppException} carrying an AI error code ({@code ai_cancelled} after
 *       {@link #cancel()}). Upstream internals (hosts, bodies, messages) never appear in it.</li>
 *   <li>Backpressure: after {@link #pause()} no delta is delivered until {@link #resume()}, and the
 *       upstream is not read meanwhile (its TCP window fills), so nothing piles up in memory.</li>
 *   <li>Cancellation: {@link #cancel()} is idempotent, may be called from any thread, and releases
 *       the upstream at once (an HTTP upstream sees its connection closed).</li>
 * </ul>
 * Set the handler in the same event-loop turn that opened the stream.
 */
public interface LlmStream {
  LlmStream handler(Handler<String> delta);

  LlmStream pause();

  LlmStream resume();

  void cancel();

  Future<LlmResult> end();

  /** Whether at least one delta has been delivered. */
  boolean started();
}
