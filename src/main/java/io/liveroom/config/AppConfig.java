package io.liveroom.config;

import io.vertx.core.json.JsonObject;

/**
 * The typed configuration tree, built and validated once at boot. Each capability reads its own
 * section through its record's {@code from(ConfigReader)}; the key names are the ones in
 * {@code conf/application.json}.
 */
public record AppConfig(
  String nodeId,
  HttpConfig http,
  String transport,
  PgConfig pg,
  RedisConfig redis,
  String dataDir,
  int shutdownTimeoutSeconds,
  AuthConfig auth,
  RewardsConfig rewards
) {
  public static AppConfig from(JsonObject json) {
    ConfigReader r = new ConfigReader(json);
    return new AppConfig(
      r.string("node.id"),
      HttpConfig.from(r),
      r.oneOf("transport", java.util.Set.of("auto", "nio", "epoll", "io_uring")),
      PgConfig.from(r),
      RedisConfig.from(r),
      r.requiredString("data.dir"),
      r.intIn("shutdown.timeoutSeconds", 1, 600),
      AuthConfig.from(r),
      RewardsConfig.from(r)
    );
  }

  /** The same config with other settings, for tests and for the embedded default's resolved URLs. */
  public AppConfig withPg(PgConfig pg) {
    return new AppConfig(nodeId, http, transport, pg, redis, dataDir, shutdownTimeoutSeconds, auth, rewards);
  }

  public AppConfig withRedis(RedisConfig redis) {
    return new AppConfig(nodeId, http, transport, pg, redis, dataDir, shutdownTimeoutSeconds, auth, rewards);
  }

  public AppConfig withHttp(HttpConfig http) {
    return new AppConfig(nodeId, http, transport, pg, redis, dataDir, shutdownTimeoutSeconds, auth, rewards);
  }

  public AppConfig withAuth(AuthConfig auth) {
    return new AppConfig(nodeId, http, transport, pg, redis, dataDir, shutdownTimeoutSeconds, auth, rewards);
  }

  public AppConfig withRewards(RewardsConfig rewards) {
    return new AppConfig(nodeId, http, transport, pg, redis, dataDir, shutdownTimeoutSeconds, auth, rewards);
  }

  public AppConfig withNodeId(String nodeId) {
    return new AppConfig(nodeId, http, transport, pg, redis, dataDir, shutdownTimeoutSeconds, auth, rewards);
  }
}
