package io.liveroom.infra;

import io.liveroom.config.PgConfig;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;

/** Builds the one PostgreSQL pool a node shares across its verticles. */
public final class Database {
  private static final int DEFAULT_CONNECT_TIMEOUT_MILLIS = 2_000;
  private static final int DEFAULT_ACQUIRE_TIMEOUT_MILLIS = 5_000;

  private Database() {
  }

  /**
   * The node's pool: connect and acquire timeouts from the config, behind the circuit breaker
   * ({@link GuardedPool}), so a PostgreSQL outage costs callers a fast 503, not a wait.
   */
  public static GuardedPool guardedPool(Vertx vertx, PgConfig config) {
    Pool raw = pool(vertx, config.url(), config.poolSize(), config.connectTimeoutMillis(), config.acquireTimeoutMillis());
    return new GuardedPool(raw, new PgBreaker(config.breakerFailures(), config.breakerProbeMillis()));
  }

  /** A plain pool with the default timeouts (tools and tests that want no breaker). */
  public static Pool pool(Vertx vertx, String url, int size) {
    return pool(vertx, url, size, DEFAULT_CONNECT_TIMEOUT_MILLIS, DEFAULT_ACQUIRE_TIMEOUT_MILLIS);
  }

  private static Pool pool(Vertx vertx, String url, int size, int connectTimeoutMillis, int acquireTimeoutMillis) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url)
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(512)
      .setPipeliningLimit(256);
    // No client-side reconnect attempts: the caller waiting for the connection sees a refused or
    // timed-out connect at once, so the breaker learns of an outage and the next checkout tries
    // again anyway. (Two attempts 500 ms apart made every call wait a second during an outage.)
    PoolOptions pool = new PoolOptions()
      .setMaxSize(size)
      .setMaxWaitQueueSize(10_000)
      .setShared(true)
      .setName("liveroom-pg")
      .setConnectionTimeout(acquireTimeoutMillis)
      .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS)
      .setIdleTimeout(60)
      .setEventLoopSize(0);
    NetClientOptions transport = new NetClientOptions().setConnectTimeout(connectTimeoutMillis);
    return PgBuilder.pool().with(pool).with(transport).connectingTo(connect).using(vertx).build();
  }
}
