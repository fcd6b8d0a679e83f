package io.liveroom.notification;

import io.liveroom.account.PeopleDirectory;
import io.liveroom.account.UserSummary;
import io.liveroom.realtime.Realtime;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one entry other capabilities notify a user through (via adapters in the bootstrap). One
 * delivery: nothing between two users with a block either way, nothing from a user to themselves,
 * no going-live from a host the user muted; then, when the kind's inbox setting is on, the item is
 * stored (once per user and dedupe key: a repeated delivery stores, publishes and pushes nothing)
 * and published on the user's personal channel (at most once, to connections open at that moment);
 * then, when the kind's push setting is on and it is not the user's quiet hours, it is handed to
 * the {@link PushGateway} (fire-and-forget). With the inbox off for the kind, a push is still made
 * when the push setting allows it, without dedupe (nothing is stored to dedupe against).
 *
 * <p>The future fails only when the settings or the inbox could not be read or written; a failed
 * live publication is logged (the item is in the inbox). Safe from any event loop: every call
 * runs on its caller's clients and completes on its caller's context.
 */
public final class Notifier {
  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  private final InboxRepository inbox;
  private final SettingsRepository settings;
  private final NotificationBlocks blocks;
  private final PeopleDirectory people;
  private final Realtime realtime;
  private final PushGateway push;
  private final Clock clock;

  Notifier(InboxRepository inbox, SettingsRepository settings, NotificationBlocks blocks, PeopleDirectory people,
           Realtime realtime, PushGateway push, Clock clock) {
    this.inbox = inbox;
    this.settings = settings;
    this.blocks = blocks;
    this.people = people;
    this.realtime = realtime;
    this.push = push;
    this.clock = clock;
  }

  /**
   * Notifies {@code userId} of one {@code kind} (see {@link NotificationKinds}). {@code actorId} is
   * who caused it (null: nobody in particular); {@code subject} what it is about
   * ({@code room/<id>}, {@code user/<id>}, {@code post/<id>}); {@code payload} the kind's details
   * (ids and numbers, never names); {@code dedupeKey} makes the delivery idempotent (null: none).
   */
  public Future<Void> notify(long userId, String kind, Long actorId, String subject, JsonObject payload,
                             String dedupeKey) {
    if (actorId != null && actorId == userId) {
      return Future.succeededFuture();
    }
    Future<Boolean> blocked = actorId == null ? Future.succeededFuture(false) : blocks.blockedEitherWay(userId, actorId);
    return blocked.compose(b -> b ? Future.succeededFuture()
      : settings.preferences(userId, kind, actorId).compose(p -> deliver(userId, kind, actorId, subject, payload,
        dedupeKey, p)));
  }

  private Future<Void> deliver(long userId, String kind, Long actorId, String subject, JsonObject payload,
                               String dedupeKey, Preferences p) {
    if (p.actorMuted() && NotificationKinds.GOING_LIVE.equals(kind)) {
      return Future.succeededFuture();
    }
    boolean pushNow = PushDecision.shouldPush(p.push(), p.quiet(), clock.instant());
    if (!p.inApp() && !pushNow) {
      return Future.succeededFuture();
    }
    Future<Optional<Notification>> stored = p.inApp()
      ? inbox.insert(userId, kind, actorId, subject, payload, dedupeKey) : Future.succeededFuture(Optional.empty());
    return stored.compose(row -> {
      if (p.inApp() && row.isEmpty()) {
        return Future.succeededFuture(); // already delivered under this dedupe key
      }
      return actor(actorId).map(actor -> {
        row.ifPresent(n -> publish(userId, n, actor));
        if (pushNow) {
          push.push(userId, kind, PushTexts.title(kind), PushTexts.body(kind, actor), pushData(kind, subject, row));
        }
        return null;
      });
    });
  }

  /** The actor's summary for names; null when there is none or it cannot be read now (the item stays). */
  private Future<UserSummary> actor(Long actorId) {
    if (actorId == null) {
      return Future.succeededFuture(null);
    }
    return people.summaries(List.of(actorId)).map(found -> found.get(actorId)).otherwise(e -> {
      LOG.warn("Notification actor {} could not be looked up: {}", actorId, e.toString());
      return null;
    });
  }

  private void publish(long userId, Notification n, UserSummary actor) {
    JsonObject data = new JsonObject().put("type", "notification").put("notification", n.toJson(actor));
    realtime.publish(realtime.personalChannel(userId), data).onFailure(e ->
      LOG.warn("Notification {} of user {} stored but not published live: {}", n.id(), userId, e.toString()));
  }

  private static JsonObject pushData(String kind, String subject, Optional<Notification> row) {
    JsonObject data = new JsonObject().put("kind", kind).put("subject", subject);
    row.ifPresent(n -> data.put("notificationId", n.id()));
    return data;
  }
  /**
   * A committed batch of the going-live fan-out: the rows are stored (exactly once, by the job); here
   * each user gets the live publication on their personal channel and, where their push setting and
   * quiet hours allow, a push. The batch's preferences are read in one query; failures are logged,
   * never thrown (delivery is at most once, the inbox row is the durable part).
   */
  void goingLiveBatch(GoingLive live, List<Long> userIds) {
    String kind = NotificationKinds.GOING_LIVE;
    String subject = "room/" + live.roomId();
    actor(live.hostId()).onSuccess(host -> {
      JsonObject item = new JsonObject().put("kind", kind).put("subject", subject)
        .put("payload", new JsonObject().put("roomId", live.roomId()).put("sessionId", live.sessionId()))
        .put("actor", new JsonObject().put("id", live.hostId())).put("read", false)
        .put("createdAt", clock.instant().toString());
      if (host != null && host.active()) {
        item.getJsonObject("actor").put("nickname", host.nickname()).put("avatarUrl", host.avatarUrl());
      }
      // One encoded publication for the whole batch; only the channel differs per follower.
      JsonObject data = new JsonObject().put("type", "notification").put("notification", item);
      for (long userId : userIds) {
        realtime.publish(realtime.personalChannel(userId), data)
          .onFailure(e -> LOG.debug("Going-live of user {} not published live: {}", userId, e.toString()));
      }
      settings.preferencesOf(userIds, kind, live.hostId()).onSuccess(prefs -> {
        Instant now = clock.instant();
        List<Long> pushed = new ArrayList<>();
        prefs.forEach((userId, p) -> {
          if (!p.actorMuted() && PushDecision.shouldPush(p.push(), p.quiet(), now)) {
            pushed.add(userId);
          }
        });
        // One push call for the batch: the gateway reads all of their devices in one query.
        push.pushEach(pushed, kind, PushTexts.title(kind), PushTexts.body(kind, host),
          new JsonObject().put("kind", kind).put("subject", subject));
      }).onFailure(e -> LOG.warn("Going-live pushes of host {} session {} not decided: {}", live.hostId(),
        live.sessionId(), e.toString()));
    });
  }
}
