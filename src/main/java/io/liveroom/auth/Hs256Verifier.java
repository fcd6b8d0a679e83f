package io.liveroom.auth;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies our HS256 access tokens without going through the JWT library: the header and the
 * claims are each decoded once, the HMAC runs on a per-thread {@link Mac}, and the caller gets the
 * principal and the expiry together. Why: every socket connect and every authenticated HTTP
 * request verifies a token, and a reconnect storm verifies thousands per second on a cold node;
 * the library's path decodes the payload into a user object that the connect then decoded again
 * for {@code exp}. The checks are the library's, and stricter where noted:
 * <ul>
 *   <li>exactly three segments; the header's {@code alg} must be HS256 (so {@code none} and
 *       algorithm swaps fail), the signature is compared in constant time;</li>
 *   <li>{@code exp} is required (we always issue it) and expired past the leeway;
 *       {@code iat} and {@code nbf}, when present, must not be in the future past the leeway;</li>
 *   <li>{@code iss} must equal ours; {@code aud} (a string or an array) must contain ours.</li>
 * </ul>
 * Thread-safe: the only per-call state is the thread's Mac.
 */
final class Hs256Verifier {
  private static final String HMAC = "HmacSHA256";

  private final SecretKeySpec key;
  private final String issuer;
  private final String audience;
  private final long leewaySeconds;
  private final ThreadLocal<Mac> macs;
  /** The last header segment that verified as HS256: ours never changes, so it is decoded once. */
  private volatile String knownHeader;

  Hs256Verifier(String secret, String issuer, String audience, long leewaySeconds) {
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    this.issuer = issuer;
    this.audience = audience;
    this.leewaySeconds = leewaySeconds;
    this.macs = ThreadLocal.withInitial(this::newMac);
  }

  /** The verified claims; throws {@code token_expired} or {@code unauthorized}. */
  JsonObject verify(String token) {
    try {
      int d1 = token.indexOf('.');
      int d2 = d1 < 0 ? -1 : token.indexOf('.', d1 + 1);
      if (d1 <= 0 || d2 < 0 || token.indexOf('.', d2 + 1) >= 0) {
        throw invalid();
      }
      checkHeader(token.substring(0, d1));
      checkSignature(token, d2);
      JsonObject claims = decode(token.substring(d1 + 1, d2));
      checkTimes(claims);
      if (!issuer.equals(claims.getString("iss")) || !audienceMatches(claims.getValue("aud"))) {
        throw invalid();
      }
      return claims;
    } catch (AppException e) {
      throw e;
    } catch (RuntimeException e) {
      throw invalid(); // bad base64, bad JSON, a claim of the wrong type
    }
  }

  private void checkHeader(String segment) {
    if (segment.equals(knownHeader)) {
      return;
    }
    if (!AccessTokens.ALGORITHM.equals(decode(segment).getString("alg"))) {
      throw invalid();
    }
    knownHeader = segment;
  }

  private void checkSignature(String token, int signatureDot) {
    byte[] signed = new byte[signatureDot];
    for (int i = 0; i < signatureDot; i++) {
      char c = token.charAt(i);
      if (c > 127) {
        throw invalid(); // base64url and '.' only
      }
      signed[i] = (byte) c;
    }
    byte[] expected = macs.get().doFinal(signed);
    byte[] given = Base64.getUrlDecoder().decode(token.substring(signatureDot + 1));
    if (!MessageDigest.isEqual(expected, given)) {
      throw invalid();
    }
  }

  private void checkTimes(JsonObject claims) {
    long now = System.currentTimeMillis() / 1000;
    Long exp = claims.getLong("exp");
    if (exp == null) {
      throw invalid();
    }
    if (now - leewaySeconds >= exp) {
      throw AppException.of(ErrorCode.TOKEN_EXPIRED, "The access token has expired.");
    }
    Long iat = claims.getLong("iat");
    Long nbf = claims.getLong("nbf");
    if (iat != null && iat > now + leewaySeconds || nbf != null && nbf > now + leewaySeconds) {
      throw invalid();
    }
  }

  private boolean audienceMatches(Object aud) {
    if (aud instanceof String s) {
      return audience.equals(s);
    }
    return aud instanceof JsonArray list && list.contains(audience);
  }

  private static JsonObject decode(String segment) {
    return new JsonObject(new String(Base64.getUrlDecoder().decode(segment), StandardCharsets.UTF_8));
  }

  private Mac newMac() {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static AppException invalid() {
    return AppException.of(ErrorCode.UNAUTHORIZED, "The access token is not valid.");
  }
}
