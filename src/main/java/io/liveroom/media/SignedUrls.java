package io.liveroom.media;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * URLs of pictures: the stable public one ({@code /media/<id>/<variant>}), and the signed, expiring
 * one for private pictures ({@code ...?expires=<epoch s>&sig=<HMAC-SHA256>}). A signed URL works
 * without a bearer token (an {@code <img>} tag cannot send one) until it expires; forging or
 * extending it needs the key. Every node derives the same key from the same configured secret
 * ({@code media.signingSecret}, or {@code auth.jwtSecret}, which production requires to be shared),
 * so any node verifies any other node's URLs.
 */
final class SignedUrls {
  /** What a signed URL's check found. */
  enum Check { VALID, EXPIRED, FORGED }

  private final byte[] key;
  private final String base;

  SignedUrls(String secret, String publicBaseUrl) {
    // Domain-separated from the JWT signatures and export links made with the same secret.
    this.key = hmac(secret.getBytes(StandardCharsets.UTF_8), "liveroom-media-url-key");
    this.base = publicBaseUrl.replaceAll("/+$", "");
  }

  String publicUrl(UUID id, Variant variant) {
    return base + path(id, variant);
  }

  String signedUrl(UUID id, Variant variant, Instant expires) {
    long epoch = expires.getEpochSecond();
    return base + path(id, variant) + "?expires=" + epoch + "&sig=" + signature(id, variant, epoch);
  }

  Check check(UUID id, Variant variant, String expires, String sig, Instant now) {
    long epoch;
    try {
      epoch = Long.parseLong(expires);
    } catch (NumberFormatException | NullPointerException e) {
      return Check.FORGED;
    }
    byte[] expected = signature(id, variant, epoch).getBytes(StandardCharsets.US_ASCII);
    if (sig == null || !MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
      return Check.FORGED;
    }
    return now.getEpochSecond() >= epoch ? Check.EXPIRED : Check.VALID;
  }

  private static String path(UUID id, Variant variant) {
    return "/media/" + id + "/" + variant.wire;
  }

  private String signature(UUID id, Variant variant, long epoch) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, id + "|" + variant.wire + "|" + epoch));
  }

  private static byte[] hmac(byte[] key, String message) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
