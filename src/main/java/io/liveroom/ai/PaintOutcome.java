package io.liveroom.ai;

import io.liveroom.error.ErrorCode;
import io.vertx.core.buffer.Buffer;

/**
 * How a painting ended: {@code complete} (with the stored picture and its PNG bytes),
 * {@code cancelled}, or {@code error} with its code.
 */
public record PaintOutcome(String generationId, String status, ErrorCode error, AiImageStore.Stored image, Buffer png) {
}
