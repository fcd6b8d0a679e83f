package io.liveroom.realtime;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.Principal;
import io.liveroom.auth.SessionGate;
import io.liveroom.config.RealtimeConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.broker.HistoryPage;
import io.liveroom.realtime.broker.HistoryQuery;
import io.liveroom.realtime.broker.HistorySpec;
import io.liveroom.realtime.broker.StreamPosition;
import io.liveroom.realtime.presence.PresenceStore;
import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a connection ({@link ClientSession}) and its command handlers may use of the node: the
 * settings, the meters, channel and RPC lookup, token and session checks, publishing, history and
 * presence, and the per-user connection count. Handlers get this, not the {@link RealtimeServer}:
 * they cannot reach the broker, the presence store or the hubs other than through these operations.
 * Shared by every event loop; futures returned here complete wherever their work finished, so
 * callers bring them home with {@link ClientSession#onLoop}.
 */
final class CommandContext {
  private static final Logger LOG = LoggerFactory.getLogger(CommandContext.class);

  private final String nodeId;
  private final RealtimeConfig config;
  private final RealtimeMetrics metrics;
  private final Broker broker;
  private final PresenceStore presence;
  private final AccessTokens tokens;
  private final SessionGate gate;
  private final Namespaces namespaces;
  private final RpcMethods rpcMethods;
  private final Map<Long, Integer> connectionsPerUser = new ConcurrentHashMap<>();
  private final List<Realtime.ConnectionListener> connectionListeners = new CopyOnWriteArrayList<>();
  private final List<Realtime.SubscriptionListener> subscriptionListeners = new CopyOnWriteArrayList<>();

  CommandContext(String nodeId, RealtimeConfig config, RealtimeMetrics metrics, Broker broker, PresenceStore presence,
                 AccessTokens tokens, SessionGate gate, Namespaces namespaces, RpcMethods rpcMethods) {
    this.nodeId = nodeId;
    this.config = config;
    this.metrics = metrics;
    this.broker = broker;
    this.presence = presence;
    this.tokens = tokens;
    this.gate = gate;
    this.namespaces = namespaces;
    this.rpcMethods = rpcMethods;
  }

  RealtimeConfig config() {
    return config;
  }

  RealtimeMetrics metrics() {
    return metrics;
  }

  String nodeId() {
    return nodeId;
  }

  ChannelNamespace namespace(String channel) {
    return namespaces.resolve(channel);
  }

  /** The registered RPC method, or null. */
  RpcMethod rpcMethod(String name) {
    return rpcMethods.find(name);
  }

  // ---- authentication ----

  Future<Principal> verifyToken(String token) {
    return tokens.verify(token);
  }

  /** The login session is still valid and the account enabled ({@link SessionGate}). */
  Future<Void> checkSession(Principal principal) {
    return gate.check(principal);
  }

  /** Counts a new connection of the user on this node; false (not counted) past the limit. */
  boolean connectionAdded(long userId) {
    boolean[] ok = {true};
    connectionsPerUser.compute(userId, (u, n) -> {
      int count = n == null ? 0 : n;
      if (count >= config.maxConnectionsPerUser()) {
        ok[0] = false;
        return n;
      }
      return count + 1;
    });
    return ok[0];
  }

  /** An authenticated connection closed: uncounts it and tells the listeners. */
  void connectionGone(long userId, String clientId) {
    connectionsPerUser.computeIfPresent(userId, (u, n) -> n <= 1 ? null : n - 1);
    for (Realtime.ConnectionListener l : connectionListeners) {
      try {
        l.closed(userId, clientId);
      } catch (RuntimeException e) {
        LOG.warn("A connection-closed listener failed for user {}: {}", userId, e.toString());
      }
    }
  }

  void onConnectionClosed(Realtime.ConnectionListener listener) {
    connectionListeners.add(listener);
  }

  void onSubscriptions(Realtime.SubscriptionListener listener) {
    subscriptionListeners.add(listener);
  }

  /** Tells the subscription listeners; a failing listener is logged and skipped. */
  private void subscriptionChanged(ClientSession s, Subscription sub, boolean started) {
    Principal who = s.principal();
    if (who == null) {
      return;
    }
    for (Realtime.SubscriptionListener l : subscriptionListeners) {
      try {
        if (started) {
          l.subscribed(who.userId(), s.clientId(), sub.channel);
        } else {
          l.unsubscribed(who.userId(), s.clientId(), sub.channel);
        }
      } catch (RuntimeException e) {
        LOG.warn("A subscription listener failed for user {} in {}: {}", who.userId(), sub.channel, e.toString());
      }
    }
  }

  // ---- publications and history ----

  /**
   * Publishes into a channel. Without history the broker has delivered on this node before it
   * sends to the others, so a broker failure costs only the other nodes (at most once across
   * nodes anyway). With history nothing is delivered unless the append succeeded, so recovery never
   * misses a publication a client saw.
   */
  Future<StreamPosition> publish(String channel, JsonObject data, ClientInfo info) {
    ChannelNamespace ns = namespaces.resolve(channel);
    Publication.Builder pub = Publication.newBuilder().setData(JsonBytes.of(data));
    if (info != null) {
      pub.setInfo(info);
    }
    Publication p = pub.build();
    HistorySpec spec = historySpec(ns);
    return broker.publish(channel, p, spec).recover(e -> {
      if (spec.enabled()) {
        LOG.warn("Publication to {} refused: its history could not be written ({})", channel, e.getMessage());
        // 100 (temporary), as the reference answers a broker failure: the client may retry.
        return Future.failedFuture(AppException.of(ErrorCode.INTERNAL, "The channel's history is unavailable; retry."));
      }
      LOG.warn("Broker unavailable; publication to {} delivered on this node only: {}", channel, e.getMessage());
      return Future.succeededFuture(StreamPosition.NONE);
    });
  }

  HistorySpec historySpec(ChannelNamespace ns) {
    NamespaceOptions o = ns.options();
    return o.historySize() <= 0 ? HistorySpec.NONE : new HistorySpec(o.historySize(), Math.max(1, o.historyTtl().toSeconds()));
  }

  Future<HistoryPage> history(String channel, HistoryQuery query) {
    return broker.history(channel, query);
  }

  // ---- presence, join and leave ----

  Future<Map<String, ClientInfo>> presence(String channel) {
    return presence.get(channel);
  }

  Future<PresenceStore.Stats> presenceStats(String channel) {
    return presence.stats(channel);
  }

  void afterSubscribe(ClientSession s, Subscription sub) {
    Future<Void> present = Future.succeededFuture();
    if (sub.namespace.options().presence()) {
      present = presence.add(sub.channel, s.info(), config.presenceTtlSeconds())
        .onFailure(e -> LOG.warn("Presence add failed in {} for user {}: {}", sub.channel, s.userLabel(), e.getMessage()));
    }
    joinLeave(s, sub, present, BrokerEvent.Type.JOIN);
    subscriptionChanged(s, sub, true);
  }

  void afterUnsubscribe(ClientSession s, Subscription sub) {
    Future<Void> gone = Future.succeededFuture();
    if (sub.namespace.options().presence()) {
      gone = presence.remove(sub.channel, s.clientId(), s.userLabel())
        .onFailure(e -> LOG.warn("Presence remove failed in {} for user {}: {}", sub.channel, s.userLabel(), e.getMessage()));
    }
    if (s.connected()) {
      joinLeave(s, sub, gone, BrokerEvent.Type.LEAVE);
    }
    subscriptionChanged(s, sub, false);
  }

  /**
   * Publishes a join/leave if the namespace wants one for this channel at its current size: the
   * user count from presence (after this change) when presence is on, else this loop's subscribers.
   */
  private void joinLeave(ClientSession s, Subscription sub, Future<Void> presenceChange, BrokerEvent.Type type) {
    long local = s.localSubscribers(sub.channel);
    Future<Long> size = !sub.namespace.options().presence() ? Future.succeededFuture(local)
      : presenceChange.compose(v -> presence.stats(sub.channel)).map(st -> (long) st.users()).otherwise(local);
    byte[] who = s.info().toByteArray();
    size.onSuccess(n -> {
      sub.namespace.subscribersChanged(sub.channel, n);
      if (sub.namespace.joinLeave(sub.channel, n)) {
        broker.publishEvent(sub.channel, new BrokerEvent(type, who));
      }
    });
  }

  /** Renews the session's entry in a live subscription's presence before it expires. */
  void refreshPresence(ClientSession s, Subscription sub) {
    if (sub.namespace.options().presence() && sub.live()) {
      presence.add(sub.channel, s.info(), config.presenceTtlSeconds());
    }
  }
}
