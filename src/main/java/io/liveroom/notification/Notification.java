package io.liveroom.notification;

import io.liveroom.account.UserSummary;
import io.vertx.core.json.JsonObject;

import java.time.OffsetDateTime;

/** One inbox item. {@code actorId} is null when no person caused it, or the actor was erased. */
record Notification(long id, String kind, Long actorId, String subject, JsonObject payload, OffsetDateTime readAt,
                    OffsetDateTime createdAt) {
  /**
   * The item as the API and the personal channel show it. The actor's nickname and avatar are
   * looked up when shown (never stored), and only while the actor's account is active.
   */
  JsonObject toJson(UserSummary actor) {
    JsonObject who = null;
    if (actorId != null) {
      who = new JsonObject().put("id", actorId);
      if (actor != null && actor.active()) {
        who.put("nickname", actor.nickname()).put("avatarUrl", actor.avatarUrl());
      }
    }
    return new JsonObject().put("id", id).put("kind", kind).put("actor", who).put("subject", subject)
      .put("payload", payload).put("read", readAt != null).put("createdAt", createdAt.toInstant().toString());
  }
}
