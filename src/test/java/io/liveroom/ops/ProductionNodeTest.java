package io.liveroom.ops;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.liveroom.support.LiveNode;
import io.liveroom.support.ProductionConfig;
import io.liveroom.support.TestHttp;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real nodes in production mode: one with real (http) providers, one staging node with the three
 * stand-ins allowed by name. Neither serves /metrics on the public port; the management listener
 * does. The SMS outbox exists only where the sms stand-in was allowed, and every allowed stand-in
 * is logged at WARN when the node boots.
 */
@DisplayName("A production-mode node keeps /metrics and the SMS outbox off the public port")
class ProductionNodeTest {
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  @RegisterExtension
  @Order(1)
  static final LiveNode production = LiveNode.builder().config(json -> {
    ProductionConfig.apply(json);
    ProductionConfig.realProviders(json);
  }).build();
  /** Its start-up warnings are what LOGS captures: the appender listens from just before it starts until it has. */
  @RegisterExtension
  @Order(2)
  static final LiveNode staging = LiveNode.builder().keepData()
    .beforeStart(() -> root().addAppender(LOGS))
    .config(json -> ProductionConfig.apply(json, "sms", "identity", "ai", "ai-paint"))
    .onStart(node -> root().detachAppender(LOGS))
    .build();

  private static Logger root() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    if (!LOGS.isStarted()) {
      LOGS.setContext(ctx);
      LOGS.start();
    }
    return ctx.getLogger(Logger.ROOT_LOGGER_NAME);
  }

  @Test
  @DisplayName("GET /metrics on the public port is 404; the management port serves the Prometheus text")
  void metricsOnlyOnManagementPort() {
    TestHttp pub = new TestHttp(production.httpPort());
    pub.get("/health/live");
    TestHttp.Response r = pub.get("/metrics");
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.body()).doesNotContain("jvm_memory_used_bytes");

    assertThat(production.get().managementPort()).isPositive().isNotEqualTo(production.httpPort());
    TestHttp management = new TestHttp(production.get().managementPort());
    TestHttp.Response m = management.get("/metrics");
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.body()).contains("jvm_memory_used_bytes").contains("vertx_http_server_requests_total");
  }

  @Test
  @DisplayName("Health stays on the public port for the load balancer, and is on the management port too")
  void healthOnBothPorts() {
    for (int port : new int[] {production.httpPort(), production.get().managementPort()}) {
      TestHttp http = new TestHttp(port);
      assertThat(http.get("/health/live").status()).isEqualTo(200);
      assertThat(http.get("/health/ready").status()).isEqualTo(200);
    }
    assertThat(new TestHttp(production.get().managementPort()).get("/api/v1/openapi.yaml").status())
      .as("the management port serves nothing of the public API").isEqualTo(404);
  }

  @Test
  @DisplayName("With a real SMS gateway the dev outbox route does not exist")
  void noOutboxInProduction() {
    TestHttp.Response r = new TestHttp(production.httpPort()).get("/api/v1/dev/sms-outbox?phone=%2B8613800000000");
    assertThat(r.status()).isEqualTo(404);
  }

  @Test
  @DisplayName("A staging node with sms allowed by name mounts the outbox, and warns about each allowed stand-in")
  void stagingWarnsPerStandIn() {
    TestHttp.Response r = new TestHttp(staging.httpPort()).get("/api/v1/dev/sms-outbox?phone=%2B8613800000000");
    assertThat(r.status()).isEqualTo(200);
    assertThat(new TestHttp(staging.httpPort()).get("/metrics").status()).isEqualTo(404);
    List<String> warnings = LOGS.list.stream().filter(e -> e.getLevel() == Level.WARN)
      .map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("allowStandIns")).toList();
    assertThat(warnings).hasSize(4);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("accounts.sms.sender=dev-outbox"))
      .anySatisfy(w -> assertThat(w).contains("accounts.identity.provider=local"))
      .anySatisfy(w -> assertThat(w).contains("ai.provider=simulated"))
      .anySatisfy(w -> assertThat(w).contains("ai.paint.provider=simulated"));
  }
}
