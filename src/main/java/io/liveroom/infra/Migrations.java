package io.liveroom.infra;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the Flyway migrations in {@code db/migration}. Flyway uses JDBC, which blocks, so it
 * runs on a worker thread. Flyway takes a PostgreSQL advisory lock, so several nodes booting at
 * once migrate exactly once.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {
  }

  public static Future<Integer> run(Vertx vertx, String pgUrl) {
    return vertx.executeBlocking(() -> migrate(pgUrl), false);
  }

  public static int migrate(String pgUrl) {
    PgConnectOptions o = PgConnectOptions.fromUri(pgUrl);
    String jdbcUrl = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase();
    MigrateResult result = Flyway.configure()
      .dataSource(jdbcUrl, o.getUser(), o.getPassword())
      .locations("classpath:db/migration")
      .load()
      .migrate();
    LOG.info("Database schema at version {} ({} migrations applied now)", result.targetSchemaVersion,
      result.migrationsExecuted);
    return result.migrationsExecuted;
  }
}
