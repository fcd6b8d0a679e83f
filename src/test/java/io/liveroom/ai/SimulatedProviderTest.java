package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigException;
import io.liveroom.support.Await;
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
      LlmStream s = provider.open(new LlmRequest("simulated", List.of(new PromptMessage("user", "x")), null, null));
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
    Await.within(5_000, 2, () -> deltas.size() >= 5);
    // The point is a stretch of time: while paused, no sixth delta arrives (tokens are due every few ms).
    Thread.sleep(100);
    assertThat(deltas).hasSize(5);
    stream.resume();
    LlmResult result = end.get(5, TimeUnit.SECONDS);
    assertThat(deltas).hasSize(30);
    assertThat(result.usage().completionTokens()).isEqualTo(30);
  }

  @Test
  @DisplayName("Streams on one event loop keep their own timelines, so their tokens do not come in one burst")
  void ownTimelines() throws Exception {
    // 50 tokens/s: a token every 20 ms. The second stream opens 10 ms after the first, so its
    // tokens fall between the first stream's, about 10 ms from the nearest, never with them (a
    // shared step would put them within a millisecond).
    SimulatedProvider provider = new SimulatedProvider(vertx, new AiConfig.Simulated(50, 10));
    List<Long> aTimes = new CopyOnWriteArrayList<>();
    List<Long> bTimes = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> both = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      LlmStream a = provider.open(new LlmRequest("simulated", List.of(new PromptMessage("user", "a")), null, null));
      a.handler(d -> aTimes.add(System.nanoTime()));
      vertx.setTimer(10, id -> {
        LlmStream b = provider.open(new LlmRequest("simulated", List.of(new PromptMessage("user", "b")), null, null));
        b.handler(d -> bTimes.add(System.nanoTime()));
        a.end().compose(x -> b.end()).onComplete(x -> both.complete(null));
      });
    });
    both.get(5, TimeUnit.SECONDS);
    assertThat(aTimes).hasSize(10);
    assertThat(bTimes).hasSize(10);
    long apart = 0;
    for (long b : bTimes) {
      apart += aTimes.stream().mapToLong(a -> Math.abs(a - b)).min().orElseThrow();
    }
    assertThat(apart / bTimes.size()).as("mean distance from the first stream's nearest token, ns")
      .isBetween(4_000_000L, 16_000_000L);
  }

  @Test
  @DisplayName("With stampTokens each token carries its emit time, and the words stay the reply's")
  void stamps() throws Exception {
    SimulatedProvider provider = new SimulatedProvider(vertx, new AiConfig.Simulated(1000, 5, true));
    List<String> deltas = new CopyOnWriteArrayList<>();
    List<Long> received = new CopyOnWriteArrayList<>();
    CompletableFuture<LlmResult> end = new CompletableFuture<>();
    long before = System.nanoTime();
    vertx.getOrCreateContext().runOnContext(v -> {
      LlmStream s = provider.open(new LlmRequest("simulated", List.of(new PromptMessage("user", "x")), null, null));
      s.handler(d -> {
        deltas.add(d);
        received.add(System.nanoTime());
      });
      s.end().onSuccess(end::complete);
    });
    assertThat(end.get(5, TimeUnit.SECONDS).usage().completionTokens()).isEqualTo(5);
    List<String> words = SimulatedProvider.reply("x", 5);
    assertThat(deltas).hasSize(5);
    for (int i = 0; i < 5; i++) {
      String d = deltas.get(i);
      int at = d.lastIndexOf(SimulatedProvider.STAMP_PREFIX);
      assertThat(d.substring(0, at)).isEqualTo(words.get(i));
      long stamp = Long.parseLong(d.substring(at + SimulatedProvider.STAMP_PREFIX.length()));
      assertThat(stamp).isBetween(before, received.get(i));
    }
  }

  @Test
  @DisplayName("A stream keeps a fixed timeline: a slow consumer of each token does not stretch the interval")
  void fixedTimeline() throws Exception {
    // 50 tokens/s is a token every 20 ms. Each delta blocks the loop for 12 ms: timers re-armed
    // after every token would space the tokens ~32 ms apart (about 640 ms for 20 tokens); a fixed
    // timeline keeps 20 ms (about 400 ms). The bound sits between the two with room for a
    // loaded machine.
    SimulatedProvider provider = new SimulatedProvider(vertx, new AiConfig.Simulated(50, 20));
    CompletableFuture<Long> took = new CompletableFuture<>();
    vertx.getOrCreateContext().runOnContext(v -> {
      long start = System.nanoTime();
      LlmStream s = provider.open(new LlmRequest("simulated", List.of(new PromptMessage("user", "x")), null, null));
      s.handler(d -> {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(12);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
      });
      s.end().onComplete(x -> took.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)));
    });
    assertThat(took.get(5, TimeUnit.SECONDS)).isBetween(380L, 560L);
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
