package io.liveroom;

import io.liveroom.notification.PushGateway;
import io.liveroom.push.PushService;
import io.vertx.core.json.JsonObject;

import java.util.List;

/** Notifications' pushes, handed to the push capability (wiring only, no rules here). */
final class NotificationPushes implements PushGateway {
  private final PushService push;

  NotificationPushes(PushService push) {
    this.push = push;
  }

  @Override
  public void push(long userId, String kind, String title, String body, JsonObject data) {
    push.push(userId, kind, title, body, data);
  }

  @Override
  public void pushEach(List<Long> userIds, String kind, String title, String body, JsonObject data) {
    push.pushEach(userIds, kind, title, body, data);
  }
}
