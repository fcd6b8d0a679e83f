package io.liveroom.infra;

import io.liveroom.config.AppConfig;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Starts whatever the config leaves unconfigured: embedded PostgreSQL when {@code pg.url} is
 * empty, embedded Redis when {@code redis.url} is empty. {@link #resolve} returns the config with
 * the URLs filled in, so everything after boot sees only URLs.
 */
public final class EmbeddedInfra implements AutoCloseable {
  private final EmbeddedPostgresServer postgres;
  private final EmbeddedRedisServer redis;
  private final AppConfig resolved;
  private boolean closed;

  private EmbeddedInfra(EmbeddedPostgresServer postgres, EmbeddedRedisServer redis, AppConfig resolved) {
    this.postgres = postgres;
    this.redis = redis;
    this.resolved = resolved;
  }

  /** Blocking: call from the main thread before Vert.x starts. */
  public static EmbeddedInfra startIfNeeded(AppConfig config) throws IOException {
    EmbeddedPostgresServer pg = null;
    EmbeddedRedisServer rd = null;
    AppConfig out = config;
    try {
      if (config.pg().embedded()) {
        pg = EmbeddedPostgresServer.start(Path.of(config.pg().embeddedDataDir()).toAbsolutePath().normalize(), config.pg().embeddedPort(), true);
        out = out.withPg(out.pg().withUrl(pg.url()));
      }
      if (config.redis().embedded()) {
        rd = EmbeddedRedisServer.start(config.redis().embeddedPort());
        out = out.withRedis(out.redis().withUrl(rd.url()));
      }
      return new EmbeddedInfra(pg, rd, out);
    } catch (IOException | RuntimeException e) {
      if (pg != null) {
        pg.close();
      }
      throw e;
    }
  }

  public AppConfig resolve() {
    return resolved;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (redis != null) {
      redis.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }
}
