package io.liveroom.notification;

import io.liveroom.reward.RewardFixtures;
import io.liveroom.support.Await;
import io.liveroom.support.LiveNode;
import io.liveroom.support.Members;
import io.liveroom.support.Members.Member;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestSocket;
import io.liveroom.support.TestUsers;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gift and cancellation notices, end to end: the event happens through the public API, and the
 * inbox item and the personal-channel publication carry the kind, subject and payload docs/PROTOCOL.md
 * lists for them.
 */
@DisplayName("Rewards' gifts and privacy's cancellations notify the user through their own seams")
class NotificationEventsTest {
  @RegisterExtension
  static final LiveNode node = LiveNode.builder().resetEachTest().build();
  private NotificationFixtures app;

  @BeforeEach
  void fixtures() {
    app = new NotificationFixtures(node.get());
  }

  private static JsonObject notificationPub(TestSocket ws, String personal) {
    return ws.awaitPush(p -> personal.equals(p.getString("channel")) && p.containsKey("pub")
        && "notification".equals(p.getJsonObject("pub").getJsonObject("data").getString("type")))
      .getJsonObject("pub").getJsonObject("data").getJsonObject("notification");
  }

  private long liveRoom(Member host) {
    TestHttp.Response room = app.http.post("/api/v1/rooms", new JsonObject().put("title", "Show").put("category", "music"),
      host.token());
    assertThat(room.status()).as("%s", room).isIn(200, 201);
    long roomId = room.json().getJsonObject("room").getLong("id");
    TestHttp.Response started = app.http.post("/api/v1/rooms/" + roomId + "/start", null, host.token());
    assertThat(started.status()).as("start: %s", started).isEqualTo(200);
    return roomId;
  }

  @Test
  @DisplayName("A committed gift puts a gift_received item (sender, room, gift, count, coins) in the host's inbox and publishes the same item live")
  void giftReceived() {
    Member host = app.user("host");
    Member fan = app.user("fan");
    long roomId = liveRoom(host);
    long rose = RewardFixtures.gift(node.get(), "notice-rose-" + UUID.randomUUID().toString().substring(0, 8), 10);
    RewardFixtures.credit(node.get(), fan.id(), 100);
    try (TestSocket ws = node.socket()) {
      String personal = ws.connect(host.token()).getJsonObject("subs").fieldNames().iterator().next();
      TestHttp.Response gift = app.http.post("/api/v1/rooms/" + roomId + "/gifts", new JsonObject().put("giftId", rose)
        .put("count", 3).put("requestId", "notice-" + UUID.randomUUID().toString().substring(0, 8)), fan.token());
      assertThat(gift.status()).as("gift: %s", gift).isEqualTo(200);

      JsonObject live = notificationPub(ws, personal);
      assertThat(live.getString("kind")).isEqualTo("gift_received");
      assertThat(live.getString("subject")).isEqualTo("room/" + roomId);
      assertThat(live.getJsonObject("actor").getLong("id")).isEqualTo(fan.id());
      assertThat(live.getJsonObject("actor").getString("nickname")).isEqualTo("fan");
      assertThat(live.getJsonObject("payload")).isEqualTo(new JsonObject().put("roomId", roomId).put("giftId", rose)
        .put("count", 3).put("coins", 30));
      assertThat(live.getBoolean("read")).isFalse();
      assertThat(live.getString("createdAt")).isNotBlank();

      JsonArray items = app.inbox(host, "").getJsonArray("items");
      assertThat(items).hasSize(1);
      assertThat(items.getJsonObject(0)).as("the live item is the stored one").isEqualTo(live);
      assertThat(app.inbox(fan, "").getJsonArray("items")).as("the sender is not notified").isEmpty();
    }
  }

  @Test
  @DisplayName("A cancellation puts a cancellation_scheduled item (eraseAfter, no actor) in the inbox; the user's sockets are closed first, so it is read after withdrawing")
  void cancellationScheduled() {
    TestHttp http = app.http;
    TestUser u = TestUsers.register(http);
    try (TestSocket ws = node.socket()) {
      ws.connect(u.accessToken());
      TestHttp.Response cancel = http.post("/api/v1/me/cancellation", new JsonObject().put("password", u.password()),
        u.accessToken());
      assertThat(cancel.status()).as("cancel: %s", cancel).isEqualTo(202);
      String eraseAfter = cancel.json().getString("eraseAfter");
      ws.awaitClose();
      assertThat(ws.isClosed()).as("the frozen account's socket is closed").isTrue();
      Await.until("the item stored", 10, () -> Members.count(
        "SELECT count(*) FROM notifications WHERE user_id = ? AND kind = 'cancellation_scheduled'", u.id()) == 1);

      String withdrawal = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
        .put("password", u.password())).json().getString("withdrawalToken");
      assertThat(http.send("DELETE", "/api/v1/me/cancellation", null, Map.of("X-Withdrawal-Token", withdrawal)).status())
        .as("withdraw").isEqualTo(200);
      String back = http.post("/api/v1/auth/login", new JsonObject().put("phone", u.phone())
        .put("password", u.password())).json().getString("accessToken");

      JsonArray items = http.get("/api/v1/me/notifications", back).json().getJsonArray("items");
      assertThat(items).hasSize(1);
      JsonObject item = items.getJsonObject(0);
      assertThat(item.getString("kind")).isEqualTo("cancellation_scheduled");
      assertThat(item.getString("subject")).isEqualTo("account/" + u.id());
      assertThat(item.getValue("actor")).as("nobody in particular").isNull();
      assertThat(item.getJsonObject("payload")).isEqualTo(new JsonObject().put("eraseAfter", eraseAfter));
      assertThat(item.getLong("id")).isPositive();
    }
  }
}
