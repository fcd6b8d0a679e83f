package io.liveroom.push;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Instant;

/** One registered device token: whose it is, which platform and provider it belongs to, and when it was (re)registered. */
public record PushDevice(long id, long userId, String platform, String provider, String token, String appId,
                         Instant createdAt, Instant updatedAt) {

  static PushDevice from(Row r) {
    return new PushDevice(r.getLong("id"), r.getLong("user_id"), r.getString("platform"), r.getString("provider"),
      r.getString("token"), r.getString("app_id"), r.getOffsetDateTime("created_at").toInstant(),
      r.getOffsetDateTime("updated_at").toInstant());
  }

  /** The API shape; the token is the user's own, so it is shown whole (they need it to unregister). */
  JsonObject toJson() {
    return new JsonObject().put("id", id).put("platform", platform).put("provider", provider).put("token", token)
      .put("appId", appId).put("createdAt", createdAt.toString()).put("updatedAt", updatedAt.toString());
  }

  /** The token's last characters, for logs (a whole token is a credential to reach the phone). */
  String tail() {
    return token.length() <= 8 ? token : "..." + token.substring(token.length() - 8);
  }
}
