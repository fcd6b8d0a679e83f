package io.liveroom.http;

import io.liveroom.Node;
import io.liveroom.infra.EmbeddedRedisServer;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Readiness follows the health of Redis")
class ReadinessTest {
  private Node node;

  @AfterEach
  void tearDown() throws Exception {
    TestInfra.get().embeddedRedis().start();
    TestNodes.stop(node);
  }

  @Test
  @DisplayName("Redis stopped: /health/ready is 503 with redis DOWN; Redis back: 200 again")
  void redisOutage() throws Exception {
    EmbeddedRedisServer redis = TestInfra.get().embeddedRedis();
    Assumptions.assumeTrue(redis != null, "needs the embedded Redis; an external one cannot be stopped here");
    node = TestNodes.start();
    TestHttp http = new TestHttp(node.httpPort());
    assertThat(http.get("/health/ready").status()).isEqualTo(200);

    redis.stop();
    TestHttp.Response down = awaitStatus(http, 503);
    assertThat(down.json().getJsonObject("checks").getString("redis")).isEqualTo("DOWN");
    assertThat(down.json().getJsonObject("checks").getString("postgres")).isEqualTo("UP");

    redis.start();
    TestHttp.Response up = awaitStatus(http, 200);
    assertThat(up.json().getString("status")).isEqualTo("UP");
  }

  private static TestHttp.Response awaitStatus(TestHttp http, int status) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 20_000;
    TestHttp.Response last = null;
    while (System.currentTimeMillis() < deadline) {
      last = http.get("/health/ready");
      if (last.status() == status) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("readiness never became " + status + "; last: " + last);
  }
}
