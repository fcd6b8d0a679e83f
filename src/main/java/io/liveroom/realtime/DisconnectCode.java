package io.liveroom.realtime;

/**
 * Disconnect codes, numbered as the reference protocol (centrifuge {@code disconnect.go}) numbers
 * them, sent as the WebSocket close code and reason. SDKs reconnect on 3000-3499 and 4000-4499 and
 * stop on 3500-3999 and 4500-4999. Our own terminal codes (4500+) are for account decisions.
 * The full list with meanings is in docs/PROTOCOL.md.
 */
public enum DisconnectCode {
  // Reconnect (3000-3499)
  SHUTDOWN(3001, "shutdown", true),
  SERVER_ERROR(3004, "internal server error", true),
  EXPIRED(3005, "connection expired", true),
  SUB_EXPIRED(3006, "subscription expired", true),
  SLOW(3008, "slow", true),
  WRITE_ERROR(3009, "write error", true),
  INSUFFICIENT_STATE(3010, "insufficient state", true),
  FORCE_RECONNECT(3011, "force reconnect", true),
  NO_PONG(3012, "no pong", true),
  TOO_MANY_REQUESTS(3013, "too many requests", true),
  // Terminal (3500-3999)
  INVALID_TOKEN(3500, "invalid token", false),
  BAD_REQUEST(3501, "bad request", false),
  STALE(3502, "stale", false),
  FORCE_NO_RECONNECT(3503, "force disconnect", false),
  CONNECTION_LIMIT(3504, "connection limit", false),
  CHANNEL_LIMIT(3505, "channel limit", false),
  INAPPROPRIATE_PROTOCOL(3506, "inappropriate protocol", false),
  PERMISSION_DENIED(3507, "permission denied", false),
  NOT_AVAILABLE(3508, "not available", false),
  TOO_MANY_ERRORS(3509, "too many errors", false),
  /**
   * A frame above {@code realtime.maxFrameBytes}: the WebSocket standard close code 1009 ("message
   * too big"), sent by the frame decoder before the frame reaches the protocol layer.
   */
  MESSAGE_SIZE_LIMIT(1009, "message too big", false),
  // Liveroom terminal codes (4500-4999)
  SESSION_REVOKED(4500, "session revoked", false),
  ACCOUNT_DISABLED(4501, "account disabled", false);

  private final int code;
  private final String reason;
  private final boolean reconnect;

  DisconnectCode(int code, String reason, boolean reconnect) {
    this.code = code;
    this.reason = reason;
    this.reconnect = reconnect;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  public boolean reconnect() {
    return reconnect;
  }

  public static DisconnectCode byCode(int code) {
    for (DisconnectCode c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    return FORCE_RECONNECT;
  }
}
