package io.liveroom.infra;

import io.liveroom.config.PgConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.support.Await;
import io.liveroom.support.TcpProxy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The guarded pool fails fast while PostgreSQL is down and closes its breaker when it returns")
class GuardedPoolTest {
  private final Vertx vertx = Vertx.vertx();
  private final TcpProxy postgres = TcpProxy.toTestPostgres();
  private final GuardedPool pool = Database.guardedPool(vertx,
    new PgConfig(postgres.pgUrl(), 2, "unused", 0, 2_000, 5_000, 3, 300));

  @AfterEach
  void close() throws Exception {
    postgres.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("Queries, prepared queries, batches, transactions and checkouts are all refused at once while open")
  void failsFastWhileOpen() throws Exception {
    assertThat(await(pool.query("SELECT 1").execute()).size()).isEqualTo(1);
    postgres.cut();
    // Three connection failures in a row open it. The pooled connection the proxy dropped may fail
    // the first query in a way that is not (yet) a refused connect, so allow a few more calls.
    List<String> seen = new java.util.ArrayList<>();
    for (int i = 0; i < 8 && !pool.breaker().isOpen(); i++) {
      seen.add(String.valueOf(failure(() -> pool.query("SELECT 1").execute())));
    }
    assertThat(pool.breaker().isOpen()).as("breaker open after %s", seen).isTrue();

    List<Supplier<Future<?>>> calls = List.of(
      () -> pool.query("SELECT 1").execute(),
      () -> pool.preparedQuery("SELECT $1::int").execute(Tuple.of(1)),
      () -> pool.preparedQuery("SELECT $1::int").executeBatch(List.of(Tuple.of(1), Tuple.of(2))),
      () -> pool.preparedQuery("SELECT $1::int").mapping(r -> r.getInteger(0)).execute(Tuple.of(1)),
      () -> pool.withTransaction(tx -> tx.query("SELECT 1").execute()),
      () -> pool.withConnection(c -> c.query("SELECT 1").execute()),
      pool::getConnection);
    for (Supplier<Future<?>> call : calls) {
      long start = System.nanoTime();
      Throwable e = failure(call);
      assertThat((System.nanoTime() - start) / 1_000_000).as("refused at once").isLessThan(100);
      assertThat(e).isInstanceOf(AppException.class);
      assertThat(((AppException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    }

    postgres.restore();
    // Each query while open is refused, or is the breaker's probe once one is due.
    Await.within(10_000, () -> {
      pool.query("SELECT 1").execute().otherwiseEmpty().toCompletionStage().toCompletableFuture()
        .orTimeout(5, TimeUnit.SECONDS).join();
      return !pool.breaker().isOpen();
    });
    assertThat(pool.breaker().isOpen()).as("closed by a probe once PostgreSQL is back").isFalse();
    assertThat(await(pool.preparedQuery("SELECT $1::int").execute(Tuple.of(7))).iterator().next().getInteger(0))
      .isEqualTo(7);
  }

  @Test
  @DisplayName("While the breaker is open, a call that fails in a way no one can place is the outage (503), not a bug")
  void unplacedFailuresWhileDownAre503() throws Exception {
    postgres.cut();
    for (int i = 0; i < 8 && !pool.breaker().isOpen(); i++) {
      failure(() -> pool.query("SELECT 1").execute());
    }
    assertThat(pool.breaker().isOpen()).isTrue();
    postgres.restore();
    // A real time window: the next call is the breaker's probe once probeMillis (300) have passed on
    // the system clock, which the pool built by Database.guardedPool reads.
    Thread.sleep(350);
    // A call whose connection closes under it fails with the client's own message, such as this one.
    Throwable e = failure(() -> pool.withConnection(c -> Future.failedFuture(
      io.vertx.core.VertxException.noStackTrace("Pending requests failed on a closing connection"))));
    assertThat(e).isInstanceOf(AppException.class);
    assertThat(((AppException) e).code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static Throwable failure(Supplier<Future<?>> call) throws Exception {
    return call.get().map(ok -> (Throwable) null).otherwise(e -> e).toCompletionStage().toCompletableFuture()
      .get(10, TimeUnit.SECONDS);
  }
}
