package io.liveroom.realtime.presence;

import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.vertx.core.Future;

import java.util.Map;

/**
 * Who is in a channel: one entry per connection (client id to {@link ClientInfo}) plus a count of
 * distinct users. Entries expire unless refreshed, so a node that dies leaves no ghosts for
 * longer than the TTL. {@link #stats} must stay cheap for channels of 100k members (no scans).
 */
public interface PresenceStore {
  /** Adds or refreshes a connection's entry for {@code ttlSeconds}. */
  Future<Void> add(String channel, ClientInfo info, int ttlSeconds);

  Future<Void> remove(String channel, String clientId, String userId);

  Future<Map<String, ClientInfo>> get(String channel);

  Future<Stats> stats(String channel);

  record Stats(int clients, int users) {
  }
}
