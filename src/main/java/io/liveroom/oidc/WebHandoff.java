package io.liveroom.oidc;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Hands a finished web sign-in to the page of the browser that started it, without putting our
 * tokens in a URL. The callback keeps the login answer in Redis under a random exchange code for
 * {@link #CODE_TTL_SECONDS} and sends the browser to {@code /signin.html#oidc=<code>} (a fragment
 * is never sent to a server nor written to access logs); the page swaps the code for the tokens
 * with a POST, once ({@code GETDEL}).
 *
 * <p>Both the state and the code are bound to the browser: {@code start} sets an HttpOnly cookie
 * (scoped to the OIDC paths) whose SHA-256 is stored with the state and then with the code, and
 * the callback and the exchange must present the same cookie. A callback URL or exchange code
 * carried to another browser (login CSRF, a leaked link) signs nobody in there.
 */
final class WebHandoff {
  static final String COOKIE = "liveroom_oidc";
  static final int CODE_TTL_SECONDS = 60;
  private static final String COOKIE_PATH = "/api/v1/auth/oidc";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisAPI redis;
  private final int maxAgeSeconds;
  private final boolean httpsOrigin;

  /** {@code publicOrigin} is {@code oidc.callbackBaseUrl}: an https one makes the cookie Secure behind a TLS proxy too. */
  WebHandoff(RedisAPI redis, int maxAgeSeconds, String publicOrigin) {
    this.redis = redis;
    this.maxAgeSeconds = maxAgeSeconds;
    this.httpsOrigin = publicOrigin.startsWith("https://");
  }

  /** This browser's binding cookie: the one it has (several tabs share it) or a new one. */
  Cookie browserCookie(HttpServerRequest request) {
    Cookie existing = request.getCookie(COOKIE);
    String value = existing != null && existing.getValue().matches("[A-Za-z0-9_-]{43}") ? existing.getValue() : random();
    return Cookie.cookie(COOKIE, value).setPath(COOKIE_PATH).setHttpOnly(true).setSameSite(CookieSameSite.LAX)
      .setSecure(httpsOrigin || "https".equals(request.scheme())).setMaxAge(maxAgeSeconds);
  }

  /** The SHA-256 of the request's binding cookie, or "" when it has none. */
  static String browserOf(HttpServerRequest request) {
    Cookie c = request.getCookie(COOKIE);
    return c == null || c.getValue().isEmpty() ? "" : sha256(c.getValue());
  }

  /** Keeps {@code login} for the browser {@code browserHash}; succeeds with the single-use exchange code. */
  Future<String> issue(JsonObject login, String browserHash) {
    String code = random();
    JsonObject held = new JsonObject().put("browser", browserHash).put("login", login);
    return redis.set(List.of(OidcKeys.webHandoff(sha256(code)), held.encode(), "EX", Integer.toString(CODE_TTL_SECONDS)))
      .map(ok -> code);
  }

  /** The login answer for {@code code}, once, and only to the browser it was issued to. */
  Future<JsonObject> redeem(String code, String browserHash) {
    if (code == null || code.isEmpty() || browserHash.isEmpty()) {
      return Future.failedFuture(invalid());
    }
    return redis.getdel(OidcKeys.webHandoff(sha256(code))).compose(reply -> {
      JsonObject held = reply == null ? null : new JsonObject(reply.toString());
      if (held == null || !MessageDigest.isEqual(browserHash.getBytes(StandardCharsets.US_ASCII),
        held.getString("browser", "").getBytes(StandardCharsets.US_ASCII))) {
        return Future.failedFuture(invalid());
      }
      return Future.succeededFuture(held.getJsonObject("login"));
    });
  }

  private static AppException invalid() {
    return AppException.of(ErrorCode.OIDC_EXCHANGE_INVALID,
      "This sign-in was already completed, expired, or started in another browser; sign in again.");
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
