package io.liveroom.infra;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

/**
 * Builds the pooled Redis client for commands. A pooled client opens a new connection when a
 * broken one is dropped, so commands recover on their own once Redis returns; pub/sub keeps its own
 * dedicated connection (see the real-time broker).
 */
public final class RedisClients {
  private RedisClients() {
  }

  public static RedisOptions options(String url, int poolSize) {
    return new RedisOptions()
      .setConnectionString(url)
      .setMaxPoolSize(poolSize)
      // A node that loses 10,000 connections at once removes 10,000 presence entries at once: with
      // 10,000 waiters the queue overflowed and every Redis command of the reconnecting clients was
      // refused for seconds (reconnect-storm, 10,000 viewers: 9,984-9,989 subscribes refused with
      // 1009). The queue now holds as many as a node's handlers (a waiter is a few dozen bytes).
      .setMaxPoolWaiting(100_000)
      .setMaxWaitingHandlers(100_000)
      .setPoolRecycleTimeout(15_000);
  }

  public static Redis client(Vertx vertx, String url, int poolSize) {
    return Redis.createClient(vertx, options(url, poolSize));
  }

  public static RedisAPI api(Redis client) {
    return RedisAPI.api(client);
  }
}
