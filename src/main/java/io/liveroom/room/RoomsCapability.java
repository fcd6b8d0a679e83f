package io.liveroom.room;

import io.liveroom.account.UserDirectory;
import io.liveroom.auth.Principal;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.RoomsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.geo.LiveRoomRegions;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.infra.CacheMarker;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.realtime.ChannelNamespace;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod;
import io.liveroom.text.KeywordList;
import io.liveroom.text.SearchTerms;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The live-rooms capability, assembled: its routes, the {@code room} namespace and {@code room.like},
 * and what it hands to the rewards capability ({@link #publisher} for gift publications, {@link #hot} for gift
 * points). {@link #start} loads the keyword list and starts the background loops (chat archive,
 * like aggregation, hot-list flush and decay).
 */
public final class RoomsCapability implements Capability {
  /** How long a sender's profile is used without asking the user directory again. */
  static final Duration PROFILE_TTL = Duration.ofSeconds(10);

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
  private final ChatRepository chatRepository;
  private final ChatHistory chatHistory;
  private final List<HttpRoutes> routes;
  private final RoomPersonalData personalData;
  private final CacheMarker liveCache;
  private final int chatRetentionDays;
  private final ChatService chatService;
  private final RoomSearchRepository search;

  public RoomsCapability(Platform platform, Realtime realtime, ViewerCounter viewers, UserDirectory users,
                         BearerAuth auth, HostEligibility hosting) {
    this(platform.vertx(), platform.pool(), platform.redis(), realtime, viewers, users, auth, hosting,
      platform.config().rooms(), platform.meters(), platform.clock(), platform.config().privacy().chatRetentionDays());
  }

  /** As above, with its own registry and config (tests build a second instance beside a node's). */
  RoomsCapability(Vertx vertx, Pool pool, RedisAPI redis, Realtime realtime, ViewerCounter viewers, UserDirectory users,
                  BearerAuth auth, HostEligibility hosting, RoomsConfig config, MeterRegistry registry, Clock clock, int chatRetentionDays) {
    this.vertx = vertx;
    this.config = config;
    this.chatRetentionDays = chatRetentionDays;
    RoomRepository rooms = new RoomRepository(pool);
    ModerationRepository moderation = new ModerationRepository(pool);
    ChatRepository chat = new ChatRepository(pool);
    this.chatRepository = chat;
    RoomState state = new RoomState(redis);
    PublishBudget budget = new PublishBudget(config.publishBudgetPerSecond(), registry);
    this.publisher = new RoomPublisher(realtime, budget);
    this.hot = new HotRanking(redis, config, viewers, state);
    this.keywords = new KeywordList(config.chatFilterFile());
    this.archive = new ChatArchive(vertx, chat, config.archiveBufferSize(), config.archiveBatchSize(),
      config.archiveFlush(), config.archiveMaxRetryDelay(), registry);
    Profiles profiles = new Profiles(users, PROFILE_TTL, clock);
    this.roomService = new RoomService(rooms, moderation, state, users, hosting, publisher, budget);
    // Live state is a cache of PostgreSQL: rebuilt when Redis lost it (checked every second), and
    // lazily when chat meets a room that Redis thinks is not live while the cache is incomplete.
    this.liveCache = new CacheMarker(vertx, redis, "rooms", () -> roomService.restoreLive());
    ChatService chatService = new ChatService(config, redis, profiles, keywords, budget, archive, hot, registry,
      roomId -> liveCache.present().compose(complete -> {
        if (complete) {
          return Future.succeededFuture(false);
        }
        liveCache.ensure();
        return roomService.restoreIfLive(roomId);
      }));
    this.chatService = chatService;
    this.search = new RoomSearchRepository(pool);
    this.likes = new LikeService(redis, config, publisher, hot);
    this.chatHistory = new ChatHistory(chat, profiles);
    this.namespace = new RoomNamespace(config, rooms, state, chatService, profiles, chatHistory);
    this.statsService = new RoomStatsService(rooms, state, viewers, hot);
    this.moderationService = new ModerationService(rooms, moderation, chat, state, publisher, realtime,
      new PlatformRoles(users), config.kickBan(), config.maxMute());
    this.personalData = new RoomPersonalData(pool, roomService, state);
    this.routes = List.of(
      new RoomRoutes(auth, roomService, statsService, state, new ModerationRoutes(moderationService)),
      new MediaWebhookRoutes(roomService, config.webhookToken()));
  }

  /** Plugs in uploaded pictures as room covers (the bootstrap's media adapter); called once during wiring. */
  public void useCoverPictures(CoverPictures covers) {
    roomService.useCoverPictures(covers);
  }

  @Override
  public String name() {
    return "rooms";
  }

  @Override
  public Future<Void> start() {
    return keywords.start(vertx, config.chatFilterReload()).onSuccess(x -> {
      archive.start();
      likes.start(vertx);
      hot.start(vertx);
      liveCache.watch();
    });
  }

  @Override
  public Future<Void> stop() {
    liveCache.stop();
    return Future.succeededFuture();
  }

  /** Writes the queued chat to PostgreSQL and stops the archive loop (after the sockets closed). */
  @Override
  public Future<Void> drain() {
    return archive.stop();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  /** The {@code room} namespace. */
  @Override
  public List<ChannelNamespace> namespaces() {
    return List.of(namespace);
  }

  /** {@code room.like}. */
  @Override
  public List<RpcMethod> rpcMethods() {
    return List.of(likes);
  }

  /** Who may watch and chat (youth mode), asked before every subscribe and chat message. */
  public void gateViewing(ViewingGate gate) {
    namespace.gate(gate);
  }

  /** For the capability's own tests: the namespace as the core sees it. */
  RoomNamespace namespace() {
    return namespace;
  }

  /** Stored chat is kept {@code privacy.retention.chatDays}. */
  @Override
  public List<RetentionRule> retention() {
    return List.of(new RetentionRule(new ChatRetention(chatRepository), chatRetentionDays));
  }

  /** Chat, restrictions, hosted rooms. */
  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData);
  }

  /**
   * The newest stored chat of a room (oldest first, as {@code chat} publications), for the core to
   * reload a room's history from PostgreSQL when Redis lost it. Messages reach PostgreSQL within the
   * archive's flush interval.
   */
  public Future<List<JsonObject>> recentChat(long roomId, int limit) {
    return chatHistory.recent(roomId, limit);
  }

  public RoomPublisher publisher() {
    return publisher;
  }

  /** Regions of live rooms, for Nearby and the regional hot list. */
  public LiveRoomRegions regions(Pool pool) {
    return new RoomRegions(pool, hot);
  }

  public HotRanking hot() {
    return hot;
  }

  /** Messages accepted but not yet in PostgreSQL (also the {@code liveroom.room.chat.archive.queued} gauge). */
  public int archiveBacklog() {
    return archive.backlog();
  }

  /** Registers a listener told once per new live session (the seam for going-live notifications). */
  public void addGoLiveListener(GoLiveListener listener) {
    roomService.addGoLiveListener(listener);
  }

  // --- For the social capability ---

  /** Refuses chat between a room's host and a user with a block either way (the bootstrap wires social's). */
  public void refuseChatWhenBlocked(ChatBlocks blocks) {
    chatService.useBlocks(blocks);
  }

  /** Who is told when a user is muted, kicked or banned in a room (the bootstrap wires notifications). */
  public void notifyModeration(ModerationNotices notices) {
    moderationService.useNotices(notices);
  }

  /** Rooms whose title or category matches, live ones first, then newest; never closed rooms. */
  public Future<List<Room>> search(SearchTerms terms, int limit) {
    return search.search(terms, limit);
  }

  // --- For the privacy capability ---

  /**
   * The sender deletes their own stored message: its text is erased in PostgreSQL and viewers get a
   * {@code removed} publication. Fails with {@code message_not_found} when the caller sent no stored
   * message with this id (chat reaches PostgreSQL within the archive's flush interval).
   */
  public Future<Void> deleteOwnMessage(long senderId, long messageId) {
    return chatRepository.eraseOwn(messageId, senderId).compose(roomId -> {
      if (roomId == null) {
        return Future.failedFuture(AppException.of(ErrorCode.MESSAGE_NOT_FOUND,
          "You sent no stored message with this id."));
      }
      return publisher.publish(roomId, Priority.CRITICAL, new JsonObject().put("type", "removed")
        .put("id", Long.toString(messageId))).<Void>mapEmpty().otherwiseEmpty();
    });
  }

  /** The room and sender of a stored message, or null (reports resolve their target with it). */
  public Future<JsonObject> storedMessage(long messageId) {
    return chatRepository.findAnyRoom(messageId);
  }

  /** A room as it is now (host, status, live session); fails with {@code room_not_found}. */
  public Future<Room> room(long roomId) {
    return roomService.get(roomId);
  }

  /** The host of a room; fails with {@code room_not_found}. */
  public Future<Long> hostOf(long roomId) {
    return roomService.get(roomId).map(Room::hostId);
  }

  /** Staff mutes a user in a room (reports' "mute" action); rooms' own rules and audit apply. */
  public Future<Void> mute(Principal staff, long roomId, long userId, Duration d) {
    return moderationService.mute(staff, roomId, userId, d);
  }

  /** Staff bans a user from a room for good (reports' "ban" action when the report is about a room). */
  public Future<Void> ban(Principal staff, long roomId, long userId) {
    return moderationService.ban(staff, roomId, userId, null);
  }

  /** An admin closes a room for good (reports' "close room" action). */
  public Future<Void> close(Principal admin, long roomId, String reason) {
    return roomService.close(admin, roomId, reason).mapEmpty();
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

  /** The keyword list (hot-reloaded), which posts and comments share with chat. */
  public KeywordList keywords() {
    return keywords;
  }
}
