package io.liveroom.ai;

/** One message of the context sent upstream: {@code system}, {@code user} or {@code assistant}. */
public record PromptMessage(String role, String content) {
  public static final String SYSTEM = "system";
  public static final String USER = "user";
  public static final String ASSISTANT = "assistant";
}
