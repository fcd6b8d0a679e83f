package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.support.Await;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The openai provider streams from OpenAI-compatible upstreams with timeouts, failover and abort")
class OpenAiProviderTest {
  private static Vertx vertx;
  private static FakeUpstream primary;
  private static FakeUpstream secondary;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx();
    primary = new FakeUpstream();
    secondary = new FakeUpstream();
  }

  @AfterAll
  static void stop() throws Exception {
    primary.close();
    secondary.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static OpenAiProvider provider(int firstTokenMs, String... urls) {
    return new OpenAiProvider(vertx, new AiConfig.OpenAi(List.of(urls), "sk-test", Map.of("chat", "up-model"),
      1000, firstTokenMs, 30));
  }

  /** Opens a stream on an event loop and collects its deltas and its end. */
  private static Run run(OpenAiProvider provider) {
    Run run = new Run();
    vertx.getOrCreateContext().runOnContext(v -> {
      run.stream = provider.open(new LlmRequest("chat", List.of(new PromptMessage("user", "hi")), null, null));
      run.stream.handler(run.deltas::add);
      run.stream.end().onComplete(ar -> {
        if (ar.succeeded()) {
          run.end.complete(ar.result());
        } else {
          run.end.completeExceptionally(ar.cause());
        }
      });
    });
    return run;
  }

  static final class Run {
    volatile LlmStream stream;
    final List<String> deltas = new CopyOnWriteArrayList<>();
    final CompletableFuture<LlmResult> end = new CompletableFuture<>();

    LlmResult result() throws Exception {
      return end.get(10, TimeUnit.SECONDS);
    }

    AppException failure() throws Exception {
      try {
        end.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        return (AppException) e.getCause();
      }
      throw new AssertionError("the stream succeeded: " + deltas);
    }
  }

  @Test
  @DisplayName("Deltas arrive in upstream order and the upstream's usage is reported; the model is mapped")
  void streamsInOrder() throws Exception {
    primary.reset(FakeUpstream.Mode.STREAM);
    Run run = run(provider(5000, primary.baseUrl()));
    LlmResult result = run.result();
    assertThat(run.deltas).containsExactlyElementsOf(FakeUpstream.TOKENS);
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.usage()).isEqualTo(new Usage(11, FakeUpstream.TOKENS.size(), false));
    assertThat(primary.bodies.peek().getString("model")).isEqualTo("up-model");
    assertThat(primary.bodies.peek().getBoolean("stream")).isTrue();
  }

  @Test
  @DisplayName("No first token within the timeout ends the stream with ai_upstream_timeout")
  void firstTokenTimeout() throws Exception {
    primary.reset(FakeUpstream.Mode.STALL);
    Run run = run(provider(300, primary.baseUrl()));
    assertThat(run.failure().code()).isEqualTo(ErrorCode.AI_UPSTREAM_TIMEOUT);
    assertThat(run.deltas).isEmpty();
  }

  @Test
  @DisplayName("A failing upstream before the first token fails over to the next one, without leaking its body")
  void failoverBeforeFirstToken() throws Exception {
    primary.reset(FakeUpstream.Mode.FAIL);
    secondary.reset(FakeUpstream.Mode.STREAM);
    Run run = run(provider(5000, "http://127.0.0.1:1/v1", primary.baseUrl(), secondary.baseUrl()));
    run.result();
    assertThat(primary.requests.get()).isEqualTo(1);
    assertThat(secondary.requests.get()).isEqualTo(1);
    assertThat(String.join("", run.deltas)).isEqualTo(String.join("", FakeUpstream.TOKENS));
  }

  @Test
  @DisplayName("When every upstream fails the error is a stable code and says nothing of the upstream")
  void allUpstreamsFail() throws Exception {
    primary.reset(FakeUpstream.Mode.FAIL);
    AppException failure = run(provider(5000, primary.baseUrl())).failure();
    assertThat(failure.code()).isEqualTo(ErrorCode.AI_UPSTREAM_UNAVAILABLE);
    assertThat(failure.getMessage()).doesNotContain("10.0.0.7").doesNotContain("secret");
  }

  @Test
  @DisplayName("A break after the first token is ai_upstream_interrupted and does not fail over")
  void noFailoverAfterFirstToken() throws Exception {
    primary.reset(FakeUpstream.Mode.BREAK_AFTER_TOKENS);
    secondary.reset(FakeUpstream.Mode.STREAM);
    Run run = run(provider(5000, primary.baseUrl(), secondary.baseUrl()));
    assertThat(run.failure().code()).isEqualTo(ErrorCode.AI_UPSTREAM_INTERRUPTED);
    assertThat(run.deltas).containsExactlyElementsOf(FakeUpstream.TOKENS.subList(0, 3));
    assertThat(secondary.requests.get()).isZero();
  }

  @Test
  @DisplayName("Cancelling closes the upstream connection within 1 s and ends with ai_cancelled")
  void cancelAbortsUpstream() throws Exception {
    primary.reset(FakeUpstream.Mode.STALL_AFTER_TOKENS);
    Run run = run(provider(5000, primary.baseUrl()));
    Await.within(5_000, 5, () -> run.deltas.size() >= 3);
    assertThat(run.deltas).hasSize(3);
    long cancelledAt = System.nanoTime();
    run.stream.cancel();
    assertThat(run.failure().code()).isEqualTo(ErrorCode.AI_CANCELLED);
    assertThat(FakeUpstreamWait.closedWithin(primary, cancelledAt, 1000)).isTrue();
  }
}
