package io.liveroom.error;

import io.liveroom.support.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxException;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Failures: an unreachable database is service_unavailable, a bug is internal")
class FailuresTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  @DisplayName("PostgreSQL shutting down, starting up or dropping the connection is a connection failure")
  void sqlStates() {
    for (String state : new String[] {"57P01", "57P02", "57P03", "08006", "08001", "53300"}) {
      PgException e = new PgException("going away", "FATAL", state, null);
      assertThat(Failures.isConnectionFailure(e)).as(state).isTrue();
      assertThat(Failures.isOutage(e)).as(state).isTrue();
    }
    for (String state : new String[] {"23505", "40001", "42P01", "22001"}) {
      PgException e = new PgException("an answer", "ERROR", state, null);
      assertThat(Failures.isOutage(e)).as(state).isFalse();
      assertThat(Failures.classify(e).code()).as(state).isEqualTo(ErrorCode.INTERNAL);
    }
  }

  @Test
  @DisplayName("Refused, reset and closed connections count, also as the cause of a wrapper")
  void socketFailures() {
    assertThat(Failures.isConnectionFailure(new ConnectException("Connection refused"))).isTrue();
    assertThat(Failures.isConnectionFailure(new SocketException("Connection reset"))).isTrue();
    // What the epoll and io_uring transports raise for a reset (seen when PostgreSQL stops immediately).
    assertThat(Failures.isConnectionFailure(new io.netty.channel.unix.Errors.NativeIoException("recvAddress(..)", -104)))
      .isTrue();
    assertThat(Failures.isConnectionFailure(ClosedConnectionException.INSTANCE)).isTrue();
    assertThat(Failures.isConnectionFailure(VertxException.noStackTrace("Connection was closed"))).isTrue();
    // A command sent on a pooled connection that PostgreSQL's immediate stop had just closed.
    assertThat(Failures.isConnectionFailure(
      VertxException.noStackTrace("Connection is not active now, current status: CLOSED"))).isTrue();
    assertThat(Failures.isConnectionFailure(VertxException.noStackTrace("Connection closed while handshake in process")))
      .isTrue();
    assertThat(Failures.isConnectionFailure(new IllegalStateException("wrapped", new ConnectException("refused"))))
      .isTrue();
    assertThat(Failures.isOutage(new IllegalStateException("a bug"))).isFalse();
    assertThat(Failures.isOutage(new NullPointerException())).isFalse();
  }

  @Test
  @DisplayName("A pool's timeout waiting for a connection is an outage for the client, not a connection failure")
  void poolTimeouts() {
    VertxException timeout = VertxException.noStackTrace("Timeout");
    assertThat(Failures.isOutage(timeout)).isTrue();
    assertThat(Failures.isConnectionFailure(timeout)).isFalse();
    assertThat(Failures.isOutage(VertxException.noStackTrace("Timeout waiting for connection"))).isTrue();
    VertxException queueFull = VertxException.noStackTrace("Connection pool reached max wait queue size of 100");
    assertThat(Failures.isOutage(queueFull)).isTrue();
    assertThat(Failures.isConnectionFailure(queueFull)).isFalse();
  }

  @Test
  @DisplayName("classify keeps an AppException, turns an outage into 503 with Retry-After, and the rest into internal")
  void classify() {
    AppException refused = AppException.of(ErrorCode.ROOM_NOT_LIVE, "closed");
    assertThat(Failures.classify(refused)).isSameAs(refused);
    AppException outage = Failures.classify(new PgException("terminating connection", "FATAL", "57P01", null));
    assertThat(outage.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(outage.code().httpStatus()).isEqualTo(503);
    assertThat(outage.code().temporary()).isTrue();
    assertThat(outage.retryAfterSeconds()).isEqualTo(Failures.OUTAGE_RETRY_AFTER_SECONDS);
    assertThat(Failures.classify(new IllegalStateException("bug")).code()).isEqualTo(ErrorCode.INTERNAL);
    // An AppException in the cause chain was classified where it was raised; the wrapper is a bug.
    assertThat(Failures.isOutage(new RuntimeException(Failures.unavailable("down")))).isFalse();
  }

  @Test
  @DisplayName("The real Vert.x failures: a port nobody listens on, and a pool with no free connection")
  void realClientFailures() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    PgConnectOptions nowhere = PgConnectOptions.fromUri(TestInfra.get().pgUrl()).setPort(closedPort);
    Pool down = PgBuilder.pool().with(new PoolOptions().setMaxSize(1)).connectingTo(nowhere).using(vertx).build();
    Throwable refused = failureOf(down.query("SELECT 1").execute());
    assertThat(Failures.isConnectionFailure(refused)).as(refused.toString()).isTrue();

    Pool busy = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setConnectionTimeout(1_000)
        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
      .connectingTo(PgConnectOptions.fromUri(TestInfra.get().pgUrl())).using(vertx).build();
    SqlConnection held = busy.getConnection().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    Throwable waited = failureOf(busy.query("SELECT 1").execute());
    held.close();
    assertThat(Failures.isOutage(waited)).as(waited.toString()).isTrue();
    assertThat(Failures.isConnectionFailure(waited)).as(waited.toString()).isFalse();
  }

  private static Throwable failureOf(Future<?> f) throws Exception {
    return f.map(ok -> (Throwable) null).otherwise(e -> e).toCompletionStage().toCompletableFuture()
      .get(10, TimeUnit.SECONDS);
  }
}
