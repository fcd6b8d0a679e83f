package io.liveroom.auth;

import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.config.AuthConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;

import java.util.List;

/**
 * Issues and verifies access tokens: HS256 JWTs (the only algorithm the verifier accepts, so
 * {@code alg:none} and algorithm swaps are refused), with {@code iss}, {@code aud}, {@code exp}
 * and our {@code typ: "access"} claim all checked. {@code sub} is the user id, {@code sid} the
 * session, {@code role} the platform role.
 */
public final class AccessTokens {
  public static final String ALGORITHM = "HS256";
  public static final String TYPE_ACCESS = "access";

  private final JWTAuth jwt;
  private final AuthConfig config;

  public AccessTokens(Vertx vertx, AuthConfig config) {
    this.config = config;
    JWTOptions verify = new JWTOptions()
      .setAlgorithm(ALGORITHM)
      .setIssuer(config.issuer())
      .setAudience(List.of(config.audience()))
      .setLeeway(5);
    this.jwt = JWTAuth.create(vertx, new JWTAuthOptions()
      .addPubSecKey(new PubSecKeyOptions().setAlgorithm(ALGORITHM).setBuffer(config.jwtSecret()))
      .setJWTOptions(verify));
  }

  public String issue(long userId, Role role, String sessionId) {
    return issue(userId, role, sessionId, config.accessTtlSeconds());
  }

  public String issue(long userId, Role role, String sessionId, int ttlSeconds) {
    JsonObject claims = new JsonObject()
      .put("typ", TYPE_ACCESS)
      .put("sid", sessionId)
      .put("role", role.wire());
    return jwt.generateToken(claims, new JWTOptions()
      .setAlgorithm(ALGORITHM)
      .setIssuer(config.issuer())
      .setAudience(List.of(config.audience()))
      .setSubject(Long.toString(userId))
      .setExpiresInSeconds(ttlSeconds));
  }

  public int accessTtlSeconds() {
    return config.accessTtlSeconds();
  }

  /**
   * Verifies signature and claims. Fails with {@code token_expired} for an expired token (clients
   * refresh and retry) and {@code unauthorized} for anything else wrong.
   */
  public Future<Principal> verify(String token) {
    if (token == null || token.isBlank()) {
      return Future.failedFuture(AppException.of(ErrorCode.UNAUTHORIZED, "An access token is required."));
    }
    return jwt.authenticate(new TokenCredentials(token))
      .recover(e -> Future.failedFuture(isExpiry(e)
        ? AppException.of(ErrorCode.TOKEN_EXPIRED, "The access token has expired.")
        : AppException.of(ErrorCode.UNAUTHORIZED, "The access token is not valid.")))
      .compose(user -> toPrincipal(user.principal()));
  }

  private static boolean isExpiry(Throwable e) {
    String m = e.getMessage();
    return m != null && m.toLowerCase().contains("expired");
  }

  private static Future<Principal> toPrincipal(JsonObject claims) {
    try {
      if (!TYPE_ACCESS.equals(claims.getString("typ"))) {
        throw new IllegalArgumentException("not an access token");
      }
      long userId = Long.parseLong(claims.getString("sub"));
      Role role = Role.fromWire(claims.getString("role"));
      String sid = claims.getString("sid");
      if (sid == null || sid.isBlank()) {
        throw new IllegalArgumentException("no session");
      }
      return Future.succeededFuture(new Principal(userId, role, sid));
    } catch (RuntimeException e) {
      return Future.failedFuture(AppException.of(ErrorCode.UNAUTHORIZED, "The access token is not valid."));
    }
  }
}
