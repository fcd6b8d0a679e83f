package io.liveroom.youth;

import io.liveroom.config.YouthConfig;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;

/**
 * Turning youth mode on and off. Tightening is free: anyone may turn it on (an adult sets the
 * separate youth-mode password then). Loosening (turning it off, or moving its time zone while it
 * is on) needs that password from an adult, and the guardian path for a minor: an administrator
 * acting on the guardian's request, with a guardian consent on record and an evidence reference.
 * Every change is audited. Wrong passwords are limited to {@value #MAX_FAILURES} per
 * {@value #FAILURE_WINDOW_SECONDS} s per user, so a child at a shared phone cannot guess it.
 */
final class YouthSwitch {
  private static final Logger LOG = LoggerFactory.getLogger(YouthSwitch.class);
  static final int MAX_FAILURES = 5;
  static final int FAILURE_WINDOW_SECONDS = 900;

  private final YouthRepository repo;
  private final YouthService service;
  private final YouthAccounts accounts;
  private final YouthPasswords passwords;
  private final RedisAPI redis;
  private final YouthConfig config;

  /** What the caller asked: on or off, the password (may be null), the new zone (null = keep). */
  record Change(boolean enabled, String password, String timeZone) {
  }

  private record Current(boolean minor, YouthSettings settings, YouthMode mode) {
  }

  YouthSwitch(YouthRepository repo, YouthService service, YouthAccounts accounts, YouthPasswords passwords,
              RedisAPI redis, YouthConfig config) {
    this.repo = repo;
    this.service = service;
    this.accounts = accounts;
    this.passwords = passwords;
    this.redis = redis;
    this.config = config;
  }

  /** {@code PUT /api/v1/me/youth-mode}, by the user. */
  Future<Void> byUser(long userId, Change c, String ip) {
    return current(userId).compose(now -> {
      YouthSettings s = now.settings();
      String zone = c.timeZone() != null ? c.timeZone() : s == null ? null : s.timeZone();
      boolean zoneMoves = c.timeZone() != null && !c.timeZone().equals(now.mode().zone().getId());
      boolean loosens = now.mode().on() && (!c.enabled() || zoneMoves);
      if (loosens && now.minor()) {
        return Future.failedFuture(AppException.of(ErrorCode.YOUTH_GUARDIAN_REQUIRED,
          "A minor's youth mode is changed only at a guardian's request (see docs/ACCOUNTS.md, Youth mode)."));
      }
      if (loosens) {
        return checkPassword(userId, c.password(), s == null ? null : s.passwordHash())
          .compose(v -> save(userId, now.minor(), new YouthSettings(c.enabled(), c.enabled() ? s.passwordHash() : null,
            zone, null), userId, c.enabled() ? "youth.time_zone" : "youth.off", ip));
      }
      if (c.enabled() && !now.mode().on()) {
        if (now.minor()) { // a guardian had turned it off: turning it back on needs nothing
          return save(userId, true, new YouthSettings(true, s == null ? null : s.passwordHash(), zone, null), userId,
            "youth.on", ip);
        }
        return newPassword(c.password()).compose(phc -> save(userId, false, new YouthSettings(true, phc, zone, null),
          userId, "youth.on", ip));
      }
      if (zoneMoves || (c.timeZone() != null && s == null)) { // off, and staying off: only the zone moves
        return save(userId, now.minor(), new YouthSettings(false, null, zone, s == null ? null : s.guardianEvidenceRef()),
          userId, "youth.time_zone", ip);
      }
      return Future.succeededFuture();
    });
  }

  /**
   * {@code PUT /api/v1/admin/users/{id}/youth-mode}: an administrator acting on a guardian's
   * request (a minor: a guardian consent must be on record) or, for an adult who lost the
   * youth-mode password, after checking who asks. The evidence reference is stored and audited.
   */
  Future<Void> byGuardian(long adminId, long userId, Change c, String evidenceRef, String ip) {
    return accounts.requireAdmin(adminId)
      .compose(v -> current(userId))
      .compose(now -> (now.minor() ? accounts.requireGuardianRecord(userId) : Future.<Void>succeededFuture())
        .compose(v -> {
          YouthSettings s = now.settings();
          String zone = c.timeZone() != null ? c.timeZone() : s == null ? null : s.timeZone();
          String hash = c.enabled() && s != null ? s.passwordHash() : null;
          return save(userId, now.minor(), new YouthSettings(c.enabled(), hash, zone,
            c.enabled() ? null : evidenceRef), adminId, c.enabled() ? "youth.guardian_on" : "youth.guardian_off", ip,
            evidenceRef);
        }));
  }

  private Future<Current> current(long userId) {
    Future<Boolean> minor = accounts.isMinor(userId);
    Future<Optional<YouthSettings>> settings = repo.find(userId);
    return Future.all(minor, settings).map(all -> {
      YouthSettings s = settings.result().orElse(null);
      return new Current(minor.result(), s, YouthMode.of(minor.result(), s, config.defaultTimeZone()));
    });
  }

  private Future<Void> save(long userId, boolean minor, YouthSettings s, long actorId, String action, String ip) {
    return save(userId, minor, s, actorId, action, ip, null);
  }

  private Future<Void> save(long userId, boolean minor, YouthSettings s, long actorId, String action, String ip,
                            String evidenceRef) {
    YouthMode after = YouthMode.of(minor, s, config.defaultTimeZone());
    JsonObject detail = new JsonObject().put("enabled", after.on()).put("timeZone", after.zone().getId());
    if (evidenceRef != null) {
      detail.put("evidenceRef", evidenceRef);
    }
    return repo.save(userId, s, actorId, action, ip, detail).onSuccess(v -> {
      service.cache(userId, after, true);
      LOG.info("Youth mode of user {} is now {} ({}), by user {}", userId, after.on() ? "on" : "off", action, actorId);
    });
  }

  /** A new youth-mode password: 6 to 64 characters, hashed on a worker. */
  private Future<String> newPassword(String password) {
    if (password == null || password.length() < 6 || password.length() > 64) {
      return Future.failedFuture(AppException.validation(List.of(new io.liveroom.error.FieldError("password",
        "invalid", "Turning youth mode on sets its password: 6 to 64 characters."))));
    }
    return passwords.hash(password);
  }

  /** Checks the youth-mode password, counting failures per user in Redis. */
  private Future<Void> checkPassword(long userId, String password, String phc) {
    String key = "youth:pwfail:" + userId;
    return redis.get(key).compose(r -> {
      if (r != null && r.toInteger() >= MAX_FAILURES) {
        return Future.failedFuture(AppException.retryAfter(ErrorCode.RATE_LIMITED,
          "Too many wrong youth-mode passwords; try again later.", FAILURE_WINDOW_SECONDS));
      }
      return passwords.matches(password, phc).compose(ok -> ok ? Future.<Void>succeededFuture()
        : redis.incr(key).compose(n -> redis.expire(List.of(key, Integer.toString(FAILURE_WINDOW_SECONDS))))
          .transform(x -> Future.failedFuture(AppException.of(ErrorCode.YOUTH_PASSWORD_INVALID,
            "The youth-mode password is wrong."))));
    });
  }
}
