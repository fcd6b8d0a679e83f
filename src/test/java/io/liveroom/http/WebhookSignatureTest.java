package io.liveroom.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liveroom.error.AppException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("One webhook signature: sha256=<hex>, deprecated schemes only where a receiver still takes them")
class WebhookSignatureTest {
  private static final String SECRET = "whsec-unit-0123456789abcdef";
  private static final Buffer BODY = Buffer.buffer("{\"id\":\"evt\"}");
  private static final long NOW = 1_780_000_000L;

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger logger;

  @BeforeEach
  void captureLogs() {
    logger = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(WebhookSignature.class);
    logs.start();
    logger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    logger.detachAppender(logs);
  }

  private static String hex() {
    return WebhookSignature.sign(SECRET, NOW, BODY).substring("sha256=".length());
  }

  private static String code(Runnable r) {
    try {
      r.run();
      return "accepted";
    } catch (AppException e) {
      return e.code().code();
    }
  }

  @Test
  @DisplayName("A receiver without deprecated schemes takes sha256= only; nothing is logged or counted")
  void currentSchemeOnly() {
    WebhookSignature receiver = WebhookSignature.receiver("unit", meters);
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, Long.toString(NOW), "sha256=" + hex(), BODY)))
      .isEqualTo("accepted");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, Long.toString(NOW), " sha256=" + hex() + " ", BODY)))
      .as("surrounding whitespace is ignored").isEqualTo("accepted");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, Long.toString(NOW), "v1=" + hex(), BODY)))
      .isEqualTo("webhook_signature_invalid");
    assertThat(logs.list).isEmpty();
    assertThat(meters.find("liveroom.webhook.signatures.deprecated").counters()).isEmpty();
  }

  @Test
  @DisplayName("A deprecated scheme is accepted, logged at WARN the first time only, and counted every time")
  void deprecatedSchemeWarnsOnceAndCounts() {
    WebhookSignature receiver = WebhookSignature.receiver("unit", meters, "v1");
    for (int i = 0; i < 3; i++) {
      receiver.verify(SECRET, 300, NOW, Long.toString(NOW), "v1=" + hex(), BODY);
    }
    receiver.verify(SECRET, 300, NOW, Long.toString(NOW), "sha256=" + hex(), BODY);
    assertThat(logs.list).hasSize(1);
    assertThat(logs.list.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(logs.list.get(0).getFormattedMessage()).contains("unit").contains("v1=").contains("sha256=");
    assertThat(meters.get("liveroom.webhook.signatures.deprecated").tag("webhook", "unit").tag("scheme", "v1")
      .counter().count()).isEqualTo(3.0);
  }

  @Test
  @DisplayName("Unsigned, wrongly signed, unknown-scheme and stale deliveries are refused, and a refusal is never counted")
  void refusals() {
    WebhookSignature receiver = WebhookSignature.receiver("unit", meters, "v1");
    String ts = Long.toString(NOW);
    String other = WebhookSignature.sign("another-secret-0123456789", NOW, BODY).substring("sha256=".length());
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, null, "sha256=" + hex(), BODY)))
      .isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, ts, null, BODY))).isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, "-1", "sha256=" + hex(), BODY)))
      .isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, ts, "sha256=" + other, BODY)))
      .isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, ts, "v1=" + other, BODY)))
      .isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, ts, "md5=" + hex(), BODY)))
      .isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, ts, hex(), BODY))).isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW, ts, "sha256=" + hex(), Buffer.buffer("{\"id\":\"evu\"}"))))
      .as("another body").isEqualTo("webhook_signature_invalid");
    assertThat(code(() -> receiver.verify(SECRET, 300, NOW + 301, ts, "v1=" + hex(), BODY)))
      .isEqualTo("webhook_timestamp_stale");
    assertThat(meters.get("liveroom.webhook.signatures.deprecated").counter().count()).isZero();
    assertThat(logs.list).isEmpty();
  }

  @Test
  @DisplayName("sign() is sha256= and the HMAC over timestamp, a dot and the raw body")
  void signFormat() {
    assertThat(WebhookSignature.sign(SECRET, NOW, BODY)).matches("sha256=[0-9a-f]{64}");
    assertThat(WebhookSignature.sign(SECRET, NOW, BODY)).isNotEqualTo(WebhookSignature.sign(SECRET, NOW + 1, BODY));
    assertThatThrownBy(() -> WebhookSignature.receiver("unit", meters).verify(SECRET, 300, NOW, Long.toString(NOW),
      WebhookSignature.sign(SECRET, NOW + 1, BODY), BODY)).isInstanceOf(AppException.class);
  }
}
