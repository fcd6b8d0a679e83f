package io.liveroom.infra;

import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

/** Builds the one PostgreSQL pool a node shares across its verticles. */
public final class Database {
  private Database() {
  }

  public static Pool pool(Vertx vertx, String url, int size) {
    PgConnectOptions connect = PgConnectOptions.fromUri(url)
      .setCachePreparedStatements(true)
      .setPreparedStatementCacheMaxSize(512)
      .setPipeliningLimit(256)
      .setReconnectAttempts(2)
      .setReconnectInterval(500);
    PoolOptions pool = new PoolOptions()
      .setMaxSize(size)
      .setMaxWaitQueueSize(10_000)
      .setShared(true)
      .setName("liveroom-pg")
      .setConnectionTimeout(5)
      .setIdleTimeout(60)
      .setEventLoopSize(0);
    return PgBuilder.pool().with(pool).connectingTo(connect).using(vertx).build();
  }
}
