package io.liveroom.privacy;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Signed, expiring download links for exports: {@code /api/v1/exports/{id}/download?expires=<epoch
 * s>&sig=<HMAC-SHA256>}. The link works without a bearer token (a browser or download manager can
 * fetch it) until it expires; forging or extending one needs the server's secret. Every node with
 * the same {@code auth.jwtSecret} verifies every other node's links.
 */
final class DownloadLinks {
  private final byte[] key;

  DownloadLinks(String serverSecret) {
    // Domain-separated from the JWT signatures made with the same secret.
    this.key = hmac(serverSecret.getBytes(StandardCharsets.UTF_8), "liveroom-export-download-key");
  }

  String link(UUID exportId, Instant expires) {
    return "/api/v1/exports/" + exportId + "/download?expires=" + expires.getEpochSecond()
      + "&sig=" + signature(exportId, expires.getEpochSecond());
  }

  boolean valid(UUID exportId, long expiresEpoch, String sig) {
    byte[] expected = signature(exportId, expiresEpoch).getBytes(StandardCharsets.US_ASCII);
    return sig != null && MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII));
  }

  private String signature(UUID exportId, long expiresEpoch) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, exportId + "|" + expiresEpoch));
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
