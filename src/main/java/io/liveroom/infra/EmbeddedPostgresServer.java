package io.liveroom.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL of the local default: the real server binaries shipped in Maven
 * artifacts, with its data directory kept across restarts. Start and stop block (they run the
 * server process), so call them only from the main thread or a worker.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * @param durable true for the server default (every commit is flushed); false only for tests,
   *                where losing the last commits on a crash does not matter and speed does
   */
  public static EmbeddedPostgresServer start(Path dataDir, int port, boolean durable) throws IOException {
    Files.createDirectories(dataDir);
    boolean reused = Files.exists(dataDir.resolve("PG_VERSION"));
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
      .setDataDirectory(dataDir)
      .setCleanDataDirectory(false)
      .setPGStartupWait(Duration.ofSeconds(60))
      .setServerConfig("synchronous_commit", durable ? "on" : "off")
      .setServerConfig("fsync", durable ? "on" : "off")
      .setServerConfig("max_connections", "300")
      .setServerConfig("listen_addresses", "127.0.0.1");
    if (port > 0) {
      builder.setPort(port);
    }
    EmbeddedPostgres pg = builder.start();
    EmbeddedPostgresServer server = new EmbeddedPostgresServer(pg, dataDir);
    LOG.info("Embedded PostgreSQL started on 127.0.0.1:{} with data in {} ({})", pg.getPort(),
      dataDir.toAbsolutePath(), reused ? "existing data reused" : "new data directory");
    return server;
  }

  public int port() {
    return postgres.getPort();
  }

  public String url() {
    return "postgresql://postgres@127.0.0.1:" + port() + "/postgres";
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped (data kept in {})", dataDir.toAbsolutePath());
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL on port {} did not stop cleanly: {}", port(), e.getMessage());
    }
  }
}
