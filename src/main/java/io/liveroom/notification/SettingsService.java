package io.liveroom.notification;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;

/** Per-kind settings, quiet hours, and hosts whose going-live notifications the user muted. */
final class SettingsService {
  /** A user's muted hosts are listed up to this many, newest first. */
  static final int MUTED_LIST_MAX = 1000;

  private final SettingsRepository settings;
  private final PeopleDirectory people;

  SettingsService(SettingsRepository settings, PeopleDirectory people) {
    this.settings = settings;
    this.people = people;
  }

  /** Every kind with its two flags (both on unless the user turned one off), and the quiet hours or null. */
  Future<JsonObject> get(long userId) {
    return settings.settings(userId).compose(stored -> settings.quietHours(userId).map(quiet -> {
      JsonObject kinds = new JsonObject();
      for (String kind : NotificationKinds.ALL) {
        SettingsRepository.KindSetting s = stored.get(kind);
        kinds.put(kind, new JsonObject().put("inApp", s == null || s.inApp()).put("push", s == null || s.push()));
      }
      return new JsonObject().put("kinds", kinds).put("quietHours", quiet == null ? null : quiet.toJson());
    }));
  }

  /** Applies a validated change in one transaction, then answers the settings as they now stand. */
  Future<JsonObject> put(long userId, SettingsRequest change) {
    return settings.pool().withTransaction(tx -> {
      Future<Void> chain = Future.succeededFuture();
      for (SettingsRepository.KindSetting k : change.kinds()) {
        chain = chain.compose(v -> settings.setKind(tx, userId, k));
      }
      return change.quietGiven() ? chain.compose(v -> settings.setQuietHours(tx, userId, change.quiet())) : chain;
    }).compose(v -> get(userId));
  }

  /** Mutes a host's going-live notifications (idempotent); an unknown user is {@code not_found}. */
  Future<Void> mute(long userId, long hostId) {
    if (userId == hostId) {
      return Future.failedFuture(AppException.of(ErrorCode.MUTE_SELF, "You cannot mute yourself."));
    }
    return people.summaries(List.of(hostId)).compose(found -> found.containsKey(hostId)
      ? settings.mute(userId, hostId)
      : Future.failedFuture(AppException.of(ErrorCode.NOT_FOUND, "No such user.")));
  }

  Future<Void> unmute(long userId, long hostId) {
    return settings.unmute(userId, hostId);
  }

  /** The muted hosts, newest first, with their public card while the account is active. */
  Future<JsonObject> muted(long userId) {
    return settings.muted(userId, MUTED_LIST_MAX).compose(rows -> people.summaries(
      rows.stream().map(SettingsRepository.Muted::hostId).toList()).map(users -> {
        JsonArray items = new JsonArray();
        rows.forEach(m -> items.add(new JsonObject().put("user", card(m.hostId(), users))
          .put("since", m.since().toInstant().toString())));
        return new JsonObject().put("items", items);
      }));
  }

  private static JsonObject card(long id, Map<Long, UserSummary> users) {
    UserSummary u = users.get(id);
    JsonObject card = new JsonObject().put("id", id);
    return u == null || !u.active() ? card : card.put("nickname", u.nickname()).put("avatarUrl", u.avatarUrl());
  }
}
