package io.liveroom;

import io.liveroom.account.AccessTokens;
import io.liveroom.account.AccountsModule;
import io.liveroom.account.JwtSecrets;
import io.liveroom.account.RealtimeSessionEvents;
import io.liveroom.ai.AiModule;
import io.liveroom.ai.AiPersonalData;
import io.liveroom.ai.ChatService;
import io.liveroom.config.AppConfig;
import io.liveroom.consent.ConsentRoutes;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.NearbyCapability;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HealthRoutes;
import io.liveroom.http.HttpModule;
import io.liveroom.http.HttpVerticle;
import io.liveroom.http.OpsRoutes;
import io.liveroom.infra.Database;
import io.liveroom.infra.Migrations;
import io.liveroom.infra.RedisClients;
import io.liveroom.metrics.Metrics;
import io.liveroom.privacy.PrivacyModule;
import io.liveroom.reward.RewardsModule;
import io.liveroom.reward.RewardsPersonalData;
import io.liveroom.reward.RoomLookup;
import io.liveroom.room.HotRanking;
import io.liveroom.realtime.BenchmarkNamespace;
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
import io.liveroom.room.Rooms;
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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One running Liveroom node: its own Vert.x instance, pools, services and HTTP listener. Main runs
 * one; the tests run one or two in the same JVM. The wiring is explicit and in order: clients,
 * migrations, then each capability in dependency order (accounts first: everyone authenticates
 * through it), then the listener.
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
  private Pool pool;
  private Redis redisClient;
  private RedisAPI redis;
  private AccessTokens accessTokens;
  private AccountsModule accounts;
  private RealtimeServer realtime;
  private final Namespaces namespaces = new Namespaces();
  private final RpcMethods rpcMethods = new RpcMethods();
  private Rooms rooms;
  private ConsentService consents;
  private NearbyCapability nearby;
  private AiModule ai;
  private PrivacyModule privacy;
  private RewardsModule rewards;
  private ChatService aiChat;

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
        return AccountsModule.create(vertx, pool, redis, config, accessTokens, clock);
      })
      .compose(acc -> {
        accounts = acc;
        return wireRealtime();
      })
      .compose(wired -> wireRooms())
      .compose(wired -> wireConsentAndNearby())
      .compose(wired -> wireAi())
      .map(wired -> wireRewards())
      .map(wired -> wirePrivacy())
      .compose(wired -> deployListeners(modules()))
      .map(done -> {
        LOG.info("Node {} listening on {}:{} with {} event loops ({} transport)", config.nodeId(),
          config.http().host(), httpPort(), config.http().effectiveInstances(),
          vertx.isNativeTransportEnabled() ? "native" : "NIO");
        return this;
      });
  }

  /**
   * The real-time core, authenticating sockets through the accounts gate. A revoked session or a
   * disabled account closes that user's sockets on every node. Capabilities register their
   * namespaces and RPC methods on it before the listener starts.
   */
  private Future<?> wireRealtime() {
    boolean redisBroker = "redis".equals(config.realtime().broker());
    Broker broker = redisBroker
      ? new RedisBroker(vertx, redisClient, RedisClients.options(config.redis().url(), config.redis().poolSize()))
      : new MemoryBroker();
    PresenceStore presence = redisBroker ? new RedisPresence(redisClient) : new MemoryPresence();
    realtime = new RealtimeServer(vertx, config.nodeId(), config.realtime(), broker, presence, accessTokens,
      accounts.gate(), namespaces, rpcMethods, metrics.registry());
    realtime.sampleRedisRtt(() -> redis.ping(List.of()));
    if (config.realtime().benchmarkNamespace()) {
      LOG.warn("realtime.benchmarkNamespace is on: anyone with a token may publish in bench:* (benchmark stand-in)");
      namespaces.register(new BenchmarkNamespace());
    }
    accounts.events().add(new RealtimeSessionEvents(realtime));
    return realtime.start();
  }

  private Future<?> wireRooms() {
    rooms = new Rooms(vertx, pool, redis, realtime,
      channel -> realtime.presenceStats(channel).map(Realtime.PresenceStats::users), accounts.directory(),
      accounts.bearerAuth(), config.rooms(), metrics.registry());
    namespaces.register(rooms.namespace());
    rooms.rpcMethods().forEach(rpcMethods::register);
    return rooms.start();
  }

  /** Consent (asked by every capability) and Nearby. */
  private Future<?> wireConsentAndNearby() {
    consents = new ConsentService(pool);
    return NearbyCapability.create(vertx, pool, redis, config.nearby(), consents, accounts.directory(),
      rooms.regions(pool), clock).onSuccess(n -> nearby = n);
  }

  /** AI dialogue: ai.chat / ai.cancel over the socket; a closed connection cancels its generations. */
  private Future<?> wireAi() {
    return AiModule.create(vertx, config.ai(), pool, redis, metrics.registry()).onSuccess(module -> {
      ai = module;
      ChatService chat = module.chat(realtime);
      aiChat = chat;
      AiModule.rpcMethods(chat).forEach(rpcMethods::register);
      realtime.onConnectionClosed(chat::disconnected);
    });
  }

  /**
   * Rewards: gifts go to the room's host (rooms answer who hosts and which session is live), the
   * gift publication goes through the core, gift.send is an RPC, and every committed gift warms
   * the room's hot score.
   */
  private RewardsModule wireRewards() {
    RoomLookup roomLookup = seams.rooms() != null ? seams.rooms() : roomId -> rooms.room(roomId)
      .map(r -> new RoomLookup.GiftTarget(r.id(), r.hostId(),
        r.currentSessionId() == null ? 0 : r.currentSessionId(), r.live()));
    Realtime publications = seams.realtime() != null ? seams.realtime() : realtime;
    rewards = new RewardsModule(vertx, pool, redis, accounts.directory(), roomLookup, publications,
      config.rewards(), metrics.registry());
    rewards.rpcMethods().forEach(rpcMethods::register);
    rewards.addGiftListener((receipt, hostId, sessionId) ->
      rooms.hot().record(receipt.roomId(), HotRanking.Signal.GIFT, receipt.coins()));
    rewards.start();
    return rewards;
  }

  /**
   * Privacy rights, last: it reaches every capability's personal data through the
   * PersonalDataSource each one registers here, before start().
   */
  private PrivacyModule wirePrivacy() {
    privacy = new PrivacyModule(vertx, pool, redis, config, accounts, rooms, consents, nearby, clock);
    AiPersonalData aiData = new AiPersonalData(pool);
    privacy.register(aiData).retain(aiData, config.privacy().aiRetentionDays());
    privacy.register(new RewardsPersonalData(pool));
    privacy.start();
    return privacy;
  }

  /** The HTTP surface, in dependency order. */
  private List<HttpModule> modules() {
    BearerAuth auth = accounts.bearerAuth();
    List<HttpModule> modules = new ArrayList<>();
    modules.add(new HealthRoutes(pool, redis, draining::get));
    modules.add(new OpsRoutes(metrics.registry()));
    modules.add(new RealtimeRoutes(realtime, config.realtime(), config.realtime().effectiveOrigins(config.http())));
    modules.addAll(accounts.routes());
    modules.addAll(rooms.httpModules());
    modules.add(new ConsentRoutes(consents, auth));
    modules.addAll(nearby.modules(auth));
    modules.addAll(ai.httpModules(auth));
    modules.addAll(rewards.httpModules(auth));
    modules.addAll(privacy.routes());
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

  public Clock clock() {
    return clock;
  }

  /** The accounts capability: gate, bearer auth, user directory, session events. */
  public AccountsModule accounts() {
    return accounts;
  }

  public BearerAuth bearerAuth() {
    return accounts.bearerAuth();
  }

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

  public RewardsModule rewards() {
    return rewards;
  }

  public PrivacyModule privacy() {
    return privacy;
  }

  public Rooms rooms() {
    return rooms;
  }

  public ConsentService consents() {
    return consents;
  }

  public NearbyCapability nearby() {
    return nearby;
  }

  public AiModule ai() {
    return ai;
  }

  /**
   * Graceful stop: report not-ready, close every socket with "shutdown" (SDKs reconnect to another
   * node; their AI generations are cancelled), drain what capabilities buffer (the cancelled
   * answers, the chat archive), then close Vert.x, which shuts the listeners down (in-flight work
   * gets the shutdown timeout) and the clients.
   */
  public Future<Void> stop() {
    draining.set(true);
    if (privacy != null) {
      privacy.stop();
    }
    if (rewards != null) {
      rewards.stop();
    }
    LOG.info("Node {} shutting down (timeout {} s)", config.nodeId(), config.shutdownTimeoutSeconds());
    Future<Void> sockets = realtime == null ? Future.succeededFuture() : realtime.shutdown().otherwiseEmpty();
    return sockets
      .compose(v -> aiChat == null ? Future.<Void>succeededFuture()
        : aiChat.drain().timeout(config.shutdownTimeoutSeconds(), TimeUnit.SECONDS).otherwiseEmpty())
      .compose(v -> rooms == null ? Future.<Void>succeededFuture()
        : rooms.stop().timeout(config.shutdownTimeoutSeconds(), TimeUnit.SECONDS).otherwiseEmpty())
      .eventually(() -> vertx.close())
      .onComplete(done -> LOG.info("Node {} stopped", config.nodeId()));
  }
}
