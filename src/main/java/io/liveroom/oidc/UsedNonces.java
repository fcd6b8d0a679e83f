package io.liveroom.oidc;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Single use of ID-token nonces, shared by every node through Redis: the first sign-in with a nonce
 * records it ({@code SET NX}) until its token expires (plus the allowed clock skew), and any later
 * attempt with it, on any node, is a replay. Only a hash of the nonce is stored. Guarantee: of
 * several concurrent attempts with one nonce, at most one is told "first".
 */
final class UsedNonces {
  private final RedisAPI redis;
  private final Clock clock;
  private final int skewSeconds;

  UsedNonces(RedisAPI redis, Clock clock, int skewSeconds) {
    this.redis = redis;
    this.clock = clock;
    this.skewSeconds = skewSeconds;
  }

  /** True when this call is the first use of {@code nonce} for {@code provider}. */
  Future<Boolean> claim(String provider, String nonce, Instant tokenExpiresAt) {
    long ttl = Math.max(60, tokenExpiresAt.getEpochSecond() - clock.instant().getEpochSecond() + skewSeconds);
    return redis.set(List.of(OidcKeys.usedNonce(provider, sha256(nonce)), "1", "NX", "EX", Long.toString(ttl)))
      .map(reply -> reply != null);
  }

  static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
