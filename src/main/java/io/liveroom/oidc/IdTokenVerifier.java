package io.liveroom.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.liveroom.config.OidcConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;

import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Verifies an OpenID Connect ID token with Nimbus JOSE+JWT: the signature against the provider's
 * published keys (asymmetric algorithms only: {@code none} and shared-secret HMAC are refused, so a
 * token cannot be signed with something public), then {@code iss}, {@code aud} (and {@code azp}
 * when there are several audiences), {@code exp} and {@code iat} within {@code oidc.clockSkewSeconds},
 * and the {@code nonce}. Fails with {@code oidc_token_invalid} and a {@code reason} naming the
 * check. The nonce's single use is not checked here: {@link UsedNonces} does that where a sign-in
 * is about to succeed.
 */
final class IdTokenVerifier {
  private static final Set<JWSAlgorithm> ALLOWED = Stream.concat(JWSAlgorithm.Family.RSA.stream(),
    JWSAlgorithm.Family.EC.stream()).collect(Collectors.toUnmodifiableSet());

  private final OidcDiscovery discovery;
  private final Clock clock;
  private final long skewMillis;

  IdTokenVerifier(OidcDiscovery discovery, Clock clock, int clockSkewSeconds) {
    this.discovery = discovery;
    this.clock = clock;
    this.skewMillis = clockSkewSeconds * 1000L;
  }

  Future<VerifiedIdentity> verify(OidcConfig.Provider provider, String idToken, String expectedNonce) {
    SignedJWT jwt;
    try {
      jwt = SignedJWT.parse(idToken);
    } catch (ParseException e) {
      return Future.failedFuture(invalid("malformed", "The ID token is not a signed JWT."));
    }
    if (!ALLOWED.contains(jwt.getHeader().getAlgorithm())) {
      return Future.failedFuture(invalid("algorithm", "The ID token's algorithm is not accepted."));
    }
    return discovery.key(provider, jwt.getHeader().getKeyID()).compose(key -> {
      if (key.isEmpty()) {
        return Future.failedFuture(invalid("unknown_key", "The ID token is signed with a key the provider does not publish."));
      }
      checkSignature(jwt, key.get());
      return Future.succeededFuture(checkClaims(provider, claims(jwt), expectedNonce));
    });
  }

  private static void checkSignature(SignedJWT jwt, JWK key) {
    try {
      if (!(key instanceof AsymmetricJWK asymmetric)) {
        throw invalid("unknown_key", "The provider's key is not a public key.");
      }
      JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), asymmetric.toPublicKey());
      if (!jwt.verify(verifier)) {
        throw invalid("signature", "The ID token's signature does not verify.");
      }
    } catch (JOSEException e) {
      throw invalid("signature", "The ID token's signature cannot be checked with the provider's key.");
    }
  }

  private static JWTClaimsSet claims(SignedJWT jwt) {
    try {
      return jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      throw invalid("malformed", "The ID token's claims are not valid JSON.");
    }
  }

  private VerifiedIdentity checkClaims(OidcConfig.Provider provider, JWTClaimsSet c, String expectedNonce) {
    if (!provider.issuer().equals(c.getIssuer())) {
      throw invalid("issuer", "The ID token comes from another issuer.");
    }
    List<String> aud = c.getAudience();
    if (aud.stream().noneMatch(provider.audiences()::contains)) {
      throw invalid("audience", "The ID token was issued for another application.");
    }
    String azp = stringClaim(c, "azp");
    if (aud.size() > 1 && (azp == null || !provider.audiences().contains(azp))) {
      throw invalid("audience", "The ID token's authorized party is another application.");
    }
    long now = clock.millis();
    Date exp = c.getExpirationTime();
    if (exp == null || now > exp.getTime() + skewMillis) {
      throw invalid("expired", "The ID token has expired; sign in with the provider again.");
    }
    Date iat = c.getIssueTime();
    if (iat == null || iat.getTime() > now + skewMillis) {
      throw invalid("issued_at", "The ID token is issued in the future.");
    }
    if (expectedNonce == null || !expectedNonce.equals(stringClaim(c, "nonce"))) {
      throw invalid("nonce", "The ID token's nonce is not the one of this sign-in.");
    }
    String sub = c.getSubject();
    if (sub == null || sub.isBlank() || sub.length() > 255) {
      throw invalid("subject", "The ID token names no subject.");
    }
    return new VerifiedIdentity(provider.id(), sub, verifiedEmail(c), stringClaim(c, "name"), exp.toInstant());
  }

  /** The email only when the provider vouches for it ({@code email_verified} true; some send it as a string). */
  private static String verifiedEmail(JWTClaimsSet c) {
    String email = stringClaim(c, "email");
    Object verified = c.getClaim("email_verified");
    boolean ok = Boolean.TRUE.equals(verified) || "true".equals(verified);
    return ok && email != null && email.length() <= 254 ? email : null;
  }

  private static String stringClaim(JWTClaimsSet c, String name) {
    Object v = c.getClaim(name);
    return v instanceof String s ? s : null;
  }

  static AppException invalid(String reason, String detail) {
    return AppException.of(ErrorCode.OIDC_TOKEN_INVALID, detail).with(Map.of("reason", reason));
  }
}
