package io.liveroom.ai;

import io.liveroom.error.ErrorCode;

/**
 * How a generation ended: {@code complete}, {@code cancelled} (text is the partial answer) or
 * {@code error} (with its code; text is whatever arrived before). Usage is always present.
 */
public record GenerationOutcome(String generationId, String status, String text, Usage usage,
                                String finishReason, ErrorCode error) {
  public static final String COMPLETE = "complete";
  public static final String CANCELLED = "cancelled";
  public static final String ERROR = "error";
}
