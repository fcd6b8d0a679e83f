package io.liveroom.capability;

import io.liveroom.config.AppConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;

/**
 * What the node gives every capability: its Vert.x, the PostgreSQL pool (behind the circuit
 * breaker), the Redis client and API, the validated configuration, the meter registry, and the
 * clock that time-bound rules read (tests move it).
 */
public record Platform(Vertx vertx, Pool pool, Redis redisClient, RedisAPI redis, AppConfig config,
                       MeterRegistry meters, Clock clock) {
}
