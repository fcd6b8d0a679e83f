package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.buffer.Buffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The payment provider's webhook signature: {@code X-Liveroom-Signature: v1=<hex>} where hex is
 * HMAC-SHA256(secret, timestamp + "." + raw body), and {@code X-Liveroom-Timestamp} is Unix
 * seconds. The signature is checked first (constant-time), then the timestamp must be within the
 * tolerance, so a captured request cannot be replayed later.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-Liveroom-Signature";
  public static final String TIMESTAMP_HEADER = "X-Liveroom-Timestamp";

  private WebhookSignature() {
  }

  public static String sign(String secret, String timestamp, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      mac.update(body.getBytes());
      return "v1=" + HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static void verify(String secret, int toleranceSeconds, long nowSeconds, String timestamp, String signature,
                     Buffer body) {
    if (timestamp == null || signature == null || !timestamp.matches("\\d{1,12}")) {
      throw AppException.of(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "The webhook is not signed.");
    }
    byte[] expected = sign(secret, timestamp, body).getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
      throw AppException.of(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "The webhook signature does not match.");
    }
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > toleranceSeconds) {
      throw AppException.of(ErrorCode.WEBHOOK_TIMESTAMP_STALE, "The webhook timestamp is too far from now.");
    }
  }
}
