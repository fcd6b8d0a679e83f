package io.liveroom.account;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.Role;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Login sessions: a short-lived access JWT plus an opaque, rotating refresh token (256 random bits,
 * stored as SHA-256). Each refresh replaces the token; presenting a replaced token again means it
 * was copied, so the whole session (the token family) is revoked. Revocation reaches live access
 * tokens through {@link RedisSessionGate} and live sockets through {@link SessionEvents}.
 */
public final class SessionService {
  private static final Logger LOG = LoggerFactory.getLogger(SessionService.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SessionRepository sessions;
  private final AccessTokens accessTokens;
  private final RedisSessionGate gate;
  private final SessionEvents events;
  private final AuditLog audit;
  private final int refreshTtlDays;

  /** What register, login and refresh answer with. */
  public record Tokens(String accessToken, String refreshToken, int expiresIn, String sessionId, long userId) {
  }

  public SessionService(SessionRepository sessions, AccessTokens accessTokens, RedisSessionGate gate,
                        SessionEvents events, AuditLog audit, int refreshTtlDays) {
    this.sessions = sessions;
    this.accessTokens = accessTokens;
    this.gate = gate;
    this.events = events;
    this.audit = audit;
    this.refreshTtlDays = refreshTtlDays;
  }

  public Future<Tokens> open(long userId, Role role, DeviceInfo device) {
    UUID id = UUID.randomUUID();
    String refresh = newRefreshToken();
    return sessions.create(id, userId, device, refreshTtlDays, sha256(refresh))
      .map(v -> tokens(userId, role, id, refresh));
  }

  public Future<Tokens> refresh(String refreshToken, DeviceInfo device) {
    byte[] hash = sha256(refreshToken);
    return sessions.find(hash).compose(found -> {
      if (found.isEmpty() || found.get().revoked() || found.get().expired()) {
        return invalid();
      }
      SessionRepository.TokenState t = found.get();
      if (t.rotated()) {
        return reuse(t, device.ip());
      }
      if (!"active".equals(t.status())) {
        return Future.failedFuture("pending_guardian".equals(t.status())
          ? AppException.of(ErrorCode.GUARDIAN_CONSENT_REQUIRED, "A guardian's consent must be recorded first.")
          : AppException.of(ErrorCode.ACCOUNT_DISABLED, "This account cannot be used."));
      }
      String next = newRefreshToken();
      return sessions.rotate(hash, sha256(next), t.sessionId(), device.ip())
        .compose(rotated -> rotated ? Future.succeededFuture(tokens(t.userId(), t.role(), t.sessionId(), next))
          : reuse(t, device.ip()));
    });
  }

  private Future<Tokens> reuse(SessionRepository.TokenState t, String ip) {
    LOG.warn("Refresh token reused for user {} session {}: revoking the session", t.userId(), t.sessionId());
    return revoke(t.userId(), t.sessionId(), "refresh_token_reuse", ip).compose(v -> invalid());
  }

  private static Future<Tokens> invalid() {
    return Future.failedFuture(AppException.of(ErrorCode.REFRESH_TOKEN_INVALID,
      "The refresh token is not valid; log in again."));
  }

  /** Revokes one of the user's sessions; false when it was not theirs or already ended. */
  public Future<Boolean> revoke(long userId, UUID sessionId, String reason, String ip) {
    return sessions.revoke(sessionId, userId, reason).compose(done -> !done ? Future.succeededFuture(false)
      : gate.markRevoked(sessionId.toString())
        .compose(v -> audit.security(userId, "session_revoked", ip,
          new JsonObject().put("sessionId", sessionId.toString()).put("reason", reason)))
        .map(v -> {
          events.sessionRevoked(userId, sessionId.toString());
          return true;
        }));
  }

  /** Ends every session of a user inside {@code tx}; call {@link #afterRevokeAll} once committed. */
  public Future<List<UUID>> revokeAll(SqlClient tx, long userId, String reason) {
    return sessions.revokeAll(tx, userId, reason);
  }

  public Future<Void> afterRevokeAll(long userId, List<UUID> ids) {
    return Future.all(ids.stream().map(id -> gate.markRevoked(id.toString())).toList()).map(v -> {
      ids.forEach(id -> events.sessionRevoked(userId, id.toString()));
      return null;
    });
  }

  public Future<JsonArray> list(long userId, String currentSessionId) {
    return sessions.active(userId).map(rows -> {
      JsonArray out = new JsonArray();
      rows.forEach(r -> out.add(new JsonObject().put("id", r.getUUID("id").toString())
        .put("deviceName", r.getString("device_name")).put("userAgent", r.getString("user_agent"))
        .put("ip", r.getString("ip")).put("createdAt", SessionRepository.iso(r.getOffsetDateTime("created_at")))
        .put("lastUsedAt", SessionRepository.iso(r.getOffsetDateTime("last_used_at")))
        .put("expiresAt", SessionRepository.iso(r.getOffsetDateTime("expires_at")))
        .put("current", r.getUUID("id").toString().equals(currentSessionId))));
      return out;
    });
  }

  private Tokens tokens(long userId, Role role, UUID sessionId, String refresh) {
    return new Tokens(accessTokens.issue(userId, role, sessionId.toString()), refresh,
      accessTokens.accessTtlSeconds(), sessionId.toString(), userId);
  }

  private static String newRefreshToken() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
