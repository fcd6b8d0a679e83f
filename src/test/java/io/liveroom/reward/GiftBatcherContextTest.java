package io.liveroom.reward;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The gift batcher hands each gift's outcome back on the event loop that submitted it")
class GiftBatcherContextTest {
  private static Context deployedContext(Vertx vertx) throws Exception {
    CompletableFuture<Context> deployed = new CompletableFuture<>();
    vertx.deployVerticle(new VerticleBase() {
      @Override
      public Future<?> start() {
        deployed.complete(context);
        return Future.succeededFuture();
      }
    }).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    return deployed.get(5, TimeUnit.SECONDS);
  }

  /** A plan for wallet 1: the batcher only reads its wallet and key here. */
  private static GiftRepository.GiftPlan plan(String requestId) {
    GiftRequest req = new GiftRequest(1, 1, 1, requestId);
    LocalDate today = LocalDate.now();
    return new GiftRepository.GiftPlan(req.idempotencyKey(7), req, 7, 8, 9, 1, 10, 5, today, today.withDayOfMonth(1),
      1_000, 10_000, new Long[] {1L, 2L}, new String[] {"coin", "coin"}, new Long[] {-10L, 10L});
  }

  @Test
  @DisplayName("A gift queued on one loop and written after a gift of another loop answers on its own loop")
  void outcomesComeHome() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      Context a = deployedContext(vertx);
      Context b = deployedContext(vertx);
      Promise<Void> firstWrite = Promise.promise();
      GiftBatcher batcher = new GiftBatcher(10, 1, DistributionSummary.builder("t").register(new SimpleMeterRegistry()),
        plans -> Future.succeededFuture(Map.of()), p -> firstWrite.future().map(v -> Optional.empty()));
      CompletableFuture<Thread> loopA = new CompletableFuture<>();
      CompletableFuture<Thread> loopB = new CompletableFuture<>();
      CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
      a.runOnContext(v -> {
        loopA.complete(Thread.currentThread());
        batcher.submit(plan("first"));
      });
      loopA.get(5, TimeUnit.SECONDS);
      // Same wallet: this one waits until the first is written, and is then run by the loop that wrote it.
      b.runOnContext(v -> {
        loopB.complete(Thread.currentThread());
        batcher.submit(plan("second")).onComplete(done -> answeredOn.complete(Thread.currentThread()));
      });
      assertThat(loopB.get(5, TimeUnit.SECONDS)).as("two loops").isNotEqualTo(loopA.get());
      a.runOnContext(v -> firstWrite.complete());
      assertThat(answeredOn.get(5, TimeUnit.SECONDS)).isEqualTo(loopB.get());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
