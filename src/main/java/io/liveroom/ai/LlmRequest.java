package io.liveroom.ai;

import java.util.List;

/**
 * What to generate: our public model name (as listed by {@link LlmProvider#models()}), the context
 * messages in order, and optional limits (null = the upstream's default).
 */
public record LlmRequest(String model, List<PromptMessage> messages, Integer maxTokens, Double temperature) {
  public LlmRequest {
    messages = List.copyOf(messages);
  }
}
