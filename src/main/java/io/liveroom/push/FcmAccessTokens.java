package io.liveroom.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.liveroom.infra.CallerContext;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;

import java.security.interfaces.RSAPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;

/**
 * OAuth2 access tokens for FCM from a Google service account: signs a JWT assertion (RS256, the
 * account's private key, {@code kid} = its key id) and exchanges it at the token URI
 * ({@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}). The token is cached until a
 * minute before it expires; one exchange at a time is shared by every event loop, each caller
 * getting the result on its own context.
 */
final class FcmAccessTokens {
  static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
  static final String GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final long ASSERTION_SECONDS = 3600;
  private static final long MARGIN_SECONDS = 60;

  private record Token(String value, Instant expiresAt) {
  }

  private final WebClient client;
  private final FcmCredentials credentials;
  private final String tokenUri;
  private final int timeoutMs;
  private final Clock clock;
  private final RSASSASigner signer;
  private Future<Token> current;

  FcmAccessTokens(WebClient client, FcmCredentials credentials, String tokenUri, int timeoutMs, Clock clock) {
    this.client = client;
    this.credentials = credentials;
    this.tokenUri = tokenUri;
    this.timeoutMs = timeoutMs;
    this.clock = clock;
    this.signer = new RSASSASigner((RSAPrivateKey) credentials.privateKey());
  }

  /** A valid access token, from the cache or a new exchange. */
  Future<String> get() {
    return CallerContext.home(current().map(Token::value));
  }

  /** FCM said 401: forget the token so the next attempt exchanges a new one. */
  synchronized void invalidate(String value) {
    if (current != null && current.succeeded() && current.result().value().equals(value)) {
      current = null;
    }
  }

  private synchronized Future<Token> current() {
    Future<Token> f = current;
    boolean stale = f == null || f.failed()
      || f.succeeded() && f.result().expiresAt().isBefore(clock.instant().plusSeconds(MARGIN_SECONDS));
    if (stale) {
      f = exchange();
      current = f;
    }
    return f;
  }

  private Future<Token> exchange() {
    String assertion;
    try {
      assertion = assertion();
    } catch (JOSEException e) {
      return Future.failedFuture(e);
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("grant_type", GRANT).add("assertion", assertion);
    Instant asked = clock.instant();
    return client.postAbs(tokenUri).timeout(timeoutMs).sendForm(form).compose(resp -> {
      if (resp.statusCode() != 200) {
        return Future.failedFuture("token endpoint answered HTTP " + resp.statusCode());
      }
      JsonObject body = resp.bodyAsJsonObject();
      String value = body == null ? null : body.getString("access_token");
      if (value == null) {
        return Future.failedFuture("token endpoint answered without access_token");
      }
      return Future.succeededFuture(new Token(value, asked.plusSeconds(body.getLong("expires_in", 3600L))));
    });
  }

  private String assertion() throws JOSEException {
    Instant now = clock.instant();
    JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(credentials.clientEmail()).audience(tokenUri)
      .claim("scope", SCOPE).issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(ASSERTION_SECONDS)))
      .build();
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(credentials.keyId()).build(), claims);
    jwt.sign(signer);
    return jwt.serialize();
  }
}
