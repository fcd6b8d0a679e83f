package io.liveroom.config;

/**
 * PostgreSQL. An empty {@code url} means "start the embedded server", with its data kept in
 * {@code embeddedDataDir} so restarts keep the data. The url form is
 * {@code postgresql://user:password@host:port/database}.
 */
public record PgConfig(String url, int poolSize, String embeddedDataDir, int embeddedPort) {
  static PgConfig from(ConfigReader r) {
    String url = r.string("pg.url");
    if (!url.isEmpty() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw r.fail("pg.url", "must look like postgresql://user:password@host:5432/db");
    }
    return new PgConfig(url, r.intIn("pg.poolSize", 1, 512),
      r.requiredString("pg.embedded.dataDir"), r.intIn("pg.embedded.port", 0, 65535));
  }

  public boolean embedded() {
    return url.isEmpty();
  }

  public PgConfig withUrl(String newUrl) {
    return new PgConfig(newUrl, poolSize, embeddedDataDir, embeddedPort);
  }
}
