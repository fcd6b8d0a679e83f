package io.liveroom.geo;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.support.LiveInfra;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A Redis window limit counts hits across nodes and runs its script by SHA")
class WindowLimitTest {
  /** A Vert.x with a Redis client of 2 connections, on a flushed Redis, for each test. */
  @RegisterExtension
  final LiveInfra infra = LiveInfra.builder().poolSize(2).resetEachTest().build();
  private final String url = TestInfra.get().redisUrl();
  private Redis client;
  private RedisAPI redis;

  @BeforeEach
  void clients() {
    client = infra.redisClient();
    redis = infra.redis();
  }

  @Test
  @DisplayName("The hit over the limit fails with rate_limited, and only the first hit sends the script in full")
  void limitsAndSendsTheScriptOnce() throws Exception {
    WindowLimit limit = new WindowLimit(redis, "test", 2, 60);
    RedisProbe.command(url, "SCRIPT", "FLUSH");
    long evals = RedisProbe.calls(url, "eval");

    await(limit.hit(7));
    await(limit.hit(7));
    assertThatThrownBy(() -> await(limit.hit(7)))
      .cause().isInstanceOfSatisfying(AppException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED));
    await(limit.hit(8));

    assertThat(RedisProbe.calls(url, "eval") - evals).as("scripts sent in full").isEqualTo(1);
  }

  private static <T> T await(Future<T> f) throws InterruptedException, ExecutionException {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("timed out", e);
    }
  }
}
