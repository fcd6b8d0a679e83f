package io.liveroom.config;

/** Redis. An empty {@code url} means "start the embedded server" (Redis 6.2, no persistence). */
public record RedisConfig(String url, int poolSize, int embeddedPort) {
  static RedisConfig from(ConfigReader r) {
    String url = r.string("redis.url");
    if (!url.isEmpty() && !url.startsWith("redis://") && !url.startsWith("rediss://")) {
      throw r.fail("redis.url", "must look like redis://host:6379");
    }
    return new RedisConfig(url, r.intIn("redis.poolSize", 1, 512), r.intIn("redis.embedded.port", 0, 65535));
  }

  public boolean embedded() {
    return url.isEmpty();
  }

  public RedisConfig withUrl(String newUrl) {
    return new RedisConfig(newUrl, poolSize, embeddedPort);
  }
}
