package io.liveroom.realtime.presence;

import com.google.protobuf.InvalidProtocolBufferException;
import io.liveroom.infra.RedisScript;
import io.liveroom.realtime.broker.RedisKeys;
import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Response;

import java.util.HashMap;
import java.util.Map;

/**
 * Presence in Redis: per channel a hash of client id to encoded {@link ClientInfo} with an expiry
 * zset, and a hash of user id to connection count with its own expiry zset. Stats are two HLENs
 * after dropping expired entries (O(expired), not O(members)).
 */
public final class RedisPresence implements PresenceStore {
  private final Redis redis;
  private final RedisScript add = RedisScript.load("lua/realtime/presence_add.lua");
  private final RedisScript remove = RedisScript.load("lua/realtime/presence_remove.lua");
  private final RedisScript clean = RedisScript.load("lua/realtime/presence_clean.lua");

  public RedisPresence(Redis redis) {
    this.redis = redis;
  }

  @Override
  public Future<Void> add(String channel, ClientInfo info, int ttlSeconds) {
    long expireAt = nowSeconds() + ttlSeconds;
    return add.run(redis, RedisKeys.presence(channel), ttlSeconds, expireAt, info.getClient(), info.toByteArray(),
      info.getUser()).mapEmpty();
  }

  @Override
  public Future<Void> remove(String channel, String clientId, String userId) {
    return remove.run(redis, RedisKeys.presence(channel), clientId, userId).mapEmpty();
  }

  @Override
  public Future<Map<String, ClientInfo>> get(String channel) {
    return clean.run(redis, RedisKeys.presence(channel), nowSeconds(), "get").map(RedisPresence::toMap);
  }

  private static Map<String, ClientInfo> toMap(Response r) {
    Map<String, ClientInfo> out = new HashMap<>();
    for (int i = 0; i + 1 < r.size(); i += 2) {
      try {
        out.put(r.get(i).toString(), ClientInfo.parseFrom(r.get(i + 1).toBytes()));
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalStateException("unreadable presence entry", e);
      }
    }
    return out;
  }

  @Override
  public Future<Stats> stats(String channel) {
    return clean.run(redis, RedisKeys.presence(channel), nowSeconds(), "stats")
      .map(r -> new Stats(r.get(0).toInteger(), r.get(1).toInteger()));
  }

  private static long nowSeconds() {
    return System.currentTimeMillis() / 1000;
  }
}
