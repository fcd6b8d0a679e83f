package io.liveroom.infra;

import io.liveroom.account.PasswordHasher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.VertxOptions;
import io.liveroom.support.TestInfra;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Futures come home on the caller's context")
class CallerContextTest {
  private static Vertx vertx;
  private static Context a;
  private static Context b;

  @BeforeAll
  static void start() throws Exception {
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    a = deployedContext();
    b = deployedContext();
  }

  /** The context of a new verticle: consecutive deployments go round the event loops. */
  private static Context deployedContext() throws Exception {
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

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Thread threadOf(Context context) throws Exception {
    CompletableFuture<Thread> t = new CompletableFuture<>();
    context.runOnContext(v -> t.complete(Thread.currentThread()));
    return t.get(5, TimeUnit.SECONDS);
  }

  /** Where the callbacks of {@code home(work)}, asked for on {@code caller}, ran. */
  private record Arrival(Thread thread, Context context) {
  }

  @Test
  @DisplayName("Work completed on another event loop is handed back on the caller's loop and context")
  void comesHome() throws Exception {
    assertThat(threadOf(a)).as("two contexts on two loops").isNotEqualTo(threadOf(b));
    Promise<String> work = Promise.promise();
    CompletableFuture<Arrival> arrived = new CompletableFuture<>();
    CompletableFuture<Void> asked = new CompletableFuture<>();
    a.runOnContext(v -> {
      CallerContext.home(work.future()).onComplete(done ->
        arrived.complete(new Arrival(Thread.currentThread(), Vertx.currentContext())));
      asked.complete(null);
    });
    asked.get(5, TimeUnit.SECONDS);
    b.runOnContext(v -> work.complete("done on b"));

    Arrival arrival = arrived.get(5, TimeUnit.SECONDS);
    assertThat(arrival.thread()).isEqualTo(threadOf(a));
    assertThat(arrival.context()).isSameAs(a);
  }

  @Test
  @DisplayName("Work already done, asked for on its caller's context, completes at once with the same outcome")
  void alreadyHome() throws Exception {
    CompletableFuture<Boolean> immediate = new CompletableFuture<>();
    a.runOnContext(v -> {
      Future<String> home = CallerContext.home(Future.failedFuture(new IllegalStateException("refused")));
      immediate.complete(home.isComplete() && home.cause().getMessage().equals("refused"));
    });
    assertThat(immediate.get(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("Off any Vert.x thread there is no context to come home to: the work is returned as is")
  void noCaller() {
    Future<String> work = Promise.<String>promise().future();
    assertThat(CallerContext.home(work)).isSameAs(work);
  }

  @Test
  @DisplayName("Password hashing runs on its workers and its result comes back on the caller's context by itself")
  void workerResultsComeHome() throws Exception {
    PasswordHasher hasher = new PasswordHasher(vertx, 1, 16, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
    CompletableFuture<Arrival> arrived = new CompletableFuture<>();
    a.runOnContext(v -> hasher.hash("correct horse").onComplete(done ->
      arrived.complete(new Arrival(Thread.currentThread(), Vertx.currentContext()))));
    Arrival arrival = arrived.get(30, TimeUnit.SECONDS);
    assertThat(arrival.thread()).isEqualTo(threadOf(a));
  }

  /** Runs {@code call} on {@code context}; tells where its future's callbacks ran. */
  private static Arrival callOn(Context context, Supplier<Future<?>> call) throws Exception {
    CompletableFuture<Arrival> arrived = new CompletableFuture<>();
    context.runOnContext(v -> call.get().onComplete(done -> arrived.complete(done.failed()
      ? null : new Arrival(Thread.currentThread(), Vertx.currentContext()))));
    Arrival arrival = arrived.get(30, TimeUnit.SECONDS);
    assertThat(arrival).as("the call succeeded").isNotNull();
    return arrival;
  }

  @Test
  @DisplayName("PostgreSQL and Redis calls complete on the calling context, whichever loop opened the pooled connection")
  void clientsComeHome() throws Exception {
    Pool pool = Database.pool(vertx, TestInfra.get().pgUrl(), 1);
    RedisAPI redis = RedisClients.api(RedisClients.client(vertx, TestInfra.get().redisUrl(), 1));
    try {
      callOn(b, () -> pool.query("SELECT 1").execute());
      callOn(b, () -> redis.ping(List.of()));
      assertThat(callOn(a, () -> pool.query("SELECT 1").execute()).thread()).isEqualTo(threadOf(a));
      assertThat(callOn(a, () -> redis.ping(List.of())).thread()).isEqualTo(threadOf(a));
    } finally {
      pool.close();
    }
  }
}
