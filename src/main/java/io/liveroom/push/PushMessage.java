package io.liveroom.push;

import io.vertx.core.json.JsonObject;

/**
 * What one push says: the notification kind (for the app to route the tap), the visible title and
 * body, and a small data object the app reads (ids, deep links). Providers carry {@code data} as
 * string values (FCM requires it), so nested values are sent as their JSON text.
 */
public record PushMessage(String kind, String title, String body, JsonObject data) {
  public PushMessage {
    data = data == null ? new JsonObject() : data.copy();
  }
}
