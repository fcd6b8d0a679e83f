package io.liveroom.push;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * APNs token-based auth: an ES256 JWT signed with the team's .p8 key ({@code kid} = key id,
 * {@code iss} = team id, {@code iat}). Apple refuses a token older than an hour and throttles one
 * refreshed more often than every 20 minutes, so it is reused for 50 minutes. Signing is a few
 * microseconds of ECDSA, done on the caller's thread; the monitor keeps one token for every loop.
 */
final class ApnsProviderToken {
  static final Duration REUSE = Duration.ofMinutes(50);

  private final ECDSASigner signer;
  private final String keyId;
  private final String teamId;
  private final Clock clock;
  private String token;
  private Instant issuedAt = Instant.MIN;

  ApnsProviderToken(ECPrivateKey key, String keyId, String teamId, Clock clock) {
    try {
      this.signer = new ECDSASigner(key);
    } catch (JOSEException e) {
      throw new IllegalStateException("push.apns.keyFile is not a P-256 key: " + e.getMessage(), e);
    }
    this.keyId = keyId;
    this.teamId = teamId;
    this.clock = clock;
  }

  synchronized String get() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(issuedAt.plus(REUSE))) {
      token = sign(now);
      issuedAt = now;
    }
    return token;
  }

  /** Apple said the token expired or is invalid: sign a new one next time. */
  synchronized void invalidate(String value) {
    if (value.equals(token)) {
      token = null;
    }
  }

  private String sign(Instant now) {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).build(),
      new JWTClaimsSet.Builder().issuer(teamId).issueTime(Date.from(now)).build());
    try {
      jwt.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("Could not sign the APNs provider token: " + e.getMessage(), e);
    }
    return jwt.serialize();
  }
}
