package io.liveroom.privacy;

import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One-time tokens that let the owner of a frozen account withdraw its cancellation. A token is
 * handed out only by a correct login (password or SMS code) of that account, lives for a short
 * time, and is stored in Redis only as its SHA-256. Using it deletes it.
 */
final class WithdrawalTokens {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final RedisAPI redis;
  private final Duration ttl;

  WithdrawalTokens(RedisAPI redis, Duration ttl) {
    this.redis = redis;
    this.ttl = ttl;
  }

  Future<String> issue(long userId) {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    return redis.set(List.of(key(token), Long.toString(userId), "EX", Long.toString(ttl.toSeconds()))).map(token);
  }

  /** The user the token was issued to, consuming it; empty when unknown, used or expired. */
  Future<Optional<Long>> consume(String token) {
    if (token == null || token.isBlank() || token.length() > 100) {
      return Future.succeededFuture(Optional.empty());
    }
    String key = key(token);
    return redis.get(key).compose(value -> value == null ? Future.succeededFuture(Optional.<Long>empty())
      : redis.del(List.of(key)).map(deleted -> deleted.toInteger() == 1
        ? Optional.of(value.toLong()) : Optional.<Long>empty()));
  }

  private static String key(String token) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return "privacy:withdraw:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
