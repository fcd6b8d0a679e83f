package io.liveroom.support;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigLoader;
import io.vertx.core.json.JsonObject;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Boots real nodes in the test JVM on random ports, against the shared test infrastructure. */
public final class TestNodes {
  private TestNodes() {
  }

  /** The bundled defaults pointed at the test PostgreSQL and Redis, on a random port, 1 event loop. */
  public static JsonObject baseConfig() {
    TestInfra infra = TestInfra.get();
    JsonObject json = ConfigLoader.readDefaults();
    json.getJsonObject("http").put("port", 0).put("instances", 1);
    json.getJsonObject("pg").put("url", infra.pgUrl()).put("poolSize", 4);
    json.getJsonObject("redis").put("url", infra.redisUrl()).put("poolSize", 4);
    json.getJsonObject("shutdown").put("timeoutSeconds", 2);
    // Shared by every node in the JVM, as nodes behind one load balancer share one secret.
    json.getJsonObject("auth").put("jwtSecret", "test-secret-test-secret-test-secret-0123456789");
    json.getJsonObject("data").put("dir", System.getProperty("java.io.tmpdir") + "/liveroom-test-data");
    // Every test client comes from 127.0.0.1, and a test often asks one number for several codes
    // (register, then login): lift the per-IP and per-prefix caps and the 60 s per-number cooldown.
    // The tests of those limits set them back.
    JsonObject sms = json.getJsonObject("accounts").getJsonObject("sms");
    sms.put("perIpPerHour", 1_000_000).put("perPrefixPerHour", 1_000_000).put("resendSeconds", 0);
    json.getJsonObject("accounts").getJsonObject("login").put("maxFailuresPerIp", 1_000_000);
    return json;
  }

  public static Node start() {
    return start(json -> { });
  }

  public static Node start(Consumer<JsonObject> customize) {
    return start(Clock.systemUTC(), customize);
  }

  /** A node with test doubles for some collaborators of rewards (the room lookup, the real-time core). */
  public static Node start(Consumer<JsonObject> customize, NodeSeams seams) {
    return start(Clock.systemUTC(), customize, seams);
  }

  /** A node whose time-bound rules (code expiry, ages) read {@code clock}, e.g. a {@link MutableClock}. */
  public static Node start(Clock clock, Consumer<JsonObject> customize) {
    return start(clock, customize, NodeSeams.none());
  }

  /** The general form: a clock, a change to the config tree, and test doubles ({@link NodeSeams#none()} for none). */
  public static Node start(Clock clock, Consumer<JsonObject> customize, NodeSeams seams) {
    JsonObject json = baseConfig();
    customize.accept(json);
    try {
      return Node.start(AppConfig.from(json), clock, seams).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Test node failed to start", e);
    }
  }

  public static void stop(Node node) {
    if (node == null) {
      return;
    }
    try {
      node.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("Test node failed to stop", e);
    }
  }
}
