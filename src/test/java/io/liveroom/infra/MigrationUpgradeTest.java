package io.liveroom.infra;

import io.liveroom.support.TestInfra;
import io.vertx.pgclient.PgConnectOptions;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A deployment upgrades in place: its database was migrated by the last release, and the new
 * release's {@link Migrations#migrate} must apply only what is new. Flyway refuses a pending
 * migration whose version is below the highest applied one, so a new migration numbered into an
 * old range would stop every existing deployment from booting while a fresh database (every other
 * test) migrates fine.
 */
class MigrationUpgradeTest {
  /** The migrations the last release (0.1.0) shipped; a deployment's database holds exactly these. */
  private static final List<String> LAST_RELEASE = List.of("V1__audit_log.sql", "V2__users.sql", "V10__accounts.sql",
    "V30__rooms.sql", "V31__room_regions.sql", "V40__ledger.sql", "V41__gifts.sql", "V42__payments.sql",
    "V43__withdrawals.sql", "V50__ai_dialogue.sql", "V60__consent_records.sql",
    "V61__nearby_visibility_and_blocks.sql", "V70__privacy.sql");

  @Test
  @DisplayName("A database migrated by the last release upgrades to the current schema")
  void upgradesFromLastRelease() throws Exception {
    String db = "upgrade_" + System.nanoTime();
    try (Connection c = TestInfra.get().jdbc(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + db);
    }
    PgConnectOptions o = PgConnectOptions.fromUri(TestInfra.get().pgUrl());
    String url = "postgresql://" + o.getUser() + ":" + o.getPassword() + "@" + o.getHost() + ":" + o.getPort() + "/" + db;
    String jdbcUrl = "jdbc:postgresql://" + o.getHost() + ":" + o.getPort() + "/" + db;
    try {
      Path released = Files.createTempDirectory("released-migrations");
      for (String name : LAST_RELEASE) {
        try (InputStream in = MigrationUpgradeTest.class.getResourceAsStream("/db/migration/" + name)) {
          Files.copy(in, released.resolve(name));
        }
      }
      Flyway.configure().dataSource(jdbcUrl, o.getUser(), o.getPassword())
        .locations("filesystem:" + released).load().migrate();

      int applied = Migrations.migrate(url);

      assertThat(applied).as("migrations new since the last release").isPositive();
      assertThat(Flyway.configure().dataSource(jdbcUrl, o.getUser(), o.getPassword())
        .locations("classpath:db/migration").load().info().pending()).isEmpty();
    } finally {
      try (Connection c = TestInfra.get().jdbc(); Statement s = c.createStatement()) {
        s.execute("DROP DATABASE " + db + " WITH (FORCE)");
      }
    }
  }
}
