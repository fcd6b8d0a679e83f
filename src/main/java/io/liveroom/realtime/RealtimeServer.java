package io.liveroom.realtime;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.SessionGate;
import io.liveroom.config.RealtimeConfig;
import io.liveroom.infra.CallerContext;
import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.broker.HistorySpec;
import io.liveroom.realtime.broker.StreamPosition;
import io.liveroom.realtime.presence.PresenceStore;
import io.liveroom.realtime.protocol.ClientProtocol.ClientInfo;
import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.protocol.JsonCodec;
import io.liveroom.realtime.protocol.ProtobufCodec;
import io.liveroom.realtime.ws.WsSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real-time core of one node: accepts WebSocket connections onto per-event-loop {@link Hub}s,
 * routes broker traffic to them through the {@link Fanout}, and implements the {@link Realtime}
 * server API. Wired once in {@code Node}; see docs/PROTOCOL.md for the wire contract.
 */
public final class RealtimeServer implements Realtime {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeServer.class);

  private final Vertx vertx;
  private final String nodeId;
  private final RealtimeConfig config;
  private final Broker broker;
  private final PresenceStore presence;
  private final AccessTokens tokens;
  private final SessionGate gate;
  private final Namespaces namespaces;
  private final RpcMethods rpcMethods;
  private final RealtimeMetrics metrics;
  private final Fanout fanout;
  private final Map<Context, Hub> hubs = new ConcurrentHashMap<>();
  private final Map<Long, Integer> connectionsPerUser = new ConcurrentHashMap<>();
  private final List<ConnectionListener> connectionListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

  public RealtimeServer(Vertx vertx, String nodeId, RealtimeConfig config, Broker broker, PresenceStore presence,
                        AccessTokens tokens, SessionGate gate, Namespaces namespaces, RpcMethods rpcMethods,
                        MeterRegistry registry) {
    this.vertx = vertx;
    this.nodeId = nodeId;
    this.config = config;
    this.broker = broker;
    this.presence = presence;
    this.tokens = tokens;
    this.gate = gate;
    this.namespaces = namespaces;
    this.rpcMethods = rpcMethods;
    this.metrics = new RealtimeMetrics(registry);
    this.fanout = new Fanout(broker, metrics);
    namespaces.register(new PersonalNamespace());
    metrics.deliveries(hubs, h -> h.values().stream().mapToLong(hub -> hub.delivered).sum());
  }

  /** Connects the broker; call before the listener accepts connections. */
  public Future<Void> start() {
    return broker.start(fanout);
  }

  /**
   * Takes over an upgraded WebSocket, on its event loop and inside the listener's context for that
   * loop: the hub is keyed by that context, one per loop.
   */
  void accept(WsSocket socket, String subprotocol) {
    Context ctx = ((ContextInternal) Vertx.currentContext()).unwrap();
    Hub hub = hubs.computeIfAbsent(ctx, c -> {
      Hub h = new Hub(c, this);
      fanout.addHub(h);
      return h;
    });
    Codec codec = ProtobufCodec.SUBPROTOCOL.equals(subprotocol) ? ProtobufCodec.INSTANCE : JsonCodec.INSTANCE;
    new ClientSession(socket, hub, codec, this).start();
  }

  // ---- Realtime (server API) ----

  @Override
  public Future<PublishResult> publish(String channel, JsonObject data) {
    try {
      return publishAs(channel, data, null).map(p -> new PublishResult(p.offset(), p.epoch()));
    } catch (RuntimeException e) {
      return Future.failedFuture(e);
    }
  }

  @Override
  public Future<Void> sendToUser(long userId, JsonObject data) {
    return control(userId, new BrokerEvent(BrokerEvent.Type.MESSAGE, data.toBuffer().getBytes()));
  }

  @Override
  public Future<Void> disconnectUser(long userId, DisconnectCode code) {
    return control(userId, BrokerEvent.disconnect(code.code()));
  }

  /** The order "code sessionId" is obeyed only by that session's connections (ClientSession). */
  @Override
  public Future<Void> disconnectSession(long userId, String sessionId, DisconnectCode code) {
    byte[] order = (code.code() + " " + sessionId).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return control(userId, new BrokerEvent(BrokerEvent.Type.DISCONNECT, order));
  }

  @Override
  public Future<Void> unsubscribeUser(long userId, String channel) {
    return control(userId, BrokerEvent.unsubscribe(channel));
  }

  @Override
  public String personalChannel(long userId) {
    return PersonalNamespace.channel(userId);
  }

  @Override
  public Future<PresenceStats> presenceStats(String channel) {
    return presence.stats(channel).map(st -> new PresenceStats(st.clients(), st.users()));
  }

  @Override
  public void onConnectionClosed(ConnectionListener listener) {
    connectionListeners.add(listener);
  }

  /** Orders to a user travel on their personal channel; without the broker, this node still obeys. */
  private Future<Void> control(long userId, BrokerEvent event) {
    String channel = personalChannel(userId);
    return broker.publishEvent(channel, event).recover(e -> {
      LOG.warn("Broker unavailable for a {} order to user {}; applied on this node only: {}", event.type(), userId,
        e.getMessage());
      fanout.onEvent(channel, event);
      return Future.succeededFuture();
    });
  }

  /**
   * Publishes into a channel. Without history the broker has delivered on this node before it
   * sends to the others, so a broker failure costs only the other nodes (at most once across
   * nodes anyway). With history nothing is delivered unless the append succeeded, so recovery never
   * misses a publication a client saw.
   */
  Future<StreamPosition> publishAs(String channel, JsonObject data, ClientInfo info) {
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
        return Future.failedFuture(io.liveroom.error.AppException.of(io.liveroom.error.ErrorCode.INTERNAL,
          "The channel's history is unavailable; retry."));
      }
      LOG.warn("Broker unavailable; publication to {} delivered on this node only: {}", channel, e.getMessage());
      return Future.succeededFuture(StreamPosition.NONE);
    });
  }

  HistorySpec historySpec(ChannelNamespace ns) {
    NamespaceOptions o = ns.options();
    return o.historySize() <= 0 ? HistorySpec.NONE : new HistorySpec(o.historySize(), Math.max(1, o.historyTtl().toSeconds()));
  }

  // ---- session callbacks ----

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

  void connectionGone(ClientSession s) {
    connectionsPerUser.computeIfPresent(s.principal.userId(), (u, n) -> n <= 1 ? null : n - 1);
    for (ConnectionListener l : connectionListeners) {
      try {
        l.closed(s.principal.userId(), s.clientId);
      } catch (RuntimeException e) {
        LOG.warn("A connection-closed listener failed for user {}: {}", s.principal.userId(), e.toString());
      }
    }
  }

  void afterSubscribe(ClientSession s, Subscription sub) {
    NamespaceOptions o = sub.namespace.options();
    Future<Void> present = Future.succeededFuture();
    if (o.presence()) {
      present = presence.add(sub.channel, info(s), config.presenceTtlSeconds())
        .onFailure(e -> LOG.warn("Presence add failed in {} for user {}: {}", sub.channel, s.userLabel(), e.getMessage()));
    }
    joinLeave(s, sub, present, BrokerEvent.Type.JOIN);
  }

  void afterUnsubscribe(ClientSession s, Subscription sub) {
    NamespaceOptions o = sub.namespace.options();
    Future<Void> gone = Future.succeededFuture();
    if (o.presence()) {
      gone = presence.remove(sub.channel, s.clientId, s.userLabel())
        .onFailure(e -> LOG.warn("Presence remove failed in {} for user {}: {}", sub.channel, s.userLabel(), e.getMessage()));
    }
    if (s.principal != null) {
      joinLeave(s, sub, gone, BrokerEvent.Type.LEAVE);
    }
  }

  /**
   * Publishes a join/leave if the namespace wants one for this channel at its current size: the
   * user count from presence (after this change) when presence is on, else this loop's subscribers.
   */
  private void joinLeave(ClientSession s, Subscription sub, Future<Void> presenceChange, BrokerEvent.Type type) {
    long local = s.hub.subscribers(sub.channel);
    Future<Long> size = !sub.namespace.options().presence() ? Future.succeededFuture(local)
      : presenceChange.compose(v -> presence.stats(sub.channel)).map(st -> (long) st.users()).otherwise(local);
    byte[] who = info(s).toByteArray();
    size.onSuccess(n -> {
      if (sub.namespace.joinLeave(sub.channel, n)) {
        broker.publishEvent(sub.channel, new BrokerEvent(type, who));
      }
    });
  }

  void refreshPresence(ClientSession s) {
    for (Subscription sub : s.subs.values()) {
      if (sub.namespace.options().presence() && sub.live()) {
        presence.add(sub.channel, info(s), config.presenceTtlSeconds());
      }
    }
  }

  private static ClientInfo info(ClientSession s) {
    return ClientInfo.newBuilder().setUser(s.userLabel()).setClient(s.clientId).build();
  }

  /**
   * Brings a future's completion back to the session's event loop: capabilities, the broker and
   * presence are shared by every loop and may complete anywhere ({@link CallerContext}).
   */
  <T> Future<T> onLoop(ClientSession s, Future<T> f) {
    return CallerContext.on(s.hub.context, f);
  }

  /**
   * Graceful stop: every connection is closed with "shutdown" (3001, SDKs reconnect, to another
   * node), then the broker is released. Runs before Vert.x closes.
   */
  public Future<Void> shutdown() {
    List<Future<Void>> closing = new ArrayList<>();
    for (Hub hub : hubs.values()) {
      Promise<Void> done = Promise.promise();
      hub.context.runOnContext(v -> {
        hub.closeAll(DisconnectCode.SHUTDOWN);
        done.complete();
      });
      closing.add(done.future());
    }
    return Future.join(closing).transform(v -> vertx.timer(200)).transform(v -> broker.close());
  }

  /** Samples the Redis round trip for the metrics (PING through the pooled client). */
  public void sampleRedisRtt(java.util.function.Supplier<Future<?>> ping) {
    vertx.setPeriodic(5_000, id -> {
      long start = System.nanoTime();
      ping.get().onSuccess(r -> metrics.redisRoundTrip(System.nanoTime() - start));
    });
  }

  RealtimeConfig config() {
    return config;
  }

  RealtimeMetrics metrics() {
    return metrics;
  }

  Fanout fanout() {
    return fanout;
  }

  Broker broker() {
    return broker;
  }

  PresenceStore presence() {
    return presence;
  }

  AccessTokens tokens() {
    return tokens;
  }

  SessionGate sessionGate() {
    return gate;
  }

  public Namespaces namespaces() {
    return namespaces;
  }

  public RpcMethods rpcMethods() {
    return rpcMethods;
  }

  String nodeId() {
    return nodeId;
  }

  /** Hubs on this node: one per event loop that has accepted a connection. */
  int hubCount() {
    return hubs.size();
  }

  /** Connections open on this node (all event loops). */
  public long connectionCount() {
    return metrics.connections();
  }
}
