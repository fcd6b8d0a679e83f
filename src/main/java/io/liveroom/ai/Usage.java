package io.liveroom.ai;

/**
 * Tokens used by one generation. {@code estimated} is true when the numbers come from
 * {@link TokenEstimator} because the upstream reported none (or the generation did not finish).
 */
public record Usage(int promptTokens, int completionTokens, boolean estimated) {
  public int totalTokens() {
    return promptTokens + completionTokens;
  }
}
