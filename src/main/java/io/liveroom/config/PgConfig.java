package io.liveroom.config;

/**
 * PostgreSQL. An empty {@code url} means "start the embedded server", with its data kept in
 * {@code embeddedDataDir} so restarts keep the data. The url form is
 * {@code postgresql://user:password@host:port/database}.
 *
 * @param connectTimeoutMillis longest wait for a new connection's TCP connect (a host that drops
 *                             packets must not hold requests for the OS default of minutes)
 * @param acquireTimeoutMillis longest wait for a pooled connection before the request gets a 503; longer
 *                             than the connect timeout, so a failed connect reaches its waiter
 * @param breakerFailures      consecutive connection failures that open the circuit breaker
 * @param breakerProbeMillis   while open, one call goes through as a probe this often
 */
public record PgConfig(String url, int poolSize, String embeddedDataDir, int embeddedPort, int connectTimeoutMillis,
                       int acquireTimeoutMillis, int breakerFailures, int breakerProbeMillis) {
  static PgConfig from(ConfigReader r) {
    String url = r.string("pg.url");
    if (!url.isEmpty() && !url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
      throw r.fail("pg.url", "must look like postgresql://user:password@host:5432/db");
    }
    int connectTimeout = r.intIn("pg.connectTimeoutMillis", 100, 60_000);
    int acquireTimeout = r.intIn("pg.acquireTimeoutMillis", 100, 60_000);
    if (acquireTimeout <= connectTimeout) {
      // Otherwise a waiter gives up before a failed connect reaches it, and the breaker never learns of the outage.
      throw r.fail("pg.acquireTimeoutMillis", "must be longer than pg.connectTimeoutMillis (" + connectTimeout + ")");
    }
    return new PgConfig(url, r.intIn("pg.poolSize", 1, 512),
      r.requiredString("pg.embedded.dataDir"), r.intIn("pg.embedded.port", 0, 65535), connectTimeout, acquireTimeout,
      r.intIn("pg.breaker.failures", 1, 1_000), r.intIn("pg.breaker.probeMillis", 50, 60_000));
  }

  public boolean embedded() {
    return url.isEmpty();
  }

  public PgConfig withUrl(String newUrl) {
    return new PgConfig(newUrl, poolSize, embeddedDataDir, embeddedPort, connectTimeoutMillis, acquireTimeoutMillis,
      breakerFailures, breakerProbeMillis);
  }
}
