package io.liveroom.room;

import io.liveroom.auth.Principal;
import io.liveroom.account.UserSummary;
import io.liveroom.config.RoomsConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.infra.RedisScript;
import io.liveroom.text.KeywordFilter;
import io.liveroom.text.KeywordList;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules for one chat message into a live room, in the order that costs least: shape and length,
 * the sender (verified, active), the keyword filter (reject or mask), the publish budget, then one
 * atomic Redis script for live / banned / muted / rate limit / slow mode. An accepted message gets
 * its id, the sender's profile and the server time, is queued for PostgreSQL and scores for the hot
 * list. The returned object is what the real-time core publishes.
 */
final class ChatService {
  /** Control characters but line breaks, zero-width spaces (keyword-filter evasion) and bidi overrides. */
  private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]|[\\u200B\\u202A-\\u202E\\u2066-\\u2069]");
  private final RoomsConfig config;
  private final RedisAPI redis;
  private final RedisScript admit = RedisScript.load("lua/room/chat_admit.lua");
  private final Profiles profiles;
  private final KeywordList keywords;
  private final PublishBudget budget;
  private final ChatArchive archive;
  private final HotRanking hot;
  private final MessageIds ids = new MessageIds();
  private final MeterRegistry registry;
  private final Counter accepted;
  private volatile ChatBlocks blocks = ChatBlocks.NONE;
  private final LiveRecovery recovery;

  /**
   * Asked when Redis says a room is not live: true when it is live after all and its Redis state
   * has been rebuilt from PostgreSQL (Redis lost its data), false when "not live" stands.
   */
  interface LiveRecovery {
    Future<Boolean> restore(long roomId);
  }

  ChatService(RoomsConfig config, RedisAPI redis, Profiles profiles, KeywordList keywords, PublishBudget budget,
              ChatArchive archive, HotRanking hot, MeterRegistry registry, LiveRecovery recovery) {
    this.config = config;
    this.redis = redis;
    this.profiles = profiles;
    this.keywords = keywords;
    this.budget = budget;
    this.archive = archive;
    this.hot = hot;
    this.registry = registry;
    this.recovery = recovery;
    this.accepted = Counter.builder("liveroom.room.chat.accepted").description("Chat messages accepted into rooms")
      .register(registry);
  }

  /**
   * Refuses chat between a host and a user with a block either way (set once, while wiring); the
   * last answer per pair carries chat through a database outage.
   */
  void useBlocks(ChatBlocks blocks) {
    this.blocks = new LastKnownBlocks(blocks);
  }

  Future<JsonObject> accept(Principal principal, long roomId, JsonObject data) {
    return admitMessage(principal, roomId, data)
      .onSuccess(m -> accepted.increment())
      .onFailure(e -> Counter.builder("liveroom.room.chat.refused").description("Chat messages refused, by error code")
        .tag("code", e instanceof AppException a ? a.code().code() : "error").register(registry).increment());
  }

  private Future<JsonObject> admitMessage(Principal principal, long roomId, JsonObject data) {
    String text;
    try {
      text = validText(data);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    Future<UserSummary> found = profiles.find(principal.userId());
    Future<Boolean> blocked = blockedByHost(principal.userId(), roomId);
    return Future.all(found, blocked).compose(both -> {
      UserSummary sender = found.result();
      checkSender(sender);
      if (blocked.result()) {
        throw AppException.of(ErrorCode.USER_BLOCKED, "A block between you and this room's host stops your comments here.");
      }
      KeywordFilter.Result filtered = keywords.current().apply(text);
      if (filtered.rejected()) {
        throw AppException.of(ErrorCode.CHAT_BLOCKED_WORD, "The message contains a word that is not allowed here.");
      }
      // Shed before the Redis round trip: under overload that is the work worth saving.
      if (!budget.admit(roomId, Priority.NORMAL)) {
        throw AppException.retryAfter(ErrorCode.ROOM_BUSY,
          "The room is very busy; chat is being thinned. Try again in a moment.", 1);
      }
      return admit(principal.userId(), roomId).map(session -> publication(sender, roomId, session, filtered));
    });
  }

  /** True when the live room's host and the user have a block either way (the host key is set while live). */
  private Future<Boolean> blockedByHost(long userId, long roomId) {
    return redis.get(RoomKeys.host(roomId)).compose(host -> {
      if (host == null || host.toLong() == userId) {
        return Future.succeededFuture(false);
      }
      return blocks.blockedEitherWay(host.toLong(), userId);
    });
  }

  private String validText(JsonObject data) {
    Object raw = data == null ? null : data.getValue("text");
    if (!(raw instanceof String s) || s.isBlank()) {
      throw AppException.of(ErrorCode.CHAT_INVALID, "A chat message is {\"text\": \"...\"} with non-empty text.");
    }
    // Invisible characters can break clients' layout or hide a filtered word; they are dropped.
    String text = CONTROL.matcher(s).replaceAll("").strip();
    if (text.isEmpty()) {
      throw AppException.of(ErrorCode.CHAT_INVALID, "A chat message needs visible text.");
    }
    if (text.codePointCount(0, text.length()) > config.chatMaxLength()) {
      throw AppException.of(ErrorCode.CHAT_TOO_LONG, "A chat message has at most " + config.chatMaxLength() + " characters.")
        .with(java.util.Map.of("maxLength", config.chatMaxLength()));
    }
    return text;
  }

  private void checkSender(UserSummary sender) {
    if (!sender.active()) {
      throw AppException.of(ErrorCode.PERMISSION_DENIED, "This account cannot chat.");
    }
    if (!sender.hasPhone()) {
      throw AppException.of(ErrorCode.PHONE_REQUIRED, "Add a phone number to this account before chatting.");
    }
    if (config.chatVerifiedOnly() && !sender.identityVerified()) {
      throw AppException.of(ErrorCode.CHAT_VERIFIED_ONLY, "Only users with a verified identity can comment.");
    }
  }

  /**
   * Runs the admission script; succeeds with the live session id. A "not live" answer may come from
   * a Redis that lost its data while the room is live in PostgreSQL: then the room's state is
   * rebuilt and the message admitted once more.
   */
  private Future<Long> admit(long userId, long roomId) {
    return runAdmit(userId, roomId).recover(e -> {
      if (!(e instanceof AppException a) || a.code() != ErrorCode.ROOM_NOT_LIVE) {
        return Future.failedFuture(e);
      }
      return recovery.restore(roomId).otherwise(false)
        .compose(live -> live ? runAdmit(userId, roomId) : Future.failedFuture(e));
    });
  }

  private Future<Long> runAdmit(long userId, long roomId) {
    List<String> keys = List.of(RoomKeys.live(roomId), RoomKeys.restriction(roomId, Restriction.BAN, userId),
      RoomKeys.restriction(roomId, Restriction.MUTE, userId), RoomKeys.mods(roomId), RoomKeys.host(roomId),
      RoomKeys.rate(roomId, userId), RoomKeys.slow(roomId), RoomKeys.cooldown(roomId, userId),
      RoomKeys.messages(roomId), RoomKeys.restriction(roomId, Restriction.KICK, userId));
    List<String> args = List.of(Long.toString(userId), Integer.toString(config.chatRateMessages()),
      Long.toString(config.chatRateWindow().toMillis()));
    return admit.run(redis, keys, args).map(r -> {
      int status = r.get(0).toInteger();
      long ttlMs = r.get(1).toLong();
      if (status != 0) {
        throw refusal(status, ttlMs);
      }
      return Long.parseLong(r.get(3).toString());
    });
  }

  static AppException refusal(int status, long ttlMs) {
    long seconds = Math.max(1, (ttlMs + 999) / 1000);
    return switch (status) {
      case 1 -> AppException.of(ErrorCode.ROOM_NOT_LIVE, "The room is not live; chat is closed.");
      case 2 -> AppException.of(ErrorCode.ROOM_BANNED, "You are banned from this room.");
      case 3 -> ttlMs < 0 ? AppException.of(ErrorCode.ROOM_MUTED, "You are muted in this room.")
        : AppException.retryAfter(ErrorCode.ROOM_MUTED, "You are muted in this room.", seconds);
      case 4 -> AppException.retryAfter(ErrorCode.CHAT_RATE_LIMITED, "You are sending messages too fast.", seconds);
      case 5 -> AppException.retryAfter(ErrorCode.CHAT_SLOW_MODE, "Slow mode is on; wait before your next message.", seconds);
      // Kicked: the kick unsubscribes the viewer on every node, after which the core refuses the
      // publish as from a non-subscriber (103). Until that reaches this node the answer is the same,
      // so a kicked viewer's chat gets one code; a resubscribe then says room_kicked (1211) and when.
      case 6 -> AppException.of(ErrorCode.PERMISSION_DENIED, "You were removed from this room.");
      default -> AppException.of(ErrorCode.INTERNAL, "Unexpected chat admission result " + status);
    };
  }

  private JsonObject publication(UserSummary sender, long roomId, long sessionId, KeywordFilter.Result filtered) {
    long id = ids.next();
    Instant now = Instant.now();
    archive.add(new StoredChatMessage(id, roomId, sessionId, sender.id(), filtered.text(), filtered.masked(), now));
    hot.record(roomId, HotRanking.Signal.CHAT, 1);
    return new JsonObject()
      .put("type", "chat")
      .put("id", Long.toString(id))
      .put("text", filtered.text())
      .put("sender", new JsonObject().put("id", sender.id()).put("nickname", sender.nickname())
        .put("avatarUrl", sender.avatarUrl()))
      .put("ts", now.toEpochMilli());
  }
}
