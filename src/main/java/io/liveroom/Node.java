package io.liveroom;

import io.liveroom.account.AccessTokens;
import io.liveroom.account.JwtSecrets;
import io.liveroom.account.PgUserDirectory;
import io.liveroom.account.SessionGate;
import io.liveroom.config.AppConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HealthRoutes;
import io.liveroom.http.HttpModule;
import io.liveroom.http.HttpVerticle;
import io.liveroom.http.OpsRoutes;
import io.liveroom.infra.Database;
import io.liveroom.infra.Migrations;
import io.liveroom.infra.RedisClients;
import io.liveroom.metrics.Metrics;
import io.liveroom.reward.RewardsModule;
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
  private final NodeSeams seams;
  private RewardsModule rewards;

  /**
   * TEMPORARY until the accounts branch merges its real {@link SessionGate}: accepts every token
   * whose signature and claims verify (no session revocation check). Only rewards' routes use it.
   */
  static final SessionGate TEMPORARY_TOKEN_ONLY_GATE = principal -> Future.succeededFuture();

  private Node(AppConfig config, Vertx vertx, Metrics metrics, NodeSeams seams) {
    this.config = config;
    this.vertx = vertx;
    this.metrics = metrics;
    this.seams = seams;
  }

  /** Starts a node whose PostgreSQL and Redis URLs are already resolved. */
  public static Future<Node> start(AppConfig config) {
    return start(config, NodeSeams.unwired());
  }

  /** Starts a node with the given collaborators from capabilities not merged here (tests pass doubles). */
  public static Future<Node> start(AppConfig config, NodeSeams seams) {
    String nodeId = config.nodeId().isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeId();
    AppConfig cfg = config.withNodeId(nodeId);
    Metrics metrics = new Metrics(nodeId);
    int loops = cfg.http().effectiveInstances();
    VertxOptions options = metrics.apply(new VertxOptions().setEventLoopPoolSize(loops));
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics.vertxFactory())
      .withTransport(transport(cfg.transport())).build();
    Node node = new Node(cfg, vertx, metrics, seams);
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

    // Rewards (issue 6). The lead wires seams.rooms() to the room service, seams.realtime() to the
    // real-time core, registers rewards.rpcMethods() there, and replaces the temporary gate.
    BearerAuth auth = new BearerAuth(accessTokens, TEMPORARY_TOKEN_ONLY_GATE);
    rewards = new RewardsModule(vertx, pool, redis, new PgUserDirectory(pool), seams.rooms(), seams.realtime(),
      config.rewards(), metrics.registry());
    modules.addAll(rewards.httpModules(auth));
    rewards.start();
    return modules;
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

  public RewardsModule rewards() {
    return rewards;
  }

  /**
   * Graceful stop: report not-ready, shut the listeners down (in-flight work gets the shutdown
   * timeout), then close clients and Vert.x.
   */
  public Future<Void> stop() {
    draining.set(true);
    if (rewards != null) {
      rewards.stop();
    }
    LOG.info("Node {} shutting down (timeout {} s)", config.nodeId(), config.shutdownTimeoutSeconds());
    return vertx.close()
      .onComplete(done -> LOG.info("Node {} stopped", config.nodeId()));
  }
}
