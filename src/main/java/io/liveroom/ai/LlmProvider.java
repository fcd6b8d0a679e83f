package io.liveroom.ai;

import java.util.List;

/**
 * Where answers come from. Implementations: {@code openai} (any OpenAI-compatible upstream) and
 * {@code simulated} (a deterministic stand-in for local runs and load tests).
 *
 * <p>Failover: an implementation with several upstreams may try the next one only while no delta
 * has been delivered; once the first delta is out, a failure ends the stream with
 * {@code ai_upstream_interrupted} instead, so a client never sees two answers spliced together.
 */
public interface LlmProvider {
  /** The provider's configured name ({@code openai}, {@code simulated}), for logs and metrics. */
  String name();

  /** Public model names accepted in {@link LlmRequest#model()}; the first is the default. */
  List<String> models();

  /**
   * Starts a generation. Must be called on a Vert.x context (an event loop); the stream's callbacks
   * run there. Never throws: failures end the returned stream.
   */
  LlmStream open(LlmRequest request);
}
