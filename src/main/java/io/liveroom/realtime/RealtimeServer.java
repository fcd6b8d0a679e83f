package io.liveroom.realtime;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.SessionGate;
import io.liveroom.config.RealtimeConfig;
import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.broker.BrokerEvent;
import io.liveroom.realtime.presence.PresenceStore;
import io.liveroom.realtime.protocol.Codec;
import io.liveroom.realtime.protocol.JsonCodec;
import io.liveroom.realtime.protocol.ProtobufCodec;
import io.liveroom.realtime.ws.WsSocket;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real-time core of one node: accepts WebSocket connections onto per-event-loop {@link Hub}s,
 * routes broker traffic to them through the {@link Fanout}, and implements the {@link Realtime}
 * server API. Wired once in {@code Node}; see docs/PROTOCOL.md for the wire contract. Connections
 * and their command handlers see the node only through a {@link CommandContext}.
 */
public final class RealtimeServer implements Realtime {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeServer.class);

  private final Vertx vertx;
  private final Broker broker;
  private final RealtimeMetrics metrics;
  private final Fanout fanout;
  private final CommandContext commands;
  private final int writeDelayMillis;
  private final Map<Context, Hub> hubs = new ConcurrentHashMap<>();

  public RealtimeServer(Vertx vertx, String nodeId, RealtimeConfig config, Broker broker, PresenceStore presence,
                        AccessTokens tokens, SessionGate gate, Namespaces namespaces, RpcMethods rpcMethods,
                        MeterRegistry registry) {
    this.vertx = vertx;
    this.broker = broker;
    this.metrics = new RealtimeMetrics(registry);
    this.fanout = new Fanout(broker, metrics);
    this.commands = new CommandContext(nodeId, config, metrics, broker, presence, tokens, gate, namespaces, rpcMethods);
    this.writeDelayMillis = config.writeDelayMillis();
    namespaces.register(new PersonalNamespace());
    metrics.deliveries(hubs, h -> h.values().stream().mapToLong(hub -> hub.delivered).sum());
  }

  /** Connects the broker; call before the listener accepts connections. */
  public Future<Void> start() {
    return broker.start(fanout);
  }

  /**
   * Takes over an upgraded WebSocket, on its event loop: the hub is keyed by the socket's
   * event-loop context, one per loop.
   */
  void accept(WsSocket socket, String subprotocol) {
    Hub hub = hubs.computeIfAbsent(socket.context(), c -> {
      Hub h = new Hub(c, fanout, writeDelayMillis);
      fanout.addHub(h);
      return h;
    });
    Codec codec = ProtobufCodec.SUBPROTOCOL.equals(subprotocol) ? ProtobufCodec.INSTANCE : JsonCodec.INSTANCE;
    new ClientSession(socket, hub, codec, commands).start();
  }

  // ---- Realtime (server API) ----

  @Override
  public Future<PublishResult> publish(String channel, JsonObject data) {
    try {
      return commands.publish(channel, data, null).map(p -> new PublishResult(p.offset(), p.epoch()));
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
    byte[] order = (code.code() + " " + sessionId).getBytes(StandardCharsets.UTF_8);
    return control(userId, new BrokerEvent(BrokerEvent.Type.DISCONNECT, order));
  }

  @Override
  public Future<Void> unsubscribeUser(long userId, String channel) {
    return control(userId, BrokerEvent.unsubscribe(channel));
  }

  @Override
  public Future<Void> unsubscribeUser(long userId, String channel, int code, String reason) {
    return control(userId, BrokerEvent.unsubscribe(channel, code, reason));
  }

  @Override
  public void onSubscriptions(SubscriptionListener listener) {
    commands.onSubscriptions(listener);
  }

  @Override
  public String personalChannel(long userId) {
    return PersonalNamespace.channel(userId);
  }

  @Override
  public Future<PresenceStats> presenceStats(String channel) {
    return commands.presenceStats(channel).map(st -> new PresenceStats(st.clients(), st.users()));
  }

  @Override
  public void onConnectionClosed(ConnectionListener listener) {
    commands.onConnectionClosed(listener);
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

  // ---- lifecycle ----

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

  /** The broker, for tests in this package that act on its connections. */
  Broker broker() {
    return broker;
  }

  /** Hubs on this node: one per event loop that has accepted a connection. */
  int hubCount() {
    return hubs.size();
  }

  /** The hubs themselves, for tests that drive one event loop's delivery directly. */
  java.util.Collection<Hub> hubs() {
    return hubs.values();
  }

  /** Connections open on this node (all event loops). */
  public long connectionCount() {
    return metrics.connections();
  }
}
