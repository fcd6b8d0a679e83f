package io.liveroom.youth;

import io.liveroom.config.YouthConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The youth-mode rules the gated capabilities ask: is the mode on for this user, and may they
 * watch live rooms, talk to the AI, spend or use Nearby now. The mode is derived from the stored
 * settings and the user's age, and cached in Redis for {@value #MODE_TTL_SECONDS} s (every change
 * here overwrites the cache at once; an age change made by accounts shows within the TTL).
 */
public final class YouthService {
  private static final Logger LOG = LoggerFactory.getLogger(YouthService.class);
  static final int MODE_TTL_SECONDS = 30;
  private static final String MODE_KEY = "youth:mode:";

  private final YouthRepository repo;
  private final YouthAccounts accounts;
  private final RedisAPI redis;
  private final YouthConfig config;
  private final Clock clock;
  private final Curfew curfew;
  private final UsageCounter usage;

  YouthService(YouthRepository repo, YouthAccounts accounts, RedisAPI redis, YouthConfig config, Clock clock,
               UsageCounter usage) {
    this.repo = repo;
    this.accounts = accounts;
    this.redis = redis;
    this.config = config;
    this.clock = clock;
    this.curfew = new Curfew(config.curfewStart(), config.curfewEnd());
    this.usage = usage;
  }

  /** The user's youth mode now (cached; PostgreSQL when Redis has none or is unavailable). */
  public Future<YouthMode> mode(long userId) {
    return redis.get(MODE_KEY + userId).map(r -> r == null ? null : decode(r.toString()))
      .otherwise(e -> null)
      .compose(cached -> cached != null ? Future.succeededFuture(cached) : load(userId)
        .onSuccess(m -> cache(userId, m, false)));
  }

  /** The mode from PostgreSQL and accounts, uncached. */
  Future<YouthMode> load(long userId) {
    Future<Boolean> minor = accounts.isMinor(userId);
    Future<java.util.Optional<YouthSettings>> settings = repo.find(userId);
    return Future.all(minor, settings).map(all -> YouthMode.of(minor.result(), settings.result().orElse(null),
      config.defaultTimeZone()));
  }

  /**
   * Caches a mode: readers only fill an empty entry ({@code NX}), so a reader that loaded before a
   * change cannot overwrite the changed mode that the writer stored.
   */
  void cache(long userId, YouthMode m, boolean writer) {
    List<String> args = writer
      ? List.of(MODE_KEY + userId, encode(m), "EX", Integer.toString(MODE_TTL_SECONDS))
      : List.of(MODE_KEY + userId, encode(m), "EX", Integer.toString(MODE_TTL_SECONDS), "NX");
    redis.set(args).onFailure(e -> LOG.warn("Youth mode of user {} not cached: {}", userId, e.getMessage()));
  }

  /** Live rooms (watch, chat): refused in the curfew and past today's live limit. */
  public Future<Void> checkLive(long userId) {
    return checkTimed(userId, UsageKind.LIVE);
  }

  /** AI dialogue (socket and HTTP): refused in the curfew and past today's AI limit. */
  public Future<Void> checkAi(long userId) {
    return checkTimed(userId, UsageKind.AI);
  }

  /** Gifts, recharge, withdrawal and Nearby: refused whenever the mode is on. */
  public Future<Void> checkRestricted(long userId, String what) {
    return mode(userId).compose(m -> m.on()
      ? Future.failedFuture(AppException.of(ErrorCode.YOUTH_MODE_RESTRICTED, what + " is not available in youth mode."))
      : Future.succeededFuture());
  }

  private Future<Void> checkTimed(long userId, UsageKind kind) {
    return mode(userId).compose(m -> {
      if (!m.on()) {
        return Future.succeededFuture();
      }
      AppException refusal = curfewRefusal(m.zone());
      if (refusal != null) {
        return Future.failedFuture(refusal);
      }
      return usage.used(userId, kind, m.zone()).compose(ms -> ms >= kind.limitMs(config)
        ? Future.failedFuture(limitRefusal(kind)) : Future.succeededFuture());
    });
  }

  /** The curfew refusal when the curfew covers now in {@code zone}, else null. */
  AppException curfewRefusal(ZoneId zone) {
    return curfew.covers(clock.instant(), zone) ? AppException.of(ErrorCode.YOUTH_CURFEW,
      "Live rooms and AI dialogue are closed in youth mode from " + config.curfewStart() + " to "
        + config.curfewEnd() + " (" + zone + ").") : null;
  }

  static AppException limitRefusal(UsageKind kind) {
    return AppException.of(ErrorCode.YOUTH_TIME_LIMIT, "Today's youth-mode time for "
      + (kind == UsageKind.LIVE ? "live rooms" : "AI dialogue") + " is used up; it resets at midnight.");
  }

  /** What GET /api/v1/me/youth-mode shows: the mode, the curfew, today's usage and limits. */
  Future<JsonObject> status(long userId) {
    return mode(userId).compose(m -> {
      Future<Long> live = usage.used(userId, UsageKind.LIVE, m.zone());
      Future<Long> ai = usage.used(userId, UsageKind.AI, m.zone());
      return Future.all(live, ai).map(all -> new JsonObject()
        .put("enabled", m.on()).put("reason", m.reason()).put("minor", m.minor())
        .put("passwordSet", m.passwordSet()).put("timeZone", m.zone().getId())
        .put("curfew", new JsonObject().put("start", config.curfewStart().toString())
          .put("end", config.curfewEnd().toString()).put("now", curfew.covers(clock.instant(), m.zone())))
        .put("live", usageJson(live.result(), UsageKind.LIVE))
        .put("ai", usageJson(ai.result(), UsageKind.AI)));
    });
  }

  private JsonObject usageJson(long usedMs, UsageKind kind) {
    return new JsonObject().put("usedSeconds", usedMs / 1000).put("limitMinutes", kind.limitMs(config) / 60_000);
  }

  private static String encode(YouthMode m) {
    return new JsonObject().put("on", m.on()).put("reason", m.reason()).put("minor", m.minor())
      .put("zone", m.zone().getId()).put("passwordSet", m.passwordSet()).encode();
  }

  private static YouthMode decode(String s) {
    JsonObject j = new JsonObject(s);
    return new YouthMode(j.getBoolean("on"), j.getString("reason"), j.getBoolean("minor"), ZoneId.of(j.getString("zone")),
      j.getBoolean("passwordSet"));
  }
}
