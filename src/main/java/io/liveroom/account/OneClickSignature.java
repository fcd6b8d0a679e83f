package io.liveroom.account;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * How requests to the carrier gateway are signed: {@code sha256=<hex HMAC-SHA256(appSecret,
 * METHOD + "\n" + path + "\n" + timestamp + "\n" + body)>}, sent with the app key and the timestamp
 * (Unix seconds) in {@link #APP_KEY_HEADER}, {@link #TIMESTAMP_HEADER} and {@link #SIGNATURE_HEADER}.
 * Method and path are signed too, so a signature captured for one endpoint is no good on another;
 * the timestamp lets the gateway refuse replays outside its tolerance.
 */
public final class OneClickSignature {
  public static final String APP_KEY_HEADER = "X-Liveroom-App-Key";
  public static final String TIMESTAMP_HEADER = "X-Liveroom-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Liveroom-Signature";

  private OneClickSignature() {
  }

  public static String sign(String appSecret, String method, String path, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((method + "\n" + path + "\n" + timestamp + "\n").getBytes(StandardCharsets.UTF_8));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is unavailable", e);
    }
  }
}
