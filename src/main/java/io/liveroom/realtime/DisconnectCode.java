package io.liveroom.realtime;

/**
 * Disconnect codes in the reference protocol's ranges: 3000-3499 tell SDKs to reconnect,
 * 3500-3999 not to. The numbers and meanings are listed in docs/PROTOCOL.md.
 */
public enum DisconnectCode {
  SHUTDOWN(3001, "shutdown", true),
  INSUFFICIENT_STATE(3003, "insufficient state", true),
  NO_PONG(3012, "no pong", true),
  TOO_MANY_REQUESTS(3008, "too many requests", true),
  WRITE_ERROR(3007, "write error", true),
  SLOW(3006, "slow", true),
  INVALID_TOKEN(3500, "invalid token", false),
  BAD_REQUEST(3501, "bad request", false),
  STALE(3502, "stale", false),
  EXPIRED(3005, "expired", true),
  FORCE_NO_RECONNECT(3503, "force disconnect", false),
  CONNECTION_LIMIT(3504, "connection limit", false),
  MESSAGE_SIZE_LIMIT(3505, "message size limit", false),
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
}
