package io.liveroom.error;

/**
 * The one error vocabulary of Liveroom.
 *
 * <p>Each code has a stable string (the {@code code} of a problem+json body, never renamed once
 * shipped), the HTTP status it maps to, and the numeric code sent in a Centrifugo protocol error
 * reply. Protocol codes below 1000 are the reference protocol's own (the SDKs react to them);
 * codes from 1000 up are ours, in one range per capability, listed in docs/PROTOCOL.md.
 *
 * <p>{@code temporary} marks errors a client may retry as-is (the protocol's {@code temporary}
 * flag): SDKs retry those with backoff.
 */
public enum ErrorCode {
  // --- Protocol-level and generic (reference numbering) ---
  INTERNAL("internal", 500, 100, true),
  UNAUTHORIZED("unauthorized", 401, 101, false),
  UNKNOWN_CHANNEL("unknown_channel", 404, 102, false),
  PERMISSION_DENIED("permission_denied", 403, 103, false),
  METHOD_NOT_FOUND("method_not_found", 404, 104, false),
  ALREADY_SUBSCRIBED("already_subscribed", 409, 105, false),
  LIMIT_EXCEEDED("limit_exceeded", 429, 106, false),
  BAD_REQUEST("bad_request", 400, 107, false),
  NOT_AVAILABLE("not_available", 503, 108, true),
  TOKEN_EXPIRED("token_expired", 401, 109, false),
  EXPIRED("expired", 410, 110, false),
  RATE_LIMITED("rate_limited", 429, 111, true),
  UNRECOVERABLE_POSITION("unrecoverable_position", 409, 112, false),

  // --- HTTP and validation (1000-1099) ---
  VALIDATION_FAILED("validation_failed", 400, 1000, false),
  MALFORMED_JSON("malformed_json", 400, 1001, false),
  NOT_FOUND("not_found", 404, 1002, false),
  METHOD_NOT_ALLOWED("method_not_allowed", 405, 1003, false),
  PAYLOAD_TOO_LARGE("payload_too_large", 413, 1004, false),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, 1005, false),
  CONFLICT("conflict", 409, 1006, false),
  ORIGIN_NOT_ALLOWED("origin_not_allowed", 403, 1007, false),
  FORBIDDEN("forbidden", 403, 1008, false),
  SERVICE_UNAVAILABLE("service_unavailable", 503, 1009, true),

  // --- Accounts (1100-1199) ---

  // --- Live rooms (1200-1299) ---

  // --- Rewards (1300-1399) ---

  // --- AI dialogue (1400-1499) ---
  AI_CONVERSATION_NOT_FOUND("ai_conversation_not_found", 404, 1400, false),
  AI_GENERATION_NOT_FOUND("ai_generation_not_found", 404, 1401, false),
  AI_RATE_LIMITED("ai_rate_limited", 429, 1402, true),
  AI_TOKEN_QUOTA_EXCEEDED("ai_token_quota_exceeded", 429, 1403, false),
  AI_TOO_MANY_GENERATIONS("ai_too_many_generations", 429, 1404, true),
  AI_UPSTREAM_UNAVAILABLE("ai_upstream_unavailable", 502, 1405, true),
  AI_UPSTREAM_TIMEOUT("ai_upstream_timeout", 504, 1406, true),
  AI_UPSTREAM_INTERRUPTED("ai_upstream_interrupted", 502, 1407, true),
  AI_UPSTREAM_REJECTED("ai_upstream_rejected", 502, 1408, false),
  AI_GENERATION_TOO_LONG("ai_generation_too_long", 504, 1409, false),
  AI_CONTENT_BLOCKED("ai_content_blocked", 422, 1410, false),
  AI_MODEL_NOT_FOUND("ai_model_not_found", 404, 1411, false),
  AI_CANCELLED("ai_cancelled", 409, 1412, false),

  // --- Consent and Nearby (1500-1599) ---

  // --- Privacy rights (1600-1699) ---
  ;

  private final String code;
  private final int httpStatus;
  private final int protocolCode;
  private final boolean temporary;

  ErrorCode(String code, int httpStatus, int protocolCode, boolean temporary) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.protocolCode = protocolCode;
    this.temporary = temporary;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int protocolCode() {
    return protocolCode;
  }

  public boolean temporary() {
    return temporary;
  }
}
