package io.liveroom.reward;

import io.liveroom.error.AppException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The gift admission queue runs a bounded number at once, in order, and refuses beyond its queue")
class AdmissionTest {
  @Test
  @DisplayName("Calls beyond the limit wait, then run in arrival order; beyond the queue they get rate_limited")
  void boundsAndOrder() {
    Admission admission = new Admission(2, 3);
    List<Promise<Integer>> gates = new ArrayList<>();
    List<Integer> started = new ArrayList<>();
    List<Future<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      int n = i;
      Promise<Integer> gate = Promise.promise();
      gates.add(gate);
      results.add(admission.run(() -> {
        started.add(n);
        return gate.future();
      }));
    }
    assertThat(started).containsExactly(0, 1);
    assertThat(results.get(5).failed()).isTrue();
    assertThat(((AppException) results.get(5).cause()).code().code()).isEqualTo("rate_limited");
    gates.get(1).complete(1);
    assertThat(started).containsExactly(0, 1, 2);
    gates.get(0).complete(0);
    gates.get(2).complete(2);
    assertThat(started).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  @DisplayName("A long queue of calls that complete at once drains without overflowing the stack")
  void instantCompletionsDoNotRecurse() {
    Admission admission = new Admission(1, 200_000);
    Promise<Integer> first = Promise.promise();
    admission.run(first::future);
    List<Future<Integer>> rest = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      rest.add(admission.run(() -> Future.succeededFuture(7)));
    }
    first.complete(1);
    assertThat(rest).allMatch(f -> f.succeeded() && f.result() == 7);
  }

  /** The context of a new verticle: consecutive deployments go round the event loops. */
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

  @Test
  @DisplayName("A queued call starts and answers on the event loop it came from, whichever loop frees its slot")
  void queuedCallsStayOnTheirLoop() throws Exception {
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    try {
      Context a = deployedContext(vertx);
      Context b = deployedContext(vertx);
      Admission admission = new Admission(1, 10);
      Promise<Integer> gate = Promise.promise();
      CompletableFuture<Thread> loopA = new CompletableFuture<>();
      CompletableFuture<Thread> loopB = new CompletableFuture<>();
      CompletableFuture<Thread> startedOn = new CompletableFuture<>();
      CompletableFuture<Thread> answeredOn = new CompletableFuture<>();
      a.runOnContext(v -> {
        loopA.complete(Thread.currentThread());
        admission.run(gate::future);
      });
      loopA.get(5, TimeUnit.SECONDS);
      b.runOnContext(v -> {
        loopB.complete(Thread.currentThread());
        admission.run(() -> {
          startedOn.complete(Thread.currentThread());
          return Future.succeededFuture(2);
        }).onComplete(done -> answeredOn.complete(Thread.currentThread()));
      });
      assertThat(loopB.get(5, TimeUnit.SECONDS)).as("two loops").isNotEqualTo(loopA.get());
      a.runOnContext(v -> gate.complete(1));
      assertThat(startedOn.get(5, TimeUnit.SECONDS)).isEqualTo(loopB.get());
      assertThat(answeredOn.get(5, TimeUnit.SECONDS)).isEqualTo(loopB.get());
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
