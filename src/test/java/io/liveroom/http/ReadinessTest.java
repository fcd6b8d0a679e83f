package io.liveroom.http;

import io.liveroom.infra.EmbeddedRedisServer;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Readiness follows the health of Redis")
class ReadinessTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().build();

  @AfterEach
  void restartRedis() throws Exception {
    TestInfra.get().embeddedRedis().start();
  }

  @Test
  @DisplayName("Redis stopped: /health/ready is 503 with redis DOWN; Redis back: 200 again")
  void redisOutage() throws Exception {
    EmbeddedRedisServer redis = TestInfra.get().embeddedRedis();
    Assumptions.assumeTrue(redis != null, "needs the embedded Redis; an external one cannot be stopped here");
    TestHttp http = node.http();
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
    TestHttp.Response last = Await.value(20_000, () -> http.get("/health/ready"), r -> r.status() == status);
    if (last.status() == status) {
      return last;
    }
    throw new AssertionError("readiness never became " + status + "; last: " + last);
  }
}
