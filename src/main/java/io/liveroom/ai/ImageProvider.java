package io.liveroom.ai;

/**
 * Where pictures come from. Implementations: {@code openai} (any OpenAI-compatible images
 * endpoint) and {@code simulated} (a stand-in that renders a deterministic pattern, so every path
 * runs without a model).
 *
 * <p>Failover: an implementation with several upstreams may try the next one only while nothing
 * of the answer has arrived (no byte of a 200 response); after that a failure ends the job with
 * {@code ai_upstream_interrupted}, so a client never gets pictures of two upstreams.
 */
public interface ImageProvider {
  /** {@code openai} or {@code simulated}, for logs, metrics and usage rows. */
  String name();

  /**
   * Starts painting. Must be called on a Vert.x context (an event loop); the job's callbacks run
   * there. Never throws: failures end the returned job.
   */
  ImageJob open(ImageRequest request);
}
