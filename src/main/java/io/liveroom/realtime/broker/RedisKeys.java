package io.liveroom.realtime.broker;

/**
 * Redis key and PUB/SUB names of the real-time core. The channel sits in a hash tag, so every key
 * of one channel lands on the same Redis Cluster slot (the Lua scripts touch several at once).
 */
public final class RedisKeys {
  private static final String PREFIX = "lr.rt:";

  private RedisKeys() {
  }

  public static String pubsub(String channel) {
    return PREFIX + "ps:" + channel;
  }

  public static String stream(String channel) {
    return PREFIX + "{" + channel + "}:stream";
  }

  public static String streamMeta(String channel) {
    return PREFIX + "{" + channel + "}:meta";
  }

  /** Client expiry zset, client info hash, user expiry zset, user connection-count hash. */
  public static String[] presence(String channel) {
    String base = PREFIX + "{" + channel + "}:presence:";
    return new String[] {base + "cz", base + "ch", base + "uz", base + "uh"};
  }

  public static String channelOfPubsub(String name) {
    return name.startsWith(PREFIX + "ps:") ? name.substring(PREFIX.length() + 3) : null;
  }
}
