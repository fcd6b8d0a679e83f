package io.liveroom.ai;

import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Shared helpers of the AI tests: users, config, and calling services on an event loop. */
final class AiTests {
  private AiTests() {
  }

  static long newUser() {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("INSERT INTO users (nickname) VALUES ('ai-tester') RETURNING id")) {
      rs.next();
      return rs.getLong(1);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Points the node's AI section at the fake upstream(s). */
  static void openai(JsonObject config, String... baseUrls) {
    JsonObject ai = config.getJsonObject("ai");
    ai.put("provider", "openai");
    ai.getJsonObject("openai").put("baseUrls", new JsonArray(java.util.List.of(baseUrls)))
      .put("models", new JsonArray().add("chat=up-model")).put("firstTokenTimeoutMs", 2000);
  }

  /** Runs an async call on an event loop (services must be) and waits for its result. */
  static <T> T onLoop(Vertx vertx, Supplier<Future<T>> call) throws Exception {
    CompletableFuture<T> out = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> call.get().onComplete(ar -> {
      if (ar.succeeded()) {
        out.complete(ar.result());
      } else {
        out.completeExceptionally(ar.cause());
      }
    }));
    try {
      return out.get(15, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  static <T> T sql(String query, Class<T> type) {
    try (Connection c = TestInfra.get().jdbc(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
      return rs.next() ? rs.getObject(1, type) : null;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
