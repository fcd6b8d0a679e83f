package io.liveroom;

import io.liveroom.account.AccessTokens;
import io.liveroom.account.SessionGate;
import io.liveroom.account.JwtSecrets;
import io.liveroom.config.AppConfig;
import io.liveroom.http.HealthRoutes;
import io.liveroom.http.HttpModule;
import io.liveroom.http.HttpVerticle;
import io.liveroom.http.OpsRoutes;
import io.liveroom.infra.Database;
import io.liveroom.infra.Migrations;
import io.liveroom.infra.RedisClients;
import io.liveroom.metrics.Metrics;
import io.liveroom.realtime.Namespaces;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RealtimeRoutes;
import io.liveroom.realtime.RealtimeServer;
import io.liveroom.realtime.RpcMethods;
import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.broker.MemoryBroker;
import io.liveroom.realtime.broker.RedisBroker;
import io.liveroom.realtime.presence.MemoryPresence;
import io.liveroom.realtime.presence.PresenceStore;
import io.liveroom.realtime.presence.RedisPresence;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Liveroom node: its own Vert.x instance, pools, services and HTTP listener. Main runs
 * one; the tests run one or two in the same JVM. The wiring is explicit and in order: clients,
 * migrations, repositories and services, then the listener.
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private AppConfig config;
  private final Vertx vertx;
  private final Metrics metrics;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final List<HttpVerticle> listeners = new CopyOnWriteArrayList<>();
  private Pool pool;
  private Redis redisClient;
  private RedisAPI redis;
  private AccessTokens accessTokens;
  private RealtimeServer realtime;
  private final Namespaces namespaces = new Namespaces();
  private final RpcMethods rpcMethods = new RpcMethods();
  /**
   * Token-only until the accounts capability wires its Redis-backed gate here: until then a revoked
   * session keeps its socket until the token expires (see the realtime report).
   */
  private SessionGate sessionGate = principal -> Future.succeededFuture();

  private Node(AppConfig config, Vertx vertx, Metrics metrics) {
    this.config = config;
    this.vertx = vertx;
    this.metrics = metrics;
  }

  /** Starts a node whose PostgreSQL and Redis URLs are already resolved. */
  public static Future<Node> start(AppConfig config) {
    String nodeId = config.nodeId().isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeId();
    AppConfig cfg = config.withNodeId(nodeId);
    Metrics metrics = new Metrics(nodeId);
    int loops = cfg.http().effectiveInstances();
    VertxOptions options = metrics.apply(new VertxOptions().setEventLoopPoolSize(loops));
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics.vertxFactory())
      .withTransport(transport(cfg.transport())).build();
    Node node = new Node(cfg, vertx, metrics);
    return node.boot().recover(e -> vertx.close().transform(ignored -> Future.failedFuture(e)));
  }

  private static Transport transport(String name) {
    Transport chosen = switch (name) {
      case "epoll" -> Transport.EPOLL;
      case "io_uring" -> Transport.IO_URING;
      case "nio" -> Transport.NIO;
      default -> Transport.nativeTransport() != null && Transport.nativeTransport().available()
        ? Transport.nativeTransport() : Transport.NIO;
    };
    if (!chosen.available()) {
      LOG.warn("Transport {} is not available here ({}); using NIO", name, chosen.unavailabilityCause().getMessage());
      return Transport.NIO;
    }
    return chosen;
  }

  private Future<Node> boot() {
    metrics.startSampling(vertx);
    return JwtSecrets.resolve(vertx, config.auth(), config.dataDir())
      .compose(auth -> {
        config = config.withAuth(auth);
        accessTokens = new AccessTokens(vertx, auth);
        return Migrations.run(vertx, config.pg().url());
      })
      .compose(applied -> {
        pool = Database.pool(vertx, config.pg().url(), config.pg().poolSize());
        redisClient = RedisClients.client(vertx, config.redis().url(), config.redis().poolSize());
        redis = RedisClients.api(redisClient);
        realtime = buildRealtime();
        return realtime.start();
      })
      .compose(started -> {
        return deployListeners(modules());
      })
      .map(done -> {
        LOG.info("Node {} listening on {}:{} with {} event loops ({} transport)", config.nodeId(),
          config.http().host(), httpPort(), config.http().effectiveInstances(),
          vertx.isNativeTransportEnabled() ? "native" : "NIO");
        return this;
      });
  }

  /** The capabilities, in dependency order. Each later issue adds its wiring here. */
  private List<HttpModule> modules() {
    List<HttpModule> modules = new ArrayList<>();
    modules.add(new HealthRoutes(pool, redis, draining::get));
    modules.add(new OpsRoutes(metrics.registry()));
    modules.add(new RealtimeRoutes(realtime, config.realtime(), config.realtime().effectiveOrigins(config.http())));
    return modules;
  }

  /**
   * The real-time core. Capabilities register their channel namespaces and RPC methods on
   * {@link #namespaces()} and {@link #rpcMethods()} before the listener starts.
   */
  private RealtimeServer buildRealtime() {
    boolean redisBroker = "redis".equals(config.realtime().broker());
    Broker broker = redisBroker
      ? new RedisBroker(vertx, redisClient, RedisClients.options(config.redis().url(), config.redis().poolSize()))
      : new MemoryBroker();
    PresenceStore presence = redisBroker ? new RedisPresence(redisClient) : new MemoryPresence();
    RealtimeServer server = new RealtimeServer(vertx, config.nodeId(), config.realtime(), broker, presence,
      accessTokens, sessionGate, namespaces, rpcMethods, metrics.registry());
    server.sampleRedisRtt(() -> redis.ping(java.util.List.of()));
    if (config.realtime().benchmarkNamespace()) {
      LOG.warn("realtime.benchmarkNamespace is on: anyone with a token may publish in bench:* (benchmark stand-in)");
      namespaces.register(new io.liveroom.realtime.BenchmarkNamespace());
    }
    return server;
  }

  private Future<?> deployListeners(List<HttpModule> modules) {
    int instances = config.http().effectiveInstances();
    return vertx.deployVerticle(() -> {
      HttpVerticle v = new HttpVerticle(config.http(), modules, config.shutdownTimeoutSeconds());
      listeners.add(v);
      return v;
    }, new DeploymentOptions().setInstances(instances));
  }

  public int httpPort() {
    return listeners.isEmpty() ? -1 : listeners.get(0).actualPort();
  }

  public AppConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Pool pool() {
    return pool;
  }

  public RedisAPI redis() {
    return redis;
  }

  public AccessTokens accessTokens() {
    return accessTokens;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** The real-time server API (publish, send to user, disconnect user...). */
  public Realtime realtime() {
    return realtime;
  }

  public RealtimeServer realtimeServer() {
    return realtime;
  }

  public Namespaces namespaces() {
    return namespaces;
  }

  public RpcMethods rpcMethods() {
    return rpcMethods;
  }

  /**
   * Graceful stop: report not-ready, shut the listeners down (in-flight work gets the shutdown
   * timeout), then close clients and Vert.x.
   */
  public Future<Void> stop() {
    draining.set(true);
    LOG.info("Node {} shutting down (timeout {} s)", config.nodeId(), config.shutdownTimeoutSeconds());
    Future<Void> sockets = realtime == null ? Future.succeededFuture() : realtime.shutdown();
    return sockets.otherwiseEmpty().transform(v -> vertx.close())
      .onComplete(done -> LOG.info("Node {} stopped", config.nodeId()));
  }
}
