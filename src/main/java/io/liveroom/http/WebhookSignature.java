package io.liveroom.http;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The one signature of webhooks, both the calls Liveroom makes (SMS gateway, eKYC provider) and
 * the ones it receives (payment provider); docs/WEBHOOKS.md is its public description:
 *
 * <pre>
 * X-Liveroom-Timestamp: Unix seconds
 * X-Liveroom-Signature: sha256=lowercase hex of HMAC-SHA256(secret, timestamp + "." + raw body)
 * </pre>
 *
 * A receiver checks the signature first, in constant time, then that the timestamp is within its
 * tolerance of now, so a captured request cannot be replayed later.
 *
 * <p>A receiver may accept deprecated schemes for one release while senders move (the payment
 * webhook's {@code v1=}, the same HMAC under another name). The first delivery in each one is
 * logged at WARN and every one is counted in {@code liveroom.webhook.signatures.deprecated}.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Liveroom-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Liveroom-Signature";
  public static final String SCHEME = "sha256";

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSignature.class);
  private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");

  private final String webhook;
  /** Deprecated scheme to its counter; fixed at construction. */
  private final Map<String, Counter> deprecated = new HashMap<>();
  /** Schemes already logged; receivers are shared by a node's event loops. */
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private WebhookSignature(String webhook, Set<String> deprecatedSchemes, MeterRegistry meters) {
    this.webhook = webhook;
    for (String scheme : deprecatedSchemes) {
      deprecated.put(scheme, Counter.builder("liveroom.webhook.signatures.deprecated")
        .description("Webhook deliveries accepted under a deprecated signature scheme, by webhook and scheme")
        .tag("webhook", webhook).tag("scheme", scheme).register(meters));
    }
  }

  /**
   * A verifier for one inbound webhook ({@code webhook} names it in logs and metrics), accepting
   * {@link #SCHEME} and, until they are dropped, the given deprecated schemes.
   */
  public static WebhookSignature receiver(String webhook, MeterRegistry meters, String... deprecatedSchemes) {
    return new WebhookSignature(webhook, Set.of(deprecatedSchemes), meters);
  }

  /** The {@link #SIGNATURE_HEADER} value for this body: {@code sha256=<hex>}. */
  public static String sign(String secret, long timestamp, Buffer body) {
    return SCHEME + "=" + hmacHex(secret, Long.toString(timestamp), body);
  }

  /**
   * Fails with {@code webhook_signature_invalid} when the headers are missing or the signature
   * does not match, and with {@code webhook_timestamp_stale} when the timestamp is further than
   * {@code toleranceSeconds} from {@code nowSeconds}.
   */
  public void verify(String secret, int toleranceSeconds, long nowSeconds, String timestamp, String signature,
                     Buffer body) {
    if (timestamp == null || signature == null || !TIMESTAMP.matcher(timestamp).matches()) {
      throw AppException.of(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "The webhook is not signed.");
    }
    String given = signature.trim();
    int eq = given.indexOf('=');
    String scheme = eq < 0 ? "" : given.substring(0, eq);
    if (!scheme.equals(SCHEME) && !deprecated.containsKey(scheme)) {
      throw AppException.of(ErrorCode.WEBHOOK_SIGNATURE_INVALID,
        "The webhook signature must be " + SCHEME + "=<hex HMAC-SHA256>.");
    }
    byte[] expected = hmacHex(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, given.substring(eq + 1).getBytes(StandardCharsets.UTF_8))) {
      throw AppException.of(ErrorCode.WEBHOOK_SIGNATURE_INVALID, "The webhook signature does not match.");
    }
    if (Math.abs(nowSeconds - Long.parseLong(timestamp)) > toleranceSeconds) {
      throw AppException.of(ErrorCode.WEBHOOK_TIMESTAMP_STALE, "The webhook timestamp is too far from now.");
    }
    if (!scheme.equals(SCHEME)) {
      noteDeprecated(scheme);
    }
  }

  private void noteDeprecated(String scheme) {
    deprecated.get(scheme).increment();
    if (warned.add(scheme)) {
      LOG.warn("The {} webhook accepted a signature in the deprecated scheme {}= (logged once per node; counted in "
        + "liveroom_webhook_signatures_deprecated_total); its sender must switch to {}= before the next release "
        + "drops it (docs/WEBHOOKS.md)", webhook, scheme, SCHEME);
    }
  }

  private static String hmacHex(String secret, String timestamp, Buffer body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      mac.update(body.getBytes());
      return HexFormat.of().formatHex(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
