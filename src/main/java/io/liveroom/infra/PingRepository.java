package io.liveroom.infra;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;

/** The one statement readiness runs against PostgreSQL: it answers, through a pooled connection. */
public final class PingRepository {
  static final String PING = "SELECT 1";

  private final SqlClient client;

  public PingRepository(SqlClient client) {
    this.client = client;
  }

  /** Succeeds once PostgreSQL answered a trivial query; fails as the pool or the server fails. */
  public Future<Void> ping() {
    return client.query(PING).execute().mapEmpty();
  }
}
