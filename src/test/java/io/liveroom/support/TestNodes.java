package io.liveroom.support;

import io.liveroom.Node;
import io.liveroom.NodeSeams;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigLoader;
import io.vertx.core.json.JsonObject;

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
    return json;
  }

  public static Node start() {
    return start(json -> { });
  }

  public static Node start(Consumer<JsonObject> customize) {
    return start(customize, NodeSeams.unwired());
  }

  /** A node with test doubles for capabilities built elsewhere (rooms, the real-time core). */
  public static Node start(Consumer<JsonObject> customize, NodeSeams seams) {
    JsonObject json = baseConfig();
    customize.accept(json);
    try {
      return Node.start(AppConfig.from(json), seams).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
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
