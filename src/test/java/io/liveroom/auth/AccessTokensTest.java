package io.liveroom.auth;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.config.AuthConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("Access tokens are HS256 JWTs with pinned algorithm and checked claims")
class AccessTokensTest {
  private static final AuthConfig CONFIG =
    new AuthConfig("0123456789abcdef0123456789abcdef-key", "liveroom", "liveroom-api", 900, 30);
  private static Vertx vertx;
  private static AccessTokens tokens;

  @BeforeAll
  static void setUp() {
    vertx = Vertx.vertx();
    tokens = new AccessTokens(vertx, CONFIG);
  }

  @AfterAll
  static void tearDown() {
    vertx.close();
  }

  private static Principal verify(String token) throws Exception {
    try {
      return tokens.verify(token).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw (Exception) e.getCause();
    }
  }

  private static ErrorCode codeOf(String token) {
    try {
      verify(token);
      return null;
    } catch (AppException e) {
      return e.code();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  @DisplayName("A token we issued verifies to its user, role and session")
  void roundTrip() throws Exception {
    Principal p = verify(tokens.issue(42, Role.MODERATOR, "s-1"));
    assertThat(p).isEqualTo(new Principal(42, Role.MODERATOR, "s-1"));
  }

  @Test
  @DisplayName("alg:none is refused")
  void algNoneRefused() {
    String[] parts = tokens.issue(42, Role.ADMIN, "s-1").split("\\.");
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    assertThat(codeOf(header + "." + parts[1] + ".")).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  @DisplayName("A token signed with another key is refused")
  void wrongKeyRefused() {
    AccessTokens other = new AccessTokens(vertx,
      new AuthConfig("another-key-another-key-another-key-xx", "liveroom", "liveroom-api", 900, 30));
    assertThat(codeOf(other.issue(42, Role.USER, "s-1"))).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  @DisplayName("A tampered payload is refused")
  void tamperedRefused() {
    String[] parts = tokens.issue(42, Role.USER, "s-1").split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    payload.put("role", "admin");
    assertThat(codeOf(parts[0] + "." + b64(payload.encode()) + "." + parts[2])).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  @DisplayName("Another audience or issuer is refused")
  void audienceChecked() {
    AccessTokens foreign = new AccessTokens(vertx,
      new AuthConfig(CONFIG.jwtSecret(), "liveroom", "someone-else", 900, 30));
    assertThat(codeOf(foreign.issue(42, Role.USER, "s-1"))).isEqualTo(ErrorCode.UNAUTHORIZED);
    AccessTokens otherIssuer = new AccessTokens(vertx,
      new AuthConfig(CONFIG.jwtSecret(), "evil", "liveroom-api", 900, 30));
    assertThat(codeOf(otherIssuer.issue(42, Role.USER, "s-1"))).isEqualTo(ErrorCode.UNAUTHORIZED);
  }

  @Test
  @DisplayName("An expired token fails with token_expired")
  void expired() throws Exception {
    String t = issuedAgo(tokens.issue(42, Role.USER, "s-1", 1), 60);
    assertThat(codeOf(t)).isEqualTo(ErrorCode.TOKEN_EXPIRED);
  }

  @Test
  @DisplayName("Garbage and empty tokens are refused")
  void garbage() {
    assertThat(codeOf("not-a-jwt")).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThatThrownBy(() -> verify("")).isInstanceOf(AppException.class);
  }

  /**
   * The same token as if issued {@code seconds} ago: its times moved back and signed again with the
   * key, so an expiry past the verifier's leeway needs no waiting.
   */
  private static String issuedAgo(String token, long seconds) throws Exception {
    String[] parts = token.split("\\.");
    JsonObject payload = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    payload.put("iat", payload.getLong("iat") - seconds).put("exp", payload.getLong("exp") - seconds);
    String signed = parts[0] + "." + b64(payload.encode());
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(CONFIG.jwtSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    byte[] signature = mac.doFinal(signed.getBytes(StandardCharsets.UTF_8));
    return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
