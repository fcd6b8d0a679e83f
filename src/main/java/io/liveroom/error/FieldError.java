package io.liveroom.error;

/** One rejected input field: its JSON path, a stable reason code, and a human message. */
public record FieldError(String field, String code, String message) {
}
