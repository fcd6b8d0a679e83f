package io.liveroom;

import io.liveroom.account.AccountsCapability;
import io.liveroom.ai.AiCapability;
import io.liveroom.auth.AccessTokens;
import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.consent.ConsentCapability;
import io.liveroom.geo.NearbyCapability;
import io.liveroom.oidc.OidcCapability;
import io.liveroom.http.HealthCheck;
import io.liveroom.http.HttpRoutes;
import io.liveroom.media.MediaCapability;
import io.liveroom.note.NoteCapability;
import io.liveroom.notification.NotificationCapability;
import io.liveroom.personaldata.PersonalDataRegistry;
import io.liveroom.post.PostCapability;
import io.liveroom.privacy.PrivacyCapability;
import io.liveroom.push.PushCapability;
import io.liveroom.realtime.Namespaces;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RealtimeRoutes;
import io.liveroom.realtime.RealtimeServer;
import io.liveroom.realtime.RpcMethods;
import io.liveroom.reward.RewardsCapability;
import io.liveroom.reward.RoomLookup;
import io.liveroom.room.HotRanking;
import io.liveroom.room.RoomsCapability;
import io.liveroom.social.SocialCapability;
import io.liveroom.web.WebCapability;
import io.liveroom.youth.YouthCapability;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Every capability of a node, built with {@code new} in dependency order: accounts first
 * (everyone authenticates through it), then the real-time core, live rooms, consent, social
 * (follows, blocks, search), Nearby, AI dialogue, rewards, media, notifications, privacy (it reaches everyone's personal data), and the web app last (its
 * pages catch the paths no API route took). Adding a capability
 * is one line in the constructor (or one named step when it plugs into others): the loops below plug in its namespaces, RPC methods, personal
 * data, routes and health checks, and start and stop it. {@link Node} owns the lifecycle around
 * it: clients before, the listener after.
 */
final class Capabilities {
  private static final Logger LOG = LoggerFactory.getLogger(Capabilities.class);

  private final Platform platform;
  private final List<Capability> ordered = new ArrayList<>();
  private final Namespaces namespaces = new Namespaces();
  private final RpcMethods rpcMethods = new RpcMethods();
  private final PersonalDataRegistry personalData = new PersonalDataRegistry();
  private final AccountsCapability accounts;
  private final RealtimeServer realtime;
  private final RoomsCapability rooms;
  private final ConsentCapability consent;
  private final NearbyCapability nearby;
  private final AiCapability ai;
  private final RewardsCapability rewards;
  private final PrivacyCapability privacy;
  private final MediaCapability media;
  private final YouthCapability youth;
  private final SocialCapability social;
  private final PushCapability push;
  private final NotificationCapability notifications;
  private final PostCapability posts;

  /**
   * Constructs every capability, in dependency order. Runs on a worker: constructors read their
   * own resources (scripts, word lists, key files). Nothing starts here.
   */
  Capabilities(Platform platform, AccessTokens accessTokens, NodeSeams seams) {
    this.platform = platform;
    accounts = add(new AccountsCapability(platform, accessTokens));
    add(new OidcCapability(platform, new OidcAccountActions(accounts.externalSignIn()), accounts.bearerAuth()));
    realtime = RealtimeCore.build(platform, accessTokens, accounts, namespaces, rpcMethods);
    youth = add(new YouthCapability(platform, new YouthAccountsAdapter(accounts), realtime,
      accounts.bearerAuth()));
    YouthGates youthGates = meterSubscriptions();
    rooms = add(liveRooms(youthGates));
    consent = add(new ConsentCapability(platform, accounts.bearerAuth()));
    social = add(new SocialCapability(platform, accounts.directory(), accounts.people(), consent.service(), rooms,
      accounts.bearerAuth()));
    SocialBlockChecks blocks = socialIntoAccountsAndRooms();
    nearby = add(nearby(youthGates, blocks));
    ai = add(aiDialogue(youthGates));
    rewards = add(rewards(seams, youthGates, blocks));
    media = add(mediaPictures());
    push = add(mobilePush());
    add(new NoteCapability(platform, new AiNoteAnswers(ai.conversations()),
      new MediaNotePictures(media.references()), accounts.bearerAuth()));
    ai.useImageStore(new MediaAiImages(media.imports()));
    notifications = add(notifications(blocks));
    NotificationSources notices = notificationSources();
    posts = add(posts(notices));
    social.searchPostsWith(posts::search);
    privacy = add(privacy(notices));
    add(new WebCapability(platform.config().web()));
  }

  // The steps of the constructor, in its order: each builds one capability (or one seam) and plugs
  // it into those built before it.

  /** Youth mode gates rooms, Nearby, AI and rewards (through their own seams) and meters live rooms. */
  private YouthGates meterSubscriptions() {
    YouthGates youthGates = new YouthGates(youth.service(), youth.meter());
    realtime.onSubscriptions(youthGates);
    return youthGates;
  }

  private RoomsCapability liveRooms(YouthGates youthGates) {
    RoomsCapability built = new RoomsCapability(platform, realtime,
      channel -> realtime.presenceStats(channel).map(Realtime.PresenceStats::users), accounts.directory(),
      accounts.bearerAuth(), new RoomHosting(accounts.minors()));
    built.gateViewing(youthGates);
    return built;
  }

  /** Profiles show the social section; blocked users may not chat in each other's rooms. */
  private SocialBlockChecks socialIntoAccountsAndRooms() {
    SocialBlockChecks blocks = new SocialBlockChecks(social.blocks());
    accounts.addProfileSection(social.profileSection());
    rooms.refuseChatWhenBlocked(blocks);
    return blocks;
  }

  private NearbyCapability nearby(YouthGates youthGates, SocialBlockChecks blocks) {
    NearbyCapability built = new NearbyCapability(platform, consent.service(), accounts.directory(),
      rooms.regions(platform.pool()), blocks, accounts.bearerAuth());
    built.gateNearby(youthGates);
    return built;
  }

  private AiCapability aiDialogue(YouthGates youthGates) {
    AiCapability built = new AiCapability(platform, realtime, accounts.bearerAuth());
    built.gateDialogue(youthGates);
    return built;
  }

  private RewardsCapability rewards(NodeSeams seams, YouthGates youthGates, SocialBlockChecks blocks) {
    RewardsCapability built = new RewardsCapability(platform, accounts.directory(),
      seams.rooms() != null ? seams.rooms() : giftTargets(rooms),
      seams.realtime() != null ? seams.realtime() : realtime, accounts.bearerAuth());
    built.gateSpending(youthGates);
    built.refuseGiftsWhenBlocked(blocks);
    // Every committed gift warms the room's hot score.
    built.addGiftListener((receipt, hostId, sessionId) ->
      rooms.hot().record(receipt.roomId(), HotRanking.Signal.GIFT, receipt.coins()));
    return built;
  }

  /** Media stores avatars and room covers. */
  private MediaCapability mediaPictures() {
    MediaCapability built = new MediaCapability(platform, accounts.bearerAuth());
    accounts.useAvatarPictures(new MediaAvatars(built.references()));
    rooms.useCoverPictures(new MediaCovers(built.references()));
    return built;
  }

  /** Mobile push: a session that ends (logout, revocation) loses its device tokens. */
  private PushCapability mobilePush() {
    PushCapability built = new PushCapability(platform, accounts.bearerAuth());
    accounts.events().add(new PushSessionEvents(built.devices()));
    return built;
  }

  /**
   * Notifications hand what the user wants pushed to the push capability. A host going live
   * notifies their followers through a durable fan-out job per live session.
   */
  private NotificationCapability notifications(SocialBlockChecks blocks) {
    NotificationCapability built = new NotificationCapability(platform, realtime, accounts.people(), blocks,
      new NotificationPushes(push.service()), accounts.bearerAuth(), social::followerIds);
    rooms.addGoLiveListener(built::goingLive);
    return built;
  }

  /** Notifications hear follows, gifts and moderation through their owners' seams. */
  private NotificationSources notificationSources() {
    NotificationSources notices = new NotificationSources(notifications.notifier());
    social.addFollowListener(notices);
    rewards.addGiftListener(notices);
    rooms.notifyModeration(notices);
    return notices;
  }

  /** Posts: comments, likes and shares notify the post's author. */
  private PostCapability posts(NotificationSources notices) {
    return new PostCapability(platform, accounts.directory(), accounts.people(), consent.service(),
      new SocialPostRelations(social.relations()), new MediaPostPictures(media.references()), rooms.keywords()::current,
      notices, new SocialFeedFollows(social), accounts.bearerAuth());
  }

  /** Privacy reaches everyone's personal data, and notifies the user of its events. */
  private PrivacyCapability privacy(NotificationSources notices) {
    PrivacyCapability built = new PrivacyCapability(platform, personalData, accounts, new PrivacyRoomActions(rooms),
      consent.service(), nearby, new ReportedMedia(media.moderation()), new ReportedPostContent(posts.moderation()));
    built.notifyWith(notices);
    return built;
  }

  private <C extends Capability> C add(C capability) {
    ordered.add(capability);
    return capability;
  }

  /** Gifts go to the room's host: rooms answer who hosts and which session is live. */
  private static RoomLookup giftTargets(RoomsCapability rooms) {
    return roomId -> rooms.room(roomId).map(r -> new RoomLookup.GiftTarget(r.id(), r.hostId(),
      r.currentSessionId() == null ? 0 : r.currentSessionId(), r.live()));
  }

  /**
   * Plugs every capability's namespaces, RPC methods and personal data into the core and privacy,
   * then starts the core and each capability in order, one after another.
   */
  Future<Void> start() {
    for (Capability c : ordered) {
      c.namespaces().forEach(namespaces::register);
      c.rpcMethods().forEach(rpcMethods::register);
      c.personalData().forEach(personalData::add);
      c.retention().forEach(personalData::retain);
    }
    realtime.sampleRedisRtt(() -> platform.redis().ping(List.of()));
    Future<Void> chain = realtime.start();
    for (Capability c : ordered) {
      chain = chain.compose(v -> c.start()
        .onFailure(e -> LOG.error("Capability {} failed to start: {}", c.name(), e.toString())));
    }
    return chain;
  }

  /** The HTTP surface: the real-time endpoint, then every capability's routes, in dependency order. */
  List<HttpRoutes> routes() {
    List<HttpRoutes> routes = new ArrayList<>();
    routes.add(new RealtimeRoutes(realtime, platform.config().realtime(),
      platform.config().realtime().effectiveOrigins(platform.config().http()), platform.config().web().enabled()));
    ordered.forEach(c -> routes.addAll(c.routes()));
    return routes;
  }

  /** What readiness checks beside PostgreSQL and Redis. */
  List<HealthCheck> healthChecks() {
    List<HealthCheck> checks = new ArrayList<>();
    ordered.forEach(c -> checks.addAll(c.healthChecks()));
    return checks;
  }

  /**
   * Stops background work (reverse order), then closes every socket with "shutdown" (SDKs
   * reconnect to another node; their AI generations are cancelled), then drains what capabilities
   * buffer (the cancelled answers, the chat archive), each within the shutdown timeout.
   */
  Future<Void> stop() {
    List<Capability> reversed = new ArrayList<>(ordered);
    Collections.reverse(reversed);
    for (Capability c : reversed) {
      c.stop().onFailure(e -> LOG.warn("Capability {} did not stop cleanly: {}", c.name(), e.toString()));
    }
    int timeout = platform.config().shutdownTimeoutSeconds();
    Future<Void> chain = realtime == null ? Future.succeededFuture() : realtime.shutdown().otherwiseEmpty();
    for (Capability c : reversed) {
      chain = chain.compose(v -> c.drain().timeout(timeout, TimeUnit.SECONDS)
        .onFailure(e -> LOG.warn("Capability {} did not drain within {} s: {}", c.name(), timeout, e.toString()))
        .otherwiseEmpty());
    }
    return chain;
  }

  // The node's accessors (operations and tests reach the capabilities through Node).

  AccountsCapability accounts() {
    return accounts;
  }

  RealtimeServer realtime() {
    return realtime;
  }

  Namespaces namespaces() {
    return namespaces;
  }

  NotificationCapability notifications() {
    return notifications;
  }

  RpcMethods rpcMethods() {
    return rpcMethods;
  }

  PersonalDataRegistry personalData() {
    return personalData;
  }

  RoomsCapability rooms() {
    return rooms;
  }

  ConsentCapability consent() {
    return consent;
  }

  NearbyCapability nearby() {
    return nearby;
  }

  AiCapability ai() {
    return ai;
  }

  RewardsCapability rewards() {
    return rewards;
  }

  PrivacyCapability privacy() {
    return privacy;
  }

  MediaCapability media() {
    return media;
  }

  YouthCapability youth() {
    return youth;
  }

  SocialCapability social() {
    return social;
  }

  PushCapability push() {
    return push;
  }

  PostCapability posts() {
    return posts;
  }
}
