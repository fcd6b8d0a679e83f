package io.liveroom.notification;

import io.vertx.core.json.JsonObject;

import java.util.List;

/**
 * Sends a notification to the user's mobile devices. Fire-and-forget: the implementation queues
 * the push, retries provider failures with backoff on its own, and never fails or slows the
 * caller; a push that cannot be delivered is dropped by the implementation (the inbox still holds
 * the item). Called only after notifications decided the user wants it (the kind's push setting
 * on, outside quiet hours). Must not block.
 */
public interface PushGateway {
  void push(long userId, String kind, String title, String body, JsonObject data);

  /**
   * The same message to each of {@code userIds}, with the same contract as {@link #push}; for a
   * batch (the going-live fan-out), so the implementation can look all of them up at once instead
   * of costing a database round trip per user.
   */
  void pushEach(List<Long> userIds, String kind, String title, String body, JsonObject data);
}
