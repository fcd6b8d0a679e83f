package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigException;
import io.liveroom.support.TestNodes;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("The simulated provider is deterministic, named as such, and honours pause; config picks it by default")
class SimulatedProviderTest {
  private static Vertx vertx;

  @BeforeAll
  static void start() {
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("The same prompt gives the same reply, marked [simulated], under the model name simulated")
  void deterministic() {
    assertThat(SimulatedProvider.reply("hi", 10)).isEqualTo(SimulatedProvider.reply("hi", 10)).hasSize(10);
    assertThat(SimulatedProvider.reply("hi", 10).get(0)).isEqualTo("[simulated]");
    assertThat(new SimulatedProvider(vertx, new AiConfig.Simulated(100, 5)).models()).containsExactly("simulated");
  }

  @Test
  @DisplayName("A paused stream delivers nothing until resumed, then finishes with every token")
  void pauseHoldsTokens() throws Exception {
    SimulatedProvider provider = new SimulatedProvider(vertx, new AiConfig.Simulated(1000, 30));
    List<String> deltas = new CopyOnWriteArrayList<>();
    CompletableFuture<LlmStream> opened = new CompletableFuture<>();
    CompletableFuture<LlmResult> end = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      LlmStream s = provider.open(new LlmRequest("simulated", List.of(new ChatMessage("user", "x")), null, null));
      s.handler(d -> {
        deltas.add(d);
        if (deltas.size() == 5) {
          s.pause();
        }
      });
      s.end().onSuccess(end::complete);
      opened.complete(s);
    });
    LlmStream stream = opened.get(5, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (deltas.size() < 5 && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    Thread.sleep(100);
    assertThat(deltas).hasSize(5);
    stream.resume();
    LlmResult result = end.get(5, TimeUnit.SECONDS);
    assertThat(deltas).hasSize(30);
    assertThat(result.usage().completionTokens()).isEqualTo(30);
  }

  @Test
  @DisplayName("The bundled default is simulated; choosing openai without upstreams fails the boot naming the key")
  void config() {
    assertThat(AppConfig.from(TestNodes.baseConfig()).ai().provider()).isEqualTo("simulated");
    JsonObject json = TestNodes.baseConfig();
    json.getJsonObject("ai").put("provider", "openai");
    assertThatThrownBy(() -> AppConfig.from(json)).isInstanceOf(ConfigException.class)
      .hasMessageContaining("ai.openai.baseUrls").hasMessageContaining("LIVEROOM_AI_OPENAI_BASE_URLS");
  }
}
