package io.liveroom.notification;

import io.liveroom.Node;
import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.Members;
import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonObject;


import static org.assertj.core.api.Assertions.assertThat;

/** Users with tokens, and the HTTP calls of the notification API, against a real node. */
final class NotificationFixtures extends Members {

  NotificationFixtures(Node node) {
    super(node);
  }

  TestHttp.Response follow(Member who, Member whom) {
    TestHttp.Response r = send("PUT", "/api/v1/users/" + whom.id() + "/follow", who);
    assertThat(r.status()).as("follow: %s", r).isEqualTo(200);
    return r;
  }

  JsonObject inbox(Member who, String query) {
    TestHttp.Response r = http.get("/api/v1/me/notifications" + query, who.token());
    assertThat(r.status()).as("inbox: %s", r).isEqualTo(200);
    return r.json();
  }

  long unread(Member who) {
    TestHttp.Response r = http.get("/api/v1/me/notifications/unread-count", who.token());
    assertThat(r.status()).as("unread: %s", r).isEqualTo(200);
    return r.json().getLong("count");
  }

  TestHttp.Response putSettings(Member who, JsonObject body) {
    return http.put("/api/v1/me/notification-settings", body, who.token());
  }

  /** Delivers through the node's own notifier, as the capabilities' adapters do. */
  void notify(Member to, String kind, Member actor, String dedupeKey) {
    RewardFixtures.await(node.notifications().notifier().notify(to.id(), kind, actor == null ? null : actor.id(),
      "test/1", new JsonObject().put("n", 1), dedupeKey));
  }

}
