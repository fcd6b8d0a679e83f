package io.liveroom.http;

import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("A node booted in-process serves health, readiness, metrics and problem+json")
class NodeHttpTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();
  private static final TestHttp http = node.http();

  @Test
  @DisplayName("Liveness answers 200 UP")
  void liveness() {
    TestHttp.Response r = http.get("/health/live");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().getString("status")).isEqualTo("UP");
  }

  @Test
  @DisplayName("Readiness checks PostgreSQL and Redis and answers 200 when both are up")
  void readiness() {
    TestHttp.Response r = http.get("/health/ready");
    assertThat(r.status()).isEqualTo(200);
    JsonObject checks = r.json().getJsonObject("checks");
    assertThat(checks.getString("postgres")).isEqualTo("UP");
    assertThat(checks.getString("redis")).isEqualTo("UP");
  }

  @Test
  @DisplayName("Metrics are Prometheus text with HTTP server, JVM and process meters")
  void metrics() {
    http.get("/health/live");
    TestHttp.Response r = http.get("/metrics");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body())
      .contains("vertx_http_server_requests_total")
      .contains("jvm_memory_used_bytes")
      .contains("process_resident_memory_bytes");
  }

  @Test
  @DisplayName("A blocked event loop shows in event_loop_delay_seconds")
  void eventLoopDelay() throws Exception {
    // Busy every event loop for 300 ms at once (one deployed instance per loop), as blocking code would.
    int loops = node.get().config().http().effectiveInstances();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(loops);
    node.get().vertx().deployVerticle(() -> context -> {
      context.runOnContext(v -> {
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        done.countDown();
      });
      return io.vertx.core.Future.succeededFuture();
    }, new io.vertx.core.DeploymentOptions().setInstances(loops));
    assertThat(done.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    // The delayed probes run and record once the loops are free again.
    double worst = Await.value(5_000, NodeHttpTest::worstLoopDelay, seconds -> seconds > 0.15);
    assertThat(worst).as("worst probe delay, s").isGreaterThan(0.15);
  }

  /** The largest event_loop_delay_seconds_max on /metrics, in seconds. */
  private static double worstLoopDelay() {
    java.util.regex.Matcher max = java.util.regex.Pattern.compile("event_loop_delay_seconds_max\\{[^}]*} ([0-9.eE+-]+)")
      .matcher(http.get("/metrics").body());
    double worst = 0;
    while (max.find()) {
      worst = Math.max(worst, Double.parseDouble(max.group(1)));
    }
    return worst;
  }

  @Test
  @DisplayName("An unknown path is a 404 problem+json with a stable code and the request id")
  void unknownPathIsProblem() {
    TestHttp.Response r = http.send("GET", "/api/v1/nope", null, Map.of("X-Request-Id", "trace-123"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.header("Content-Type")).isEqualTo("application/problem+json");
    JsonObject p = r.json();
    assertThat(p.getString("code")).isEqualTo("not_found");
    assertThat(p.getInteger("status")).isEqualTo(404);
    assertThat(p.getString("requestId")).isEqualTo("trace-123");
    assertThat(r.header("X-Request-Id")).isEqualTo("trace-123");
  }

  @Test
  @DisplayName("A request id that is not a safe token is replaced, not echoed")
  void unsafeRequestIdReplaced() {
    TestHttp.Response r = http.send("GET", "/health/live", null, Map.of("X-Request-Id", "bad id <script>"));
    assertThat(r.header("X-Request-Id")).isNotBlank().doesNotContain("<").doesNotContain(" ");
  }

  @Test
  @DisplayName("Responses carry the security headers")
  void securityHeaders() {
    TestHttp.Response r = http.get("/health/live");
    assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
    assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.header("Content-Security-Policy")).contains("default-src 'none'");
  }

  @Test
  @DisplayName("The OpenAPI description is served")
  void openApiServed() {
    TestHttp.Response r = http.get(OpsRoutes.OPENAPI_PATH);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).startsWith("openapi: 3");
  }

  @Test
  @DisplayName("A body over the configured limit is a 413 problem")
  void bodyLimit() {
    String big = "{\"x\":\"" + "a".repeat(1_100_000) + "\"}";
    TestHttp.Response r = http.send("POST", "/api/v1/anything", big, Map.of());
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.json().getString("code")).isEqualTo("payload_too_large");
  }
}
