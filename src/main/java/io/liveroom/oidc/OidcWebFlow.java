package io.liveroom.oidc;

import io.liveroom.config.OidcConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The browser flow: authorization code with PKCE (S256), a state parameter and a nonce. {@link #start}
 * keeps the state's verifier, nonce and provider in Redis for {@code oidc.loginTtlSeconds} (any node
 * may receive the callback) and sends the browser to the provider; {@link #callback} takes the
 * state back exactly once ({@code GETDEL}), exchanges the code at the token endpoint with the
 * verifier (and the client secret, for a confidential client), and signs in with the ID token like
 * the mobile flow. The provider's access and refresh tokens in that answer are dropped unread.
 */
final class OidcWebFlow {
  private static final Logger LOG = LoggerFactory.getLogger(OidcWebFlow.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final OidcService service;
  private final OidcDiscovery discovery;
  private final WebClient http;
  private final RedisAPI redis;
  private final OidcConfig config;

  OidcWebFlow(OidcService service, OidcDiscovery discovery, WebClient http, RedisAPI redis, OidcConfig config) {
    this.service = service;
    this.discovery = discovery;
    this.http = http;
    this.redis = redis;
    this.config = config;
  }

  /** The provider's authorization URL to redirect the browser to; {@code browser} binds the state (see WebHandoff). */
  Future<String> start(String providerId, String policyVersion, String loginHint, String requestOrigin,
                       String browser) {
    OidcConfig.Provider provider = service.provider(providerId);
    String state = random();
    String nonce = random();
    String verifier = random();
    String redirectUri = redirectUri(provider, requestOrigin);
    JsonObject pending = new JsonObject().put("provider", provider.id()).put("nonce", nonce).put("verifier", verifier)
      .put("redirectUri", redirectUri).put("policyVersion", policyVersion).put("browser", browser);
    return discovery.metadata(provider).compose(m -> redis.set(List.of(OidcKeys.webLogin(state), pending.encode(),
        "EX", Integer.toString(config.loginTtlSeconds())))
      .map(ok -> {
        Map<String, String> params = new LinkedHashMap<>(Map.of("response_type", "code", "client_id",
          provider.clientId(), "redirect_uri", redirectUri, "scope", String.join(" ", provider.scopes()), "state", state,
          "nonce", nonce, "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        if (loginHint != null && !loginHint.isBlank() && loginHint.length() <= 254) {
          params.put("login_hint", loginHint);
        }
        return m.authorizationEndpoint() + (m.authorizationEndpoint().contains("?") ? "&" : "?") + query(params);
      }));
  }

  /**
   * Completes the sign-in; {@code error} is the provider's refusal (the user said no), if any. A
   * state taken back by another browser than the one that started it is refused like an unknown one.
   */
  Future<JsonObject> callback(String providerId, String code, String state, String error, String browser,
                              OidcAccounts.Device device) {
    OidcConfig.Provider provider = service.provider(providerId);
    if (state == null || state.isEmpty()) {
      return Future.failedFuture(stateInvalid());
    }
    return redis.getdel(OidcKeys.webLogin(state)).compose(reply -> {
      JsonObject pending = reply == null ? null : new JsonObject(reply.toString());
      if (pending == null || !provider.id().equals(pending.getString("provider"))
        || !MessageDigest.isEqual(browser.getBytes(StandardCharsets.US_ASCII),
        pending.getString("browser", "").getBytes(StandardCharsets.US_ASCII))) {
        return Future.failedFuture(stateInvalid());
      }
      if (error != null || code == null) {
        return Future.failedFuture(IdTokenVerifier.invalid("denied",
          "The provider did not sign you in (" + (error == null ? "no code" : error) + ")."));
      }
      return exchange(provider, code, pending).compose(idToken -> service.signIn(provider.id(), idToken,
        pending.getString("nonce"), pending.getString("policyVersion"), device));
    });
  }

  private Future<String> exchange(OidcConfig.Provider provider, String code, JsonObject pending) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", "authorization_code").add("code", code)
      .add("redirect_uri", pending.getString("redirectUri")).add("code_verifier", pending.getString("verifier"))
      .add("client_id", provider.clientId());
    return discovery.metadata(provider).compose(m -> {
      var request = http.postAbs(m.tokenEndpoint()).timeout(config.httpTimeoutMs());
      if (!provider.clientSecret().isEmpty()) {
        request.basicAuthentication(provider.clientId(), provider.clientSecret());
      }
      return request.sendForm(form).recover(e -> Future.failedFuture(
        OidcDiscovery.unavailable(provider, "its token endpoint did not answer: " + e.getMessage())));
    }).compose(r -> {
      if (r.statusCode() != 200) {
        LOG.info("OIDC provider {} refused the code exchange: {} {}", provider.id(), r.statusCode(), r.bodyAsString());
        return Future.failedFuture(IdTokenVerifier.invalid("code", "The provider refused the sign-in code."));
      }
      String idToken = r.bodyAsJsonObject().getString("id_token");
      return idToken == null ? Future.failedFuture(IdTokenVerifier.invalid("malformed", "The provider sent no ID token."))
        : Future.succeededFuture(idToken);
    });
  }

  private String redirectUri(OidcConfig.Provider provider, String requestOrigin) {
    // Production requires callbackBaseUrl (ProductionRules); a dev node answers on the origin it was reached at.
    String base = config.callbackBaseUrl().isEmpty() ? requestOrigin : config.callbackBaseUrl();
    return base + "/api/v1/auth/oidc/" + provider.id() + "/callback";
  }

  private static AppException stateInvalid() {
    return AppException.of(ErrorCode.OIDC_STATE_INVALID,
      "This sign-in link is unknown, expired or already used; start the sign-in again.");
  }

  private static String query(Map<String, String> params) {
    StringBuilder out = new StringBuilder();
    params.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
      .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }

  /** 32 random bytes, base64url: 43 characters, also a valid PKCE verifier. */
  private static String random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String challenge(String verifier) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
        .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
