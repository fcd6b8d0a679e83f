package io.liveroom.infra;

import io.liveroom.support.LiveInfra;
import io.liveroom.support.RedisProbe;
import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A Redis script runs by its SHA and is sent in full only when Redis does not know it")
class RedisScriptTest {
  private final RedisScript peak = RedisScript.load("lua/room/peak.lua");
  /** The peak and the live-session marker the script writes under (it writes only while live). */
  private static final List<String> PEAK_KEYS = List.of("t:peak", "t:live");
  private final RedisScript echo = RedisScript.load("redis-script-test/echo.lua");
  /** A Vert.x with a Redis client of 2 connections, on a flushed Redis, for each test. */
  @RegisterExtension
  final LiveInfra infra = LiveInfra.builder().poolSize(2).resetEachTest().build();
  private final String url = TestInfra.get().redisUrl();
  private Redis client;
  private RedisAPI redis;

  @BeforeEach
  void clients() {
    RedisProbe.command(url, "SCRIPT", "FLUSH");
    RedisProbe.command(url, "SET", "t:live", "1");
    client = infra.redisClient();
    redis = infra.redis();
  }

  @Test
  @DisplayName("After SCRIPT FLUSH the next call still succeeds (one EVAL), and the calls after it go by SHA")
  void fallsBackOnceThenRunsBySha() throws Exception {
    assertThat(known(peak)).isFalse();
    long evals = calls("eval");
    long bySha = calls("evalsha");

    assertThat(await(peak.run(redis, PEAK_KEYS, List.of("5"))).toInteger()).isEqualTo(5);
    assertThat(calls("eval") - evals).as("sent in full after NOSCRIPT").isEqualTo(1);
    assertThat(known(peak)).isTrue();

    assertThat(await(peak.run(redis, PEAK_KEYS, List.of("3"))).toInteger()).isEqualTo(5);
    assertThat(await(peak.run(redis, PEAK_KEYS, List.of("9"))).toInteger()).isEqualTo(9);
    assertThat(calls("eval") - evals).as("not sent again").isEqualTo(1);
    assertThat(calls("evalsha") - bySha).as("the first attempt and the two calls after it").isEqualTo(3);
    assertThat(RedisProbe.command(url, "GET", "t:peak")).isEqualTo("9");
  }

  @Test
  @DisplayName("Through a client or a dedicated connection, byte and number arguments arrive as sent, and a flush is survived")
  void runsThroughAnySender() throws Exception {
    byte[] raw = {0, (byte) 0xff, 'a', ':'};
    Response first = await(echo.run(client, new String[]{"t:k"}, raw, 42L));
    assertThat(first.get(0).toString()).isEqualTo("t:k");
    assertThat(first.get(1).toBytes()).isEqualTo(raw);
    assertThat(first.get(2).toString()).isEqualTo("42");

    RedisConnection conn = await(client.connect());
    try {
      RedisProbe.command(url, "SCRIPT", "FLUSH");
      long evals = calls("eval");
      Response again = await(echo.run(conn::send, new String[]{"t:k"}, "x".getBytes(StandardCharsets.UTF_8)));
      assertThat(again.get(1).toString()).isEqualTo("x");
      await(echo.run(conn::send, new String[]{"t:k"}, "y"));
      assertThat(calls("eval") - evals).as("sent in full once after the flush").isEqualTo(1);
    } finally {
      conn.close();
    }
  }

  @Test
  @DisplayName("SCRIPT LOAD sent first on a connection spares its first call the fallback")
  void loadRequestPreloads() throws Exception {
    await(client.send(echo.loadRequest()));
    assertThat(known(echo)).isTrue();
    long evals = calls("eval");
    await(echo.run(client, new String[]{"t:k"}, "v"));
    assertThat(calls("eval") - evals).isZero();
  }

  @Test
  @DisplayName("A script's own error fails the call as it is, without sending the script again")
  void scriptErrorIsNotRetried() throws Exception {
    await(peak.run(redis, List.of("t:other", "t:live"), List.of("1")));
    RedisProbe.command(url, "HSET", "t:hash", "f", "v");
    long evals = calls("eval");
    assertThatThrownBy(() -> await(peak.run(redis, List.of("t:hash", "t:live"), List.of("1"))))
      .hasMessageContaining("WRONGTYPE");
    assertThat(calls("eval") - evals).isZero();
  }

  @Test
  @DisplayName("A script missing from the classpath fails at load, naming the file")
  void missingScript() {
    assertThatThrownBy(() -> RedisScript.load("lua/none/missing.lua"))
      .isInstanceOf(IllegalStateException.class).hasMessageContaining("lua/none/missing.lua");
  }

  private boolean known(RedisScript script) {
    return "1".equals(RedisProbe.command(url, "SCRIPT", "EXISTS", script.sha()));
  }

  private long calls(String command) {
    return RedisProbe.calls(url, command);
  }

  private static <T> T await(Future<T> f) throws InterruptedException, ExecutionException {
    try {
      return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("no reply within 10 s", e);
    }
  }
}
