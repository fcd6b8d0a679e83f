package io.liveroom.room;

import io.liveroom.account.UserDirectory;
import io.liveroom.config.RoomsConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpModule;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.util.List;

/**
 * The live-rooms capability, assembled: what {@code Node} wires into the HTTP listener
 * ({@link #httpModules}), registers with the real-time core ({@link #namespace}, {@link #rpcMethods}),
 * and hands to the rewards capability ({@link #publisher} for gift publications, {@link #hot} for gift
 * points). {@link #start} loads the keyword list and starts the background loops (chat archive,
 * like aggregation, hot-list flush and decay).
 */
public final class Rooms {
  private final Vertx vertx;
  private final RoomsConfig config;
  private final KeywordList keywords;
  private final ChatArchive archive;
  private final HotRanking hot;
  private final LikeService likes;
  private final RoomPublisher publisher;
  private final RoomNamespace namespace;
  private final RoomService roomService;
  private final ModerationService moderationService;
  private final RoomStatsService statsService;
  private final List<HttpModule> httpModules;

  public Rooms(Vertx vertx, Pool pool, RedisAPI redis, Realtime realtime, ViewerCounter viewers, UserDirectory users,
               BearerAuth auth, RoomsConfig config, MeterRegistry registry) {
    this.vertx = vertx;
    this.config = config;
    RoomRepository rooms = new RoomRepository(pool);
    ModerationRepository moderation = new ModerationRepository(pool);
    ChatRepository chat = new ChatRepository(pool);
    RoomState state = new RoomState(redis);
    PublishBudget budget = new PublishBudget(config.publishBudgetPerSecond(), registry);
    this.publisher = new RoomPublisher(realtime, budget);
    this.hot = new HotRanking(redis, config, viewers, state);
    this.keywords = new KeywordList(config.chatFilterFile());
    this.archive = new ChatArchive(vertx, chat, config.archiveBufferSize(), config.archiveBatchSize(),
      config.archiveFlush(), config.archiveMaxRetryDelay(), registry);
    ChatService chatService = new ChatService(config, redis, new Profiles(users), keywords, budget, archive, hot);
    this.likes = new LikeService(redis, config, publisher, hot);
    this.namespace = new RoomNamespace(config, rooms, state, chatService, viewers);
    this.roomService = new RoomService(rooms, moderation, state, users, publisher, budget);
    this.statsService = new RoomStatsService(rooms, state, viewers, hot);
    this.moderationService = new ModerationService(rooms, moderation, chat, state, publisher, realtime,
      config.kickBan(), config.maxMute());
    this.httpModules = List.of(
      new RoomRoutes(auth, roomService, statsService, state),
      new ModerationRoutes(moderationService),
      new MediaWebhookRoutes(roomService, config.webhookToken()));
  }

  public Future<Void> start() {
    return keywords.start(vertx, config.chatFilterReload()).onSuccess(x -> {
      archive.start();
      likes.start(vertx);
      hot.start(vertx);
    });
  }

  /** Stops the archive loop (what is queued is written on the next flush if the node lives on). */
  public void stop() {
    archive.stop();
  }

  public List<HttpModule> httpModules() {
    return httpModules;
  }

  /** Register with the real-time core: the {@code room} namespace. */
  public RoomNamespace namespace() {
    return namespace;
  }

  /** Register with the real-time core: {@code room.like}. */
  public List<RpcMethod> rpcMethods() {
    return List.of(likes);
  }

  public RoomPublisher publisher() {
    return publisher;
  }

  public HotRanking hot() {
    return hot;
  }

  /** Messages accepted but not yet in PostgreSQL (also the {@code liveroom.room.chat.archive.queued} gauge). */
  public int archiveBacklog() {
    return archive.backlog();
  }

  // Package-private parts, for the capability's own tests.
  RoomService lifecycle() {
    return roomService;
  }

  ModerationService moderation() {
    return moderationService;
  }

  RoomStatsService stats() {
    return statsService;
  }

  LikeService likes() {
    return likes;
  }

  ChatArchive archive() {
    return archive;
  }

  KeywordList keywords() {
    return keywords;
  }
}
