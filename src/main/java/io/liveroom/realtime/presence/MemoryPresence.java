package io.liveroom.realtime.presence;

import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.vertx.core.Future;

import java.util.HashMap;
import java.util.Map;

/** Presence in memory for a single node and tests; guarded by this object's monitor. */
public final class MemoryPresence implements PresenceStore {
  private final Map<String, Map<String, Entry>> channels = new HashMap<>();

  private record Entry(ClientInfo info, long expiresAt) {
  }

  @Override
  public synchronized Future<Void> add(String channel, ClientInfo info, int ttlSeconds) {
    channels.computeIfAbsent(channel, c -> new HashMap<>())
      .put(info.getClient(), new Entry(info, System.currentTimeMillis() + ttlSeconds * 1000L));
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Void> remove(String channel, String clientId, String userId) {
    Map<String, Entry> m = channels.get(channel);
    if (m != null) {
      m.remove(clientId);
      if (m.isEmpty()) {
        channels.remove(channel);
      }
    }
    return Future.succeededFuture();
  }

  @Override
  public synchronized Future<Map<String, ClientInfo>> get(String channel) {
    Map<String, ClientInfo> out = new HashMap<>();
    live(channel).forEach((k, v) -> out.put(k, v.info()));
    return Future.succeededFuture(out);
  }

  @Override
  public synchronized Future<Stats> stats(String channel) {
    Map<String, Entry> m = live(channel);
    long users = m.values().stream().map(e -> e.info().getUser()).distinct().count();
    return Future.succeededFuture(new Stats(m.size(), (int) users));
  }

  private Map<String, Entry> live(String channel) {
    Map<String, Entry> m = channels.getOrDefault(channel, Map.of());
    long now = System.currentTimeMillis();
    m.values().removeIf(e -> e.expiresAt() < now);
    return m;
  }
}
