package io.liveroom;

import io.liveroom.account.AccountsCapability;
import io.liveroom.ai.AiCapability;
import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.JwtSecrets;
import io.liveroom.capability.Platform;
import io.liveroom.config.AppConfig;
import io.liveroom.config.HttpConfig;
import io.liveroom.config.ProductionRules;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.NearbyCapability;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HealthCheck;
import io.liveroom.http.HealthRoutes;
import io.liveroom.http.HttpRoutes;
import io.liveroom.http.HttpVerticle;
import io.liveroom.media.MediaCapability;
import io.liveroom.http.MetricsRoutes;
import io.liveroom.http.OpsRoutes;
import io.liveroom.infra.Database;
import io.liveroom.infra.Migrations;
import io.liveroom.infra.PingRepository;
import io.liveroom.infra.RedisClients;
import io.liveroom.metrics.Metrics;
import io.liveroom.personaldata.PersonalDataRegistry;
import io.liveroom.privacy.PrivacyCapability;
import io.liveroom.notification.NotificationCapability;
import io.liveroom.post.PostCapability;
import io.liveroom.social.SocialCapability;
import io.liveroom.push.PushCapability;
import io.liveroom.realtime.Namespaces;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RealtimeServer;
import io.liveroom.realtime.RpcMethods;
import io.liveroom.reward.RewardsCapability;
import io.liveroom.room.RoomsCapability;
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

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Liveroom node: its own Vert.x instance, pools, capabilities and HTTP listener. Main
 * runs one; the tests run one or two in the same JVM. Start-up is explicit and in order: secrets,
 * migrations, clients, the capabilities ({@link Capabilities}, in dependency order), then the
 * listener on every event loop.
 */
public final class Node {
  private static final Logger LOG = LoggerFactory.getLogger(Node.class);

  private AppConfig config;
  private final Vertx vertx;
  private final Metrics metrics;
  private final Clock clock;
  private final NodeSeams seams;
  private final AtomicBoolean draining = new AtomicBoolean();
  private final List<HttpVerticle> listeners = new CopyOnWriteArrayList<>();
  private final List<HttpVerticle> managementListener = new CopyOnWriteArrayList<>();
  private Pool pool;
  private RedisAPI redis;
  private AccessTokens accessTokens;
  private Capabilities capabilities;

  private Node(AppConfig config, Vertx vertx, Metrics metrics, Clock clock, NodeSeams seams) {
    this.config = config;
    this.seams = seams;
    this.vertx = vertx;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** Starts a node whose PostgreSQL and Redis URLs are already resolved. */
  public static Future<Node> start(AppConfig config) {
    return start(config, Clock.systemUTC());
  }

  /** As {@link #start(AppConfig)}, with the clock that time-bound rules use (tests move it). */
  public static Future<Node> start(AppConfig config, Clock clock) {
    return start(config, clock, NodeSeams.none());
  }

  /** As {@link #start(AppConfig, Clock)}, with test doubles replacing some collaborators. */
  public static Future<Node> start(AppConfig config, Clock clock, NodeSeams seams) {
    String nodeId = config.nodeId().isEmpty() ? "node-" + UUID.randomUUID().toString().substring(0, 8) : config.nodeId();
    AppConfig cfg = config.withNodeId(nodeId);
    Metrics metrics = new Metrics(nodeId);
    int loops = cfg.http().effectiveInstances();
    VertxOptions options = metrics.apply(new VertxOptions().setEventLoopPoolSize(loops));
    Vertx vertx = Vertx.builder().with(options).withMetrics(metrics.vertxFactory())
      .withTransport(transport(cfg.transport())).build();
    Node node = new Node(cfg, vertx, metrics, clock, seams);
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
    ProductionRules.allowedStandInWarnings(config).forEach(LOG::warn);
    metrics.startSampling(vertx);
    return JwtSecrets.resolve(vertx, config.auth(), config.dataDir())
      .compose(auth -> {
        config = config.withAuth(auth);
        accessTokens = new AccessTokens(vertx, auth);
        return Migrations.run(vertx, config.pg().url());
      })
      .compose(applied -> {
        pool = Database.guardedPool(vertx, config.pg()).withMetrics(metrics.registry());
        Redis redisClient = RedisClients.client(vertx, config.redis().url(), config.redis().poolSize());
        redis = RedisClients.api(redisClient);
        Platform platform = new Platform(vertx, pool, redisClient, redis, config, metrics.registry(), clock);
        // Constructors read their capability's resources (scripts, word lists, key files): on a worker.
        return vertx.executeBlocking(() -> new Capabilities(platform, accessTokens, seams), false);
      })
      .compose(built -> {
        capabilities = built;
        return built.start();
      })
      .compose(started -> deployListeners(routes()))
      .compose(done -> deployManagement())
      .map(done -> {
        LOG.info("Node {} ({} mode) listening on {}:{} with {} event loops ({} transport); /metrics on {}",
          config.nodeId(), config.mode(), config.http().host(), httpPort(), config.http().effectiveInstances(),
          vertx.isNativeTransportEnabled() ? "native" : "NIO", config.management().enabled()
            ? "the management listener " + config.management().host() + ":" + managementPort() : "the public port");
        return this;
      });
  }

  /**
   * The public HTTP surface: health and operations first, then every capability. /metrics is here
   * only without a management listener (dev mode; production refuses that).
   */
  private List<HttpRoutes> routes() {
    List<HttpRoutes> routes = new ArrayList<>();
    routes.add(health());
    routes.add(new OpsRoutes());
    if (!config.management().enabled()) {
      routes.add(new MetricsRoutes(metrics.registry()));
    }
    routes.addAll(capabilities.routes());
    return routes;
  }

  /** Readiness: PostgreSQL, Redis, and what the capabilities add; not ready while draining. */
  private HealthRoutes health() {
    List<HealthCheck> checks = new ArrayList<>();
    PingRepository postgres = new PingRepository(pool);
    checks.add(new HealthCheck("postgres", postgres::ping));
    checks.add(new HealthCheck("redis", () -> redis.ping(List.of())));
    checks.addAll(capabilities.healthChecks());
    return new HealthRoutes(checks, draining::get);
  }

  /** The management listener: /metrics and the health checks, on one event loop, not behind the balancer. */
  private Future<?> deployManagement() {
    if (!config.management().enabled()) {
      return Future.succeededFuture();
    }
    List<HttpRoutes> modules = List.of(health(), new MetricsRoutes(metrics.registry()));
    return vertx.deployVerticle(() -> {
      HttpVerticle v = new HttpVerticle(config.management().listener(), modules, config.shutdownTimeoutSeconds());
      managementListener.add(v);
      return v;
    }, new DeploymentOptions().setInstances(1));
  }

  /**
   * One listener per event loop, all on one port. Port 0 ("any free port", as tests ask) would
   * give every instance a free port of its own, and all traffic would reach the first instance's
   * loop only; Vert.x shares one random port among the servers that ask for the same negative port.
   */
  private Future<?> deployListeners(List<HttpRoutes> modules) {
    int instances = config.http().effectiveInstances();
    HttpConfig http = config.http().port() == 0 && instances > 1 ? config.http().withPort(-1) : config.http();
    return vertx.deployVerticle(() -> {
      HttpVerticle v = new HttpVerticle(http, modules, config.shutdownTimeoutSeconds());
      listeners.add(v);
      return v;
    }, new DeploymentOptions().setInstances(instances));
  }

  public int httpPort() {
    return listeners.isEmpty() ? -1 : listeners.get(0).actualPort();
  }

  /** The management listener's port, or -1 when /metrics is on the public port. */
  public int managementPort() {
    return managementListener.isEmpty() ? -1 : managementListener.get(0).actualPort();
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

  public Clock clock() {
    return clock;
  }

  /** The accounts capability: gate, bearer auth, user directory, session events. */
  public AccountsCapability accounts() {
    return capabilities.accounts();
  }

  public BearerAuth bearerAuth() {
    return capabilities.accounts().bearerAuth();
  }

  public Realtime realtime() {
    return capabilities.realtime();
  }

  public RealtimeServer realtimeServer() {
    return capabilities.realtime();
  }

  public Namespaces namespaces() {
    return capabilities.namespaces();
  }

  public RpcMethods rpcMethods() {
    return capabilities.rpcMethods();
  }

  /** Every capability's personal data, as privacy's flows see it. */
  public PersonalDataRegistry personalData() {
    return capabilities.personalData();
  }

  public RewardsCapability rewards() {
    return capabilities.rewards();
  }

  public PrivacyCapability privacy() {
    return capabilities.privacy();
  }

  public io.liveroom.youth.YouthCapability youth() {
    return capabilities.youth();
  }

  public RoomsCapability rooms() {
    return capabilities.rooms();
  }

  public ConsentService consents() {
    return capabilities.consent().service();
  }


  public SocialCapability social() {
    return capabilities.social();
  }

  public PushCapability push() {
    return capabilities.push();
  }

  public NotificationCapability notifications() {
    return capabilities.notifications();
  }

  public PostCapability posts() {
    return capabilities.posts();
  }

  public NearbyCapability nearby() {
    return capabilities.nearby();
  }

  public AiCapability ai() {
    return capabilities.ai();
  }

  public MediaCapability media() {
    return capabilities.media();
  }

  /**
   * Graceful stop: report not-ready (load balancers stop sending), stop the capabilities (sockets
   * closed with "shutdown", buffers drained), then close Vert.x, which shuts the listeners down
   * (in-flight requests get the shutdown timeout) and the clients.
   */
  public Future<Void> stop() {
    draining.set(true);
    LOG.info("Node {} shutting down (timeout {} s)", config.nodeId(), config.shutdownTimeoutSeconds());
    Future<Void> capabilitiesStopped = capabilities == null ? Future.succeededFuture() : capabilities.stop();
    return capabilitiesStopped
      .eventually(() -> vertx.close())
      .onComplete(done -> LOG.info("Node {} stopped", config.nodeId()));
  }
}
