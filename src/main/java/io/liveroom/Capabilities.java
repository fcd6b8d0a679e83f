package io.liveroom;

import io.liveroom.auth.AccessTokens;
import io.liveroom.account.AccountsModule;
import io.liveroom.ai.AiModule;
import io.liveroom.ai.AiPersonalData;
import io.liveroom.ai.DialogueService;
import io.liveroom.config.AppConfig;
import io.liveroom.consent.ConsentRoutes;
import io.liveroom.consent.ConsentService;
import io.liveroom.geo.NearbyCapability;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.infra.RedisClients;
import io.liveroom.metrics.Metrics;
import io.liveroom.privacy.PrivacyModule;
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
import io.liveroom.reward.RewardsModule;
import io.liveroom.reward.RewardsPersonalData;
import io.liveroom.reward.RoomLookup;
import io.liveroom.room.HotRanking;
import io.liveroom.room.Rooms;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every capability of a node, built with {@code new} and wired to each other in dependency order:
 * accounts first (everyone authenticates through it), then the real-time core, live rooms,
 * consent and Nearby, AI dialogue, rewards, and privacy last (it reaches everyone's personal data).
 * {@link Node} owns the lifecycle around it: clients before, the listener after.
 */
final class Capabilities {
  private static final Logger LOG = LoggerFactory.getLogger(Capabilities.class);

  private final Vertx vertx;
  private final AppConfig config;
  private final Pool pool;
  private final Redis redisClient;
  private final RedisAPI redis;
  private final AccessTokens accessTokens;
  private final Metrics metrics;
  private final Clock clock;
  private final NodeSeams seams;
  final Namespaces namespaces = new Namespaces();
  final RpcMethods rpcMethods = new RpcMethods();
  AccountsModule accounts;
  RealtimeServer realtime;
  Rooms rooms;
  ConsentService consents;
  NearbyCapability nearby;
  AiModule ai;
  DialogueService aiChat;
  RewardsModule rewards;
  PrivacyModule privacy;

  Capabilities(Vertx vertx, AppConfig config, Pool pool, Redis redisClient, RedisAPI redis, AccessTokens accessTokens,
               Metrics metrics, Clock clock, NodeSeams seams) {
    this.vertx = vertx;
    this.config = config;
    this.pool = pool;
    this.redisClient = redisClient;
    this.redis = redis;
    this.accessTokens = accessTokens;
    this.metrics = metrics;
    this.clock = clock;
    this.seams = seams;
  }

  Future<Capabilities> wire() {
    return AccountsModule.create(vertx, pool, redis, config, accessTokens, metrics.registry(), clock)
      .compose(acc -> {
        accounts = acc;
        return wireRealtime();
      })
      .compose(wired -> wireRooms())
      .compose(wired -> wireConsentAndNearby())
      .compose(wired -> wireAi())
      .map(wired -> wireRewards())
      .map(wired -> wirePrivacy())
      .map(this);
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
      accounts.bearerAuth(), config.rooms(), metrics.registry(), clock);
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
      DialogueService chat = module.chat(realtime);
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
    privacy = new PrivacyModule(vertx, pool, redis, config, accounts, new PrivacyRoomActions(rooms), consents, nearby,
      clock);
    privacy.register(rooms.personalData());
    AiPersonalData aiData = new AiPersonalData(pool);
    privacy.register(aiData).retain(aiData, config.privacy().aiRetentionDays());
    privacy.register(new RewardsPersonalData(pool));
    privacy.start();
    return privacy;
  }

  /** The capabilities' HTTP surface (the real-time endpoint included), in dependency order. */
  List<HttpRoutes> httpModules() {
    BearerAuth auth = accounts.bearerAuth();
    List<HttpRoutes> modules = new ArrayList<>();
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

  /**
   * Stops background work, then closes every socket with "shutdown" (SDKs reconnect to another
   * node; their AI generations are cancelled), and drains what capabilities buffer (the cancelled
   * answers, the chat archive), each within the shutdown timeout.
   */
  Future<Void> stop() {
    if (privacy != null) {
      privacy.stop();
    }
    if (rewards != null) {
      rewards.stop();
    }
    if (accounts != null) {
      accounts.stop();
    }
    if (ai != null) {
      ai.stop();
    }
    int timeout = config.shutdownTimeoutSeconds();
    Future<Void> sockets = realtime == null ? Future.succeededFuture() : realtime.shutdown().otherwiseEmpty();
    return sockets
      .compose(v -> aiChat == null ? Future.<Void>succeededFuture()
        : aiChat.drain().timeout(timeout, TimeUnit.SECONDS).otherwiseEmpty())
      .compose(v -> rooms == null ? Future.<Void>succeededFuture()
        : rooms.stop().timeout(timeout, TimeUnit.SECONDS).otherwiseEmpty());
  }
}
