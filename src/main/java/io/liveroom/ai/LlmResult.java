package io.liveroom.ai;

/**
 * How a stream ended normally: the upstream's finish reason ({@code stop}, {@code length}, ...) and
 * its reported usage, or null when it reported none.
 */
public record LlmResult(String finishReason, Usage usage) {
}
