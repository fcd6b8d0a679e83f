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
  INSUFFICIENT_BALANCE("insufficient_balance", 409, 1300, false),
  GIFT_NOT_AVAILABLE("gift_not_available", 404, 1301, false),
  ROOM_NOT_LIVE("room_not_live", 409, 1302, false),
  GIFT_SENDER_NOT_ELIGIBLE("gift_sender_not_eligible", 403, 1303, false),
  SPENDING_CAP_EXCEEDED("spending_cap_exceeded", 409, 1304, false),
  IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422, 1305, false),
  WEBHOOK_SIGNATURE_INVALID("webhook_signature_invalid", 401, 1306, false),
  WEBHOOK_TIMESTAMP_STALE("webhook_timestamp_stale", 401, 1307, false),
  PAYMENTS_NOT_CONFIGURED("payments_not_configured", 503, 1308, false),
  WITHDRAWAL_BELOW_MINIMUM("withdrawal_below_minimum", 422, 1309, false),
  WITHDRAWAL_IDENTITY_REQUIRED("withdrawal_identity_required", 403, 1310, false),
  WITHDRAWAL_NOT_PENDING("withdrawal_not_pending", 409, 1311, false),
  LEDGER_BUSY("ledger_busy", 503, 1312, true),
  GIFT_TO_SELF("gift_to_self", 409, 1313, false),

  // --- AI dialogue (1400-1499) ---

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
