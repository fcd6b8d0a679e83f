package io.liveroom.account;

import io.vertx.core.buffer.Buffer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * How Liveroom signs the requests it sends to third parties (SMS gateway, eKYC provider):
 * {@code X-Liveroom-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>} with the
 * Unix timestamp in {@code X-Liveroom-Timestamp}, so the receiver can refuse forged or replayed
 * requests.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Liveroom-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Liveroom-Signature";

  private WebhookSignature() {
  }

  public static String sign(String secret, long timestamp, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC failed", e);
    }
  }
}
