package io.liveroom.support;

import io.liveroom.infra.EmbeddedPostgresServer;
import io.liveroom.infra.EmbeddedRedisServer;
import io.liveroom.infra.Migrations;
import io.vertx.pgclient.PgConnectOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL and Redis for the whole test JVM: started once (embedded), or taken from
 * {@code LIVEROOM_TEST_PG_URL} / {@code LIVEROOM_TEST_REDIS_URL}. Migrations run once;
 * {@link #reset()} gives each test a clean state.
 */
public final class TestInfra {
  private static TestInfra instance;

  private final String pgUrl;
  private final String redisUrl;
  private final EmbeddedRedisServer embeddedRedis;

  private TestInfra(String pgUrl, String redisUrl, EmbeddedRedisServer embeddedRedis) {
    this.pgUrl = pgUrl;
    this.redisUrl = redisUrl;
    this.embeddedRedis = embeddedRedis;
  }

  public static synchronized TestInfra get() {
    if (instance == null) {
      instance = boot();
    }
    return instance;
  }

  private static TestInfra boot() {
    try {
      String pg = System.getenv("LIVEROOM_TEST_PG_URL");
      if (pg == null || pg.isBlank()) {
        Path dir = Files.createTempDirectory("liveroom-test-pg");
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dir, 0, false);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        pg = server.url();
      }
      String redis = System.getenv("LIVEROOM_TEST_REDIS_URL");
      EmbeddedRedisServer embedded = null;
      if (redis == null || redis.isBlank()) {
        embedded = EmbeddedRedisServer.start(0);
        Runtime.getRuntime().addShutdownHook(new Thread(embedded::close));
        redis = embedded.url();
      }
      Migrations.migrate(pg);
      return new TestInfra(pg, redis, embedded);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String pgUrl() {
    return pgUrl;
  }

  public String redisUrl() {
    return redisUrl;
  }

  /** The embedded Redis, for outage tests; null when an external Redis is configured. */
  public EmbeddedRedisServer embeddedRedis() {
    return embeddedRedis;
  }

  /** Empties every table but Flyway's, and flushes Redis. */
  public void reset() {
    try (Connection c = jdbc(); Statement st = c.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'flyway_schema_history'")) {
        while (rs.next()) {
          tables.add("\"" + rs.getString(1) + "\"");
        }
      }
      if (!tables.isEmpty()) {
        st.execute("TRUNCATE " + String.join(", ", tables) + " RESTART IDENTITY CASCADE");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not reset the test database", e);
    }
    RedisProbe.flushAll(redisUrl);
  }

  public Connection jdbc() throws SQLException {
    PgConnectOptions o = PgConnectOptions.fromUri(pgUrl);
    return DriverManager.getConnection("jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + o.getDatabase(),
      o.getUser(), o.getPassword());
  }

  public int redisPort() {
    return URI.create(redisUrl).getPort();
  }
}
