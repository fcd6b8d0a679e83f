package io.liveroom.room;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Stream keys: {@code <roomId>-<secret>}, where the secret is 24 random bytes (base64url). The room
 * id in front lets the webhook find the room without a lookup by secret; only SHA-256 of the secret
 * is stored (a slow password hash is unnecessary for a 192-bit random secret) and compared in
 * constant time.
 */
final class StreamKeys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private StreamKeys() {
  }

  /** A fresh secret: shown once to the host, never stored. */
  static String newSecret() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String format(long roomId, String secret) {
    return roomId + "-" + secret;
  }

  static byte[] hash(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean matches(String secret, byte[] storedHash) {
    return secret != null && !secret.isEmpty() && MessageDigest.isEqual(hash(secret), storedHash);
  }

  /** A stream key split into room id and secret; null when it is not of our form. */
  record Parsed(long roomId, String secret) {
  }

  /**
   * Parses what the media server reports: the stream name is the full key ({@code 42-secret}), or
   * the stream name is the room id and the secret comes as a {@code key} query parameter.
   */
  static Parsed parse(String stream, String keyParam) {
    if (stream == null || stream.isBlank()) {
      return null;
    }
    String s = stream.trim();
    int dash = s.indexOf('-');
    String id = dash > 0 ? s.substring(0, dash) : s;
    String secret = dash > 0 ? s.substring(dash + 1) : keyParam;
    if (!id.matches("[0-9]{1,18}") || secret == null || secret.isBlank()) {
      return null;
    }
    return new Parsed(Long.parseLong(id), secret.trim());
  }
}
